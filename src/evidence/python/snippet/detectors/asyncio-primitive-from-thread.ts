/** py.asyncio-primitive-from-thread: asyncio objects or the loop used from a thread the snippet starts. */
import { child } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData, isBare, positionalArgs, keywordArg, THREAD_CLASSES } from './shared.js';

export const asyncioPrimitiveFromThread: Detector = (m, report) => {
  // Plain defs of the snippet that run in another thread.
  const threadFns = new Set<PyNode>();
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    const q = m.resolve(fnExpr);
    let target: PyNode | null = null;
    if (q && THREAD_CLASSES.has(q)) {
      const kw = keywordArg(m, call, 'target');
      target = kw ? child(kw, 'value') : null;
    } else if (q === 'asyncio.to_thread') target = positionalArgs(call)[0] ?? null;
    else if (fnExpr.type === 'attribute') {
      const method = m.text(child(fnExpr, 'attribute')!);
      if (method === 'run_in_executor') target = positionalArgs(call)[1] ?? null;
      else if (method === 'submit') target = positionalArgs(call)[0] ?? null;
    }
    if (!target) continue;
    const fn = m.snippetFunction(target);
    if (fn && !fn.isAsync) threadFns.add(fn.node);
  }
  if (threadFns.size === 0) return;
  let loopName = '';
  for (const [name, origin] of m.origins) if (/get_event_loop|get_running_loop|new_event_loop/.test(origin) && /^[A-Za-z_]\w*(\.\w+)?$/.test(name)) loopName = name;
  for (const call of m.calls) {
    const scope = m.scopeNode(call);
    if (!scope || !threadFns.has(scope)) continue;
    const info = m.classify(call);
    const fnExpr = child(call, 'function')!;
    const q = m.resolve(fnExpr);
    const unsafe = info.kind === 'thread-unsafe' || q === 'asyncio.create_task' || q === 'asyncio.ensure_future' || (info.kind === 'coroutine' && info.qname?.startsWith('asyncio.') === true && isBare(m, call));
    if (!unsafe) continue;
    const data = callData(m, call);
    if (fnExpr.type === 'attribute') {
      data.receiver = m.text(child(fnExpr, 'object')!);
      data.method = m.text(child(fnExpr, 'attribute')!);
    }
    data.kindOfCall = info.kind === 'coroutine' ? 'coroutine' : q === 'asyncio.create_task' || q === 'asyncio.ensure_future' || data.method === 'create_task' ? 'task' : 'callback';
    if (loopName) data.loop = loopName;
    report(call, 'py.asyncio-primitive-from-thread', `${code(info.callee + '()')} is called from a thread, but asyncio objects and the loop are not thread-safe: hand the call to the loop with ${code('call_soon_threadsafe')} / ${code('run_coroutine_threadsafe')}.`, 0.8, data);
  }
};
