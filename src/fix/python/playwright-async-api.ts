/**
 * py.playwright-async-api: Playwright's sync API started where a loop runs
 * (an `async def`, a notebook cell) becomes its async API, in the user's own
 * code: the import names `async_playwright` from `playwright.async_api`,
 * `with sync_playwright() as p:` becomes `async with async_playwright() as p:`,
 * `sync_playwright().start()` becomes `await async_playwright().start()`, and
 * every call on what Playwright handed back (`p`, then the `browser`, `context`
 * and `page` made from it) is awaited — except the few methods that stay sync
 * in the async API (`page.locator(…)`, `get_by_role(…)`, `page.on(…)`), and the
 * `expect_*` context managers, which become `async with`.
 *
 * When the sync API is started in a plain `def` that async code (or a
 * notebook cell) calls, the `def` keeps it and the call runs it in a worker
 * thread, `await asyncio.to_thread(scrape, url)`, where no loop runs.
 *
 * It declines (the rule's own example is shown) when the code also uses the
 * sync API where it belongs (a plain `def`, a script), or hands Playwright a
 * route handler, which would have to become async too.
 */
import type { Fixer } from '../types.js';
import { applyEdits, awaitEdits, d, findingsOf, finish, finishWithImport, modelOf, orig, type Edit } from './edit.js';
import { offThread } from './off-thread.js';
import { child, namedChildren, type SnippetModel } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import { isSyncPlaywrightCall, syncPlaywrightDefs } from '../../evidence/python/snippet/detectors/playwright-sync-in-async.js';
import { words } from '../../evidence/types.js';

/** Methods that return at once in the async API too (locators are built, not run; listeners are registered). */
const STAYS_SYNC = new Set([
  'locator', 'frame_locator', 'get_by_role', 'get_by_text', 'get_by_label', 'get_by_placeholder', 'get_by_alt_text',
  'get_by_title', 'get_by_test_id', 'nth', 'filter', 'and_', 'or_', 'on', 'once', 'remove_listener', 'is_closed',
  'set_default_timeout', 'set_default_navigation_timeout', 'frame',
]);
/** Methods that hand back another Playwright object (a browser, a context, a page, a locator), followed to its name. */
const HANDS_BACK = new Set([
  'launch', 'launch_persistent_context', 'connect', 'connect_over_cdp', 'new_context', 'new_page', 'query_selector',
  'wait_for_selector', 'locator', 'frame_locator', 'get_by_role', 'get_by_text', 'get_by_label', 'get_by_placeholder',
  'get_by_alt_text', 'get_by_title', 'get_by_test_id', 'nth', 'filter', 'frame', 'content_frame',
]);
/** A handler Playwright calls with objects whose methods would need `await` in turn. */
const TAKES_ASYNC_HANDLER = new Set(['route', 'route_from_har', 'expose_function', 'expose_binding']);

/**
 * The name a method call's receiver comes from, when that receiver is what Playwright handed back: the name itself
 * (`page.goto`), an attribute of it (`p.chromium.launch`, `page.keyboard.press`) or a locator built from it
 * (`page.locator("#ok").click`). `'chained'` when the receiver is the result of an awaited call
 * (`browser.new_page().goto`), which would need an `await` inside another; null for anything else
 * (`page.title().strip`: a string's method).
 */
function receiverRoot(m: SnippetModel, fnExpr: PyNode): string | 'chained' | null {
  let n: PyNode | null = child(fnExpr, 'object');
  while (n) {
    if (n.type === 'identifier') return m.text(n);
    if (n.type === 'attribute') n = child(n, 'object');
    else if (n.type === 'call') {
      const f = child(n, 'function');
      const method = f?.type === 'attribute' ? m.text(child(f, 'attribute')!) : '';
      if (!HANDS_BACK.has(method)) return null;
      if (!STAYS_SYNC.has(method)) return 'chained';
      n = child(f!, 'object');
    } else return null;
  }
  return null;
}

/** The identifier a chain starts from, whatever it goes through. */
function rootOf(m: SnippetModel, expr: PyNode): string {
  let n: PyNode | null = expr;
  while (n && n.type !== 'identifier') n = n.type === 'attribute' ? child(n, 'object') : n.type === 'call' ? child(n, 'function') : null;
  return n ? m.text(n) : '';
}

