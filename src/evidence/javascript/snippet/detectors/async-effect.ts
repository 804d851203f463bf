/**
 * js.async-effect: `useEffect(async () => …)` (also `useLayoutEffect`,
 * `React.useEffect`). An async function returns a promise, and React takes
 * what an effect returns for its clean-up function: it warns ("useEffect must
 * not return anything besides a function"), and on unmount calls the
 * promise ("destroy is not a function").
 */
import type { Detector, RawFinding } from '../detector.js';
import { isAsync } from '../model.js';
import { promiseCall } from '../promises.js';
import { callText, functionArgument, position, span, unwrap } from '../where.js';
import { words } from '../../../types.js';

const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);

export const asyncEffect: Detector = {
  id: 'js.async-effect',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const call of model.calls) {
      const callee = call.expression;
      const hook = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if (hook === null || !EFFECT_HOOKS.has(hook)) continue;
      const effect = functionArgument(ts, call.arguments[0]);
      if (effect === null) continue;
      if (!isAsync(ts, effect)) {
        // `useEffect(() => (async () => { … })())`, `useEffect(() => load(id))`: an arrow without braces returns
        // its expression, so a call that gives back a promise makes the effect return one, as an async effect does.
        const returned = ts.isArrowFunction(effect) && !ts.isBlock(effect.body) ? unwrap(ts, effect.body) : null;
        if (returned === null || !ts.isCallExpression(returned) || promiseCall(model, returned) === null) continue;
        const shown = callText(model, returned);
        out.push({
          ...position(model, effect),
          message: words('js.async-effect.returns-promise', { hook, call: shown }),
          confidence: 0.85,
          data: { ...span(model, effect), hook, returns: shown },
        });
        continue;
      }
      out.push({
        ...position(model, effect),
        message: words('js.async-effect', { hook }),
        confidence: 0.9,
        data: { ...span(model, effect), hook },
      });
    }
    return out;
  },
};
