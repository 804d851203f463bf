import type { Fixer } from '../types.js';
import { applyEdits, finish, offsetOf, ON_LOOP, findingsOf, d, withImport, type Edit } from './edit.js';

/** py.unblock-call: `time.sleep` → `await asyncio.sleep`; other blocking calls → `await asyncio.to_thread(f, …)`. */
export const unblockCall: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.blocking-call-in-async')) {
    // A busy loop has no call to move; `open()` hands back a file whose reads block too, so moving the open alone fixes nothing.
    if (!ON_LOOP.has(d(f, 'context')) || d(f, 'blocking') === 'busy loop' || d(f, 'blocking') === 'open') continue;
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const calleeEnd = offsetOf(code, d(f, 'calleeEnd'));
    const argsStart = offsetOf(code, d(f, 'argsStart'));
    const argsEnd = offsetOf(code, d(f, 'argsEnd'));
    if (start < 0 || end < 0 || calleeEnd < 0) continue;
    const wrap = d(f, 'wrap') === 'paren';
    const callee = d(f, 'callee');
    if (d(f, 'blocking') === 'time.sleep' && !d(f, 'via')) {
      edits.push({ start, end: calleeEnd, text: wrap ? '(await asyncio.sleep' : 'await asyncio.sleep' });
      if (wrap) edits.push({ start: end, end, text: ')' });
      notes.push(`replaced \`${callee}()\` with \`await asyncio.sleep()\``);
      continue;
    }
    if (argsStart < 0 || argsEnd < 0) continue;
    const args = code.slice(argsStart, argsEnd).trim().replace(/,\s*$/, '');
    const inner = `await asyncio.to_thread(${callee}${args ? ', ' + args : ''})`;
    edits.push({ start, end, text: wrap ? `(${inner})` : inner });
    notes.push(`moved \`${callee}()\` to a worker thread with \`await asyncio.to_thread()\``);
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, withImport(code, edits)), notes);
};
