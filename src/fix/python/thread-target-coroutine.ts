import type { Fixer } from '../types.js';
import { applyEdits, finish, modelOf, offsetOf, findingsOf, d, orig, withImport, callAt, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** py.thread-target-coroutine: run the async function in the thread with `asyncio.run`, or await it directly. */
export const threadTargetCoroutine: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.async-fn-in-thread')) {
    const call = callAt(m, f);
    if (!call) continue;
    const target = d(f, 'target');
    const mode = d(f, 'mode');
    const tStart = offsetOf(code, d(f, 'targetStart'));
    const tEnd = offsetOf(code, d(f, 'targetEnd'));
    if (mode === 'thread') {
      if (d(f, 'argsKwStart') && !d(f, 'argsList') && d(f, 'argsList') !== '') continue;
      const args = d(f, 'argsList');
      if (d(f, 'argsKwStart') && f.data?.argsList === undefined) continue;
      edits.push({ start: tStart, end: tEnd, text: `lambda: asyncio.run(${target}(${args}))` });
      if (d(f, 'argsKwStart')) {
        let kStart = offsetOf(code, d(f, 'argsKwStart'));
        const kEnd = offsetOf(code, d(f, 'argsKwEnd'));
        // Remove the `args=` keyword with the comma before it.
        let p = kStart - 1;
        while (p >= 0 && /\s/.test(code[p]!)) p--;
        if (code[p] === ',') kStart = p;
        edits.push({ start: kStart, end: kEnd, text: '' });
      }
      notes.push(words('fix.py.thread-runs', { call: `${target}(${args})` }));
      continue;
    }
    // asyncio.to_thread(f, a) / loop.run_in_executor(None, f, a) / executor.submit(f, a)
    const argsNode = call.children.find((c) => c.field === 'arguments');
    if (!argsNode) continue;
    const positional = argsNode.children.filter((c) => c.named && c.type !== 'comment' && c.type !== 'keyword_argument');
    const idx = mode === 'executor' ? 1 : 0;
    const rest = positional.slice(idx + 1).map((a) => m.text(a)).join(', ');
    if (positional.length !== argsNode.children.filter((c) => c.named && c.type !== 'comment').length) continue;
    if (mode === 'submit') {
      const aStart = orig(m, code, argsNode.start + 1);
      const aEnd = orig(m, code, argsNode.end - 1);
      // A call cut off before its ")": the parser's stand-in has no width, and the last argument's end is no ")" to keep.
      if (code[aEnd] !== ')') continue;
      edits.push({ start: aStart, end: aEnd, text: `asyncio.run, ${target}(${rest})` });
      notes.push(words('fix.py.executor-runs', { call: `${target}(${rest})` }));
    } else if (d(f, 'awaited') === 'true') {
      edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.end), text: `${target}(${rest})` });
      notes.push(words('fix.py.awaited-directly', { call: `${target}(${rest})` }));
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, notes.some((n) => typeof n !== 'string' && (n.key === 'fix.py.thread-runs' || n.key === 'fix.py.executor-runs')) ? withImport(code, edits) : edits), notes);
};
