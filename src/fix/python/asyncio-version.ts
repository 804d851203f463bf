/**
 * py.asyncio-version, the fixer of py/asyncio-api-version: code written for an older Python's
 * asyncio, brought to the newer one that runs it, so that nobody has to downgrade. Generator-based
 * coroutines become native ones (native-coroutine.ts); coroutines handed to `asyncio.wait()`
 * become tasks (wait-with-tasks.ts). Each looks for its own error first, so at most one applies.
 */
import type { Fixer } from '../types.js';
import { nativeCoroutine } from './native-coroutine.js';
import { waitWithTasks } from './wait-with-tasks.js';

export const asyncioVersion: Fixer = (input) => nativeCoroutine(input) ?? waitWithTasks(input);
