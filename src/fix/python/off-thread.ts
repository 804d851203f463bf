/**
 * How to run blocking code on a worker thread, for the Python the paste shows: `asyncio.to_thread`
 * (added in 3.9) when the version is 3.9+ or unknown, the loop's `run_in_executor` before it
 * (`get_running_loop` is 3.7+; 3.5-3.6 have only `get_event_loop`).
 */
import { words, type Words } from '../../evidence/types.js';
import { pythonMinor } from './edit.js';


/**
 * The awaited expression that runs `fn(args)` on a thread. `whole` is the full blocking
 * expression (`urlopen(url).read()`): when it is more than one call, it is moved as a lambda so no
 * part of it stays on the loop.
 */
export function offThread(version: string | null, fn: string, args: string, whole: string | null): string {
  const v = pythonMinor(version);
  if (v !== null && v < 9) {
    const loop = v < 7 ? 'asyncio.get_event_loop()' : 'asyncio.get_running_loop()';
    // run_in_executor takes no keyword arguments: a lambda carries the call as written.
    return `await ${loop}.run_in_executor(None, lambda: ${whole ?? `${fn}(${args})`})`;
  }
  return whole !== null ? `await asyncio.to_thread(lambda: ${whole})` : `await asyncio.to_thread(${fn}${args ? ', ' + args : ''})`;
}

/** The note's name for it. */
export function offThreadName(version: string | null): Words {
  const v = pythonMinor(version);
  return words(v !== null && v < 9 ? 'fix.py.with-run-in-executor' : 'fix.py.with-to-thread');
}
