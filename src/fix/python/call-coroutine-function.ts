import type { Fixer } from '../types.js';
import { applyEdits, finish, offsetOf, findingsOf, d, type Edit } from './edit.js';

/** py.call-coroutine-function: `asyncio.run(main)` → `asyncio.run(main())`. */
export const callCoroutineFunction: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.coroutine-function-not-called')) {
    if (d(f, 'requiredParams') !== '0') continue;
    const end = offsetOf(code, d(f, 'end'));
    if (end < 0) continue;
    edits.push({ start: end, end, text: '()' });
    notes.push(`called \`${d(f, 'name')}()\` so \`${d(f, 'sink')}\` gets a coroutine`);
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};
