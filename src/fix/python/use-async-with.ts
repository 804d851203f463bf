import type { Fixer } from '../types.js';
import { asyncKeywordFixer } from './edit.js';
import { usePlainWith } from './use-plain-with.js';

const withToAsyncWith = asyncKeywordFixer('py.sync-with-async-cm', 'withStart', 'with');

/**
 * py.use-async-with, the fixer of py/async-context-manager-misuse: the `with` that fits the
 * context manager. A plain `with` on async context managers becomes `async with`; `async with`
 * on a plain one becomes `with`. Pastes show one of the two mistakes; one with both gets the
 * first fixed and the rule's example for the other.
 */
export const useAsyncWith: Fixer = (input) => withToAsyncWith(input) ?? usePlainWith(input);