function ancestor(n: PyNode, type: string): PyNode | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === type) return p;
  return null;
}

/** `p` of `with sync_playwright() as p:` (the with holding this one item only), or null. */
function withTarget(m: SnippetModel, call: PyNode): { stmt: PyNode; name: string } | null {
  const stmt = ancestor(call, 'with_statement');
  const clause = stmt ? namedChildren(stmt).find((c) => c.type === 'with_clause') : null;
  if (!stmt || !clause || namedChildren(clause).length !== 1) return null;
  const asPattern = ancestor(call, 'as_pattern');
  const alias = asPattern ? child(asPattern, 'alias') : null;
  const name = alias ? namedChildren(alias)[0] ?? alias : null;
  return name && name.type === 'identifier' ? { stmt, name: m.text(name) } : null;
}

/**
 * The import lines, rewritten to name the async API: `from playwright.sync_api import sync_playwright, Page` (the
 * async API has the same other names), and `import playwright.sync_api` when the code names the module in full
 * only where it calls `sync_playwright` (`calls`); null when it names it elsewhere too (`playwright.sync_api.Page`).
 */
function importEdits(code: string, calls: number): Edit[] | null {
  const edits: Edit[] = [];
  const from = /^[ \t]*from[ \t]+playwright(?:\.sync_api)?[ \t]+import[ \t]+[^\n]*/gm;
  for (let mt = from.exec(code); mt; mt = from.exec(code)) {
    if (!/\bsync_playwright\b/.test(mt[0])) continue;
    const text = mt[0].replace(/\bplaywright\.sync_api\b/, 'playwright.async_api').replace(/\bsync_playwright\b/, 'async_playwright');
    edits.push({ start: mt.index, end: mt.index + mt[0].length, text });
  }
  const plain = /^([ \t]*import[ \t]+playwright\.)sync_api[ \t]*$/m.exec(code);
  if (plain) {
    if ((code.match(/\bplaywright\.sync_api\b/g) ?? []).length !== calls + 1) return null;
    edits.push({ start: plain.index, end: plain.index + plain[0].length, text: `${plain[1]}async_api` });
  }
  return edits;
}

