/**
 * py.loop-stop-while-waiting: `loop.stop()` reached while `asyncio.run()` or
 * `loop.run_until_complete()` waits for its coroutine. Stopping the loop ends
 * the wait before the coroutine is done, and `run_until_complete` raises
 * "Event loop stopped before Future completed.". `stop()` belongs with
 * `run_forever()`; a snippet that calls it is left alone. Only stops that can
 * run while the loop waits count: in an `async def`, in a callback handed to
 * the loop (`call_later(…, loop.stop)`, a signal handler), not a module-level
 * `loop.stop()` after the run has returned.
 */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import type { Detector } from './shared.js';
import { words } from '../../../types.js';

const LOOP_ORIGIN = /^(await:)?asyncio\.(get_event_loop|get_running_loop|new_event_loop)$/;

function isLoop(m: SnippetModel, obj: PyNode): boolean {
  if (obj.type === 'call') return /^asyncio\.(get_event_loop|get_running_loop)$/.test(m.resolve(child(obj, 'function') ?? obj) ?? '');
  const text = m.text(obj);
  return LOOP_ORIGIN.test(m.originOf(obj) ?? '') || text === 'loop' || text.endsWith('.loop') || text.endsWith('_loop');
}

/** What runs the loop until one coroutine is done: `asyncio.run`, `run_until_complete`, discord.py's `bot.run`. */
function waitingDriver(m: SnippetModel): string | null {
  let driver: string | null = null;
  for (const call of m.calls) {
    const f = child(call, 'function');
    if (!f) continue;
    const attr = f.type === 'attribute' ? m.text(child(f, 'attribute')!) : '';
    if (attr === 'run_forever') return null;
    if (m.resolve(f) === 'asyncio.run') driver ??= 'asyncio.run()';
    else if (attr === 'run_until_complete') driver ??= `${m.text(f)}()`;
    else if (attr === 'run' && m.usesDiscord && /^(bot|client)$/.test(m.text(child(f, 'object')!))) driver ??= `${m.text(f)}()`;
  }
  return driver;
}

/** A plain def the snippet hands to something else by name (a signal handler, a callback). */
function handedOn(m: SnippetModel, fnName: string): boolean {
  return m.identifiers.some((id) => m.text(id) === fnName && id.parent?.type === 'argument_list');
}

export const loopStopWhileWaiting: Detector = (m, report) => {
  let driver: string | undefined | null;
  for (const attr of m.identifiers) {
    if (m.text(attr) !== 'stop' || attr.field !== 'attribute') continue;
    const ref = attr.parent!;
    const obj = child(ref, 'object');
    if (!obj || !isLoop(m, obj)) continue;
    const called = ref.parent?.type === 'call' && ref.field === 'function';
    const passed = ref.parent?.type === 'argument_list';
    if (!called && !passed) continue;
    const scope = m.scopeOf(ref);
    if (called && scope.kind !== 'async' && !(scope.kind === 'sync' && scope.fn && handedOn(m, scope.fn.name))) continue;
    driver ??= waitingDriver(m);
    if (!driver) return;
    const how = passed ? words('py.loop-stop.handed') : scope.kind === 'async' ? words('py.loop-stop.called-in-async', { name: scope.fn!.name }) : words('py.loop-stop.called-in-callback', { name: scope.fn!.name });
    report(
      ref,
      'py.loop-stop-while-waiting',
      words('py.loop-stop-while-waiting', { stop: m.text(ref) + (called ? '()' : ''), how, driver }),
      0.8,
      { start: m.at(ref.start), end: m.at(ref.end), context: scope.kind, fnName: scope.fn?.name ?? '' },
    );
  }
};
