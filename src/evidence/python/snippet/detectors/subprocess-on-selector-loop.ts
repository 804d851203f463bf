/**
 * py.subprocess-on-selector-loop: `asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())`
 * (or any call of that policy) in code that also starts subprocesses on its loop:
 * `asyncio.create_subprocess_exec/_shell`, a loop's `subprocess_exec/_shell`, or
 * Playwright's `async_playwright()` (its driver is a subprocess). On Windows the
 * selector loop has no `_make_subprocess_transport`, so the start raises a bare
 * NotImplementedError. The policy exists only on Windows, so the code is written
 * for it. Nothing is reported when the code names the Proactor loop too: it
 * keeps the selector for one part and starts its subprocesses on a Proactor loop
 * of their own, which is the documented way out.
 *
 * Without the policy in sight, a subprocess start is reported only when the paste
 * says the run raised NotImplementedError (`hints.subprocessRefused`): then the
 * loop it ran on (a notebook kernel's, uvicorn's, Twisted's) is what refused it.
 */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData } from './shared.js';
import { words } from '../../../types.js';

/** Where CPython defines the policy (windows_events.py) and where asyncio re-exports it. */
const SELECTOR_POLICY = new Set(['asyncio.WindowsSelectorEventLoopPolicy', 'asyncio.windows_events.WindowsSelectorEventLoopPolicy']);

/** asyncio's subprocess starters (Lib/asyncio/subprocess.py, re-exported by asyncio) and Playwright's async entry. */
const STARTERS = new Set([
  'asyncio.create_subprocess_exec',
  'asyncio.create_subprocess_shell',
  'asyncio.subprocess.create_subprocess_exec',
  'asyncio.subprocess.create_subprocess_shell',
  'playwright.async_api.async_playwright',
]);

/** A loop's own methods (`loop.subprocess_exec(protocol_factory, …)`), whatever the loop is called. */
const LOOP_METHODS = new Set(['subprocess_exec', 'subprocess_shell']);

/** True for a call of the Windows selector policy (`asyncio.WindowsSelectorEventLoopPolicy()`, or the name imported from asyncio). */
export function isSelectorPolicyCall(m: SnippetModel, call: PyNode): boolean {
  const fnExpr = child(call, 'function');
  const q = fnExpr ? m.resolve(fnExpr) : null;
  return q !== null && SELECTOR_POLICY.has(q);
}

function startsSubprocess(m: SnippetModel, call: PyNode): boolean {
  const fnExpr = child(call, 'function');
  if (!fnExpr) return false;
  const q = m.resolve(fnExpr);
  if (q !== null && STARTERS.has(q)) return true;
  const attr = fnExpr.type === 'attribute' ? child(fnExpr, 'attribute') : null;
  return attr !== null && LOOP_METHODS.has(m.text(attr));
}

/** The code names a Proactor loop or policy: it already runs its subprocesses on one. */
const NAMES_PROACTOR = /\b(?:Windows)?Proactor(?:EventLoop(?:Policy)?)\b/;

export const subprocessOnSelectorLoop: Detector = (m, report) => {
  const starter = m.calls.find((c) => startsSubprocess(m, c));
  if (!starter) return;
  const starterName = m.text(child(starter, 'function')!);
  const policies = m.calls.filter((c) => isSelectorPolicyCall(m, c));
  if (policies.length > 0 && !NAMES_PROACTOR.test(m.code)) {
    const line = m.at(starter.start).split(':')[0]!;
    for (const call of policies) {
      report(call, 'py.subprocess-on-selector-loop', words('py.subprocess-on-selector-loop', { policy: m.text(call), starter: starterName, line }), 0.75, { ...callData(m, call), starter: starterName });
    }
    return;
  }
  // The paste says the run raised NotImplementedError (and names no other loop method that does): the loop this code
  // ran on (a notebook kernel's, a framework's) refused the subprocess start, whatever policy the code sets itself.
  if (m.hints.subprocessRefused) {
    report(starter, 'py.subprocess-on-selector-loop', words('py.subprocess-refused', { starter: starterName }), 0.85, { ...callData(m, starter), starter: starterName, kind: 'refused' });
  }
};
