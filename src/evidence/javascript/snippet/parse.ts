/**
 * Parsing a pasted JavaScript/TypeScript snippet with the TypeScript compiler
 * API. TypeScript is loaded lazily, once: `require('typescript')` costs about
 * 150 ms, which the bot should pay on the first JS paste, not at start.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { analysisLimitsEnforced, MAX_NESTING } from '../../limits.js';
import { SnippetTooComplex } from '../../snippet.js';
import { estimateParseCost } from './parse-cost.js';

export type Ts = typeof TS;

let loaded: Ts | null = null;

/** The TypeScript module, required on first use. */
export function typescript(): Ts {
  if (loaded === null) {
    const require = createRequire(import.meta.url);
    loaded = require('typescript') as Ts;
  }
  return loaded;
}

// Lines that are not code but often sit inside a paste: Discord fence markers
// and Node stack/error lines copied into the middle of the code.
const FENCE = /^\s*```[\w+-]*\s*$/;
const STACK_FRAME = /^\s+at\s\S.*(?::\d+:\d+\)?|\(native\)|\(<anonymous>\))\s*$/;
const ERROR_LINE = /^(?:Uncaught\s)?[A-Z]\w*(?:Error|Exception|Warning)(?:\[\w+\])?:\s/;
const NODE_PREFIX = /^(?:\(node:\d+\)\s|node:internal\/|Node\.js v\d)/;

/**
 * Code pasted between single backticks over several lines (`` `author.save(function (err) {…});` ``, as
 * people write it in an issue): read as it stands it is one template literal and nothing else. When the
 * only two backticks open and close the whole text, they are blanked (offsets stay the user's).
 */
function unquoteInlineSpan(code: string): string {
  const first = code.indexOf('`');
  const last = code.lastIndexOf('`');
  if (first < 0 || first === last || code.indexOf('`', first + 1) !== last || !code.slice(first, last).includes('\n')) return code;
  if (code.slice(0, first).trim() !== '' || code.slice(last + 1).trim() !== '') return code;
  return `${code.slice(0, first)} ${code.slice(first + 1, last)} ${code.slice(last + 1)}`;
}

/**
 * `{ ... }`, `foo(a, ...)`, a line of `...`: the dots people write for the code they left out. As
 * JavaScript they are a spread with nothing to spread, an error that can cost the whole statement
 * around them (`Model.find({}, function (err, docs) { ... })` no longer parses as a call). Blanked to
 * spaces when nothing follows them but a closing bracket, a comma, a semicolon or the line's end
 * (a spread, `...args`, always has its operand next).
 */
const ELLIPSIS_PLACEHOLDER = /(^|[{(\[,]\s*)\.\.\.(?=\s*(?:[})\],;]|$))/gm;

function blankEllipsisPlaceholders(code: string): string {
  return code.includes('...') ? code.replace(ELLIPSIS_PLACEHOLDER, '$1   ') : code;
}

/**
 * Blanks (with spaces, so every offset and line number stays the same) the
 * lines that are not code: fence markers, stack frames, error lines.
 */
export function maskNonCode(code: string): string {
  code = blankEllipsisPlaceholders(unquoteInlineSpan(code));
  if (!code.includes('```') && !code.includes(' at ') && !/(?:Error|Exception|Warning)|\(node:|node:internal|Node\.js v/.test(code)) {
    return code;
  }
  const lines = code.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (FENCE.test(line) || STACK_FRAME.test(line) || ERROR_LINE.test(line) || NODE_PREFIX.test(line)) {
      lines[i] = ' '.repeat(line.length);
      changed = true;
    }
  }
  return changed ? lines.join('\n') : code;
}

export interface ParsedSnippet {
  ts: Ts;
  sourceFile: TS.SourceFile;
  /** The text that was parsed (same length and lines as the input). */
  text: string;
  /** Syntax errors the parser recovered from. */
  syntaxErrors: number;
  /**
   * Characters put before the code to parse a fragment (a method pasted out of
   * its class or object, or statements cut from an async function's body);
   * positions in the tree are this much past the user's.
   */
  offset: number;
  /** What the code was wrapped in to parse it: a class or an object literal (a pasted method or member), an async function (a pasted body), or nothing. */
  fragment: 'method' | 'body' | null;
}

