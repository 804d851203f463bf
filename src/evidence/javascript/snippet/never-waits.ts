/**
 * Async functions that never wait: no `await`, no promise made or returned.
 * Calling one runs its whole body right away, on the event loop, before the
 * caller's next line; the promise it returns is already settled. People wrap
 * synchronous work in such a function (`const run = async () => work(); run();`)
 * expecting it to run alongside other events, and it does not.
 */
import type * as TS from 'typescript';
import { isAsync, isFunctionLike, type FunctionLike, type SnippetModel } from './model.js';
import { promiseCall } from './promises.js';
import { unwrap } from './where.js';

/** Calls that do no work worth waiting on. */
const TRIVIAL_RECEIVERS = new Set(['console', 'Math', 'JSON', 'Object', 'Array', 'String', 'Number']);

/**
 * `never`: an async function's body can only run to its end synchronously (no await, no promise
 * made or returned, no `throw` that would reject its promise). `works`: it calls something that
 * does work (not just `console.log`).
 */
export function neverWaits(model: SnippetModel, fn: FunctionLike): { never: boolean; works: boolean } {
  const { ts } = model;
  const no = { never: false, works: false };
  if (!isAsync(ts, fn) || fn.body === undefined) return no;
  // `async () => work()` returns work()'s result, which may be a promise it then follows.
  if (!ts.isBlock(fn.body)) return no;
  let waits = false;
  let works = false;
  const visit = (node: TS.Node): void => {
    if (waits || isFunctionLike(ts, node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined) || ts.isYieldExpression(node)) waits = true;
    else if (ts.isReturnStatement(node) && node.expression !== undefined && !ts.isLiteralExpression(unwrap(ts, node.expression))) waits = true;
    // A `throw` makes the promise reject: somebody should still handle that.
    else if (ts.isThrowStatement(node)) waits = true;
    else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Promise') waits = true;
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if (method === 'then' || method === 'catch' || method === 'finally' || promiseCall(model, node) !== null) waits = true;
      else if (!(ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && TRIVIAL_RECEIVERS.has(callee.expression.text))) works = true;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return { never: !waits, works };
}

/**
 * The async function a call runs, when the snippet shows which one it is: an
 * async IIFE (`(async () => {…})()`), or the one function of that name.
 */
export function ownAsyncCallee(model: SnippetModel, call: TS.CallExpression): FunctionLike | null {
  const { ts } = model;
  const callee = unwrap(ts, call.expression);
  if (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee)) return isAsync(ts, callee) ? callee : null;
  if (!ts.isIdentifier(callee) || !model.asyncNames.has(callee.text) || model.syncNames.has(callee.text)) return null;
  const name = callee.text;
  let found: FunctionLike | null = null;
  for (const id of model.identifiers.get(name) ?? []) {
    const p = id.parent;
    let fn: FunctionLike | null = null;
    if (ts.isFunctionDeclaration(p) && p.name === id) fn = p;
    else if (ts.isVariableDeclaration(p) && p.name === id && p.initializer !== undefined) {
      const init = unwrap(ts, p.initializer);
      fn = ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init : null;
      if (fn === null) return null;
    } else if (ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return null;
    if (fn === null) continue;
    if (found !== null) return null;
    found = fn;
  }
  return found;
}
