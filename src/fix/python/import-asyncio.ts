import type { Fixer } from '../types.js';
import { applyEdits, finish, importAsyncio, findingsOf } from './edit.js';
import { words } from '../../evidence/types.js';

/** py.import-asyncio: `asyncio.run(…)` in a file whose imports forgot `import asyncio`. */
export const addAsyncioImport: Fixer = (input) => {
  if (findingsOf(input, 'py.asyncio-not-imported').length === 0) return null;
  const imp = importAsyncio(input.code);
  return finish(input, imp ? applyEdits(input.code, [imp]) : null, [words('fix.py.added-import-asyncio')]);
};
