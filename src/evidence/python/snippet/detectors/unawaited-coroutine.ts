/** py.unawaited-coroutine: a coroutine function called as a bare statement, never awaited. */
import { type Detector, callData, isBare } from './shared.js';
import { words } from '../../../types.js';

export const unawaitedCoroutine: Detector = (m, report) => {
  for (const call of m.calls) {
    const info = m.classify(call);
    if (info.kind !== 'coroutine' || !isBare(m, call)) continue;
    const scope = m.scopeOf(call);
    const where = scope.kind === 'module' ? words('py.where.top-of-script') : scope.fn ? words('py.where.in-function', { name: scope.fn.name }) : words('py.where.here');
    report(
      call,
      'py.unawaited-coroutine',
      words('py.unawaited-coroutine', { callee: info.callee, where, why: info.why }),
      info.confidence,
      callData(m, call),
    );
  }
};
