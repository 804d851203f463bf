import type { Fixer } from '../types.js';
import { offsetOf, findingsOf, d, type Edit, finishWithImport } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** py.call-soon-threadsafe: hand loop work from a thread to the loop safely. */
export const callSoonThreadsafe: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.asyncio-primitive-from-thread')) {
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const argsStart = offsetOf(code, d(f, 'argsStart'));
    const argsEnd = offsetOf(code, d(f, 'argsEnd'));
    if (start < 0 || end < 0 || argsStart < 0) continue;
    const method = d(f, 'method');
    const receiver = d(f, 'receiver');
    const args = code.slice(argsStart, argsEnd).trim();
    const loop = method === 'create_task' || method === 'call_soon' ? receiver : d(f, 'loop');
    if (!loop) continue;
    if (method === 'call_soon') {
      edits.push({ start, end, text: `${receiver}.call_soon_threadsafe(${args})` });
      notes.push(words('fix.py.used-call-soon-threadsafe', { receiver }));
    } else if (d(f, 'kindOfCall') === 'task') {
      edits.push({ start, end, text: `asyncio.run_coroutine_threadsafe(${args}, ${loop})` });
      notes.push(words('fix.py.run-coroutine-threadsafe'));
    } else if (d(f, 'kindOfCall') === 'coroutine') {
      edits.push({ start, end, text: `asyncio.run_coroutine_threadsafe(${code.slice(start, end)}, ${loop})` });
      notes.push(words('fix.py.run-coroutine-threadsafe'));
    } else if (receiver && method && !/^call_(later|at)$/.test(method)) {
      edits.push({ start, end, text: `${loop}.call_soon_threadsafe(${receiver}.${method}${args ? ', ' + args : ''})` });
      notes.push(words('fix.py.handed-to-loop', { call: `${receiver}.${method}` }));
    }
  }
  if (edits.length === 0) return null;
  return finishWithImport(input, edits, notes);
};
