/** py.get-event-loop-top-level: `asyncio.get_event_loop()` outside a running loop. */
import { child } from '../model.js';
import { type Detector, callData, GENERATOR_COROUTINE, pastePythonMinor } from './shared.js';
import { words } from '../../../types.js';

export const getEventLoopTopLevel: Detector = (m, report) => {
  // Generator-based coroutines are gone since Python 3.11: code built on them runs where
  // get_event_loop() was still the documented way to get the loop, so its call is no mistake there.
  for (const fns of m.functions.values()) if (fns.some((f) => f.decorators.some((d) => GENERATOR_COROUTINE.test(d)))) return;
  // get_event_loop() was the documented way to get the loop until Python 3.10, and only 3.10 and later warn
  // (3.14 raises): on an older Python the paste shows, the call is no mistake. With no version shown, the
  // call alone says nothing of the trouble the asker has: pastes of old-style scripts (aiohttp, websockets,
  // Telethon, pyppeteer) ask about something else nine times in ten, so the finding is kept for the fixes and
  // as a second reason, but it is too weak to be the answer on its own (below the rule's presenting threshold).
  const minor = pastePythonMinor(m);
  if (minor !== null && minor < 10) return;
  const confidence = minor === null ? 0.5 : 0.8;
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr || m.resolve(fnExpr) !== 'asyncio.get_event_loop') continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'module' && scope.kind !== 'sync') continue;
    const data = callData(m, call);
    const u = m.usage(call);
    if (u.kind === 'stored') data.variable = u.target;
    report(call, 'py.get-event-loop-top-level', words('py.get-event-loop-top-level', { where: scope.kind === 'module' ? words('py.where.top-of-a-script') : words('py.where.in-the-plain-def', { name: scope.fn?.name ?? '' }) }), confidence, data);
  }
};
