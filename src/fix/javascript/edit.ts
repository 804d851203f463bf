/**
 * Text edits on the user's code: fixers describe small replacements at
 * offsets of the parsed snippet, so everything they do not touch (comments,
 * blank lines, indentation, quotes) stays exactly as the user wrote it.
 */
import type * as TS from 'typescript';
import type { SnippetFinding } from '../../evidence/types.js';
import type { FixOutput } from '../types.js';
import { buildModel, enclosingFunction, functionName, isAsync, isFunctionLike, type FunctionLike, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { isInside } from '../../evidence/javascript/snippet/where.js';
import { syntaxErrorCount } from '../../evidence/javascript/snippet/parse.js';
import { words, type Phrase } from '../../evidence/types.js';

/** The first non-whitespace position at or after `pos`. */
export function skipSpace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping edits; null when two edits overlap (the fix would be
 * ambiguous). `offset` converts tree positions to positions in `text`.
 */
export function applyEdits(text: string, edits: readonly Edit[], offset = 0): string | null {
  const unique = dedupe(edits).map((e) => (offset === 0 ? e : { start: e.start - offset, end: e.end - offset, text: e.text }));
  if (unique.some((e) => e.start < 0 || e.end > text.length)) return null;
  const sorted = [...unique].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) return null;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

function dedupe(edits: readonly Edit[]): Edit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.start}:${e.end}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The fixed code, or null when it has more syntax errors than the input had. */
function checked(original: string, fixed: string | null): string | null {
  if (fixed === null || fixed === original) return null;
  return syntaxErrorCount(fixed) <= syntaxErrorCount(original) ? fixed : null;
}

/** The node of a kind at the span a finding recorded (`data.start`/`data.end`). */
export function nodeAt<T extends TS.Node>(model: SnippetModel, start: number, end: number | null, test: (n: TS.Node) => n is T): T | null {
  const { ts, sourceFile } = model;
  let found: T | null = null;
  const visit = (node: TS.Node): void => {
    if (found !== null || node.pos > start || node.end < start) return;
    if (node.getStart(sourceFile) === start && (end === null || node.end === end) && test(node)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

/** A position a finding recorded (`data.start`, …), converted to a position in the parsed tree. */
export function num(finding: SnippetFinding, key: string, model: SnippetModel): number | null {
  const v = finding.data?.[key];
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isInteger(n) ? n + model.offset : null;
}

export function findingsOf(findings: readonly SnippetFinding[], ids: readonly string[]): SnippetFinding[] {
  return findings.filter((f) => ids.includes(f.detector));
}

export interface FindingSpan {
  finding: SnippetFinding;
  start: number;
  end: number;
}

/** The findings with the span each recorded (`data.start`/`data.end`), in tree positions; findings without one are left out. */
export function spansOf(findings: readonly SnippetFinding[], model: SnippetModel): FindingSpan[] {
  const spans: FindingSpan[] = [];
  for (const finding of findings) {
    const start = num(finding, 'start', model);
    const end = num(finding, 'end', model);
    if (start !== null && end !== null) spans.push({ finding, start, end });
  }
  return spans;
}

/**
 * A fixer's answer: its edits applied to the user's code, and the parts of its
 * note joined into one sentence ("Added …; made … async."). Null when there is
 * no edit, or the fixed code would parse worse than the user's.
 */
export function fixOutput(code: string, model: SnippetModel, edits: readonly Edit[], noteParts: readonly Phrase[]): FixOutput | null {
  if (edits.length === 0) return null;
  const fixed = checked(code, applyEdits(code, edits, model.offset));
  if (fixed === null) return null;
  return { code: fixed, note: words('fix.sentence', { parts: [...noteParts] }) };
}

export function parse(code: string): SnippetModel {
  return buildModel(code);
}

/** Leading whitespace of the line a position is on. */
export function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(lineStart));
  return m ? m[0] : '';
}

/** The snippet's indentation unit: a tab, or the smallest run of leading spaces (2 by default). */
export function indentUnit(text: string): string {
  let smallest = Infinity;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) return '\t';
    const m = /^( +)\S/.exec(line);
    if (m && (m[1] as string).length < smallest) smallest = (m[1] as string).length;
  }
  return ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
}

/** `{`, one statement on its own line one indentation unit deeper than the line `pos` is on, `}`. */
export function bracedBlock(text: string, pos: number, statement: string): string {
  const indent = indentAt(text, pos);
  return `{\n${indent}${indentUnit(text)}${statement}\n${indent}}`;
}

/** Whether code awaits in `node` itself: an `await` or `for await` outside any nested function. */
export function containsAwait(ts: SnippetModel['ts'], node: TS.Node): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionLike(ts, n)) return;
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Adds the names a binding declares (`x`, or each name in `{ a, b: [c] }`) to `into`. */
export function bindingNames(ts: SnippetModel['ts'], name: TS.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(ts, el.name, into);
}

