import type { FunctionInfo } from '../../evidence/python/snippet/index.js';
import type { Fixer } from '../types.js';
import { applyEdits, finish, modelOf, offsetOf, findingsOf, d, withImport, makeAsyncEdits, type Edit } from './edit.js';

/** py.make-enclosing-async: `def` → `async def` (awaiting its callers), or `asyncio.run(...)` at the top of a script. */
export const makeEnclosingAsync: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  let needsImport = false;
  const done = new Set<FunctionInfo>();
  for (const f of findingsOf(input, 'py.await-outside-async')) {
    const s = m.offsetAt(d(f, 'start'));
    if (s < 0) continue;
    const node = m.nodeAt(s, d(f, 'what') === 'await' ? 'await' : d(f, 'what') === 'async with' ? 'with_statement' : 'for_statement') ?? m.nodeAt(s, 'for_in_clause');
    if (!node) continue;
    const scope = m.scopeOf(node);
    if (scope.kind === 'sync' && scope.fn) {
      if (done.has(scope.fn)) continue;
      const r = makeAsyncEdits(m, code, scope.fn, new Set());
      if (!r) continue;
      done.add(scope.fn);
      edits.push(...r.edits);
      needsImport ||= r.needsImport;
      notes.push(`made \`${scope.fn.name}\` an \`async def\``);
    } else if (d(f, 'context') === 'module' && d(f, 'what') === 'await' && d(f, 'exprIsCall') === 'true') {
      // The analyser decided this is a script's top level (the paste's own error says so); the fixer's own parse has no such hint.
      const start = offsetOf(code, d(f, 'start'));
      const exprStart = offsetOf(code, d(f, 'exprStart'));
      const exprEnd = offsetOf(code, d(f, 'exprEnd'));
      edits.push({ start, end: exprStart, text: 'asyncio.run(' }, { start: exprEnd, end: exprEnd, text: ')' });
      needsImport = true;
      notes.push(`ran \`${code.slice(exprStart, exprEnd)}\` with \`asyncio.run()\` (a script has no running loop at the top level)`);
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, needsImport ? withImport(code, edits) : edits), notes);
};
