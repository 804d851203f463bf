import { words } from '../../evidence/types.js';
import type { Fixer, FixInput, FixOutput } from '../types.js';
import { applyEdits, asyncKeywordFixer, d, findingsOf, finish, fragmentOfAsyncCode, modelOf, offsetOf, orig, type Edit } from './edit.js';
import { wrapInMain } from './wrap-in-main.js';
import { awaitEnteredCoroutine } from './await-entered-coroutine.js';
import { itemExpression, usePlainWith } from './use-plain-with.js';
import { namedChildren } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';

const withToAsyncWith = asyncKeywordFixer('py.sync-with-async-cm', 'withStart', 'with');

// What a plain `with` on an async context manager raises: aiohttp's own TypeError (client.py,
// `raise TypeError("Use async with instead")`), CPython's AttributeError before 3.11 (`__enter__`)
// and its TypeError since ("... does not support the context manager protocol").
const PLAIN_WITH_REFUSED = /^Use async with instead$|^__enter__$|does not support the context manager protocol/;
// The frame above a coroutine's own: asyncio stepping it (`result = coro.send(None)`), or a caller awaiting it.
const STEPS_A_COROUTINE = /\bcoro\.send\(|(^|[\s(=])await\s/;
// `with async_timeout.timeout(30):`, `with asyncio.timeout(5):` (and `timeout_at`): context managers
// that time out the task they run in, so their code runs in one.
const TASK_ONLY_CONTEXT = /^with\s+(?:async_timeout|asyncio)\.timeout(?:_at)?\(/;
// Before Python 3.7 a task's exception reached `run_until_complete` through asyncio's own
// `return future.result()` (base_events.py), the frame printed right above the coroutine's.
const ASYNCIO_FILE = /[\\/]asyncio[\\/]/;
const TASK_RESULT = /^return future\.result\(\)$/;

/**
 * No code block, only a traceback: the `with` line it quotes becomes `async with` when the error is
 * the one a plain `with` on an async context manager raises and the frame that ran the line was a
 * coroutine (asyncio stepped it, or its caller awaited it). A line in a plain function, or one we
 * cannot tell, is left to the person (`async with` there would not compile).
 */
function asyncWithQuotedLine(input: FixInput): FixOutput | null {
  const line = input.code.trim();
  if (!/^with\s/.test(line)) return null;
  for (const e of input.evidence.errors) {
    if (!PLAIN_WITH_REFUSED.test(e.message)) continue;
    const at = e.frames.findIndex((f) => f.source?.trim() === line);
    // A timeout that only works inside a running task (async_timeout's, asyncio's): the function
    // that entered it is a coroutine, whatever called it.
    if (at >= 0 && TASK_ONLY_CONTEXT.test(line)) return finish(input, input.code.replace(/^(\s*)with\b/, '$1async with'), [words('fix.py.async-keyword', { keyword: 'with' })]);
    const caller = at > 0 ? e.frames[at - 1]! : null;
    if (caller?.source && (STEPS_A_COROUTINE.test(caller.source) || (ASYNCIO_FILE.test(caller.file) && TASK_RESULT.test(caller.source.trim())))) {
      return finish(input, input.code.replace(/^(\s*)with\b/, '$1async with'), [words('fix.py.async-keyword', { keyword: 'with' })]);
    }
  }
  return null;
}

/**
 * A plain `with` on an async context manager at the top level of a script (it imports, defines,
 * or runs a loop, so it is not lines cut from a function, and it is not a notebook cell, whose top
 * level runs on IPython's loop): `async with` is a SyntaxError there, so the statement becomes
 * `async with` and moves, with everything after it, into `async def main()` run by
 * `asyncio.run(main())`.
 */
function asyncWithInMain(input: FixInput): FixOutput | null {
  if (input.evidence.context?.jupyter || fragmentOfAsyncCode(input.code)) return null;
  const at = findingsOf(input, 'py.sync-with-async-cm')
    .filter((f) => d(f, 'context') === 'module' && d(f, 'allItemsAsync') === 'true')
    .map((f) => offsetOf(input.code, d(f, 'withStart')))
    .filter((o) => o >= 0)
    .sort((a, b) => a - b);
  if (at.length === 0) return null;
  const keyworded = applyEdits(input.code, at.map((o) => ({ start: o, end: o, text: 'async ' })));
  if (keyworded === null) return null;
  const m = modelOf({ ...input, code: keyworded });
  if (!m) return null;
  const first = m.root.children.find((c) => c.named && orig(m, keyworded, c.start) <= at[0]! && at[0]! < orig(m, keyworded, c.end));
  const wrapped = first ? wrapInMain(m, keyworded, first, input.evidence.context?.pythonVersion ?? null) : null;
  if (!wrapped) return null;
  return finish(input, applyEdits(keyworded, wrapped.edits), [words('fix.py.async-keyword', { keyword: 'with' }), wrapped.note]);
}

// A class's name (`AsyncClient`, `ClientSession`, `Lock`): capitalised and not all capitals, which a constant holding an instance would be.
const CLASS_NAME = /^_?[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/;

/**
 * `async with httpx.AsyncClient as client:`: the class itself entered, not an instance of it, so
 * Python looks for `__aenter__`/`__aexit__` on the class and fails ("AttributeError: __aexit__",
 * "'type' object does not support the asynchronous context manager protocol"). The class is
 * called. Not a name the snippet assigns itself (it may hold an instance).
 */
function callTheClass(input: FixInput): FixOutput | null {
  const m = modelOf(input);
  if (!m) return null;
  const edits: Edit[] = [];
  let named = '';
  const walk = (n: PyNode): void => {
    if (n.type === 'with_statement' && /^async\b/.test(m.text(n))) {
      const clause = n.children.find((c) => c.type === 'with_clause');
      for (const item of clause ? namedChildren(clause).filter((c) => c.type === 'with_item') : []) {
        const expr = itemExpression(item);
        if (!expr || (expr.type !== 'identifier' && expr.type !== 'attribute')) continue;
        const text = m.text(expr);
        if (!CLASS_NAME.test(text.split('.').at(-1)!)) continue;
        if (expr.type === 'identifier' && new RegExp(`^[ \\t]*${text}[ \\t]*=[^=]`, 'm').test(input.code)) continue;
        const end = orig(m, input.code, expr.end);
        if (end < 0) continue;
        edits.push({ start: end, end, text: '()' });
        named ||= text;
      }
    }
    for (const c of n.children) walk(c);
  };
  walk(m.root);
  return edits.length ? finish(input, applyEdits(input.code, edits), [words('fix.py.called-class', { name: named })]) : null;
}

/**
 * py.use-async-with, the fixer of py/async-context-manager-misuse: the `with` that fits the
 * context manager. A plain `with` on async context managers becomes `async with`; `async with`
 * on a plain one becomes `with`; `async with` on a coroutine the error names awaits it first
 * (`async with await open_file(…)`). Pastes show one of the mistakes; one with two gets the
 * first fixed and the rule's example for the other.
 */
export const useAsyncWith: Fixer = (input) =>
  awaitEnteredCoroutine(input) ?? awaitedLock(input) ?? (input.excerpt ? asyncWithQuotedLine(input) : (withToAsyncWith(input) ?? asyncWithInMain(input) ?? usePlainWith(input) ?? callTheClass(input)));

// `with (await self.lock):` / `with await lock:` (as … optional): the pre-3.9 way to hold an asyncio Lock,
// Semaphore or Condition. The awaited operand is a name, an attribute or a subscript (`self.state['proc_lock']`),
// never a call: `with (await open_conn()) as c:` enters what a coroutine returned, which is fine.
export const AWAITED_LOCK = /^([ \t]*)with[ \t]+(?:\([ \t]*await[ \t]+([A-Za-z_][\w.]*(?:\[[^\]\n]*\])*)[ \t]*\)|await[ \t]+([A-Za-z_][\w.]*(?:\[[^\]\n]*\])*))([ \t]+as[ \t]+\w+)?[ \t]*:/;
// CPython's TypeError for it since 3.9 (Lib/asyncio/locks.py dropped `__await__`): "object Lock can't be used in 'await' expression".
const LOCK_NOT_AWAITABLE = /^object (?:Lock|Semaphore|BoundedSemaphore|Condition) can't be used in 'await' expression|^'(?:Lock|Semaphore|BoundedSemaphore|Condition)' object can't be awaited/;

/**
 * A lock, semaphore or condition acquired by awaiting it in a `with` (Python 3.9 removed it: "object
 * Lock can't be used in 'await' expression"): the statement becomes `async with lock:`. Only when the
 * paste's error says so (a line in a block that awaits can only be in a coroutine, where `async with`
 * compiles; so is a line a traceback quotes).
 */
export function awaitedLock(input: FixInput): FixOutput | null {
  if (!input.evidence.errors.some((e) => LOCK_NOT_AWAITABLE.test(e.message))) return null;
  const lines = input.code.split('\n');
  let lock = '';
  const fixed = lines.map((l) => {
    const hit = AWAITED_LOCK.exec(l);
    if (!hit) return l;
    lock ||= (hit[2] ?? hit[3])!;
    return `${hit[1]}async with ${hit[2] ?? hit[3]}${hit[4] ?? ''}:${l.slice(hit[0].length)}`;
  });
  return lock ? finish(input, fixed.join('\n'), [words('fix.py.awaited-lock-to-async-with', { lock })]) : null;
}
