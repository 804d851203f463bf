/**
 * py.playwright-sync-in-async: Playwright's sync API started where an event
 * loop already runs — `with sync_playwright() as p:` or
 * `sync_playwright().start()` inside an `async def` or a notebook cell.
 * Playwright's sync layer runs its own loop in the thread for every call, so
 * it refuses to start there ("It looks like you are using Playwright Sync API
 * inside the asyncio loop"). A plain `def` and a script's top level are where
 * the sync API belongs: nothing is reported there — unless async code (or a
 * notebook cell) calls that plain `def`, which then runs on the loop too.
 */
import { child, type FunctionInfo, type SnippetModel } from '../model.js';
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

/** The snippet's plain defs that start the sync API themselves (`def scrape(url): with sync_playwright() as p: …`). */
export function syncPlaywrightDefs(m: SnippetModel): Set<FunctionInfo> {
  const defs = new Set<FunctionInfo>();
  for (const call of m.calls) {
    const scope = m.scopeOf(call);
    if (scope.kind === 'sync' && scope.fn && isSyncPlaywrightCall(m, call)) defs.add(scope.fn);
  }
  return defs;
}

export const playwrightSyncInAsync: Detector = (m, report) => {
  const where = (n: PyNode) => {
    const scope = m.scopeOf(n);
    return scope.kind === 'notebook' ? words('py.where.notebook-loop') : words('py.where.in-async-def', { name: scope.fn?.name ?? '' });
  };
  const onLoop = (n: PyNode) => ['async', 'notebook'].includes(m.scopeOf(n).kind);
  const starters = syncPlaywrightDefs(m);
  for (const call of m.calls) {
    if (!onLoop(call)) continue;
    if (isSyncPlaywrightCall(m, call)) {
      report(call, 'py.playwright-sync-in-async', words('py.playwright-sync.started', { call: m.text(call), where: where(call) }), 0.85, { ...callData(m, call), kind: 'start' });
      continue;
    }
    // A plain def of the snippet that starts the sync API, called from the loop: it runs there too.
    const fnExpr = child(call, 'function');
    const fn = fnExpr?.type === 'identifier' ? m.snippetFunction(fnExpr) : null;
    if (!fn || !starters.has(fn)) continue;
    report(call, 'py.playwright-sync-in-async', words('py.playwright-sync.via', { call: m.text(fnExpr!), where: where(call) }), 0.8, { ...callData(m, call), kind: 'via' });
  }
};
