import { asyncKeywordFixer } from './edit.js';

/** py.use-async-with: a plain `with` on async context managers becomes `async with`. */
export const useAsyncWith = asyncKeywordFixer('py.sync-with-async-cm', 'withStart', 'with');