// `async execute(interaction) {` as the first line: a method copied out of its object.
// `async load(id) {`, and a TypeScript method with its modifiers and return type: `public async request(): Promise<Data> {`.
// A test method of a decorated suite class names itself with a string: `async 'charges once'(done): Promise<void> {`.
export const METHOD_HEADER = /^\s*(?:(?:public|private|protected|static|async|override)\s+)*(?:[A-Za-z_$][\w$]*|'[^'\n]*'|"[^"\n]*")\s*\([^)]*\)\s*(?::[^{}()=;]*)?\{\s*$/;
// `@test()`, `@timeout(20000)`, `@Input() ` on lines of their own above a pasted method: the method's decorators.
export const DECORATOR_LINE = /^\s*@[\w$.]+(?:\([^()\n]*\))?\s*$/;
const FRAGMENT_PREFIX = 'class __Pasted {';
// `getHoliday: function () {` / `execute: async (interaction) => {` as the first line: a member copied out of an object literal.
const MEMBER_HEADER = /^\s*[A-Za-z_$][\w$]*\s*:\s*(?:async\s+)?(?:function\b[^{]*|\([^)]*\)\s*=>\s*)\{\s*$/;
const OBJECT_PREFIX = 'const __pasted = {';
/** The name of the async function a pasted body is wrapped in (see `isAsyncBodyFragment`). */
export const BODY_WRAPPER_NAME = '__pastedBody';
const BODY_PREFIX = `async function ${BODY_WRAPPER_NAME}() {`;

function parseAs(ts: Ts, text: string, kind: TS.ScriptKind): TS.SourceFile {
  const name = kind === ts.ScriptKind.TSX ? 'snippet.tsx' : 'snippet.ts';
  // Parent pointers are set by the model's own walk (buildModel), which visits every node
  // anyway; asking the parser for them costs a second full pass. JSDoc is not needed either.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  return ts.createSourceFile(name, text, options, false, kind);
}

function diagnostics(sf: TS.SourceFile): readonly TS.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics: readonly TS.DiagnosticWithLocation[] }).parseDiagnostics;
}

/** Unterminated string (1002), template (1160) or regular expression (1161) literals, and comments ('*\/' expected, 1010). */
const unterminatedCodes = new Set([1002, 1010, 1160, 1161]);

/**
 * Where the parser met a literal or comment left open, in tree positions: it swallows the brackets
 * after it on its line, so the parser closes the functions around it later than the code does.
 */
export function unterminatedAt(sf: TS.SourceFile): number[] {
  return diagnostics(sf).filter((d) => unterminatedCodes.has(d.code)).map((d) => d.start);
}

function diagnosticCount(sf: TS.SourceFile): number {
  return diagnostics(sf).length;
}

/** TSX read a `<` as JSX (`<string>x`, `<T>(a) =>`): errors in the 17xxx range or a missing `</`. */
function looksLikeJsxConfusion(sf: TS.SourceFile): boolean {
  return diagnostics(sf).some((d) => (d.code >= 17000 && d.code < 18000) || d.messageText === "'</' expected.");
}

/**
 * Extra token parses the async lookahead may add (see parse-cost.ts): a few
 * milliseconds' worth, or as many as the code has tokens. Real code stays far
 * below: a class of async methods adds about one per token of their bodies.
 */
const SPECULATION_ALLOWANCE = 10_000;

/** Throws SnippetTooComplex when the parser would recurse too deep or speculate too much on this text. */
function checkParseCost(ts: Ts, text: string): void {
  if (!analysisLimitsEnforced()) return;
  const cost = estimateParseCost(ts, text);
  if (cost.maxDepth > MAX_NESTING) throw new SnippetTooComplex('nesting');
  if (cost.speculative > Math.max(SPECULATION_ALLOWANCE, cost.tokens)) throw new SnippetTooComplex('parser-work');
}

interface Parse {
  sourceFile: TS.SourceFile;
  syntaxErrors: number;
  kind: TS.ScriptKind;
}

/**
 * Parses as TSX (JSX and TypeScript both work); when that shows syntax errors,
 * tries plain TS too (`<string>x` casts and `<T>(a) =>` arrows are not TSX) and
 * keeps the parse with fewer errors.
 */
function parseBest(ts: Ts, text: string): Parse {
  const sourceFile = parseAs(ts, text, ts.ScriptKind.TSX);
  const syntaxErrors = diagnosticCount(sourceFile);
  if (syntaxErrors > 0 && looksLikeJsxConfusion(sourceFile)) {
    const asTs = parseAs(ts, text, ts.ScriptKind.TS);
    const tsErrors = diagnosticCount(asTs);
    if (tsErrors < syntaxErrors) return { sourceFile: asTs, syntaxErrors: tsErrors, kind: ts.ScriptKind.TS };
  }
  return { sourceFile, syntaxErrors, kind: ts.ScriptKind.TSX };
}

