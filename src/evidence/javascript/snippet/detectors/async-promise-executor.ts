/**
 * js.async-promise-executor: `new Promise(async (resolve, reject) => …)`.
 * An error thrown after an `await` in the executor never rejects the promise.
 */
import type { Detector, RawFinding } from '../detector.js';
import { isAsync } from '../model.js';
import { functionArgument, position, span } from '../where.js';
import { words } from '../../../types.js';

export const asyncPromiseExecutor: Detector = {
  id: 'js.async-promise-executor',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const expr of model.newExpressions) {
      if (!ts.isIdentifier(expr.expression) || expr.expression.text !== 'Promise') continue;
      const executor = functionArgument(ts, expr.arguments?.[0]);
      if (executor === null || !isAsync(ts, executor)) continue;
      out.push({
        ...position(model, expr),
        message: words('js.async-promise-executor'),
        confidence: 0.95,
        data: span(model, expr),
      });
    }
    return out;
  },
};
