/**
 * py.asyncio-api-newer: the code calls an asyncio function newer than the Python the paste says it
 * runs (`asyncio.timeout()` with "Python 3.10"), or `asyncio.coroutine` on 3.11 and later, where it
 * is gone. Python stops with "AttributeError: module 'asyncio' has no attribute '…'". Only when the
 * paste states a version (pastePythonMinor): without one, the code is fine on a recent Python.
 */
import { child } from '../model.js';
import { type Detector, callData, pastePythonMinor } from './shared.js';
import { words } from '../../../types.js';

/** The Python 3 minor version each function arrived in (the asyncio docs' "Added in version 3.x"). */
const ADDED_IN: ReadonlyMap<string, number> = new Map([
  ['asyncio.run', 7],
  ['asyncio.create_task', 7],
  ['asyncio.get_running_loop', 7],
  ['asyncio.all_tasks', 7],
  ['asyncio.current_task', 7],
  ['asyncio.to_thread', 9],
  ['asyncio.TaskGroup', 11],
  ['asyncio.timeout', 11],
  ['asyncio.timeout_at', 11],
  ['asyncio.Runner', 11],
  ['asyncio.Barrier', 11],
  ['asyncio.eager_task_factory', 12],
  ['asyncio.create_eager_task_factory', 12],
]);

export const asyncioApiNewer: Detector = (m, report) => {
  const minor = pastePythonMinor(m);
  if (minor === null) return;
  const seen = new Set<string>();
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    const q = fnExpr ? m.resolve(fnExpr) : null;
    if (q === null) continue;
    const added = ADDED_IN.get(q);
    if (added === undefined || minor >= added || seen.has(q)) continue;
    seen.add(q);
    report(call, 'py.asyncio-api-newer', words('py.asyncio-api-newer', { name: q, attr: q.slice('asyncio.'.length), added: `3.${added}`, running: `3.${minor}` }), 0.75, { ...callData(m, call), api: q, added: `3.${added}` });
  }
};
