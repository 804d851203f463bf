/**
 * js.make-enclosing-async: `await` in a function that is not `async` gets the
 * `async` keyword (a `forEach` callback instead becomes a for…of loop, so the
 * awaits are really waited for); `await` at the top of a CommonJS script is
 * wrapped, with the statements that use it, in an async arrow called at once.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { functionName, isFunctionLike, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { calleeMethod, callTakingFunction } from '../../evidence/javascript/snippet/where.js';
import { asyncEdit, bindingNames, containsAwait, findingsOf, fixOutput, indentUnit, lineOfPos, nodeAt, num, parse, type Edit } from './edit.js';
import { forEachToForOf, wrapMapInPromiseAll } from './foreach-to-for-of.js';
import { words, type Phrase } from '../../evidence/types.js';

function declaredNames(ts: SnippetModel['ts'], stmt: TS.Statement): Iterable<string> {
  if (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) return stmt.name ? [stmt.name.text] : [];
  const names = new Set<string>();
  if (ts.isVariableStatement(stmt)) for (const d of stmt.declarationList.declarations) bindingNames(ts, d.name, names);
  return names;
}

function hasMultilineTemplate(ts: SnippetModel['ts'], node: TS.Node, sf: TS.SourceFile): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if ((ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) && n.getText(sf).includes('\n')) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** `import …`, `export …` and `export default …`: statements that must stay at a module's top level. */
function moduleLevelOnly(ts: SnippetModel['ts'], stmt: TS.Statement): boolean {
  const exported = ts.canHaveModifiers(stmt) && (ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
  return exported || ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt) || ts.isExportAssignment(stmt) || ts.isImportEqualsDeclaration(stmt);
}

/**
 * Wraps the top-level statements from the first one using await to the end in `(async () => { … })();`
 * (the statements of lines read as a pasted body, when the paste shows their `await` refused at the
 * top level). A module's `import` and `export` lines cannot move into a function: then only the
 * statements from the first await to the last are wrapped, when no `import` or `export` lies between.
 */
export function wrapTopLevel(model: SnippetModel): Edit[] | null {
  const { ts, sourceFile, text } = model;
  const wrapper = model.bodyWrapper;
  const stmts = wrapper !== null && wrapper.body !== undefined && ts.isBlock(wrapper.body) ? wrapper.body.statements : sourceFile.statements;
  const first = stmts.findIndex((s) => containsAwait(ts, s));
  if (first === -1) return null;
  // Everything from the first await to the end, so later lines still run after it.
  let inside = stmts.slice(first);
  if (inside.some((s) => moduleLevelOnly(ts, s))) {
    let last = stmts.length - 1;
    while (last > first && !containsAwait(ts, stmts[last]!)) last--;
    inside = stmts.slice(first, last + 1);
    if (inside.some((s) => moduleLevelOnly(ts, s))) return null;
  }
  // Names declared inside must not be used outside, or wrapping would hide them. Each name is looked up once and
  // each use climbs its own parents to a wrapped statement: a script redeclaring one name on every line is read in
  // linear time, not once per statement, per use and per statement again (seconds on a 12 KB paste).
  const wrapped = new Set<TS.Node>(inside);
  const readOutside = new Map<string, boolean>();
  const isReadOutside = (name: string): boolean => {
    let outside = readOutside.get(name);
    if (outside === undefined) {
      outside = (model.identifiers.get(name) ?? []).some((id) => !hasAncestorIn(id, wrapped));
      readOutside.set(name, outside);
    }
    return outside;
  };
  for (const s of inside) {
    if ([...declaredNames(ts, s)].some(isReadOutside)) return null;
    if (hasMultilineTemplate(ts, s, sourceFile)) return null;
  }
  const unit = indentUnit(text);
  const from = (inside[0] as TS.Statement).getStart(sourceFile);
  // A comment after the last statement, on its line, goes inside with it (it is about that line).
  const last = (inside[inside.length - 1] as TS.Statement).end;
  const trailing = /^[ \t]*\/\/[^\n]*/.exec(text.slice(last));
  const to = last + (trailing?.[0].length ?? 0);
  const body = text
    .slice(from, to)
    .split('\n')
    .map((l) => (l.trim() === '' ? l : unit + l))
    .join('\n');
  // A statement before it that does not end in `;` would take the `(` for a call of its value.
  const before = stmts[stmts.indexOf(inside[0] as TS.Statement) - 1];
  const guard = before !== undefined && !before.getText(sourceFile).trimEnd().endsWith(';') && !ts.isFunctionDeclaration(before) && !ts.isClassDeclaration(before) && !ts.isBlock(before) && !ts.isIfStatement(before) && !ts.isTryStatement(before) && !ts.isIterationStatement(before, false) ? ';' : '';
  return [{ start: from, end: to, text: `${guard}(async () => {\n${body}\n})();` }];
}

