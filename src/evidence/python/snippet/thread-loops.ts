/**
 * Event loops the snippet runs in a thread of its own: `Thread(target=loop.run_forever)`,
 * or a plain def handed to a `Thread` that calls `run_forever()` / `run_until_complete()`
 * on a loop it receives (`args=(loop,)`) or reads from the module. Code that started that
 * thread keeps running in its own thread, so from there on the loop belongs to another
 * thread: its `create_task` / `call_soon` are no longer safe to call. Read by the
 * thread-safety detector (which reports those calls) and by the task-not-kept detector
 * (which leaves them to it: keeping the task would not make the call safe).
 */
import { child, namedChildren, type SnippetModel } from './model.js';
import { keywordArg, THREAD_CLASSES } from './detectors/shared.js';
import type { PyNode } from './tree.js';

export interface ThreadLoop {
  /** The loop's name where the thread is started (`loop`, `self.loop`). */
  name: string;
  /** The scope that started the thread (null: module level). */
  scope: PyNode | null;
  /** Offset after which the loop runs in the other thread (the end of the `.start()` call). */
  after: number;
}

const RUNS = /^(run_forever|run_until_complete)$/;
const NAME = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/;

/** The loop a plain def runs itself (`loop.run_forever()`), as the receiver's text. */
export function loopRunIn(m: SnippetModel, fn: PyNode): string | null {
  for (const call of m.calls) {
    if (m.scopeNode(call) !== fn) continue;
    const f = child(call, 'function');
    if (f?.type === 'attribute' && RUNS.test(m.text(child(f, 'attribute')!))) return m.text(child(f, 'object')!);
  }
  return null;
}

/** The loop a plain def runs, as its parameter index or a module-level name. */
function loopRunBy(m: SnippetModel, fn: PyNode): { param: number } | { name: string } | null {
  const params = child(fn, 'parameters');
  const names = params ? namedChildren(params).map((p) => m.text(p).split(/[:=]/)[0]!.trim()) : [];
  const body = child(fn, 'body');
  if (!body) return null;
  for (const call of m.calls) {
    if (m.scopeNode(call) !== fn) continue;
    const f = child(call, 'function');
    if (f?.type !== 'attribute' || !RUNS.test(m.text(child(f, 'attribute')!))) continue;
    const recv = m.text(child(f, 'object')!);
    const at = names.indexOf(recv);
    if (at >= 0) return { param: at };
    if (NAME.test(recv) && !m.locals.get(fn)?.has(recv)) return { name: recv };
  }
  return null;
}

/** Where the thread made by `call` starts: its own `.start()` or `name.start()` later in the same scope. */
function startOf(m: SnippetModel, call: PyNode): number | null {
  const u = m.usage(call);
  if (u.kind === 'value' && u.how === 'attribute') {
    const attr = call.parent?.type === 'attribute' ? call.parent : null;
    if (attr && m.text(child(attr, 'attribute')!) === 'start' && attr.parent?.type === 'call') return attr.parent.end;
    return null;
  }
  if (u.kind !== 'stored' || !NAME.test(u.target)) return null;
  const scope = m.scopeNode(call);
  for (const c of m.calls) {
    if (c.start < call.end || m.scopeNode(c) !== scope) continue;
    if (m.text(child(c, 'function') ?? c) === `${u.target}.start`) return c.end;
  }
  return null;
}

export function threadLoops(m: SnippetModel): ThreadLoop[] {
  const found: ThreadLoop[] = [];
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    const q = fnExpr ? m.resolve(fnExpr) : null;
    if (!q || !THREAD_CLASSES.has(q) || q === 'multiprocessing.Process') continue;
    const target = keywordArg(m, call, 'target');
    const value = target ? child(target, 'value') : null;
    if (!value) continue;
    let name: string | null = null;
    if (value.type === 'attribute' && RUNS.test(m.text(child(value, 'attribute')!))) name = m.text(child(value, 'object')!);
    else {
      const fn = m.snippetFunction(value);
      const runs = fn && !fn.isAsync ? loopRunBy(m, fn.node) : null;
      if (runs && 'name' in runs) name = runs.name;
      else if (runs) {
        const argsKw = keywordArg(m, call, 'args');
        const tuple = argsKw ? child(argsKw, 'value') : null;
        const items = tuple && (tuple.type === 'tuple' || tuple.type === 'list') ? namedChildren(tuple) : [];
        const arg = items[runs.param];
        if (arg) name = m.text(arg);
      }
    }
    if (!name || !NAME.test(name)) continue;
    const after = startOf(m, call);
    if (after === null) continue;
    found.push({ name, scope: m.scopeNode(call), after });
  }
  return found;
}

/** The thread loop a `loop.method(…)` call reaches from the thread that started it, if any. */
export function crossThreadLoop(m: SnippetModel, call: PyNode, loops: ThreadLoop[]): ThreadLoop | null {
  const f = child(call, 'function');
  if (f?.type !== 'attribute') return null;
  const recv = m.text(child(f, 'object')!);
  const scope = m.scopeNode(call);
  return loops.find((l) => l.name === recv && l.scope === scope && call.start >= l.after) ?? null;
}
