/** py.await-outside-async: `await`, `async for` or `async with` outside an async def. */
import { namedChildren } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code } from './shared.js';
import { words } from '../../../types.js';

export const awaitOutsideAsync: Detector = (m, report) => {
  const seen = new Set<PyNode | null>();
  const check = (n: PyNode, what: string) => {
    const scope = m.scopeOf(n);
    if (scope.kind !== 'sync' && scope.kind !== 'lambda' && scope.kind !== 'module') return;
    const key = scope.kind === 'module' ? m.statementOf(n) : scope.node;
    if (seen.has(key)) return;
    seen.add(key);
    const data: Record<string, string> = {
      what,
      start: m.at(n.start),
      end: m.at(n.end),
      context: scope.kind,
      fnName: scope.fn?.name ?? '',
      fnDef: scope.fn ? m.at(scope.fn.defOffset) : '',
    };
    if (n.type === 'await') {
      const inner = namedChildren(n)[0];
      if (inner) {
        data.exprStart = m.at(inner.start);
        data.exprEnd = m.at(inner.end);
        data.exprIsCall = inner.type === 'call' ? 'true' : 'false';
      }
      const stmt = m.statementOf(n);
      data.stmtStart = m.at(stmt.start);
      data.stmtEnd = m.at(stmt.end);
    }
    const where = scope.kind === 'module' ? words('py.where.top-level') : scope.kind === 'lambda' ? words('py.where.lambda') : words('py.where.in-plain-def', { name: scope.fn?.name ?? '' });
    report(n, 'py.await-outside-async', words('py.await-outside-async', { what, where }), 0.95, data);
  };
  const isAsync = (n: PyNode) => n.children.some((c) => !c.named && c.type === 'async');
  const candidates: [PyNode, string][] = [
    ...m.awaits.map((a) => [a, 'await'] as [PyNode, string]),
    ...m.forStatements.filter(isAsync).map((f) => [f, 'async for'] as [PyNode, string]),
    ...m.withStatements.filter(isAsync).map((w) => [w, 'async with'] as [PyNode, string]),
    ...m.forClauses.filter((f) => f.parent?.type !== 'generator_expression' && isAsync(f)).map((f) => [f, 'async for'] as [PyNode, string]),
  ];
  candidates.sort((a, b) => a[0].start - b[0].start);
  for (const [n, what] of candidates) check(n, what);
};
