/**
 * py.selector-loop: code whose library needs the loop's add_reader family (psycopg 3, aiodns, tornado
 * before 6.1, zmq.asyncio) and was refused by Windows' default Proactor loop is started on a selector
 * loop where it starts its loop, its one `asyncio.run(…)` line:
 *  - with Python 3.12+ shown in the paste, `asyncio.run(main())` → `asyncio.run(main(), loop_factory=asyncio.SelectorEventLoop)`
 *    (only this run's loop changes; `asyncio.SelectorEventLoop` is the selector loop on every platform);
 *  - otherwise the Windows selector policy is set just before it, on Windows only (`sys.platform == "win32"`),
 *    with `import sys` added when missing: it works from 3.8, where loop_factory does not exist yet.
 * Declines when the code already chooses a loop (a policy, a loop class, loop_factory: then it is chosen too late
 * or elsewhere, which the rule's steps cover), starts subprocesses (a selector loop cannot), or does not start its
 * loop with exactly one `asyncio.run(…)` written on one line.
 */
import type { Fixer } from '../types.js';
import { applyEdits, finish, importLine, pythonMinor, type Edit } from './edit.js';
import { words } from '../../evidence/types.js';

/** A loop chosen in the code already: changing the run would not be the fix. */
const CHOOSES_LOOP = /\b(?:set_event_loop_policy|EventLoopPolicy|SelectorEventLoop|ProactorEventLoop|loop_factory|new_event_loop|uvloop|winloop)\b/;
/** Subprocesses, which the selector loop cannot start on Windows (py/subprocess-on-selector-loop). */
const STARTS_SUBPROCESS = /\b(?:create_subprocess_(?:exec|shell)|subprocess_(?:exec|shell)|async_playwright)\b/;
const IMPORTS_SYS = /^[ \t]*import[ \t]+sys[ \t]*(?:#|$)/m;

export const selectorLoop: Fixer = (input) => {
  const code = input.code;
  if (CHOOSES_LOOP.test(code) || STARTS_SUBPROCESS.test(code)) return null;
  const lines = code.split('\n');
  const runs: number[] = [];
  lines.forEach((l, i) => {
    if (l.trimStart().startsWith('asyncio.run(')) runs.push(i);
  });
  if (runs.length !== 1) return null;
  const at = runs[0]!;
  const line = lines[at]!;
  const body = line.trimEnd();
  // One line, one call: `asyncio.run(main())` and nothing after its closing parenthesis.
  if (!body.endsWith(')') || body.includes('#')) return null;
  let start = 0;
  for (let i = 0; i < at; i++) start += lines[i]!.length + 1;
  const indent = line.slice(0, line.length - line.trimStart().length);
  if ((pythonMinor(input.evidence.context.pythonVersion) ?? 0) >= 12) {
    const close = start + body.length - 1;
    const edits: Edit[] = [{ start: close, end: close, text: ', loop_factory=asyncio.SelectorEventLoop' }];
    return finish(input, applyEdits(code, edits), [words('fix.py.selector-loop-factory')]);
  }
  const step = indent.includes('\t') ? '\t' : '    ';
  const edits: Edit[] = [
    { start, end: start, text: `${indent}if sys.platform == "win32":\n${indent}${step}asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())\n` },
  ];
  if (!IMPORTS_SYS.test(code)) {
    const importSys = importLine(code, 'import sys');
    if (!importSys) return null;
    edits.push(importSys);
  }
  return finish(input, applyEdits(code, edits), [words('fix.py.selector-loop-policy')]);
};
