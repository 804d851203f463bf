/** py.sync-iteration-of-async: a plain `for` over an async iterable. */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code } from './shared.js';

function asyncIterableReason(m: SnippetModel, expr: PyNode): string | null {
  if (expr.type === 'call') {
    const info = m.classify(expr);
    if (info.kind === 'asyncgen') return `${code(info.callee + '()')} is an async generator`;
    const fnExpr = child(expr, 'function');
    if (fnExpr?.type === 'attribute' && m.usesDiscord && m.text(child(fnExpr, 'attribute')!) === 'history') return `${code(m.text(fnExpr) + '()')} is an async iterator in discord.py 2`;
    return null;
  }
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const origin = m.originOf(expr) ?? '';
    if (/^(await:)?aiofiles\.open/.test(origin)) return `${code(m.text(expr))} is an aiofiles file, read with ${code('async for')}`;
    if (expr.type === 'attribute' && m.text(child(expr, 'attribute')!) === 'content') {
      const o = m.originOf(child(expr, 'object')!) ?? '';
      if (o.startsWith('aiohttp.ClientSession') || o.startsWith('await:aiohttp.ClientSession')) return `${code(m.text(expr))} is an aiohttp stream`;
    }
  }
  return null;
}

export const syncIterationOfAsync: Detector = (m, report) => {
  const check = (n: PyNode) => {
    if (n.children.some((c) => !c.named && c.type === 'async')) return;
    const right = child(n, 'right');
    if (!right) return;
    const reason = asyncIterableReason(m, right);
    if (!reason) return;
    const forKw = n.children.find((c) => !c.named && c.type === 'for');
    const scope = m.scopeOf(n);
    report(n, 'py.sync-iteration-of-async', `${reason}: a plain ${code('for')} cannot iterate it; use ${code('async for')} inside an ${code('async def')}.`, 0.9, {
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
