/** py.run-until-complete-in-async: `loop.run_until_complete()` / `run_forever()` from inside a running loop. */
import { child, SnippetModel } from '../model.js';
import { type Detector, code, callData, positionalArgs } from './shared.js';
import { words } from '../../../types.js';

export const runUntilCompleteInAsync: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (fnExpr?.type !== 'attribute') continue;
    const method = m.text(child(fnExpr, 'attribute')!);
    if (method !== 'run_until_complete' && method !== 'run_forever') continue;
    const scope = m.scopeOf(call);
    if (!SnippetModel.onLoop(scope.kind)) continue;
    const data = callData(m, call);
    data.method = method;
    const arg = positionalArgs(call)[0];
    if (arg) {
      data.argStart = m.at(arg.start);
      data.argEnd = m.at(arg.end);
      data.argIsCall = arg.type === 'call' ? 'true' : 'false';
    }
    const where = scope.fn ? words('py.where.in-async-def', { name: scope.fn.name }) : words('py.where.loop-running');
    report(call, 'py.run-until-complete-in-async', words('py.run-until-complete-in-async', { call: m.text(fnExpr), where }), 0.85, data);
  }
};
