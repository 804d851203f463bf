/** py.async-fn-in-thread: an async def handed to a thread or an executor, which only calls it. */
import { child, namedChildren } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData, positionalArgs, keywordArg, namedCoroutineFunction, THREAD_CLASSES } from './shared.js';
import { words } from '../../../types.js';

export const asyncFnInThread: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    const q = m.resolve(fnExpr);
    let target: PyNode | null = null;
    let mode = '';
    if (q && THREAD_CLASSES.has(q)) {
      const kw = keywordArg(m, call, 'target');
      target = kw ? child(kw, 'value') : q === 'threading.Timer' ? positionalArgs(call)[1] ?? null : null;
      mode = 'thread';
    } else if (q === 'asyncio.to_thread') {
      target = positionalArgs(call)[0] ?? null;
      mode = 'to_thread';
    } else if (fnExpr.type === 'attribute') {
      const method = m.text(child(fnExpr, 'attribute')!);
      const recv = m.text(child(fnExpr, 'object')!);
      if (method === 'run_in_executor') {
        target = positionalArgs(call)[1] ?? null;
        mode = 'executor';
      } else if ((method === 'submit' || method === 'map') && /executor|pool|^ex$|^exe$/i.test(recv)) {
        target = positionalArgs(call)[0] ?? null;
        mode = 'submit';
      }
    }
    if (!target) continue;
    const named = namedCoroutineFunction(m, target);
    if (!named) continue;
    const data = callData(m, call);
    data.mode = mode;
    data.target = named.name;
    data.targetStart = m.at(target.start);
    data.targetEnd = m.at(target.end);
    const argsKw = keywordArg(m, call, 'args');
    if (argsKw) {
      data.argsKwStart = m.at(argsKw.start);
      data.argsKwEnd = m.at(argsKw.end);
      const v = child(argsKw, 'value');
      if (v && (v.type === 'tuple' || v.type === 'list')) data.argsList = namedChildren(v).map((x) => m.text(x)).join(', ');
    }
    const u = m.usage(call);
    data.awaited = u.kind === 'awaited' ? 'true' : 'false';
    const where = words(mode === 'thread' ? 'py.async-fn-in-thread.target' : mode === 'to_thread' ? 'py.async-fn-in-thread.to-thread' : 'py.async-fn-in-thread.executor');
    report(call, 'py.async-fn-in-thread', words('py.async-fn-in-thread', { name: named.name, where }), named.confidence, data);
  }
};
