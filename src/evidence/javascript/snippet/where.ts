/** Small tree questions the detectors share. */
import type * as TS from 'typescript';
import type { Ts } from './parse.js';
import { isAsync, isFunctionLike, type FunctionLike, type SnippetModel } from './model.js';

export function isInside(node: TS.Node, ancestor: TS.Node): boolean {
  let cur: TS.Node | undefined = node;
  while (cur !== undefined) {
    if (cur === ancestor) return true;
    cur = cur.parent;
  }
  return false;
}

export function position(model: SnippetModel, node: TS.Node): { line: number; column: number } {
  const lc = model.sourceFile.getLineAndCharacterOfPosition(node.getStart(model.sourceFile));
  return { line: lc.line + 1, column: lc.character + 1 - (lc.line === 0 ? model.offset : 0) };
}

/** A node's start in the user's code, as a string for finding data. */
export function startOf(model: SnippetModel, node: TS.Node): string {
  return String(node.getStart(model.sourceFile) - model.offset);
}

/** A node's end in the user's code, as a string for finding data. */
export function endOf(model: SnippetModel, node: TS.Node): string {
  return String(node.getEnd() - model.offset);
}

export function span(model: SnippetModel, node: TS.Node): { start: string; end: string } {
  return { start: startOf(model, node), end: endOf(model, node) };
}

const ITERATION_METHODS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce', 'flatMap', 'sort']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use']);

/** The call a function is passed to as an argument (`client.on('x', fn)`), if any. */
export function callTakingFunction(ts: Ts, fn: FunctionLike): TS.CallExpression | null {
  let node: TS.Node = fn;
  while (node.parent && ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (parent && ts.isCallExpression(parent) && parent.arguments.some((a) => a === node)) return parent;
  return null;
}

export function calleeMethod(ts: Ts, call: TS.CallExpression): string | null {
  return ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : null;
}

/** A callback given to an array method (`arr.forEach(fn)`), where `async` changes the meaning. */
export function isIterationCallback(ts: Ts, fn: FunctionLike): boolean {
  const call = callTakingFunction(ts, fn);
  const m = call ? calleeMethod(ts, call) : null;
  return m !== null && ITERATION_METHODS.has(m);
}

/** An event listener or route handler: `client.on('x', fn)`, `app.get('/', fn)`. */
export function isHandlerCallback(ts: Ts, fn: FunctionLike): boolean {
  const call = callTakingFunction(ts, fn);
  const m = call ? calleeMethod(ts, call) : null;
  return m !== null && (LISTENER_METHODS.has(m) || ROUTE_METHODS.has(m));
}

/** The function runs asynchronously on the event loop: async, or an event/route handler. */
export function runsOnEventLoop(model: SnippetModel, fn: FunctionLike | null): boolean {
  if (fn === null) return false;
  return isAsync(model.ts, fn) || isHandlerCallback(model.ts, fn);
}

/** Strips parentheses, `as`, `!` around an expression. */
export function unwrap(ts: Ts, expr: TS.Expression): TS.Expression {
  let cur = expr;
  while (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isNonNullExpression(cur) || ts.isSatisfiesExpression(cur)) {
    cur = cur.expression;
  }
  return cur;
}

/** `(x) => …` / `function (x) {…}` given as an argument, if the argument is one. */
export function functionArgument(ts: Ts, arg: TS.Expression | undefined): TS.ArrowFunction | TS.FunctionExpression | null {
  if (arg === undefined) return null;
  const inner = unwrap(ts, arg);
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) ? inner : null;
}

/** `fetchUser()` for a call, with arguments elided when long. */
export function callText(model: SnippetModel, call: TS.CallExpression): string {
  const callee = call.expression.getText(model.sourceFile);
  const args = call.arguments.map((a) => a.getText(model.sourceFile)).join(', ');
  const shown = args.length > 30 || args.includes('\n') ? '…' : args;
  return `${callee}(${shown})`;
}

/**
 * The first node of `body`'s own code (never inside a function it defines), in source order, that `pick`
 * turns into a result. `only`, when it gives a list for a node, walks those of its parts instead of all
 * of them (a `try` that catches: only its `catch` and `finally` can still let an error out).
 */
export function firstOwn<T>(ts: Ts, body: TS.Node, pick: (n: TS.Node) => T | null, only?: (n: TS.Node) => readonly TS.Node[] | null): T | null {
  let found: T | null = null;
  const visit = (n: TS.Node): void => {
    if (found !== null || isFunctionLike(ts, n)) return;
    found = pick(n);
    if (found !== null) return;
    const parts = only?.(n) ?? null;
    if (parts !== null) parts.forEach(visit);
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/**
 * True when the paste ends inside `node`'s braces: the parser met the end of the text before its closing `}`
 * (it stands in a zero-width one). What the block does after the cut is unknown: a callback cut after its first
 * line may still await, an executor may still call `resolve`.
 */
export function endsInside(model: SnippetModel, node: TS.Node): boolean {
  const { ts, sourceFile } = model;
  const block = isFunctionLike(ts, node) ? node.body : node;
  if (block === undefined || !ts.isBlock(block)) return false;
  const close = block.getChildren(sourceFile).at(-1);
  if (close === undefined || close.kind !== ts.SyntaxKind.CloseBraceToken || close.end === close.pos) return true;
  // A piece read as a function's body is parsed inside a wrapper that closes with `\n}`: a block that took
  // that brace for its own was cut too.
  return model.offset > 0 && close.getStart(sourceFile) >= model.text.length - 1;
}
