/**
 * py.proactor-loop-policy: the Windows selector policy that cannot start
 * subprocesses becomes the Proactor policy, which can
 * (`asyncio.WindowsSelectorEventLoopPolicy()` → `asyncio.WindowsProactorEventLoopPolicy()`,
 * and a `from asyncio import WindowsSelectorEventLoopPolicy` with it). Python 3.8+
 * uses the Proactor loop on Windows by default, so the note says the line may go
 * too. Declines when the code uses a library that needs the selector loop (its
 * `add_reader`): psycopg 3, aiodns, tornado before 6.1, pyzmq, Twisted. Switching
 * the policy would break that library; the reply's steps (a thread with its own
 * Proactor loop) apply then.
 */
import type { Fixer } from '../types.js';
import { applyEdits, d, finish, findingsOf, offsetOf, type Edit } from './edit.js';
import { words } from '../../evidence/types.js';

const NEEDS_SELECTOR = /^[ \t]*(?:import|from)[ \t]+(?:psycopg|aiodns|tornado|zmq|twisted)\b/m;
/**
 * `from asyncio import …, WindowsSelectorEventLoopPolicy`. One `[ \t]` after `import`, not `[ \t]+`: the rest of
 * the line reads any further blanks, and two quantifiers over the same blanks made a line of them quadratic (recheck);
 * the rest stops at every line end `^` starts after (U+2028 too), so no start reads on past the next.
 */
export const IMPORTS_SELECTOR_POLICY = /^[ \t]*from[ \t]+asyncio(?:\.windows_events)?[ \t]+import[ \t][^\n\r\u2028\u2029]*\bWindowsSelectorEventLoopPolicy\b/m;
const SELECTOR = 'WindowsSelectorEventLoopPolicy';
const PROACTOR = 'WindowsProactorEventLoopPolicy';

export const proactorLoopPolicy: Fixer = (input) => {
  const code = input.code;
  if (NEEDS_SELECTOR.test(code)) return null;
  const edits: Edit[] = [];
  let calls = 0;
  for (const f of findingsOf(input, 'py.subprocess-on-selector-loop')) {
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'calleeEnd'));
    if (start < 0 || end <= start) continue;
    const callee = code.slice(start, end);
    if (!callee.endsWith(SELECTOR)) return null;
    edits.push({ start: end - SELECTOR.length, end, text: PROACTOR });
    calls++;
  }
  if (edits.length === 0) return null;
  // The name imported from asyncio: the import names the new policy too, when nothing else uses the old one.
  const imported = IMPORTS_SELECTOR_POLICY.exec(code);
  if (imported) {
    if ((code.match(/\bWindowsSelectorEventLoopPolicy\b/g) ?? []).length !== calls + 1) return null;
    const at = imported.index + imported[0].lastIndexOf(SELECTOR);
    edits.push({ start: at, end: at + SELECTOR.length, text: PROACTOR });
  }
  return finish(input, applyEdits(code, edits), [words('fix.py.proactor-policy')]);
};
