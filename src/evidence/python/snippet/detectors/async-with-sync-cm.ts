/**
 * py.async-with-sync-cm: `async with` on something that is not an async context manager, which
 * raises "TypeError: '…' object does not support the asynchronous context manager protocol":
 * - a plain context manager (`open()`, `threading.Lock()`, `requests.Session()`, a
 *   `@contextmanager` def of the snippet, a class of the snippet with `__enter__` and no `__aenter__`),
 *   called on the spot or through a name bound to one;
 * - a coroutine (`asyncpg.connect()`, an `async def` of the snippet that returns something):
 *   it must be awaited first;
 * - an async generator of the snippet without `@asynccontextmanager`.
 * Calls that are both awaitable and async context managers (`asyncpg.create_pool`,
 * `aiosqlite.connect`) are async context managers to the model, so they never get here.
 */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import type { Detector } from './shared.js';
import { words, type Words } from '../../../types.js';

/** Qualified calls that return a plain (sync-only) context manager. */
const SYNC_CMS = new Set([
  'open',
  'io.open',
  'threading.Lock',
  'threading.RLock',
  'threading.Semaphore',
  'threading.BoundedSemaphore',
  'threading.Condition',
  'requests.Session',
  'requests.session',
  'httpx.Client',
  'sqlite3.connect',
  'psycopg2.connect',
  'tempfile.TemporaryDirectory',
  'tempfile.NamedTemporaryFile',
  'tempfile.TemporaryFile',
  'concurrent.futures.ThreadPoolExecutor',
  'concurrent.futures.ProcessPoolExecutor',
  'multiprocessing.Pool',
  'zipfile.ZipFile',
  'tarfile.open',
]);

/**
 * `class Timer:` of the snippet that defines `__enter__` and not `__aenter__`, with no base class (one
 * outside the paste could define it): a plain context manager of the user's own.
 */
function ownSyncCmClass(m: SnippetModel, name: string): boolean {
  const enters = (m.functions.get('__enter__') ?? []).filter((f) => f.className === name);
  if (enters.length === 0 || (m.functions.get('__aenter__') ?? []).some((f) => f.className === name)) return false;
  return enters.every((f) => {
    let cls: PyNode | null = f.node.parent;
    while (cls !== null && cls.type !== 'class_definition') cls = cls.parent;
    return cls !== null && child(cls, 'superclasses') === null;
  });
}

function reason(m: SnippetModel, expr: PyNode): Words | null {
  if (expr.type === 'call') {
    const f = child(expr, 'function');
    if (f?.type === 'identifier' && ownSyncCmClass(m, m.text(f))) return words('py.reason.own-sync-cm-class', { callee: m.text(f) });
    const q = f ? m.resolve(f) : null;
    if (q && SYNC_CMS.has(q) && (q !== 'open' || m.text(f!) === 'open')) return words('py.reason.plain-cm-call', { call: m.text(f!) });
    const info = m.classify(expr);
    if (info.kind === 'asyncgen' && info.fn && !info.fn.isAsyncCm) {
      return words('py.reason.async-gen-not-cm', { callee: info.callee });
    }
    if (info.kind === 'coroutine' && (info.fn ? info.fn.decorators.length === 0 : info.qname !== null && info.confidence >= 0.9)) {
      return words('py.reason.coroutine-not-cm', { callee: info.callee });
    }
    if (info.kind === 'snippet-sync' && info.fn?.decorators.some((d) => /(^|\.)contextmanager$/.test(d))) {
      return words('py.reason.contextmanager', { callee: info.callee });
    }
    return null;
  }
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const origin = m.originOf(expr) ?? '';
    if (SYNC_CMS.has(origin) && origin !== 'open') return words('py.reason.plain-cm-object', { name: m.text(expr), type: origin });
  }
  return null;
}

export const asyncWithSyncCm: Detector = (m, report) => {
  for (const w of m.withStatements) {
    if (!w.children.some((c) => !c.named && c.type === 'async')) continue;
    const clause = w.children.find((c) => c.type === 'with_clause');
    if (!clause) continue;
    for (const item of clause.children.filter((c) => c.type === 'with_item')) {
      const value = child(item, 'value');
      if (!value) continue;
      const expr = value.type === 'as_pattern' ? value.children.find((c) => c.named && c.type !== 'as_pattern_target') ?? value : value;
      const why = reason(m, expr);
      if (!why) continue;
      const asyncKw = w.children.find((c) => !c.named && c.type === 'async');
      const scope = m.scopeOf(w);
      report(w, 'py.async-with-sync-cm', words('py.async-with-sync-cm', { why }), 0.85, {
        asyncStart: asyncKw ? m.at(asyncKw.start) : m.at(w.start),
        start: m.at(w.start),
        itemStart: m.at(expr.start),
        itemEnd: m.at(expr.end),
        context: scope.kind,
        fnName: scope.fn?.name ?? '',
      });
      break;
    }
  }
};
