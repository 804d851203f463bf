/** py.await-non-awaitable: `await` on a call that returns a plain value. */
import { child, containsOwn, namedChildren, type FunctionInfo, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData, hasAwaitInside } from './shared.js';
import { words } from '../../../types.js';
import type { WordKey } from '../../../../render/messages.js';

/** asyncio calls that make something to await: a future, a task, a gathering, an executor's future. */
const AWAITABLE_MAKERS = /^(create_future|Future|ensure_future|create_task|gather|wrap_future|run_in_executor|shield|wait_for|sleep)$/;

/** The call makes an awaitable: a coroutine (an `async def`, a known coroutine function) or a future or task. */
function makesAwaitable(m: SnippetModel, value: PyNode): boolean {
  if (value.type !== 'call') return false;
  const callee = child(value, 'function');
  const last = callee ? m.text(callee).split('.').pop()! : '';
  return AWAITABLE_MAKERS.test(last) || m.classify(value).kind === 'coroutine';
}

/**
 * A plain `def` that hands its caller a future, a task or a coroutine (`return loop.create_future()`,
 * `fut = …; return fut`, `return fetch(url)`): awaiting its result is right; the def is a factory.
 */
function returnsAwaitable(m: SnippetModel, fn: FunctionInfo): boolean {
  const body = child(fn.node, 'body');
  if (!body) return false;
  const made = new Set<string>();
  containsOwn(body, (n) => {
    const left = n.type === 'assignment' ? child(n, 'left') : null;
    const right = n.type === 'assignment' ? child(n, 'right') : null;
    if (left?.type === 'identifier' && right && makesAwaitable(m, right)) made.add(m.text(left));
    return false;
  });
  return containsOwn(body, (n) => {
    if (n.type !== 'return_statement') return false;
    const value = namedChildren(n)[0];
    return value !== undefined && (makesAwaitable(m, value) || (value.type === 'identifier' && made.has(m.text(value))));
  });
}

export const awaitNonAwaitable: Detector = (m, report) => {
  for (const a of m.awaits) {
    const inner = namedChildren(a)[0];
    if (inner?.type !== 'call') continue;
    const info = m.classify(inner);
    const q = info.qname ?? (child(inner, 'function') ? m.resolve(child(inner, 'function')!) : null);
    let why: WordKey | null = null;
    if (info.kind === 'blocking') why = 'py.await-non-awaitable.blocking';
    else if (info.kind === 'snippet-sync' && info.fn && info.fn.decorators.length === 0 && !returnsAwaitable(m, info.fn)) why = 'py.await-non-awaitable.plain-def';
    else if (q && ['print', 'len', 'open', 'str', 'int', 'json.dumps', 'json.loads'].includes(q)) why = 'py.await-non-awaitable.plain-value';
    if (!why) continue;
    const data = callData(m, inner);
    data.awaitStart = m.at(a.start);
    data.awaitEnd = m.at(a.end);
    data.qname = q ?? '';
    if (info.fn) data.fnAwaits = hasAwaitInside(info.fn.node) ? 'true' : 'false';
    if (info.fn) data.targetDef = m.at(info.fn.defOffset);
    report(a, 'py.await-non-awaitable', words(why, { callee: info.callee }), 0.85, data);
  }
};
