/** py.unawaited-coroutine: a coroutine function called as a bare statement, never awaited. */
import { type Detector, code, callData, isBare } from './shared.js';

export const unawaitedCoroutine: Detector = (m, report) => {
  for (const call of m.calls) {
    const info = m.classify(call);
    if (info.kind !== 'coroutine' || !isBare(m, call)) continue;
    const scope = m.scopeOf(call);
    const where = scope.kind === 'module' ? 'at the top of the script' : scope.fn ? `in ${code(scope.fn.name + '()')}` : 'here';
    report(
      call,
      'py.unawaited-coroutine',
      `${code(info.callee + '()')} ${where} is called without \`await\`: it is ${info.why}, so the call only creates a coroutine object and its body never runs.`,
      info.confidence,
      callData(m, call),
    );
  }
};
