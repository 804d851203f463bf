/**
 * js.test-not-waiting: a test that starts async work and does not wait for
 * it: a `.then(…)` chain or an `expect(p).resolves/rejects` (chai-as-promised
 * `eventually`, should.js `.should.be.rejected()`) assertion left as a bare
 * statement in a test without `done`, or followed at once by `done()`; and
 * such an assertion pasted without its test around it. The test function returns
 * first, so the runner counts it as passed; the assertions run later, when
 * Jest reports "Cannot log after tests are done", or never.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import type { SnippetModel } from '../model.js';
import { doneParam, testCalls } from '../test-calls.js';
import { position, span } from '../where.js';
import { isFunctionLike } from '../model.js';
import { words } from '../../../types.js';

const CHAIN = new Set(['then', 'catch', 'finally']);

/**
 * Assertions that return a promise: Jest/Vitest `expect(p).resolves` / `.rejects`, chai-as-promised
 * `expect(p).to.eventually.…`, `.should.be.fulfilled()` / `.rejected()` / `.rejectedWith(…)` / `.become(…)`
 * (should.js and chai-as-promised). chai-as-promised's `.notify(done)` hands the result to `done` instead.
 */
const ASYNC_MATCHERS = new Set(['resolves', 'rejects', 'eventually', 'fulfilled', 'rejected', 'rejectedWith', 'become']);
const ASYNC_MATCHER_WORD = /\b(?:resolves|rejects|eventually|fulfilled|rejected|rejectedWith|become)\b/;

function asyncAssertion(ts: SnippetModel['ts'], expr: TS.Expression): boolean {
  let cur: TS.Expression = expr;
  let matcher = false;
  while (ts.isCallExpression(cur) || ts.isPropertyAccessExpression(cur)) {
    if (ts.isPropertyAccessExpression(cur)) {
      if (cur.name.text === 'notify') return false;
      if (ASYNC_MATCHERS.has(cur.name.text)) matcher = true;
    }
    cur = cur.expression;
  }
  return matcher;
}

/** `done()` called straight in the test body after `stmt`: the test ends there, before `stmt`'s promise settles. */
function doneCalledAfter(model: SnippetModel, body: TS.Block, done: string, stmt: TS.Statement): boolean {
  const { ts } = model;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionLike(ts, n)) return;
    if (ts.isExpressionStatement(n) && n.pos >= stmt.end && ts.isCallExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === done) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** Every statement anywhere in the snippet that is an async assertion left unawaited (a test body pasted without its `it(…)`, a helper). */
