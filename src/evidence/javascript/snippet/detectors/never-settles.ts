/**
 * js.never-settles: a promise nothing can ever settle, so whatever awaits it
 * waits forever; at the top level of an ES module Node ends with exit code 13
 * ("Detected unsettled top-level await"). Two shapes:
 * - `new Promise((resolve) => { … })` whose executor never uses `resolve`
 *   (nor `reject`), or takes no `resolve` at all yet does work and is awaited. An empty executor is often written on purpose (a test
 *   that must hang, `await new Promise(() => {})` to keep a process alive),
 *   so it counts only when it names `resolve` and the promise is awaited, or, as a likely answer, when
 *   code follows its `await` (the author expects it to go on).
 * - an executor that calls `resolve` itself, at once (no callback in between), but only on some paths:
 *   `if (ok) resolve();` with no `else`, no `reject`, no `throw`. When the test fails the executor
 *   returns and nothing is left that could ever settle the promise.
 * - a promise that awaits itself: `let p = start().then(async () => { await p; })`.
 *   The callback runs after `p` is assigned, and `p` settles only when the
 *   callback has finished: each waits for the other.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { isFunctionLike, type FunctionLike, type SnippetModel } from '../model.js';
import { usageOf } from '../promises.js';
import { calleeMethod, callTakingFunction, endsInside, functionArgument, isInside, position, span, unwrap } from '../where.js';
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

const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/**
 * `await Promise.all([new Promise(…), …])`: the promise is an element of the array literal handed to
 * one of Promise's combinators, and that combinator's promise is awaited (directly or through a name).
 */
