import type { Fixer } from '../types.js';
import { applyEdits, finish, offsetOf, findingsOf, d, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** py.nested-run-to-await: `asyncio.run(x())` / `loop.run_until_complete(x())` on a running loop → `await x()`. */
export const nestedRunToAwait: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.asyncio-run-in-async', 'py.run-until-complete-in-async')) {
    if (d(f, 'method') === 'run_forever') continue;
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const argStart = offsetOf(code, d(f, 'argStart'));
    const argEnd = offsetOf(code, d(f, 'argEnd'));
    if (start < 0 || end < 0 || argStart < 0 || argEnd < 0) continue;
    let arg = code.slice(argStart, argEnd);
    if (d(f, 'argIsCall') !== 'true') {
      if (!d(f, 'argFunction')) continue;
      arg += '()';
    }
    const text = d(f, 'wrap') === 'paren' ? `(await ${arg})` : `await ${arg}`;
    edits.push({ start, end, text });
    notes.push(words('fix.py.run-to-await', { callee: d(f, 'callee'), arg }));
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};
