import type { Fixer } from '../types.js';
import { applyEdits, finish, modelOf, offsetOf, findingsOf, d, withImport, callAt, makeAsyncEdits, type Edit } from './edit.js';

/** py.remove-bad-await: fix an `await` on something that is not awaitable. */
export const removeBadAwait: Fixer = (input) => {
  const m = modelOf(input);
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  let needsImport = false;
  for (const f of findingsOf(input, 'py.await-non-awaitable')) {
    const awaitStart = offsetOf(code, d(f, 'awaitStart'));
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const calleeEnd = offsetOf(code, d(f, 'calleeEnd'));
    if (awaitStart < 0 || start < 0) continue;
    const q = d(f, 'qname');
    const callee = d(f, 'callee');
    if (q === 'time.sleep') {
      edits.push({ start, end: calleeEnd, text: 'asyncio.sleep' });
      needsImport = true;
      notes.push(`replaced \`${callee}()\` with \`asyncio.sleep()\`, which can be awaited`);
    } else if (d(f, 'targetDef')) {
      if (d(f, 'fnAwaits') === 'true' && m) {
        const fn = [...(m.functions.get(callee) ?? [])].find((x) => m.at(x.defOffset) === d(f, 'targetDef'));
        if (!fn) continue;
        const call = callAt(m, f);
        const r = makeAsyncEdits(m, code, fn, new Set(call ? [call] : []));
        if (!r) continue;
        edits.push(...r.edits);
        needsImport ||= r.needsImport;
        notes.push(`made \`${callee}\` an \`async def\` (it awaits inside)`);
      } else {
        edits.push({ start: awaitStart, end: start, text: '' });
        notes.push(`removed \`await\` before \`${callee}()\`: it is a plain function`);
      }
    } else if (['print', 'len', 'open', 'str', 'int', 'json.dumps', 'json.loads'].includes(q)) {
      edits.push({ start: awaitStart, end: start, text: '' });
      notes.push(`removed \`await\` before \`${callee}()\``);
    } else {
      const argsStart = offsetOf(code, d(f, 'argsStart'));
      const argsEnd = offsetOf(code, d(f, 'argsEnd'));
      if (argsStart < 0 || end < 0) continue;
      const args = code.slice(argsStart, argsEnd).trim().replace(/,\s*$/, '');
      edits.push({ start, end, text: `asyncio.to_thread(${callee}${args ? ', ' + args : ''})` });
      needsImport = true;
      notes.push(`awaited \`${callee}()\` in a worker thread with \`asyncio.to_thread()\``);
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, needsImport ? withImport(code, edits) : edits), notes);
};
