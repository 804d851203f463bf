/** py.get-event-loop-top-level: `asyncio.get_event_loop()` outside a running loop. */
import { child } from '../model.js';
import { type Detector, code, callData, GENERATOR_COROUTINE } from './shared.js';
import { words } from '../../../types.js';

export const getEventLoopTopLevel: Detector = (m, report) => {
  // Generator-based coroutines are gone since Python 3.11: code built on them runs where
  // get_event_loop() was still the documented way to get the loop, so its call is no mistake there.
  for (const fns of m.functions.values()) if (fns.some((f) => f.decorators.some((d) => GENERATOR_COROUTINE.test(d)))) return;
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr || m.resolve(fnExpr) !== 'asyncio.get_event_loop') continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'module' && scope.kind !== 'sync') continue;
    const data = callData(m, call);
    const u = m.usage(call);
    if (u.kind === 'stored') data.variable = u.target;
    report(call, 'py.get-event-loop-top-level', words('py.get-event-loop-top-level', { where: scope.kind === 'module' ? words('py.where.top-of-a-script') : words('py.where.in-the-plain-def', { name: scope.fn?.name ?? '' }) }), 0.8, data);
  }
};
