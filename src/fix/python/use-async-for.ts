import { asyncKeywordFixer } from './edit.js';

/** py.use-async-for: a plain `for` over an async iterable becomes `async for`. */
export const useAsyncFor = asyncKeywordFixer('py.sync-iteration-of-async', 'forStart', 'for');
