/**
 * py.future-not-awaited: `loop.run_in_executor(…)` (or `asyncio.wrap_future(…)`)
 * as a bare statement in async code. The call returns an asyncio Future that
 * nothing awaits: if the function in the thread raises, the error stays in
 * the future and asyncio logs "Future exception was never retrieved" when the
 * future is thrown away.
 */
import { child } from '../model.js';
import { type Detector, code, callData, isBare } from './shared.js';
import { words } from '../../../types.js';

const LOOP_ORIGIN = /^(await:)?asyncio\.(get_event_loop|get_running_loop|new_event_loop)$/;

export const futureNotAwaited: Detector = (m, report) => {
  for (const call of m.calls) {
    if (!isBare(m, call)) continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'async' && scope.kind !== 'notebook') continue;
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    let what: string | null = null;
    if (m.resolve(fnExpr) === 'asyncio.wrap_future') what = 'asyncio.wrap_future()';
    else if (fnExpr.type === 'attribute' && m.text(child(fnExpr, 'attribute')!) === 'run_in_executor') {
      const obj = child(fnExpr, 'object')!;
      const objText = m.text(obj);
      const direct = obj.type === 'call' && /^asyncio\.(get_event_loop|get_running_loop)$/.test(m.resolve(child(obj, 'function') ?? obj) ?? '');
      if (direct || LOOP_ORIGIN.test(m.originOf(obj) ?? '') || objText === 'loop' || objText.endsWith('.loop')) what = `${objText}.run_in_executor()`;
    }
    if (what === null) continue;
    const where = scope.fn ? words('py.where.in-async-def', { name: scope.fn.name }) : null;
    report(
      call,
      'py.future-not-awaited',
      where ? words('py.future-not-awaited.in', { what, where }) : words('py.future-not-awaited', { what }),
      0.7,
      callData(m, call),
    );
  }
};
