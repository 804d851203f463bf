/**
 * js.return-without-await-in-try: `return promiseCall()` inside the `try` of
 * an async function: the function returns before the promise settles, so the
 * `catch` (and `finally` timing) never sees its rejection.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, isAsync, type SnippetModel } from '../model.js';
import { promiseCall } from '../promises.js';
import { callText, position, span, startOf, unwrap } from '../where.js';

// Database and HTTP client methods that return promises in the usual libraries
// (mysql2/promise, pg, prisma, mongoose, sequelize, axios).
const LIKELY_ASYNC_METHODS = new Set([
  'query', 'findOne', 'findMany', 'findUnique', 'findFirst', 'findById', 'findAll', 'findByPk',
  'insertOne', 'insertMany', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'countDocuments',
]);

function promiseOf(model: SnippetModel, expr: TS.Expression): { text: string; confidence: number } | null {
  const { ts } = model;
  const inner = unwrap(ts, expr);
  if (ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'Promise') {
    return { text: 'new Promise(…)', confidence: 0.85 };
  }
  if (!ts.isCallExpression(inner)) return null;
  const callee = inner.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const m = callee.name.text;
    if (m === 'then' || m === 'catch' || m === 'finally') return { text: callText(model, inner), confidence: 0.85 };
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise') return { text: callText(model, inner), confidence: 0.85 };
  }
  if (promiseCall(model, inner) !== null) return { text: callText(model, inner), confidence: 0.85 };
  if (ts.isPropertyAccessExpression(callee) && LIKELY_ASYNC_METHODS.has(callee.name.text)) {
    return { text: callText(model, inner), confidence: 0.6 };
  }
  return null;
}

export const returnWithoutAwaitInTry: Detector = {
  id: 'js.return-without-await-in-try',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const ret of model.returns) {
      if (ret.expression === undefined) continue;
      const fn = enclosingFunction(ts, ret);
      if (fn === null || !isAsync(ts, fn)) continue;
      let node: TS.Node = ret;
      let tryStmt: TS.TryStatement | null = null;
      while (node.parent !== undefined && node.parent !== fn) {
        const parent = node.parent;
        if (ts.isTryStatement(parent) && parent.tryBlock === node && parent.catchClause !== undefined) {
          tryStmt = parent;
          break;
        }
        node = parent;
      }
      if (tryStmt === null) continue;
      const promise = promiseOf(model, ret.expression);
      if (promise === null) continue;
      out.push({
        ...position(model, ret),
        message: `\`return ${promise.text}\` inside \`try\` returns the promise without waiting for it, so the \`catch\` below never sees it fail. Use \`return await\`.`,
        confidence: promise.confidence,
        data: { ...span(model, ret.expression), returnStart: startOf(model, ret) },
      });
    }
    return out;
  },
};