const ITERATION_METHODS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce', 'flatMap', 'sort']);

function passedTo(ts: SnippetModel['ts'], fn: FunctionLike): TS.CallExpression | null {
  let node: TS.Node = fn;
  while (node.parent && ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  return parent && ts.isCallExpression(parent) && parent.arguments.some((a) => a === node) ? parent : null;
}

/**
 * Whether adding `async` to a function cannot break its callers: a callback
 * handed to a listener or route, or a function the snippet never calls
 * itself (a command's `execute`), or one that already returns a promise.
 */
export function canMakeAsync(model: SnippetModel, fn: FunctionLike): boolean {
  const { ts } = model;
  if (isAsync(ts, fn)) return true;
  if (ts.isConstructorDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) return false;
  if (fn.asteriskToken !== undefined) return false;
  const taker = passedTo(ts, fn);
  if (taker !== null) {
    const callee = taker.expression;
    return !(ts.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text));
  }
  const name = functionName(ts, fn);
  if (name === null) return false;
  const refs = model.identifiers.get(name) ?? [];
  // Called (or passed around) anywhere but its own declaration: its callers expect a plain value.
  return refs.every((id) => {
    const p = id.parent;
    return (
      (p === fn || (ts.isVariableDeclaration(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id) || (ts.isMethodDeclaration(p) && p.name === id)) ||
      isInside(id, fn)
    );
  });
}

/** The edit that adds `async` to a function (none when it already is async). */
export function asyncEdit(model: SnippetModel, fn: FunctionLike): Edit | null {
  const { ts, sourceFile, text } = model;
  if (isAsync(ts, fn)) return null;
  let pos: number;
  if (ts.isMethodDeclaration(fn)) {
    pos = fn.asteriskToken ? fn.asteriskToken.getStart(sourceFile) : fn.name.getStart(sourceFile);
  } else if (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) {
    const mods = fn.modifiers;
    pos = mods && mods.length > 0 ? skipSpace(text, mods.end) : fn.getStart(sourceFile);
  } else {
    pos = fn.getStart(sourceFile);
  }
  return { start: pos, end: pos, text: 'async ' };
}

// Asked once per call to fix; kept per snippet, or a script with a floating call on every line is read once per line.
const topLevelReadsThisOf = new WeakMap<SnippetModel, boolean>();
/**
 * Top-level code that reads `this` (outside any function or class of its own; an arrow shares it):
 * lines cut from a method's body (`this.$password = bcrypt.hashSync(plain, salt);`), where `await`
 * is the method's business, not a script's top level.
 */
function topLevelReadsThis(model: SnippetModel): boolean {
  let reads = topLevelReadsThisOf.get(model);
  if (reads === undefined) {
    reads = readsThisAtTopLevel(model);
    topLevelReadsThisOf.set(model, reads);
  }
  return reads;
}

function readsThisAtTopLevel(model: SnippetModel): boolean {
  const { ts, sourceFile } = model;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || ts.isClassLike(n) || (isFunctionLike(ts, n) && !ts.isArrowFunction(n))) return;
    if (n.kind === ts.SyntaxKind.ThisKeyword) found = true;
    else ts.forEachChild(n, visit);
  };
  for (const s of sourceFile.statements) visit(s);
  return found;
}

/**
 * Makes sure `await` is allowed where `node` sits: the edit adding `async` to
 * the function around it (or none needed), and the name of the function made
 * async ('' for an anonymous callback); null when that is not safe.
 */
export function allowAwait(model: SnippetModel, node: TS.Node): { edits: Edit[]; madeAsync: string | null } | null {
  const { ts } = model;
  const fn = enclosingFunction(ts, node);
  if (fn === null) return model.esModule || topLevelReadsThis(model) ? { edits: [], madeAsync: null } : null;
  if (isAsync(ts, fn)) return { edits: [], madeAsync: null };
  if (!canMakeAsync(model, fn)) return null;
  const e = asyncEdit(model, fn);
  const name = functionName(ts, fn);
  const typed = promiseReturnType(model, fn);
  return { edits: [...(e ? [e] : []), ...(typed ? [typed] : [])], madeAsync: name ?? '' };
}

/**
 * An async function's declared return type must be a promise (TS1064): a method made async that
 * declared `: string` now declares `: Promise<string>`. Null when it declares none, or a promise already.
 */
function promiseReturnType(model: SnippetModel, fn: FunctionLike): Edit | null {
  const { ts, sourceFile } = model;
  const type = (fn as { type?: TS.TypeNode }).type;
  if (type === undefined || isAsync(ts, fn)) return null;
  const text = type.getText(sourceFile);
  if (/^(?:Promise|PromiseLike)\s*</.test(text)) return null;
  return { start: type.getStart(sourceFile), end: type.end, text: `Promise<${text}>` };
}

