/** py.asyncio-run-in-async: `asyncio.run()` where a loop is already running. */
import { child, SnippetModel } from '../model.js';
import { type Detector, code, callData, positionalArgs, namedCoroutineFunction } from './shared.js';
import { words } from '../../../types.js';

export const asyncioRunInAsync: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr || m.resolve(fnExpr) !== 'asyncio.run') continue;
    const scope = m.scopeOf(call);
    if (!SnippetModel.onLoop(scope.kind)) continue;
    const arg = positionalArgs(call)[0];
    const data = callData(m, call);
    if (arg) {
      data.argStart = m.at(arg.start);
      data.argEnd = m.at(arg.end);
      data.argIsCall = arg.type === 'call' ? 'true' : 'false';
      const named = arg.type !== 'call' ? namedCoroutineFunction(m, arg) : null;
      if (named?.fn && named.fn.requiredParams === 0) data.argFunction = named.name;
    }
    const where = scope.kind === 'notebook' ? words('py.where.notebook-running') : scope.fn ? words('py.where.in-async-def-running', { name: scope.fn.name }) : words('py.where.loop-running');
    report(call, 'py.asyncio-run-in-async', words('py.asyncio-run-in-async', { where }), scope.kind === 'unknown-async' ? 0.75 : 0.9, data);
  }
};
