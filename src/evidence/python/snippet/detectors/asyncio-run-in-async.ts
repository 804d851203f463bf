/** py.asyncio-run-in-async: `asyncio.run()` where a loop is already running. */
import { child, SnippetModel } from '../model.js';
import { type Detector, code, callData, positionalArgs, namedCoroutineFunction } from './shared.js';

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
    const where = scope.kind === 'notebook' ? 'in a notebook cell, where a loop is already running' : scope.fn ? `inside ${code('async def ' + scope.fn.name)}, where a loop is already running` : 'where a loop is already running';
    report(call, 'py.asyncio-run-in-async', `${code('asyncio.run()')} is called ${where}; it can only start a new loop.`, scope.kind === 'unknown-async' ? 0.75 : 0.9, data);
  }
};
