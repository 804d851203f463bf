/**
 * js.never-settles: a promise nothing can ever settle, so whatever awaits it
 * waits forever; at the top level of an ES module Node ends with exit code 13
 * ("Detected unsettled top-level await"). Two shapes:
 * - `new Promise((resolve) => { … })` whose executor never uses `resolve`
 *   (nor `reject`), or takes no `resolve` at all yet does work and is awaited. An empty executor is often written on purpose (a test
 *   that must hang, `await new Promise(() => {})` to keep a process alive),
 *   so it counts only when it names `resolve` and the promise is awaited.
 * - a promise that awaits itself: `let p = start().then(async () => { await p; })`.
 *   The callback runs after `p` is assigned, and `p` settles only when the
 *   callback has finished: each waits for the other.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { isFunctionLike, type FunctionLike, type SnippetModel } from '../model.js';
import { usageOf } from '../promises.js';
import { calleeMethod, callTakingFunction, functionArgument, isInside, position, span, unwrap } from '../where.js';
import { words } from '../../../types.js';

function used(model: SnippetModel, param: TS.ParameterDeclaration | undefined, body: TS.Node): boolean {
  if (param === undefined) return false;
  if (!model.ts.isIdentifier(param.name)) return true; // destructured: cannot tell
  const name = param.name.text;
  const { ts } = model;
  // `setTimeout(() => resolve, 1000)`: an arrow that only hands `resolve` back never calls it.
  const handedBack = (id: TS.Identifier): boolean => id.parent !== undefined && ts.isArrowFunction(id.parent) && id.parent.body === id;
  return (model.identifiers.get(name) ?? []).some((id) => id !== param.name && isInside(id, body) && !handedBack(id));
}

/** The promise is awaited: `await new Promise(…)`, or `const p = new Promise(…)` and later `await p`. */
function awaited(model: SnippetModel, expr: TS.NewExpression): boolean {
  const { ts } = model;
  const use = usageOf(ts, expr);
  if (use.usage === 'awaited') return true;
  if (use.usage !== 'assigned' || use.variable === undefined) return false;
  return (model.identifiers.get(use.variable) ?? []).some((id) => id.pos >= expr.end && usageOf(ts, id).usage === 'awaited');
}

/**
 * The variable an `await x` waits on, when the await sits in a callback inside
 * the expression that makes `x` itself (`x = a.then(async () => { await x; })`).
 */
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

function chainCallback(model: SnippetModel, fn: FunctionLike): boolean {
  const call = callTakingFunction(model.ts, fn);
  const method = call === null ? null : calleeMethod(model.ts, call);
  return method !== null && CHAIN_METHODS.has(method);
}

function selfAwaited(model: SnippetModel, aw: TS.AwaitExpression): string | null {
  const { ts } = model;
  const operand = unwrap(ts, aw.expression);
  if (!ts.isIdentifier(operand)) return null;
  const name = operand.text;
  let callback: TS.Node | null = null;
  let child: TS.Node = aw;
  for (let node = aw.parent; node !== undefined && !ts.isSourceFile(node); child = node, node = node.parent) {
    if (isFunctionLike(ts, node)) {
      callback = node;
      continue;
    }
    const makes =
      (ts.isVariableDeclaration(node) && node.initializer === child && ts.isIdentifier(node.name) && node.name.text === name) ||
      (ts.isBinaryExpression(node) && node.right === child && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name);
    if (!makes) continue;
    // Only a `.then`/`.catch`/`.finally` callback surely runs after `x` is assigned; an IIFE, an
    // executor or an array callback runs at once and meets `x` before it has a value (a different error).
    if (callback === null || !chainCallback(model, callback as FunctionLike)) return null;
    // The callback's own `x` (a parameter, a local, a nested function's) is another promise.
    const outer = callback;
    const shadowed = (model.identifiers.get(name) ?? []).some((id) => {
      const p = id.parent;
      const declares = (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isBindingElement(p)) && p.name === id;
      return declares && isInside(id, outer);
    });
    return shadowed ? null : name;
  }
  return null;
}

export const neverSettles: Detector = {
  id: 'js.never-settles',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const expr of model.newExpressions) {
      if (!ts.isIdentifier(expr.expression) || expr.expression.text !== 'Promise') continue;
      const executor = functionArgument(ts, expr.arguments?.[0]);
      if (executor === null) continue;
      const [resolve, reject] = executor.parameters;
      // `new Promise(() => {})` is written on purpose (a test that must hang, a process kept alive). An executor
      // that takes no `resolve` yet does work (`setTimeout(() => {}, 2000)`), awaited, is a sleep that never wakes.
      if (resolve === undefined) {
        if (ts.isBlock(executor.body) && executor.body.statements.length > 0 && awaited(model, expr)) {
          out.push({ ...position(model, expr), message: words('js.never-settles.no-resolve'), confidence: 0.8, data: { ...span(model, expr), resolve: '' } });
        }
        continue;
      }
      if (ts.isBlock(executor.body) && executor.body.statements.length === 0 && !awaited(model, expr)) continue;
      if (resolve.dotDotDotToken || used(model, resolve, executor.body) || used(model, reject, executor.body)) continue;
      // `arguments[0]` or `this` tricks are rare; a body that mentions `arguments` is left alone.
      if ((model.identifiers.get('arguments') ?? []).some((id) => isInside(id, executor.body))) continue;
      const name = ts.isIdentifier(resolve.name) ? resolve.name.text : 'resolve';
      out.push({
        ...position(model, expr),
        message: words(reject !== undefined ? 'js.never-settles.neither' : 'js.never-settles', { name }),
        confidence: 0.8,
        data: { ...span(model, expr), resolve: name },
      });
    }
    for (const aw of model.awaits) {
      const name = selfAwaited(model, aw);
      if (name === null) continue;
      out.push({
        ...position(model, aw),
        message: words('js.never-settles.self', { name }),
        confidence: 0.9,
        data: { ...span(model, aw), selfAwait: name },
      });
    }
    return out;
  },
};
