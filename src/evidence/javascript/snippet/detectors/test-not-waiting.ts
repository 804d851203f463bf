/**
 * js.test-not-waiting: a test that starts async work and does not wait for
 * it: a `.then(…)` chain or an `expect(p).resolves/rejects` assertion left
 * as a bare statement in a test without `done`. The test function returns
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

/** `expect(p).resolves.toBe(…)` / `.rejects.toThrow(…)`. */
function asyncAssertion(ts: SnippetModel['ts'], expr: TS.Expression): boolean {
  let cur: TS.Expression = expr;
  while (ts.isCallExpression(cur) || ts.isPropertyAccessExpression(cur)) {
    if (ts.isPropertyAccessExpression(cur) && (cur.name.text === 'resolves' || cur.name.text === 'rejects')) return true;
    cur = cur.expression;
  }
  return false;
}

function isChain(ts: SnippetModel['ts'], expr: TS.Expression): boolean {
  return ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && CHAIN.has(expr.expression.name.text);
}

/** Statements of the test body itself (not of nested functions) that start async work nobody waits for. */
function floating(model: SnippetModel, body: TS.Block): TS.ExpressionStatement[] {
  const { ts } = model;
  const out: TS.ExpressionStatement[] = [];
  const visit = (n: TS.Node): void => {
    if (isFunctionLike(ts, n)) return;
    if (ts.isExpressionStatement(n) && (isChain(ts, n.expression) || asyncAssertion(ts, n.expression))) out.push(n);
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

export const testNotWaiting: Detector = {
  id: 'js.test-not-waiting',
  detect(model) {
    const { ts, sourceFile } = model;
    const out: RawFinding[] = [];
    for (const t of testCalls(model)) {
      if (t.fn.parameters.length > 0 && doneParam(ts, t.fn) !== null) continue; // callback style: done says when
      if (!ts.isBlock(t.fn.body)) continue; // `() => p.then(…)` returns the promise
      for (const stmt of floating(model, t.fn.body)) {
        // A chain whose callbacks assert (or a resolves/rejects assertion) is what the test is about.
        const text = stmt.getText(sourceFile);
        const asserts = /\b(?:expect|assert|should)\b/.test(text);
        if (!asserts) continue;
        out.push({
          ...position(model, stmt),
          message: words('js.test-not-waiting', { what: t.hook ? words('js.hook', { kind: t.kind }) : words('js.test') }),
          confidence: 0.85,
          data: { ...span(model, stmt), testStart: String(t.fn.getStart(sourceFile) - model.offset), testEnd: String(t.fn.end - model.offset) },
        });
      }
    }
    return out;
  },
};
