/**
 * py.task-without-loop: `asyncio.create_task(…)`, `asyncio.ensure_future(…)` or
 * `asyncio.get_running_loop()` in a plain `def` that the paste hands to something else as a callback
 * (a GUI button's `connect(…)`, `command=`, a thread's `target=`), in a paste that never starts an
 * asyncio event loop. When the toolkit or thread calls it, no loop runs in that thread, and CPython
 * raises "RuntimeError: no running event loop" (events.get_running_loop). Precision choices: not a
 * decorated def (a framework may run it on its loop), not when the paste starts a loop anywhere
 * (`asyncio.run`, `run_until_complete`, `run_forever`) or uses discord.py, whose `bot.run` does, and
 * not when an async def of the paste calls it (then it runs on that loop), nor a call given its loop (`loop=`).
 */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData, keywordArg } from './shared.js';
import { words } from '../../../types.js';

const NEEDS_RUNNING_LOOP = new Set(['asyncio.create_task', 'asyncio.ensure_future', 'asyncio.get_running_loop']);
const LOOP_STARTERS = new Set(['run_until_complete', 'run_forever']);

function startsLoop(m: SnippetModel): boolean {
  return m.calls.some((c) => {
    const f = child(c, 'function');
    if (f === null) return false;
    const q = m.resolve(f);
    if (q === 'asyncio.run' || q === 'uvloop.run' || q === 'trio.run' || q === 'anyio.run') return true;
    return f.type === 'attribute' && LOOP_STARTERS.has(m.text(child(f, 'attribute') ?? f));
  });
}

/** asyncio's own ways to run a callback, which call it on the loop (where create_task works). */
const LOOP_CALLBACKS = /(?:^|\.)(?:call_soon|call_soon_threadsafe|call_later|call_at|add_done_callback|add_signal_handler|add_reader|add_writer)$/;

/**
 * Where the def's name is handed on as a value (a call's argument or keyword value): the call's callee
 * text, or null. Null too when any such call is asyncio's own (`loop.call_soon_threadsafe(schedule)`).
 */
function handedAsCallback(m: SnippetModel, name: string): string | null {
  let to: string | null = null;
  for (const id of m.identifiers) {
    if (m.text(id) !== name) continue;
    let arg: PyNode = id;
    if (arg.parent?.type === 'keyword_argument' && arg.field === 'value') arg = arg.parent;
    const list = arg.parent;
    if (list?.type !== 'argument_list') continue;
    const call = list.parent;
    const fn = call ? child(call, 'function') : null;
    if (fn === null) continue;
    if (LOOP_CALLBACKS.test(m.text(fn))) return null;
    to ??= m.text(fn);
  }
  return to;
}

/** An async def of the paste calls the def by name: it then runs on that coroutine's loop. */
function calledFromAsync(m: SnippetModel, name: string): boolean {
  return m.calls.some((c) => {
    const f = child(c, 'function');
    const kind = m.scopeOf(c).kind;
    return f !== null && m.text(f) === name && (kind === 'async' || kind === 'unknown-async' || kind === 'notebook');
  });
}

export const taskWithoutLoop: Detector = (m, report) => {
  if (m.usesDiscord || startsLoop(m)) return;
  for (const call of m.calls) {
    const f = child(call, 'function');
    const q = f ? m.resolve(f) : null;
    if (q === null || !NEEDS_RUNNING_LOOP.has(q)) continue;
    // `ensure_future(coro, loop=_loop)` schedules on the loop it is given (from the wrong thread, which is another mistake).
    if (keywordArg(m, call, 'loop') !== null) continue;
    const scope = m.scopeOf(call);
    const fn = scope.fn;
    if (scope.kind !== 'sync' || fn === null || fn.decorators.length > 0 || fn.className !== null) continue;
    const to = handedAsCallback(m, fn.name);
    if (to === null || calledFromAsync(m, fn.name)) continue;
    report(call, 'py.task-without-loop', words('py.task-without-loop', { call: q, name: fn.name, to }), 0.75, callData(m, call));
  }
};