const DIFF_MARK = /^[+-]/;
const DIFF_LINE = /^(?:[+ -]|@@|\\ No newline|$)/;

/**
 * The new side of a unified diff (a ```diff block from a pull request review):
 * `+` marks blanked, removed (`-`) lines, file and hunk headers blanked whole, so
 * lines and offsets stay the user's. Null when the text is not such a diff:
 * every line must look like a diff line and at least one must be marked.
 */
export function newSideOfDiff(text: string): string | null {
  const lines = text.split('\n');
  if (!lines.some((l) => DIFF_MARK.test(l)) || !lines.every((l) => DIFF_LINE.test(l))) return null;
  return lines
    .map((l) => (l.startsWith('+') && !l.startsWith('+++ ') ? ` ${l.slice(1)}` : DIFF_MARK.test(l) || l.startsWith('@@') || l.startsWith('\\') ? ' '.repeat(l.length) : l))
    .join('\n');
}

/** `import`/`export`, `require(…)` or `module.exports`: the text is a whole module, not a piece of a function. */
const MODULE_SYNTAX = /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/;
/** `module.exports` / `exports.x`: the text defines a module's exports, so it is a file, never a function's body. */
const EXPORTS_SYNTAX = /\bmodule\.exports\b|\bexports\.\w/;

/** The parameter a discord.js command handler (`interaction`) or a Koa/Telegraf middleware (`ctx`) gets. */
const HANDLER_PARAMS = new Set(['interaction', 'ctx']);

/** Some function, variable or parameter of the snippet is named `name`. */
function declares(ts: Ts, sf: TS.SourceFile, name: string): boolean {
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node)) && node.name !== undefined && ts.isIdentifier(node.name) && node.name.text === name) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Statements cut from an async function's body: `await` or `return` at the
 * top level (outside every function and class), or a handler's `interaction`
 * / `ctx` used there without being declared, in code that is not a module of
 * its own. A CommonJS script (`require`) is left as it is, where a top-level
 * `await` is the error await-outside-async explains, unless that `await` sits
 * among a handler's undeclared `interaction` / `ctx`; an ES module's top-level
 * `await` is fine as it is, but neither `import` nor `export` can stand
 * inside a function, so such a file is left as it is too.
 */
function isAsyncBodyFragment(ts: Ts, sf: TS.SourceFile): boolean {
  if (EXPORTS_SYNTAX.test(sf.text)) return false;
  // `require(…)` lines pasted above a handler's body (`const { X } = require('discord.js');` then `await
  // interaction.editReply(…)`): the body's own `interaction`, used but never declared, says where the
  // `await` ran. Without such a name a CommonJS script is left as it is (its top-level `await` is the error).
  const requires = MODULE_SYNTAX.test(sf.text);
  let found = false;
  let moduleStatement = false;
  const handlerNames = new Set<string>();
  // Parent pointers are not set yet (see parseAs): the walk carries the parent itself.
  const visit = (node: TS.Node, parent: TS.Node): void => {
    // With `require` the walk goes on past the first `await`: the handler's names decide.
    if ((found && !requires) || moduleStatement) return;
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node) || ts.isReturnStatement(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) {
      found = true;
      if (!requires) return;
    }
    // `interaction.reply(…)`: the name itself, not `x.interaction`.
    if (ts.isIdentifier(node) && HANDLER_PARAMS.has(node.text) && !(ts.isPropertyAccessExpression(parent) && parent.name === node)) {
      handlerNames.add(node.text);
    }
    ts.forEachChild(node, (child) => visit(child, node));
  };
  for (const stmt of sf.statements) {
    const exported = ts.canHaveModifiers(stmt) && (ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
    if (exported || ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt) || ts.isExportAssignment(stmt) || ts.isImportEqualsDeclaration(stmt)) {
      moduleStatement = true;
    }
    visit(stmt, sf);
  }
  if (moduleStatement) return false;
  const cutFromHandler = [...handlerNames].some((name) => !declares(ts, sf, name));
  return requires ? found && cutFromHandler : found || cutFromHandler;
}

/**
 * Parses a snippet (see parseBest). A ```diff paste is read as its new side
 * when that parses better. Code that parses badly and starts like a method is
 * parsed inside a class; statements cut from an async function (top-level
 * `await` or `return`) are parsed inside an async function, so every detector
 * sees them where they ran. Throws SnippetTooComplex, before parsing, on code
 * the parser cannot handle in linear time.
 */
