/** py.asyncio-run-in-async: `asyncio.run()` where a loop is already running. */
import { child, SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData, positionalArgs, namedCoroutineFunction } from './shared.js';
import { words } from '../../../types.js';

/**
 * `bot.run(TOKEN)` / `client.run(TOKEN)`: discord.py's (and its forks', Pincer's) blocking runner starts
 * its own event loop (`asyncio.run` inside since discord.py 2.0), so inside a coroutine it fails the
 * same way; the coroutine form is `await bot.start(TOKEN)`. Only those receiver names, in an `async def`.
 */
const BOT_RUNNER = /^(?:self\.)?(?:bot|client)$/;

function botRunner(m: SnippetModel, fnExpr: PyNode): boolean {
  if (fnExpr.type !== 'attribute') return false;
  const obj = child(fnExpr, 'object');
  return m.text(child(fnExpr, 'attribute') ?? fnExpr) === 'run' && obj !== null && BOT_RUNNER.test(m.text(obj));
}

export const asyncioRunInAsync: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (fnExpr && botRunner(m, fnExpr)) {
      const scope = m.scopeOf(call);
      if (scope.kind !== 'async' || !scope.fn) continue;
      report(call, 'py.asyncio-run-in-async', words('py.asyncio-run-in-async', { where: words('py.where.in-async-def-running', { name: scope.fn.name }) }), 0.75, { ...callData(m, call), method: 'run' });
      continue;
    }
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
