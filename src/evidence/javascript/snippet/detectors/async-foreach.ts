/**
 * js.async-foreach: `arr.forEach(async …)` (nothing waits for the callbacks),
 * `arr.map(async …)` whose promises never reach `Promise.all`, and async
 * predicates given to `filter`/`some`/`every`/`find` (a promise is always truthy).
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, isAsync, type SnippetModel } from '../model.js';
import { neverWaits } from '../never-waits.js';
import { usageOf, type Usage, type UsageInfo } from '../promises.js';
import { endsInside, functionArgument, isInside, position, span } from '../where.js';
import { words } from '../../../types.js';

const PREDICATES = new Set(['filter', 'some', 'every', 'find', 'findIndex']);
/**
 * lodash and underscore take the collection first: `_.filter(list, async (x) => …)` tests the
 * promise each call returns, as `list.filter(…)` does. (caolan's `async.filter` and Bluebird's
 * `Promise.filter` wait for their callbacks: not these receivers.)
 */
const LODASH = new Set(['_', 'lodash', 'underscore']);
const LODASH_EACH = new Set(['forEach', 'each']);

/** `_.filter(list, async (x) => …)`: the collection and the async callback, or null. */
function lodashCall(model: SnippetModel, call: TS.CallExpression): { method: string; receiver: string } | null {
  const { ts, sourceFile } = model;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || !LODASH.has(callee.expression.text)) return null;
  const method = callee.name.text;
  if (!PREDICATES.has(method) && !LODASH_EACH.has(method)) return null;
  const [list, callback] = call.arguments;
  const cb = functionArgument(ts, callback);
  if (list === undefined || cb === null || !isAsync(ts, cb)) return null;
  return { method, receiver: list.getText(sourceFile) };
}
/**
 * `values.filter(isEven)` where the paste defines `isEven` once, as an async function or one that returns
 * `new Promise(…)`: the callback is handed by name, and each call gives a promise as much as an inline
 * `async (v) => …` would.
 */
function ownPromiseFunction(model: SnippetModel, arg: TS.Expression | undefined): boolean {
  const { ts } = model;
  if (arg === undefined || !ts.isIdentifier(arg)) return false;
  const name = arg.text;
  return (model.asyncNames.has(name) || model.promiseNames.has(name)) && !model.syncNames.has(name);
}

const MAP_HANDLED: ReadonlySet<Usage> = new Set(['combined', 'returned', 'passed', 'chained']);

/**
 * Whether a use hands the array of promises on to someone who can wait for
 * it. Returning it from a plain function can be (`Promise.all(jobs())`);
 * returning it from an async function cannot: the caller's `await` gets the
 * array, with every promise in it still pending.
 */
function handsOn(model: SnippetModel, use: UsageInfo): boolean {
  if (!MAP_HANDLED.has(use.usage)) return false;
  if (use.usage !== 'returned') return true;
  const fn = enclosingFunction(model.ts, use.node);
  return fn === null || !isAsync(model.ts, fn);
}

export const asyncForeach: Detector = {
  id: 'js.async-foreach',
  detect(model) {
    const { ts, sourceFile } = model;
    const out: RawFinding[] = [];
    for (const call of model.calls) {
      const lodash = lodashCall(model, call);
      if (lodash !== null) {
        const { method, receiver } = lodash;
        out.push({
          ...position(model, call),
          message: LODASH_EACH.has(method) ? words('js.async-foreach.forEach', { receiver }) : words('js.async-foreach.predicate', { receiver, method }),
          // A likely answer, below unasked: the paste's `_` may be another library's.
          confidence: 0.75,
          data: { ...span(model, call), method: `_.${method}`, receiver },
        });
        continue;
      }
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee)) continue;
      const method = callee.name.text;
      if (method !== 'forEach' && method !== 'map' && !PREDICATES.has(method)) continue;
      const cb = functionArgument(ts, call.arguments[0]);
      if (cb === null ? !ownPromiseFunction(model, call.arguments[0]) : !isAsync(ts, cb)) continue;
      const receiver = callee.expression.getText(sourceFile);
      const data: Record<string, string> = { ...span(model, call), method, receiver };
      if (method === 'forEach') {
        // A callback that never waits (no await, no promise made or returned: the `async` is only a
        // keyword) runs to its end before forEach moves on, as a plain one would: nothing is left for
        // the loop to wait on, so the loop is not the mistake (the un-awaited call inside it may be).
        // A callback the paste ends inside may wait after the cut.
        if (cb !== null && !endsInside(model, cb) && neverWaits(model, cb).never) continue;
        out.push({
          ...position(model, call),
          message: words('js.async-foreach.forEach', { receiver }),
          confidence: 0.9,
          data,
        });
        continue;
      }
      if (PREDICATES.has(method)) {
        out.push({
          ...position(model, call),
          message: words('js.async-foreach.predicate', { receiver, method }),
          confidence: 0.85,
          data,
        });
        continue;
      }
      const use = usageOf(ts, call);
      if (handsOn(model, use)) continue;
      let shown: Usage = use.usage;
      if (use.usage === 'assigned' && use.variable !== undefined) {
        const scope = enclosingFunction(ts, call) ?? sourceFile;
        const refs = (model.identifiers.get(use.variable) ?? []).filter((id: TS.Identifier) => id.pos >= call.end && isInside(id, scope));
        // Kept under a name the paste never reads again: the snippet ends before the array's use (`const promiseArray =
        // notes.map(async …)` quoted from a tutorial whose next line is `await Promise.all(promiseArray)`); nothing
        // shows the promises dropped.
        if (refs.length === 0) continue;
        const uses = refs.map((id) => usageOf(ts, id));
        if (uses.some((u) => handsOn(model, u) || u.usage === 'awaited')) continue;
        data.variable = use.variable;
        if (uses.some((u) => u.usage === 'returned')) shown = 'returned';
      }
      const message =
        shown === 'returned'
          ? words('js.async-foreach.map-returned', { receiver })
          : words('js.async-foreach.map', { receiver });
      out.push({
        ...position(model, call),
        message,
        confidence: shown === 'returned' ? 0.8 : 0.85,
        data: { ...data, use: use.usage },
      });
    }
    return out;
  },
};