export function parseSnippet(code: string, statedAsyncBody = false): ParsedSnippet {
  const enforced = analysisLimitsEnforced();
  const known = recentParses.find((p) => p.code === code && p.enforced === enforced && p.statedAsyncBody === statedAsyncBody);
  if (known) return known.parsed;
  const parsed = parseSnippetUncached(code, statedAsyncBody);
  recentParses.unshift({ code, enforced, statedAsyncBody, parsed });
  if (recentParses.length > RECENT_PARSES) recentParses.pop();
  return parsed;
}

/**
 * The last few parses, by text. One diagnosis parses a block several times over: its analysis,
 * the fixer's model of it, the fixer's check that its output parses no worse than the block (the
 * block, then the output), and a second fixer for another match of the same block; a paste with
 * several blocks asks each for its async callees first. A SourceFile is never changed after the
 * parse (the model's walk sets the same parent pointers on every visit), so each of them can read
 * the same one. Two entries: the block and one fixer's output. Keeping more would hold trees long
 * enough for V8 to promote them to its old space, which costs more than the parses it saves.
 */
const recentParses: { code: string; enforced: boolean; statedAsyncBody: boolean; parsed: ParsedSnippet }[] = [];
const RECENT_PARSES = 2;

/**
 * Statements only, as a function body holds them: no import or export, no function or class
 * declared at the top (a paste showing those is a file, whatever its prose says).
 */
function onlyStatements(ts: Ts, sf: TS.SourceFile): boolean {
  if (MODULE_SYNTAX.test(sf.text)) return false;
  return sf.statements.every(
    (s) => !ts.isFunctionDeclaration(s) && !ts.isClassDeclaration(s) && !ts.isImportDeclaration(s) && !ts.isExportDeclaration(s) && !ts.isExportAssignment(s) && !ts.isImportEqualsDeclaration(s),
  );
}

/** `statedAsyncBody`: the paste says its code runs in an async function (SnippetHints.statedAsyncBody). */
function parseSnippetUncached(code: string, statedAsyncBody: boolean): ParsedSnippet {
  const ts = typescript();
  let text = maskNonCode(code);
  checkParseCost(ts, text);
  let best = parseBest(ts, text);
  // A diff is read as its new side even when it parses whole: `-` and `+` lines are valid unary
  // expressions, so the removed line and the one replacing it would run side by side (a reply and the
  // deferReply that replaced it read as two answers to one interaction).
  const newSide = newSideOfDiff(text);
  if (newSide !== null) {
    checkParseCost(ts, newSide);
    const asNew = parseBest(ts, newSide);
    if (asNew.syntaxErrors <= best.syntaxErrors) {
      text = newSide;
      best = asNew;
    }
  }
  const { sourceFile, syntaxErrors } = best;
  if (syntaxErrors > 0) {
    const firstLine = text.split('\n').find((l) => l.trim() !== '' && !DECORATOR_LINE.test(l)) ?? '';
    // Prefix on the same line, so every line number stays the same.
    const prefix = METHOD_HEADER.test(firstLine) ? FRAGMENT_PREFIX : MEMBER_HEADER.test(firstLine) ? OBJECT_PREFIX : null;
    if (prefix !== null) {
      const wrapped = parseAs(ts, `${prefix}${text}\n}`, ts.ScriptKind.TS);
      const wrappedErrors = diagnosticCount(wrapped);
      if (wrappedErrors < syntaxErrors) {
        return { ts, sourceFile: wrapped, text: wrapped.text, syntaxErrors: wrappedErrors, offset: prefix.length, fragment: 'method' };
      }
    }
  }
  if (isAsyncBodyFragment(ts, sourceFile) || (statedAsyncBody && onlyStatements(ts, sourceFile))) {
    const wrapped = parseAs(ts, `${BODY_PREFIX}${text}\n}`, best.kind);
    const wrappedErrors = diagnosticCount(wrapped);
    if (wrappedErrors <= syntaxErrors) {
      return { ts, sourceFile: wrapped, text: wrapped.text, syntaxErrors: wrappedErrors, offset: BODY_PREFIX.length, fragment: 'body' };
    }
  }
  return { ts, sourceFile, text, syntaxErrors, offset: 0, fragment: null };
}

/** Number of syntax errors the parser reports for this code (used to check fixed code). */
export function syntaxErrorCount(code: string): number {
  return parseSnippet(code).syntaxErrors;
}
