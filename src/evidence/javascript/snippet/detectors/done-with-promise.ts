/**
 * js.done-with-promise: a test or hook that takes a `done` callback and also
 * returns a promise (`async (done) => …`, `(done) => p.then(() => done())`).
 * Mocha fails it with "Resolution method is overspecified", Jest with "Test
 * functions cannot both take a 'done' callback and return something".
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { isAsync, type SnippetModel } from '../model.js';
import { doneParam, testCalls } from '../test-calls.js';
import { isInside, position, span, unwrap } from '../where.js';
import { words } from '../../../types.js';

/** Names people give the callback; another name counts only when the test calls it. */
const CALLBACK_NAME = /^(?:done|cb|callback|next|finish|end)$/;
const CHAIN = new Set(['then', 'catch', 'finally']);
const PROMISE_STATICS = new Set(['all', 'allSettled', 'race', 'any', 'resolve', 'reject']);

/** An expression that is a promise for sure: a `.then`/`.catch` chain, `new Promise`, `Promise.all(…)`. */
function surelyPromise(ts: SnippetModel['ts'], expr: TS.Expression): boolean {
  const e = unwrap(ts, expr);
  if (ts.isNewExpression(e)) return ts.isIdentifier(e.expression) && e.expression.text === 'Promise';
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
  const { name, expression: recv } = e.expression;
  if (CHAIN.has(name.text)) return true;
  return ts.isIdentifier(recv) && recv.text === 'Promise' && PROMISE_STATICS.has(name.text);
}

/** The promise the function returns, if it visibly returns one (outside nested functions). */
function returnedPromise(model: SnippetModel, fn: TS.ArrowFunction | TS.FunctionExpression): TS.Node | null {
  const { ts } = model;
  if (!ts.isBlock(fn.body)) return surelyPromise(ts, fn.body) ? fn.body : null;
  for (const ret of model.returns) {
    if (ret.expression === undefined || !isInside(ret, fn.body)) continue;
    let owner: TS.Node | undefined = ret.parent;
    while (owner !== undefined && owner !== fn && !(ts.isFunctionLike(owner))) owner = owner.parent;
    if (owner === fn && surelyPromise(ts, ret.expression)) return ret;
  }
  return null;
}

function calledInside(model: SnippetModel, name: string, fn: TS.Node): boolean {
  const { ts } = model;
  return (model.identifiers.get(name) ?? []).some((id) => isInside(id, fn) && id.parent !== undefined && ts.isCallExpression(id.parent) && id.parent.expression === id);
}

/**
 * Test methods of a decorated suite class (mocha-typescript, testdeck: `@suite class Charges { @test
 * async 'charges once'(done) { … } }`): the method is the test's function. Only an `async` method
 * counts here (a method's returned promise is not read).
 */
function decoratedTests(model: SnippetModel): TS.MethodDeclaration[] {
  const { ts } = model;
  const out: TS.MethodDeclaration[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isMethodDeclaration(n) && (ts.getDecorators(n) ?? []).some((d) => TEST_DECORATOR.test(d.expression.getText(model.sourceFile)))) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(model.sourceFile);
  return out;
}

/** `@test`, `@test()`, `@test('name')`, `@test.only`, `@test.skip(…)`: the decorators that make a method a test. */
export const TEST_DECORATOR = /^test(?:\.(?:only|skip|pending))?(?:\(|$)/;

export const doneWithPromise: Detector = {
  id: 'js.done-with-promise',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const t of testCalls(model)) {
      const done = doneParam(ts, t.fn);
      if (done === null) continue;
      if (!CALLBACK_NAME.test(done.text) && !calledInside(model, done.text, t.fn)) continue;
      const asyncFn = isAsync(ts, t.fn);
      const returned = asyncFn ? null : returnedPromise(model, t.fn);
      if (!asyncFn && returned === null) continue;
      const what = t.hook ? words('js.hook', { kind: t.kind }) : words('js.test');
      out.push({
        ...position(model, t.fn),
        message: asyncFn
          ? words('js.done-with-promise.async', { what, done: done.text })
          : words('js.done-with-promise.returned', { what, done: done.text }),
        confidence: asyncFn ? 0.9 : 0.85,
        data: { ...span(model, t.fn), done: done.text, async: String(asyncFn), kind: t.kind, hook: String(t.hook) },
      });
    }
    for (const method of decoratedTests(model)) {
      const done = doneParam(ts, method);
      if (done === null || !isAsync(ts, method) || (!CALLBACK_NAME.test(done.text) && !calledInside(model, done.text, method))) continue;
      out.push({
        ...position(model, method),
        message: words('js.done-with-promise.async', { what: words('js.test'), done: done.text }),
        confidence: 0.9,
        data: { ...span(model, method), done: done.text, async: 'true', kind: 'test', hook: 'false' },
      });
    }
    return out;
  },
};
