/**
 * js.async-foreach: `arr.forEach(async …)` (nothing waits for the callbacks),
 * `arr.map(async …)` whose promises never reach `Promise.all`, and async
 * predicates given to `filter`/`some`/`every`/`find` (a promise is always truthy).
 */
import type { Detector, RawFinding } from '../detector.js';
import { isAsync } from '../model.js';
import { usageOf, type Usage } from '../promises.js';
import { functionArgument, isInside, position, span } from '../where.js';
import { enclosingFunction } from '../model.js';

const PREDICATES = new Set(['filter', 'some', 'every', 'find', 'findIndex']);
const MAP_HANDLED: ReadonlySet<Usage> = new Set(['combined', 'returned', 'passed', 'chained']);

export const asyncForeach: Detector = {
  id: 'js.async-foreach',
  detect(model) {
    const { ts, sourceFile } = model;
    const out: RawFinding[] = [];
    for (const call of model.calls) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee)) continue;
      const method = callee.name.text;
      if (method !== 'forEach' && method !== 'map' && !PREDICATES.has(method)) continue;
      const cb = functionArgument(ts, call.arguments[0]);
      if (cb === null || !isAsync(ts, cb)) continue;
      const receiver = callee.expression.getText(sourceFile);
      const data: Record<string, string> = { ...span(model, call), method, receiver };
      if (method === 'forEach') {
        out.push({
          ...position(model, call),
          message: `\`${receiver}.forEach(async …)\` starts every callback and returns at once: forEach ignores the promises, so the code after it runs before the work is done and errors go unhandled.`,
          confidence: 0.9,
          data,
        });
        continue;
      }
      if (PREDICATES.has(method)) {
        out.push({
          ...position(model, call),
          message: `\`${receiver}.${method}(async …)\`: an async callback returns a promise, which is always truthy, so \`${method}\` never sees the real answer.`,
          confidence: 0.85,
          data,
        });
        continue;
      }
      const use = usageOf(ts, call);
      if (MAP_HANDLED.has(use.usage)) continue;
      if (use.usage === 'assigned' && use.variable !== undefined) {
        const scope = enclosingFunction(ts, call) ?? sourceFile;
        const refs = (model.identifiers.get(use.variable) ?? []).filter((id) => id.pos >= call.end && isInside(id, scope));
        if (refs.some((id) => MAP_HANDLED.has(usageOf(ts, id).usage) || usageOf(ts, id).usage === 'awaited')) continue;
        data.variable = use.variable;
      }
      out.push({
        ...position(model, call),
        message: `\`${receiver}.map(async …)\` gives an array of promises, and nothing waits for them: wrap it in \`await Promise.all(…)\`.`,
        confidence: 0.85,
        data: { ...data, use: use.usage },
      });
    }
    return out;
  },
};