/** Whether the node is one of the nodes given or lies inside one of them. */
function hasAncestorIn(node: TS.Node, nodes: ReadonlySet<TS.Node>): boolean {
  for (let cur: TS.Node | undefined = node; cur !== undefined; cur = cur.parent) if (nodes.has(cur)) return true;
  return false;
}

/** The property names command handlers are given (discord.js guide and its forks: `execute`, `run`, `callback`). */
const HANDLER_PROPERTY = /^(?:execute|run|callback|handler)$/;

/**
 * The paste shows an engine refusing an `await` that its code does not hold (the handler's head is
 * pasted, its body with the `await` is not): the one handler the code shows (`execute: (message,
 * args) => {`, a `.on(…)` listener) that is not `async` gets it. Null when there is not exactly one.
 */
function handlerWithoutAsync(model: SnippetModel): TS.Node | null {
  const { ts, sourceFile } = model;
  const found: TS.Node[] = [];
  const visit = (n: TS.Node): void => {
    if (isFunctionLike(ts, n) && !(ts.getModifiers?.(n as TS.HasModifiers) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      const p = n.parent;
      const named = p !== undefined && ts.isPropertyAssignment(p) && p.initializer === n && HANDLER_PROPERTY.test(p.name.getText(sourceFile));
      const method = ts.isMethodDeclaration(n) && HANDLER_PROPERTY.test(n.name.getText(sourceFile));
      const listener = p !== undefined && ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && /^(?:on|once)$/.test(p.expression.name.text) && p.arguments.includes(n as TS.Expression);
      if (named || method || listener) found.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(sourceFile);
  return found.length === 1 ? found[0]! : null;
}

export const makeEnclosingAsync: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.await-outside-async']);
  const model = parse(input.code);
  const { ts } = model;
  if (targets.length === 0 && input.evidence.hints?.jsAwaitRefused && !model.awaits.length) {
    const fn = handlerWithoutAsync(model);
    const a = fn === null ? null : asyncEdit(model, fn as Parameters<typeof asyncEdit>[1]);
    if (a === null) return null;
    return fixOutput(input.code, model, [a], [words('fix.js.made-handler-async', { line: lineOfPos(model, fn!.getStart(model.sourceFile)) })]);
  }
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of targets) {
    const scope = f.data?.scope;
    if (scope === 'top-level') {
      const e = wrapTopLevel(model);
      if (e === null) continue;
      edits.push(...e);
      notes.push(words('fix.js.wrapped-top-level'));
      continue;
    }
    if (scope !== 'function') continue;
    const fnStart = num(f, 'fnStart', model);
    const fnEnd = num(f, 'fnEnd', model);
    if (fnStart === null || fnEnd === null) continue;
    const fn = nodeAt(model, fnStart, fnEnd, (n): n is Parameters<typeof asyncEdit>[1] => isFunctionLike(ts, n));
    if (fn === null) continue;
    const taker = callTakingFunction(ts, fn);
    const method = taker ? calleeMethod(ts, taker) : null;
    const line = lineOfPos(model, fnStart);
    if (taker !== null && method === 'forEach') {
      const e = forEachToForOf(model, taker);
      if (e === null) continue;
      edits.push(...e);
      notes.push(words('fix.js.forEach-for-of', { line }));
      continue;
    }
    if (taker !== null && method === 'map') {
      const e = wrapMapInPromiseAll(model, taker);
      const a = asyncEdit(model, fn);
      if (e === null || a === null) continue;
      edits.push(a, ...e);
      notes.push(words('fix.js.map-async-all', { line }));
      continue;
    }
    if (taker !== null && method !== null && ['filter', 'some', 'every', 'find', 'findIndex', 'reduce', 'sort'].includes(method)) continue;
    const a = asyncEdit(model, fn);
    if (a === null) continue;
    edits.push(a);
    const name = functionName(ts, fn);
    notes.push(name !== null ? words('fix.js.made-named-async', { name, line }) : words('fix.js.made-function-async', { line }));
  }
  return fixOutput(input.code, model, edits, notes);
};