function awaitedInCombinator(model: SnippetModel, expr: TS.Expression): boolean {
  const { ts } = model;
  let node: TS.Node = expr;
  while (node.parent !== undefined && ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const list = node.parent;
  if (list === undefined || !ts.isArrayLiteralExpression(list)) return false;
  const call = list.parent;
  if (call === undefined || !ts.isCallExpression(call) || call.arguments[0] !== list) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Promise' || !COMBINATORS.has(callee.name.text)) return false;
  return awaitedValue(model, call);
}

/** The `await` expressions that wait on the value of `expr`: `await expr`, or `const p = expr` and later `await p`. */
function awaitsOf(model: SnippetModel, expr: TS.Expression): TS.Node[] {
  const { ts } = model;
  const use = usageOf(ts, expr);
  if (use.usage === 'awaited') return [use.node.parent!];
  if (use.usage !== 'assigned' || use.variable === undefined) return [];
  const awaits: TS.Node[] = [];
  for (const id of model.identifiers.get(use.variable) ?? []) {
    if (id.pos < expr.end) continue;
    const u = usageOf(ts, id);
    if (u.usage === 'awaited') awaits.push(u.node.parent!);
  }
  return awaits;
}

/** The value of `expr` is awaited: `await expr`, or `const p = expr` and later `await p`. */
function awaitedValue(model: SnippetModel, expr: TS.Expression): boolean {
  return awaitsOf(model, expr).length > 0;
}

/**
 * An `await` of this promise (`await new Promise(…)`, or `await p` of the name it is kept in) is a statement
 * of its own with more statements after it in the same block: code the author expects to run once it settles.
 */
function awaitedWithCodeAfter(model: SnippetModel, expr: TS.NewExpression): boolean {
  const { ts } = model;
  return awaitsOf(model, expr).some((aw) => {
    const stmt = aw.parent;
    if (stmt === undefined || !ts.isExpressionStatement(stmt) || stmt.expression !== aw) return false;
    const list = stmt.parent;
    if (list === undefined || !(ts.isBlock(list) || ts.isSourceFile(list))) return false;
    const statements = (list as TS.Block | TS.SourceFile).statements;
    return statements.indexOf(stmt) < statements.length - 1;
  });
}

/** The promise is awaited: `await new Promise(…)`, or `const p = new Promise(…)` and later `await p`, or inside an awaited `Promise.all([…])`. */
function awaited(model: SnippetModel, expr: TS.NewExpression): boolean {
  return awaitedInCombinator(model, expr) || awaitedValue(model, expr);
}

/**
 * Whether running `stmt` surely settles the promise (calls `resolve`/`reject`, or throws, which rejects it),
 * 'no' when some path through it ends without, or 'unknown' for shapes not followed (loops, switch, try,
 * labels, a `return` before settling is 'no').
 */
type Settles = 'yes' | 'no' | 'unknown';

function settles(model: SnippetModel, stmt: TS.Statement, settlers: ReadonlySet<string>): Settles {
  const { ts } = model;
  const settlingCall = (e: TS.Expression | undefined): boolean => {
    if (e === undefined) return false;
    const u = unwrap(ts, e);
    return ts.isCallExpression(u) && ts.isIdentifier(u.expression) && settlers.has(u.expression.text);
  };
  // `ok ? resolve(a) : reject(b)`, `ok && resolve()`: a settling call inside an expression is not followed.
  const mentions = (n: TS.Node): boolean => {
    let found = false;
    const visit = (c: TS.Node): void => {
      if (found) return;
      if (ts.isIdentifier(c) && settlers.has(c.text)) found = true;
      else ts.forEachChild(c, visit);
    };
    visit(n);
    return found;
  };
  if (ts.isExpressionStatement(stmt)) return settlingCall(stmt.expression) ? 'yes' : mentions(stmt) ? 'unknown' : 'no';
  if (ts.isThrowStatement(stmt)) return 'yes';
  if (ts.isReturnStatement(stmt)) return settlingCall(stmt.expression) ? 'yes' : stmt.expression !== undefined && mentions(stmt) ? 'unknown' : 'no';
  if (ts.isBlock(stmt)) return settlesList(model, stmt.statements, settlers);
  if (ts.isIfStatement(stmt)) {
    const then = settles(model, stmt.thenStatement, settlers);
    const other = stmt.elseStatement === undefined ? 'no' : settles(model, stmt.elseStatement, settlers);
    if (then === 'unknown' || other === 'unknown') return 'unknown';
    return then === 'yes' && other === 'yes' ? 'yes' : 'no';
  }
  if (ts.isVariableStatement(stmt) || ts.isEmptyStatement(stmt)) return mentions(stmt) ? 'unknown' : 'no';
  return 'unknown';
}

/**
 * A list of statements settles when one of them surely does. An `if` whose branches do not all settle
 * lets the list go on only when the branch that does not settle has no `return` or `throw` in it (it
 * falls through to the next statement); otherwise the paths are not followed ('unknown').
 */
function settlesList(model: SnippetModel, list: readonly TS.Statement[], settlers: ReadonlySet<string>): Settles {
  const { ts } = model;
  for (const stmt of list) {
    if (ts.isIfStatement(stmt)) {
      const then = settles(model, stmt.thenStatement, settlers);
      const other = stmt.elseStatement === undefined ? 'no' : settles(model, stmt.elseStatement, settlers);
      if (then === 'unknown' || other === 'unknown') return 'unknown';
      if (then === 'yes' && other === 'yes') return 'yes';
      const open = [then === 'no' ? stmt.thenStatement : null, other === 'no' ? stmt.elseStatement ?? null : null];
      if (open.some((branch) => branch !== null && leaves(model, branch))) return 'unknown';
      continue;
    }
    const r = settles(model, stmt, settlers);
    if (r !== 'no') return r;
    if (ts.isReturnStatement(stmt)) return 'no';
  }
  return 'no';
}

/** A `return` or `throw` somewhere in the statement (not in a function inside it): it may not fall through. */
function leaves(model: SnippetModel, stmt: TS.Statement): boolean {
  const { ts } = model;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionLike(ts, n)) return;
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(stmt);
  return found;
}

/**
 * `new Promise((resolve) => { const ok = check(); if (ok) resolve(); })`: the executor calls `resolve` itself
 * (every use of it and of `reject` is a direct call in the executor's own body, none in a callback, which may
 * run again or on another path), yet some path through the body ends without settling. The name, or null.
 */
