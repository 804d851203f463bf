/**
 * `async with open_file(path) as fp:` where `open_file` is an `async def` that returns the context
 * manager (anyio's `open_file`, a helper that connects and hands back the connection): the
 * coroutine itself is entered, and Python refuses it ("'coroutine' object does not support the
 * asynchronous context manager protocol"). The call is awaited where it stands, `async with await
 * open_file(path) as fp:`, which is the rule's `conn = await connect()` then `async with conn:` in
 * one line. Only on that error, and only for the one `async with` item the error can be about: the
 * line the traceback quotes when it quotes one, else the only call entered by `async with` in the code.
 */
import { words } from '../../evidence/types.js';
import { child, namedChildren } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { FixInput, FixOutput } from '../types.js';
import { clauseAround } from './add-await.js';
import { applyEdits, finish, modelOf, orig } from './edit.js';
import { itemExpression } from './use-plain-with.js';

// CPython 3.11+ (BEFORE_ASYNC_WITH), checked by running `async with coro():` on 3.11:
// "TypeError: 'coroutine' object does not support the asynchronous context manager protocol".
const COROUTINE_ENTERED = /'coroutine' object does not support the asynchronous context manager protocol/;

export function awaitEnteredCoroutine(input: FixInput): FixOutput | null {
  const errors = input.evidence.errors.filter((e) => COROUTINE_ENTERED.test(e.message));
  if (errors.length === 0) return null;
  const clause = input.excerpt ? clauseAround(input.code) : null;
  const code = clause ? clause.before + input.code + clause.after : input.code;
  const m = modelOf({ ...input, code });
  if (!m) return null;
  const entered: PyNode[] = [];
  const walk = (n: PyNode): void => {
    if (n.type === 'with_statement' && /^async\b/.test(m.text(n))) {
      const items = namedChildren(n.children.find((c) => c.type === 'with_clause') ?? n).filter((c) => c.type === 'with_item');
      for (const item of items) {
        const expr = itemExpression(item);
        if (expr?.type === 'call') entered.push(expr);
      }
    }
    for (const c of n.children) walk(c);
  };
  walk(m.root);
  // The line the traceback quotes, when it quotes one of them.
  const quoted = new Set(errors.flatMap((e) => e.frames.map((f) => f.source?.trim()).filter((s): s is string => !!s)));
  const lineOf = (n: PyNode) => code.slice(code.lastIndexOf('\n', orig(m, code, n.start) - 1) + 1).split('\n')[0]!.trim();
  const pointed = entered.filter((n) => quoted.has(lineOf(n)));
  const calls = pointed.length > 0 ? pointed : entered;
  if (calls.length !== 1) return null;
  const call = calls[0]!;
  const at = orig(m, code, call.start);
  const fixed = applyEdits(code, [{ start: at, end: at, text: 'await ' }]);
  if (fixed === null) return null;
  const cut = clause ? (fixed.startsWith(clause.before) && fixed.endsWith(clause.after) ? fixed.slice(clause.before.length, fixed.length - clause.after.length) : null) : fixed;
  const callee = m.text(child(call, 'function') ?? call);
  return finish(input, cut, [words('fix.py.awaited-entered-coroutine', { callee })]);
}
