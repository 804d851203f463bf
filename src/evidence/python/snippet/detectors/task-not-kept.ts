/** py.task-not-kept: a task created and dropped, held only by a weak reference. */
import { child } from '../model.js';
import type { PyNode } from '../tree.js';
import { crossThreadLoop, threadLoops } from '../thread-loops.js';
import { functionsOnOtherThreads } from '../thread-callbacks.js';
import { type Detector, code, callData, isBare, methodReference, positionalArgs } from './shared.js';
import { words } from '../../../types.js';

export const taskNotKept: Detector = (m, report) => {
  const loops = threadLoops(m);
  const otherThreads = functionsOnOtherThreads(m);
  for (const call of m.calls) {
    if (!isBare(m, call)) continue;
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    const q = m.resolve(fnExpr);
    let ok = q === 'asyncio.create_task' || q === 'asyncio.ensure_future';
    if (!ok && fnExpr.type === 'attribute' && m.text(child(fnExpr, 'attribute')!) === 'create_task') {
      const obj = child(fnExpr, 'object')!;
      const origin = m.originOf(obj) ?? '';
      const t = m.text(obj);
      ok = !/TaskGroup/.test(origin) && (/get_event_loop|get_running_loop|new_event_loop/.test(origin) || t === 'loop' || t.endsWith('.loop'));
    }
    if (!ok) continue;
    // `create_task(self.fetch_readme)`: no task is made at all (a coroutine was expected), the other finding says so.
    const first = positionalArgs(call)[0];
    if (first && methodReference(m, first) && !m.functions.has(m.text(first).slice('self.'.length))) continue;
    // A loop running in another thread: the call itself is the mistake (reported as thread-unsafe), keeping the task would not help.
    if (loops.length > 0 && crossThreadLoop(m, call, loops)) continue;
    // Likewise in a def that runs on another thread (a thread's target, a paho or watchdog callback).
    const scopeNode = m.scopeNode(call);
    if (scopeNode !== null && otherThreads.has(scopeNode)) continue;
    const data = callData(m, call);
    // In a plain def the dropped reference is the lesser worry: such a def is as often a callback run on another
    // library's thread (then the call itself is unsafe) or run with no loop at all. A likely answer there, not
    // one given unasked.
    const scope = m.scopeOf(call);
    let confidence = scope.kind === 'sync' ? 0.7 : 0.8;
    // `client.loop.create_task(job())` then `client.run(TOKEN)`, or `loop.run_forever()`: the loop the task
    // was given runs on for the life of the program, so the task is not cut off when a run ends; only a
    // garbage collection could still drop it, a latent risk that must not outrank what the paste shows.
    if ((scope.kind === 'module' || scope.kind === 'sync') && loopRunsOnAfter(m, call, fnExpr)) confidence = 0.45;
    report(call, 'py.task-not-kept', words('py.task-not-kept', { call: m.text(fnExpr) }), confidence, data);
  }
};

/**
 * A later call in the same scope that keeps the task's loop running for good: `<loop>.run_forever()` on the
 * loop the task was made on (or any loop, for `asyncio.ensure_future` / `create_task`), or `<owner>.run(…)`
 * when the task was made on `<owner>.loop` (a discord.py 1.x client or bot runs until it is closed).
 */
function loopRunsOnAfter(m: Parameters<Detector>[0], call: PyNode, fnExpr: PyNode): boolean {
  const scope = m.scopeNode(call);
  // `asyncio.create_task(…)` / `ensure_future(…)` run on whichever loop runs: any run_forever() after it keeps it.
  const q = m.resolve(fnExpr);
  const loopObj = fnExpr.type === 'attribute' && q !== 'asyncio.create_task' && q !== 'asyncio.ensure_future' ? m.text(child(fnExpr, 'object')!) : null;
  const owner = loopObj?.endsWith('.loop') ? loopObj.slice(0, -'.loop'.length) : null;
  for (const later of m.calls) {
    if (later.start <= call.end || m.scopeNode(later) !== scope) continue;
    const f = child(later, 'function');
    if (f?.type !== 'attribute') continue;
    const method = m.text(child(f, 'attribute')!);
    const obj = m.text(child(f, 'object')!);
    if (method === 'run_forever' && (loopObj === null || obj === loopObj)) return true;
    if (method === 'run' && owner !== null && obj === owner) return true;
  }
  return false;
}
