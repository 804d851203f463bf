/** py.sync-with-async-cm: a plain `with` on an async context manager. */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import type { Detector } from './shared.js';
import { words, type Words } from '../../../types.js';

function asyncCmReason(m: SnippetModel, expr: PyNode): Words | null {
  if (expr.type === 'call') {
    const info = m.classify(expr);
    if (info.kind === 'asynccm') return words('py.reason.async-cm', { callee: info.callee });
    return null;
  }
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const origin = (m.originOf(expr) ?? '').replace(/^await:/, '');
    if (/^asyncio\.(Lock|Semaphore|BoundedSemaphore|Condition)$/.test(origin) || origin === 'aiohttp.ClientSession' || origin === 'httpx.AsyncClient') {
      return words(origin === 'aiohttp.ClientSession' || origin === 'httpx.AsyncClient' ? 'py.reason.async-client' : 'py.reason.asyncio-lock', { name: m.text(expr) });
    }
  }
  return null;
}

export const syncWithAsyncCm: Detector = (m, report) => {
  for (const w of m.withStatements) {
    if (w.children.some((c) => !c.named && c.type === 'async')) continue;
    const clause = w.children.find((c) => c.type === 'with_clause');
    if (!clause) continue;
    const items = clause.children.filter((c) => c.type === 'with_item');
    let reason: Words | null = null;
    let allAsync = true;
    for (const item of items) {
      const value = child(item, 'value');
      if (!value) continue;
      const expr = value.type === 'as_pattern' ? value.children.find((c) => c.named && c.type !== 'as_pattern_target') ?? value : value;
      const r = asyncCmReason(m, expr);
      if (r) reason ??= r;
      else allAsync = false;
    }
    if (!reason) continue;
    const scope = m.scopeOf(w);
    const withKw = w.children.find((c) => !c.named && c.type === 'with');
    report(w, 'py.sync-with-async-cm', words('py.sync-with-async-cm', { reason }), 0.9, {
      withStart: withKw ? m.at(withKw.start) : m.at(w.start),
      start: m.at(w.start),
      context: scope.kind,
      fnName: scope.fn?.name ?? '',
      fnDef: scope.fn ? m.at(scope.fn.defOffset) : '',
      allItemsAsync: allAsync ? 'true' : 'false',
    });
  }
};
