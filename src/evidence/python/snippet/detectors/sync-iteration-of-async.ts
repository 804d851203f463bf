/** py.sync-iteration-of-async: a plain `for` over an async iterable. */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import type { Detector } from './shared.js';
import { words, type Words } from '../../../types.js';

/**
 * `async with conn.cursor() as cursor:` … `for row in cursor:`: the name an `async with` binds, iterated
 * as it is inside that block. What an asynchronous context manager hands out (an aiomysql or aiosqlite
 * cursor, an anyio or aiofiles file, a stream) is read with `async for`; a plain `for` raises
 * "object is not iterable". Only the bound object itself (`for row in await cursor.fetchall()` is fine).
 */
function boundByAsyncWith(m: SnippetModel, expr: PyNode, loop: PyNode): boolean {
  if (expr.type !== 'identifier') return false;
  const name = m.text(expr);
  for (let cur = loop.parent; cur; cur = cur.parent) {
    if (cur.type === 'function_definition' || cur.type === 'lambda' || cur.type === 'class_definition') return false;
    if (cur.type !== 'with_statement' || !cur.children.some((c) => !c.named && c.type === 'async')) continue;
    const clause = cur.children.find((c) => c.type === 'with_clause');
    for (const item of clause?.children ?? []) {
      const value = item.type === 'with_item' ? child(item, 'value') : null;
      const alias = value?.type === 'as_pattern' ? child(value, 'alias') : null;
      if (alias && m.text(alias).trim() === name) return true;
    }
  }
  return false;
}

function asyncIterableReason(m: SnippetModel, expr: PyNode, loop?: PyNode): Words | null {
  if (expr.type === 'call') {
    const info = m.classify(expr);
    if (info.kind === 'asyncgen') return words('py.reason.async-gen', { callee: info.callee });
    const fnExpr = child(expr, 'function');
    if (fnExpr?.type === 'attribute' && m.usesDiscord && m.text(child(fnExpr, 'attribute')!) === 'history') return words('py.reason.discord-history', { call: m.text(fnExpr) });
    return null;
  }
  if (loop && boundByAsyncWith(m, expr, loop)) return words('py.reason.async-with-value', { name: m.text(expr) });
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const origin = m.originOf(expr) ?? '';
    if (/^(await:)?aiofiles\.open/.test(origin)) return words('py.reason.aiofiles', { name: m.text(expr) });
    if (expr.type === 'attribute' && m.text(child(expr, 'attribute')!) === 'content') {
      const o = m.originOf(child(expr, 'object')!) ?? '';
      if (o.startsWith('aiohttp.ClientSession') || o.startsWith('await:aiohttp.ClientSession')) return words('py.reason.aiohttp-stream', { name: m.text(expr) });
    }
  }
  return null;
}

export const syncIterationOfAsync: Detector = (m, report) => {
  const check = (n: PyNode) => {
    if (n.children.some((c) => !c.named && c.type === 'async')) return;
    const right = child(n, 'right');
    if (!right) return;
    const reason = asyncIterableReason(m, right, n);
    if (!reason) return;
    const forKw = n.children.find((c) => !c.named && c.type === 'for');
    const scope = m.scopeOf(n);
    report(n, 'py.sync-iteration-of-async', words('py.sync-iteration-of-async', { reason }), 0.9, {
      forStart: forKw ? m.at(forKw.start) : m.at(n.start),
      start: m.at(n.start),
      context: scope.kind,
      fnName: scope.fn?.name ?? '',
      fnDef: scope.fn ? m.at(scope.fn.defOffset) : '',
      iterable: m.text(right),
    });
  };
  for (const f of m.forStatements) check(f);
  for (const f of m.forClauses) check(f);
};