/** Most call sites of one function the fix awaits: more is a rewrite of the program, not of one mistake. */
const MAX_CALLERS = 4;

/** The call a reference names (`load(key)` for the `load` in it), or null for any other use of the name. */
function callOf(ts: SnippetModel['ts'], id: TS.Identifier): TS.CallExpression | null {
  const p = id.parent;
  return p !== undefined && ts.isCallExpression(p) && p.expression === id ? p : null;
}

/** Whether a call's promise is handled where it is made: awaited, or chained (`load(k).then(…)`). */
function handledAtCall(ts: SnippetModel['ts'], call: TS.CallExpression): boolean {
  let n: TS.Node = call;
  while (n.parent !== undefined && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (p === undefined) return false;
  if (ts.isAwaitExpression(p)) return true;
  return ts.isPropertyAccessExpression(p) && p.expression === n && /^(then|catch|finally)$/.test(p.name.text);
}

/**
 * `await` where `node` sits when the function around it is called by the paste's own code (which
 * `allowAwait` refuses: those callers expect a plain value): the function becomes async and each of
 * its calls is awaited, where that call can await in turn (an async function, an ES module's top
 * level, a callback that may become async). "Make the caller async": the whole chain waits. Null
 * when the function is used as anything but a plain call `name(…)` (handed to another function,
 * read as a value), calls itself, declares a return type that is not a promise, or some call
 * cannot await. One level only: a caller that is itself called by a plain function declines.
 */
export function allowAwaitThroughCallers(model: SnippetModel, node: TS.Node): { edits: Edit[]; madeAsync: string | null; callers: TS.CallExpression[] } | null {
  const direct = allowAwait(model, node);
  if (direct !== null) return { ...direct, callers: [] };
  const { ts, sourceFile } = model;
  const fn = enclosingFunction(ts, node);
  if (fn === null || fn.asteriskToken !== undefined || passedTo(ts, fn) !== null) return null;
  if (!ts.isFunctionDeclaration(fn) && !((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parent !== undefined && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn)) return null;
  if (fn.type !== undefined && !/^Promise\s*</.test(fn.type.getText(sourceFile))) return null;
  const name = functionName(ts, fn);
  if (name === null) return null;
  const declared = ts.isFunctionDeclaration(fn) ? fn.name : (fn.parent as TS.VariableDeclaration).name;
  const calls: TS.CallExpression[] = [];
  for (const id of model.identifiers.get(name) ?? []) {
    if (id === declared) continue;
    const call = callOf(ts, id);
    if (call === null || isInside(id, fn)) return null;
    calls.push(call);
  }
  if (calls.length === 0 || calls.length > MAX_CALLERS) return null;
  const own = asyncEdit(model, fn);
  const edits: Edit[] = own ? [own] : [];
  const callers: TS.CallExpression[] = [];
  for (const call of calls) {
    if (handledAtCall(ts, call)) continue;
    const at = allowAwait(model, call);
    if (at === null) return null;
    edits.push(...at.edits, ...awaitEdits(model, call));
    callers.push(call);
  }
  return { edits, madeAsync: name, callers };
}

/** Wraps in parentheses when `await expr` would otherwise bind wrongly (`(await fetch(u)).json()`). */
export function needsParens(ts: SnippetModel['ts'], node: TS.Node): boolean {
  const parent = node.parent;
  if (parent === undefined) return false;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.expression === node) ||
    (ts.isElementAccessExpression(parent) && parent.expression === node) ||
    (ts.isCallExpression(parent) && parent.expression === node) ||
    ts.isTaggedTemplateExpression(parent)
  );
}

/** Edits that put `await` before an expression (with parentheses when needed). */
export function awaitEdits(model: SnippetModel, expr: TS.Node): Edit[] {
  const { ts, sourceFile } = model;
  const start = expr.getStart(sourceFile);
  if (needsParens(ts, expr)) return [{ start, end: start, text: '(await ' }, { start: expr.end, end: expr.end, text: ')' }];
  return [{ start, end: start, text: 'await ' }];
}

export function lineOfPos(model: SnippetModel, pos: number): number {
  return model.sourceFile.getLineAndCharacterOfPosition(pos).line + 1;
}

/** The range of a whole statement line (with its newline) when it stands alone on its line(s). */
export function statementLineRange(text: string, node: TS.Node, sourceFile: TS.SourceFile): { start: number; end: number } {
  const start = node.getStart(sourceFile);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let end = node.end;
  const nl = text.indexOf('\n', end);
  const rest = nl === -1 ? text.slice(end) : text.slice(end, nl);
  if (/^\s*$/.test(text.slice(lineStart, start)) && /^\s*$/.test(rest)) {
    return { start: lineStart, end: nl === -1 ? text.length : nl + 1 };
  }
  return { start, end };
}
