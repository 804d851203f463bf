/**
 * py.asyncio-primitive-from-thread: asyncio objects or the loop used from a thread the snippet
 * starts, or a loop the snippet runs in a thread used from the thread that started it.
 */
import { child, type SnippetModel } from '../model.js';
import { crossThreadLoop, loopRunIn, threadLoops } from '../thread-loops.js';
import { functionsOnOtherThreads } from '../thread-callbacks.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData, isBare, positionalArgs } from './shared.js';
import { words } from '../../../types.js';

export const asyncioPrimitiveFromThread: Detector = (m, report) => {
  // Plain defs of the snippet that run in another thread.
  const threadFns = functionsOnOtherThreads(m);
  loopFromStartingThread(m, report);
  if (threadFns.size === 0) return;
  let loopName = '';
  for (const [name, origin] of m.origins) if (/get_event_loop|get_running_loop|new_event_loop/.test(origin) && /^[A-Za-z_]\w*(\.\w+)?$/.test(name)) loopName = name;
  const ownLoop = new Map<PyNode, string | null>();
  for (const fn of threadFns) ownLoop.set(fn, loopRunIn(m, fn));
  for (const call of m.calls) {
    const scope = m.scopeNode(call);
    if (!scope || !threadFns.has(scope)) continue;
    const info = m.classify(call);
    const fnExpr = child(call, 'function')!;
    const q = m.resolve(fnExpr);
    const unsafe = info.kind === 'thread-unsafe' || q === 'asyncio.create_task' || q === 'asyncio.ensure_future' || (info.kind === 'coroutine' && info.qname?.startsWith('asyncio.') === true && isBare(m, call));
    if (!unsafe) continue;
    // The thread runs this loop itself: its calls on it are made on the loop's own thread.
    if (fnExpr.type === 'attribute' && ownLoop.get(scope) === m.text(child(fnExpr, 'object')!)) continue;
    const data = callData(m, call);
    if (fnExpr.type === 'attribute') {
      data.receiver = m.text(child(fnExpr, 'object')!);
      data.method = m.text(child(fnExpr, 'attribute')!);
    }
    data.kindOfCall = info.kind === 'coroutine' ? 'coroutine' : q === 'asyncio.create_task' || q === 'asyncio.ensure_future' || data.method === 'create_task' ? 'task' : 'callback';
    if (data.kindOfCall === 'task') coroutineOnly(m, call, data);
    if (loopName) data.loop = loopName;
    report(call, 'py.asyncio-primitive-from-thread', words('py.asyncio-primitive-from-thread', { callee: info.callee }), 0.8, data);
  }
};

/**
 * A task's arguments are the coroutine alone: `name=`/`context=` belong to `create_task`, not to
 * `run_coroutine_threadsafe`, which the fix hands the coroutine to.
 */
function coroutineOnly(m: SnippetModel, call: PyNode, data: Record<string, string>): void {
  const coro = positionalArgs(call)[0];
  if (coro) data.argsEnd = m.at(coro.end);
}

const LOOP_UNSAFE = /^(create_task|call_soon|call_later|call_at)$/;

/** `Thread(target=loop.run_forever).start()` then `loop.create_task(…)`: the loop now runs in the other thread. */
function loopFromStartingThread(m: SnippetModel, report: Parameters<typeof asyncioPrimitiveFromThread>[1]): void {
  const loops = threadLoops(m);
  if (loops.length === 0) return;
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (fnExpr?.type !== 'attribute') continue;
    const method = m.text(child(fnExpr, 'attribute')!);
    if (!LOOP_UNSAFE.test(method)) continue;
    const loop = crossThreadLoop(m, call, loops);
    if (!loop) continue;
    const data = callData(m, call);
    data.receiver = loop.name;
    data.method = method;
    data.loop = loop.name;
    data.kindOfCall = method === 'create_task' ? 'task' : 'callback';
    if (method === 'create_task') coroutineOnly(m, call, data);
    report(call, 'py.asyncio-primitive-from-thread', words('py.asyncio-primitive-from-thread.loop', { loop: loop.name, call: m.text(fnExpr), use: method === 'create_task' ? 'asyncio.run_coroutine_threadsafe(…, ' + loop.name + ')' : loop.name + '.call_soon_threadsafe(…)' }), 0.85, data);
  }
}
