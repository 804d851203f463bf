/**
 * py.playwright-sync-in-async: Playwright's sync API started where an event
 * loop already runs — `with sync_playwright() as p:` or
 * `sync_playwright().start()` inside an `async def` or a notebook cell.
 * Playwright's sync layer runs its own loop in the thread for every call, so
 * it refuses to start there ("It looks like you are using Playwright Sync API
 * inside the asyncio loop"). A plain `def` and a script's top level are where
 * the sync API belongs: nothing is reported there.
 */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData } from './shared.js';
import { words } from '../../../types.js';

/** The qualified names `sync_playwright` has had: `playwright.sync_api` since 1.8, the package itself before. */
const SYNC_ENTRY = new Set(['playwright.sync_api.sync_playwright', 'playwright.sync_playwright']);

/** True for a call of Playwright's sync entry point (imported, or the bare name in a fragment that shows no import). */
export function isSyncPlaywrightCall(m: SnippetModel, call: PyNode): boolean {
  const fnExpr = child(call, 'function');
  if (!fnExpr) return false;
  const q = m.resolve(fnExpr);
  if (q && SYNC_ENTRY.has(q)) return true;
  // A fragment cut below its imports still names the function; a name the snippet binds itself is someone else's.
  return fnExpr.type === 'identifier' && q === 'sync_playwright';
}

export const playwrightSyncInAsync: Detector = (m, report) => {
  for (const call of m.calls) {
    if (!isSyncPlaywrightCall(m, call)) continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'async' && scope.kind !== 'notebook') continue;
    const where = scope.kind === 'notebook' ? words('py.where.notebook-loop') : words('py.where.in-async-def', { name: scope.fn?.name ?? '' });
    report(call, 'py.playwright-sync-in-async', words('py.playwright-sync.started', { call: m.text(call), where }), 0.85, callData(m, call));
  }
};