function looseAssertions(model: SnippetModel): TS.ExpressionStatement[] {
  const { ts, sourceFile } = model;
  const out: TS.ExpressionStatement[] = [];
  if (!ASYNC_MATCHER_WORD.test(model.text)) return out;
  const visit = (n: TS.Node): void => {
    if (ts.isExpressionStatement(n) && asyncAssertion(ts, n.expression)) out.push(n);
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return out;
}

function isChain(ts: SnippetModel['ts'], expr: TS.Expression): boolean {
  return ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && CHAIN.has(expr.expression.name.text);
}

/**
 * Where the test body's own `return` statement ends, or -1: what follows it never runs. A chain pasted
 * with a dot missing (`return store.clear()` then `then(…).catch(…)` on the next line, which automatic
 * semicolon insertion splits off) is code after the test has returned its promise, not a chain it drops.
 */
function endOfReturn(ts: SnippetModel['ts'], body: TS.Block): number {
  return body.statements.find((s) => ts.isReturnStatement(s))?.end ?? -1;
}

/** Statements of the test body itself (not of nested functions) that start async work nobody waits for. */
function floating(model: SnippetModel, body: TS.Block): TS.ExpressionStatement[] {
  const { ts } = model;
  const out: TS.ExpressionStatement[] = [];
  const unreachableFrom = endOfReturn(ts, body);
  const visit = (n: TS.Node): void => {
    if (isFunctionLike(ts, n) || (unreachableFrom >= 0 && n.pos >= unreachableFrom)) return;
    if (ts.isExpressionStatement(n) && (isChain(ts, n.expression) || asyncAssertion(ts, n.expression))) out.push(n);
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/**
 * `it('…', () => { db.findOne(q, (err, r) => { expect(…); done(); }); })`: a callback inside the test
 * calls `done()`, but the test function takes no `done` parameter (and nothing else in the paste
 * declares one), so the runner never waits for that callback: the test ends first and passes. The
 * statement of the test body that holds the callback, or null.
 */
function undeclaredDone(model: SnippetModel, fn: TS.ArrowFunction | TS.FunctionExpression, body: TS.Block): TS.Statement | null {
  const { ts } = model;
  if (fn.parameters.length > 0 || fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return null;
  const refs = model.identifiers.get('done') ?? [];
  if (refs.some((id) => id.parent !== undefined && (ts.isParameter(id.parent) || ts.isVariableDeclaration(id.parent) || ts.isFunctionDeclaration(id.parent) || ts.isBindingElement(id.parent)))) return null;
  for (const stmt of body.statements) {
    let found = false;
    const visit = (n: TS.Node, nested: boolean): void => {
      if (found) return;
      if (nested && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'done') found = true;
      else ts.forEachChild(n, (c) => visit(c, nested || isFunctionLike(ts, n)));
    };
    visit(stmt, false);
    if (found) return stmt;
  }
  return null;
}

export const testNotWaiting: Detector = {
  id: 'js.test-not-waiting',
  detect(model) {
    const { ts, sourceFile } = model;
    const out: RawFinding[] = [];
    const reported = new Set<TS.Node>();
    for (const t of testCalls(model)) {
      if (!ts.isBlock(t.fn.body)) continue; // `() => p.then(…)` returns the promise
      // Callback style: `done` says when the test ends, unless it is called straight after the async work.
      const done = t.fn.parameters.length > 0 ? doneParam(ts, t.fn) : null;
      const forgotten = t.hook ? null : undeclaredDone(model, t.fn, t.fn.body);
      if (forgotten !== null) {
        reported.add(forgotten);
        out.push({
          ...position(model, forgotten),
          message: words('js.test-not-waiting', { what: words('js.test') }),
          confidence: 0.8,
          // The callback calls `done`: the fix is to take it as the test's parameter, not to make the test async.
          data: { ...span(model, forgotten), done: 'done' },
        });
        continue;
      }
      for (const stmt of floating(model, t.fn.body)) {
        // A chain whose callbacks assert (or a resolves/rejects assertion) is what the test is about.
        const text = stmt.getText(sourceFile);
        const asserts = /\b(?:expect|assert|should)\b/.test(text);
        if (!asserts) continue;
        if (done !== null && !doneCalledAfter(model, t.fn.body, done.text, stmt)) continue;
        reported.add(stmt);
        out.push({
          ...position(model, stmt),
          message: words('js.test-not-waiting', { what: t.hook ? words('js.hook', { kind: t.kind }) : words('js.test') }),
          confidence: 0.85,
          // With `done` kept, an `async` test would be "overspecified" (Mocha): no automatic rewrite then.
          data: done !== null ? { ...span(model, stmt), done: done.text } : { ...span(model, stmt), testStart: String(t.fn.getStart(sourceFile) - model.offset), testEnd: String(t.fn.end - model.offset) },
        });
      }
    }
    for (const stmt of looseAssertions(model)) {
      if (reported.has(stmt) || !/\b(?:expect|assert|should)\b/.test(stmt.getText(sourceFile))) continue;
      // Inside a test call that waits some other way (its `done` callback), or outside any test: a likely answer.
      const inTest = testCalls(model).some((t) => stmt.pos >= t.fn.pos && stmt.end <= t.fn.end);
      if (inTest) continue;
      out.push({
        ...position(model, stmt),
        message: words('js.test-not-waiting', { what: words('js.test') }),
        confidence: 0.75,
        data: { ...span(model, stmt) },
      });
    }
    return out;
  },
};
