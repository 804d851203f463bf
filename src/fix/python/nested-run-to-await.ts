import type { Fixer, FixInput, FixOutput } from '../types.js';
import { applyEdits, finish, offsetOf, findingsOf, d, modelOf, orig, type Edit } from './edit.js';
import { child, namedChildren } from '../../evidence/python/snippet/model.js';
import { words, type Phrase } from '../../evidence/types.js';

// CPython's errors for a loop started on a running one (Lib/asyncio/runners.py, base_events.py _check_running).
const LOOP_RUNNING = /^asyncio\.run\(\) cannot be called from a running event loop$|^This event loop is already running$|^Cannot run the event loop while another loop is running$/;
/** A notebook cell's own frame, as IPython prints it (`Cell In[5], line 46`, `<ipython-input-3-…>`). */
const CELL_FRAME = /^Cell In\s*\[\d*\]|^<ipython-input-/;

/**
 * No code block, only the line a traceback quotes: `asyncio.run(main())` (or a loop's
 * `run_until_complete(main())`) in a notebook cell, whose top level already runs on IPython's
 * loop, becomes `await main()`. Elsewhere the line may be in a plain function, where `await`
 * would not compile: left to the person.
 */
function awaitQuotedRun(input: FixInput): FixOutput | null {
  const line = input.code.trim();
  const fromCell = input.evidence.errors.some(
    (e) => LOOP_RUNNING.test(e.message.trim()) && e.frames.some((f) => CELL_FRAME.test(f.file) && f.source?.trim() === line && (f.function === null || f.function === undefined || f.function === '<module>')),
  );
  if (!fromCell) return null;
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const runs = m.calls.filter((c) => {
    const callee = m.text(child(c, 'function')!);
    return callee === 'asyncio.run' || callee.endsWith('.run_until_complete');
  });
  if (runs.length !== 1) return null;
  const run = runs[0]!;
  const args = child(run, 'arguments');
  const arg = args ? namedChildren(args) : [];
  if (arg.length !== 1 || arg[0]!.type !== 'call') return null;
  const text = m.text(arg[0]!);
  const callee = m.text(child(run, 'function')!);
  const fixed = applyEdits(code, [{ start: orig(m, code, run.start), end: orig(m, code, run.end), text: `await ${text}` }]);
  return finish(input, fixed, [words('fix.py.run-to-await', { callee, arg: text })]);
}

/** py.nested-run-to-await: `asyncio.run(x())` / `loop.run_until_complete(x())` on a running loop → `await x()`. */
export const nestedRunToAwait: Fixer = (input) => {
  if (input.excerpt) return awaitQuotedRun(input);
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
