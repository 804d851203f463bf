import type { FunctionInfo } from '../../evidence/python/snippet/index.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer } from '../types.js';
import { applyEdits, finish, modelOf, ON_LOOP, findingsOf, d, orig, withImport, awaitEdits, callAt, makeAsyncEdits, type Edit } from './edit.js';

/** py.add-await: `await` the coroutine call (or the Future nobody awaited); make the enclosing def async when that is safe. */
export const addAwait: Fixer = (input) => {
  const findings = findingsOf(input, 'py.unawaited-coroutine', 'py.coroutine-as-value', 'py.discord-setup-not-awaited', 'py.future-not-awaited');
  if (findings.length === 0) return null;
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  let needsImport = false;
  const madeAsync = new Set<FunctionInfo>();
  const handled = new Set<PyNode>();
  for (const f of findings) {
    const call = callAt(m, f);
    if (call) handled.add(call);
  }
  for (const f of findings) {
    const call = callAt(m, f);
    if (!call || d(f, 'problem') === 'sync-setup') continue;
    const start = orig(m, code, call.start);
    const end = orig(m, code, call.end);
    const scope = m.scopeOf(call);
    const callee = d(f, 'callee');
    const wrap = d(f, 'wrap') === 'paren';
    if (ON_LOOP.has(scope.kind)) {
      edits.push(...awaitEdits(start, end, wrap));
      notes.push(`added \`await\` before \`${callee}()\``);
    } else if (scope.kind === 'sync' && scope.fn) {
      if (!madeAsync.has(scope.fn)) {
        const r = makeAsyncEdits(m, code, scope.fn, handled);
        if (!r) continue;
        madeAsync.add(scope.fn);
        edits.push(...r.edits);
        needsImport ||= r.needsImport;
        notes.push(`made \`${scope.fn.name}\` an \`async def\``);
      }
      edits.push(...awaitEdits(start, end, wrap));
      notes.push(`added \`await\` before \`${callee}()\``);
    } else if (scope.kind === 'module' && /^[A-Za-z_]\w*$/.test(callee)) {
      const u = m.usage(call);
      if (u.kind !== 'bare' && u.kind !== 'stored') continue;
      edits.push({ start, end: start, text: 'asyncio.run(' }, { start: end, end, text: ')' });
      needsImport = true;
      notes.push(`ran \`${callee}()\` with \`asyncio.run()\``);
    }
  }
  if (edits.length === 0) return null;
  const all = needsImport ? withImport(code, edits) : edits;
  return finish(input, applyEdits(code, all), notes);
};