export const playwrightAsyncApi: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const entries = m.calls.filter((c) => isSyncPlaywrightCall(m, c));
  // The detector's findings say where the paste runs on a loop (a notebook cell) even when this model was read
  // without the paste's hints.
  const found = new Set(findingsOf(input, 'py.playwright-sync-in-async').map((f) => d(f, 'start')));
  const onLoop = entries.filter((c) => ['async', 'notebook'].includes(m.scopeOf(c).kind) || found.has(m.at(c.start)));
  if (onLoop.length === 0) return inThread(input, m, found);
  // The sync API used where it belongs too: renaming the import would break that use.
  if (onLoop.length !== entries.length) return null;
  const edits: Edit[] = [];
  const tracked = new Set<string>();
  const key = (n: PyNode, name: string) => `${m.scopeNode(n)?.start ?? -1}:${name}`;
  for (const call of onLoop) {
    const fnExpr = child(call, 'function')!;
    const renamed = m.text(fnExpr).replace(/\bsync_api\.sync_playwright$/, 'async_api.async_playwright').replace(/^sync_playwright$/, 'async_playwright');
    if (renamed === m.text(fnExpr)) return null;
    edits.push({ start: orig(m, code, fnExpr.start), end: orig(m, code, fnExpr.end), text: renamed });
    const usage = m.usage(call);
    if (usage.kind === 'with-item') {
      const target = withTarget(m, call);
      if (!target) return null;
      edits.push({ start: orig(m, code, target.stmt.start), end: orig(m, code, target.stmt.start), text: 'async ' });
      tracked.add(key(call, target.name));
      continue;
    }
    // sync_playwright().start(), stored: the whole chain is awaited.
    const attr = call.parent;
    const start = attr?.type === 'attribute' && child(attr, 'attribute') && m.text(child(attr, 'attribute')!) === 'start' ? attr.parent : null;
    const stored = start?.type === 'call' ? m.usage(start) : null;
    if (!start || stored?.kind !== 'stored' || stored.targetNode.type !== 'identifier') return null;
    edits.push(...awaitEdits(orig(m, code, start.start), orig(m, code, start.end), false));
    tracked.add(key(call, stored.target));
  }
  // What Playwright hands back, followed through plain assignments: browser = p.chromium.launch(), page = browser.new_page().
  const rooted = m.calls.filter((c) => !onLoop.includes(c) && child(c, 'function')?.type === 'attribute');
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of rooted) {
      const fnExpr = child(c, 'function')!;
      const root = receiverRoot(m, fnExpr);
      const u = m.usage(c);
      if (!HANDS_BACK.has(m.text(child(fnExpr, 'attribute')!))) continue;
      if (root && tracked.has(key(c, root)) && u.kind === 'stored' && u.targetNode.type === 'identifier' && !tracked.has(key(c, u.target))) {
        tracked.add(key(c, u.target));
        grew = true;
      }
    }
  }
  // A Playwright object handed to other code (run(playwright), expect(page)): that code's calls would need awaits this
  // fix cannot see or make.
  if (m.identifiers.some((id) => tracked.has(key(id, m.text(id))) && m.usage(id).kind === 'passed')) return null;
  const awaitedAt = new Set<number>();
  for (const c of rooted) {
    const fnExpr = child(c, 'function')!;
    const root = receiverRoot(m, fnExpr);
    if (root === 'chained' && tracked.has(key(c, rootOf(m, fnExpr)))) return null;
    if (!root || root === 'chained' || !tracked.has(key(c, root))) continue;
    const method = m.text(child(fnExpr, 'attribute')!);
    if (TAKES_ASYNC_HANDLER.has(method)) return null;
    if (STAYS_SYNC.has(method)) continue;
    const u = m.usage(c);
    if (u.kind === 'awaited') continue;
    if (method.startsWith('expect_') && u.kind === 'with-item') {
      const stmt = ancestor(c, 'with_statement');
      if (!stmt) return null;
      edits.push({ start: orig(m, code, stmt.start), end: orig(m, code, stmt.start), text: 'async ' });
      continue;
    }
    // A call whose result is read further (`page.title().upper()`) is awaited in parentheses.
    const p = c.parent;
    const wrap = !!p && ((p.type === 'attribute' && c.field === 'object') || (p.type === 'subscript' && c.field === 'value') || (p.type === 'call' && c.field === 'function'));
    const at = orig(m, code, c.start);
    // Two awaits starting at one place (an awaited call read by another awaited call) would need a rewrite of the chain.
    if (awaitedAt.has(at)) return null;
    awaitedAt.add(at);
    edits.push(...awaitEdits(at, orig(m, code, c.end), wrap));
  }
  const imports = importEdits(code, onLoop.filter((c) => m.text(child(c, 'function')!).includes('sync_api.')).length);
  if (!imports) return null;
  edits.push(...imports);
  return finish(input, applyEdits(code, edits), [words('fix.py.playwright-async')]);
};

/** Each call, from the loop, of a plain def that starts the sync API, made in a worker thread: the def stays as it is. */
function inThread(input: Parameters<Fixer>[0], m: SnippetModel, found: Set<string>): ReturnType<Fixer> {
  const code = input.code;
  const starters = syncPlaywrightDefs(m);
  const edits: Edit[] = [];
  const notes = [];
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    const fn = fnExpr?.type === 'identifier' ? m.snippetFunction(fnExpr) : null;
    if (!fn || !starters.has(fn)) continue;
    if (!['async', 'notebook'].includes(m.scopeOf(call).kind) && !found.has(m.at(call.start))) continue;
    if (m.usage(call).kind === 'awaited') return null;
    const args = child(call, 'arguments');
    if (!args || args.type !== 'argument_list') return null;
    const inner = m.text(args).slice(1, -1).trim();
    const p = call.parent;
    const wrap = !!p && ((p.type === 'attribute' && call.field === 'object') || (p.type === 'subscript' && call.field === 'value') || (p.type === 'call' && call.field === 'function'));
    const text = offThread(input.evidence.context.pythonVersion, m.text(fnExpr!), inner, null);
    edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.end), text: wrap ? `(${text})` : text });
    notes.push(words('fix.py.playwright-thread', { call: m.text(fnExpr!) }));
  }
  return edits.length ? finishWithImport(input, edits, notes) : null;
}