function settlesOnSomePaths(model: SnippetModel, executor: FunctionLike): string | null {
  const { ts } = model;
  const body = executor.body;
  if (body === undefined || !ts.isBlock(body)) return null;
  const names = executor.parameters.slice(0, 2).map((p) => (ts.isIdentifier(p.name) ? p.name.text : null));
  if (names[0] === null || names[0] === undefined || names.includes(null)) return null;
  const settlers = new Set(names as string[]);
  let calls = 0;
  for (const name of settlers) {
    for (const id of model.identifiers.get(name) ?? []) {
      if (!isInside(id, body)) continue;
      const call = id.parent;
      // Passed on, stored, or called from a nested function: the body alone does not say when it runs.
      if (call === undefined || !ts.isCallExpression(call) || call.expression !== id) return null;
      for (let cur: TS.Node | undefined = call.parent; cur !== undefined && cur !== body; cur = cur.parent) if (isFunctionLike(ts, cur)) return null;
      calls++;
    }
  }
  if (calls === 0) return null;
  return settlesList(model, body.statements, settlers) === 'no' ? names[0] : null;
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

/**
 * `var deferred = Q.defer(); deferred.promise.then(…)` (Q, AngularJS's `$q`, `require('q').defer()`): a
 * deferred that nothing in the paste ever resolves or rejects, whose promise is used. Only when the deferred
 * itself goes nowhere else (handed to a call, returned, stored), where its settling could happen out of sight.
 */
function unsettledDeferreds(model: SnippetModel): RawFinding[] {
  const { ts } = model;
  const out: RawFinding[] = [];
  for (const call of model.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'defer' || call.arguments.length > 0) continue;
    const decl = call.parent;
    if (decl === undefined || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || decl.initializer !== call) continue;
    const name = decl.name.text;
    const uses = (model.identifiers.get(name) ?? []).filter((id) => id !== decl.name);
    let promiseUsed = false;
    let other = false;
    for (const id of uses) {
      const access = id.parent;
      if (access !== undefined && ts.isPropertyAccessExpression(access) && access.expression === id) {
        if (access.name.text === 'promise') promiseUsed = true;
        else other = true; // resolve, reject, notify, makeNodeResolver, …
      } else other = true;
    }
    if (!promiseUsed || other) continue;
    out.push({
      ...position(model, call),
      message: words('js.never-settles.deferred', { name }),
      confidence: 0.7,
      data: { ...span(model, call), resolve: '' },
    });
  }
  return out;
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
      // An executor the paste ends inside (a diff hunk, an excerpt) may settle after the cut.
      if (endsInside(model, executor)) continue;
      const [resolve, reject] = executor.parameters;
      // `new Promise(() => {})` is written on purpose (a test that must hang, a process kept alive). An executor
      // that takes no `resolve` yet does work (`setTimeout(() => {}, 2000)`), awaited, is a sleep that never wakes.
      if (resolve === undefined) {
        if (ts.isBlock(executor.body) && executor.body.statements.length > 0 && awaited(model, expr)) {
          out.push({ ...position(model, expr), message: words('js.never-settles.no-resolve'), confidence: 0.8, data: { ...span(model, expr), resolve: '' } });
        } else if (awaitedWithCodeAfter(model, expr)) {
          // `new Promise(() => {})` is kept alive on purpose as a script's last line; code after its await says the author expects it to go on.
          out.push({ ...position(model, expr), message: words('js.never-settles.empty'), confidence: 0.7, data: { ...span(model, expr), resolve: '' } });
        }
        continue;
      }
      if (ts.isBlock(executor.body) && executor.body.statements.length === 0 && !awaited(model, expr)) continue;
      if (resolve.dotDotDotToken) continue;
      if (used(model, resolve, executor.body) || used(model, reject, executor.body)) {
        const partly = settlesOnSomePaths(model, executor);
        if (partly !== null) {
          out.push({
            ...position(model, expr),
            message: words('js.never-settles.some-paths', { name: partly }),
            confidence: 0.8,
            data: { ...span(model, expr), resolve: partly },
          });
        }
        continue;
      }
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
    out.push(...unsettledDeferreds(model));
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
