/**
 * js.floating-promise: a call we know returns a promise, used as a bare
 * statement: nobody waits for it and its rejection goes unhandled.
 */
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, isAsync, type FunctionLike, type SnippetModel } from '../model.js';
import { neverWaits, ownAsyncCallee } from '../never-waits.js';
import { promiseCall, usageOf } from '../promises.js';
import { callTakingFunction, callText, position, span, unwrap } from '../where.js';

/**
 * Names people give a script's entry point. Precision choice: a bare
 * top-level call of one of the snippet's own async functions is reported
 * (`saveAll();` runs on while the save is pending, and its failure is an
 * unhandled rejection), except an entry point like `main();`. That call is
 * how the whole program starts: nothing after it waits on it, and a failure
 * crashes the script with the error printed, which is what the person
 * wants; telling everyone who writes `main();` to add `.catch` would be
 * noise. `void f()` says "not waiting, on purpose" and stays quiet too.
 */
const ENTRY_POINT = /^(?:main|start|run|init|initialize|bootstrap|boot|launch|setup|startBot|startServer|startApp|runBot)$/;

const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);

/** The function given to `useEffect(fn, deps)` (or `React.useEffect`). */
function isEffectCallback(model: SnippetModel, fn: FunctionLike): boolean {
  const { ts } = model;
  const call = callTakingFunction(ts, fn);
  if (call === null || call.arguments[0] === undefined || unwrap(ts, call.arguments[0]) !== fn) return false;
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return EFFECT_HOOKS.has(name);
}

export const floatingPromise: Detector = {
  id: 'js.floating-promise',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const call of model.calls) {
      const known = promiseCall(model, call);
      if (known === null) continue;
      if (usageOf(ts, call).usage !== 'statement') continue;
      // An own async function that never waits has run to its end when the call returns: nothing is left pending.
      const own = known.source === 'own' ? ownAsyncCallee(model, call) : null;
      if (own !== null && neverWaits(model, own).never) continue;
      const fn = enclosingFunction(ts, call);
      const topLevel = fn === null || fn === model.bodyWrapper;
      if (topLevel && known.source === 'own' && ENTRY_POINT.test(known.callee)) continue;
      // React's documented idiom: a synchronous effect starts the component's own async function and returns nothing.
      if (fn !== null && known.source === 'own' && !isAsync(ts, fn) && isEffectCallback(model, fn)) continue;
      const inAsync = fn !== null && isAsync(ts, fn);
      const shown = callText(model, call);
      out.push({
        ...position(model, call),
        message: inAsync
          ? `\`${shown}\` returns a promise that is never awaited: the code after it runs before it finishes, and if it fails the error is an unhandled rejection.`
          : `\`${shown}\` returns a promise that nothing waits for or catches: if it fails the error is an unhandled rejection.`,
        // At the top level (outside any function) a paste is often a fragment or a test script.
        confidence: fn === null ? 0.6 : known.source === 'own' ? 0.8 : inAsync ? 0.9 : 0.75,
        data: { ...span(model, call), callee: known.callee, source: known.source, inAsync: String(inAsync) },
      });
    }
    return out;
  },
};
