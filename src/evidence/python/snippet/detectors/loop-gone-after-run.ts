/**
 * py.loop-gone-after-run: `asyncio.get_event_loop()` (or a library call that makes it) after
 * `asyncio.run()` in the same thread. `asyncio.run()` ends by setting the thread's current loop to
 * None, and once a loop was set the policy no longer creates one, so the later call raises
 * "RuntimeError: There is no current event loop in thread 'MainThread'" (Python 3.7 onwards).
 * A `set_event_loop(…)` in between gives the thread a loop again.
 */
import { asyncioRuns, calleeQ, mayFollow } from '../lifecycle.js';
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData } from './shared.js';
import { words, type Words } from '../../../types.js';

/** What, after the run, asks the thread for its current loop. */
function loopLookup(m: SnippetModel, call: PyNode): { what: Words; confidence: number } | null {
  const q = calleeQ(m, call);
  if (q === 'asyncio.get_event_loop') return { what: words('fix.code', { code: 'asyncio.get_event_loop()' }), confidence: 0.85 };
  const f = child(call, 'function');
  // python-telegram-bot's Application.run_polling/run_webhook start with asyncio.get_event_loop().
  if (f?.type === 'attribute' && /^(run_polling|run_webhook)$/.test(m.text(child(f, 'attribute')!)) && m.importsAny(/^telegram(\.|$)/)) {
    return { what: words('py.loop-gone.telegram', { call: m.text(f) }), confidence: 0.75 };
  }
  return null;
}

export const loopGoneAfterRun: Detector = (m, report) => {
  const runs = asyncioRuns(m);
  if (runs.length === 0) return;
  const resets = m.calls.filter((c) => /^asyncio\.(set_event_loop|new_event_loop)$/.test(calleeQ(m, c) ?? '') || /(^|\.)set_event_loop$/.test(m.text(child(c, 'function') ?? c)));
  for (const call of m.calls) {
    const lookup = loopLookup(m, call);
    if (!lookup) continue;
    const scope = m.scopeNode(call);
    const kind = m.scopeOf(call).kind;
    if (kind !== 'module' && kind !== 'sync') continue;
    const run = runs.find((r) => r.end <= call.start && m.scopeNode(r) === scope && mayFollow(r, call));
    if (!run) continue;
    // A loop set again (or a new one made) between the two gives the thread a loop.
    if (resets.some((c) => c.start > run.end && c.start < call.start && m.scopeNode(c) === scope)) continue;
    const data = callData(m, call);
    data.runAt = m.at(run.start);
    report(call, 'py.loop-gone-after-run', words('py.loop-gone-after-run', { what: lookup.what, line: m.line(run) }), lookup.confidence, data);
  }
};
