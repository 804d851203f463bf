/**
 * py.run-given-non-coroutine: `asyncio.run(…)`, `loop.run_until_complete(…)`, `asyncio.create_task(…)`
 * or `asyncio.ensure_future(…)` handed what a call returned when that call is not a coroutine
 * function: a plain `def` of the snippet that returns nothing (so it runs on the spot and hands over
 * `None`), or a blocking runner that serves until it stops and then returns `None` (uvicorn's `run`,
 * aiohttp's `web.run_app`, Flask's `app.run`, discord.py's `bot.run`). CPython then raises
 * "ValueError: a coroutine was expected, got None" (runners.py), "TypeError: a coroutine was
 * expected, got None" (Task) or "TypeError: An asyncio.Future, a coroutine or an awaitable is
 * required" (ensure_future, under run_until_complete).
 */
import { child, containsOwn, namedChildren, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData, positionalArgs } from './shared.js';
import { words, type Words } from '../../../types.js';

const SINKS = new Set(['asyncio.run', 'asyncio.create_task', 'asyncio.ensure_future']);

/** Runners that block until their server or bot stops, then return None (their modules' own names). */
const RUNNERS = new Set(['uvicorn.run', 'aiohttp.web.run_app', 'hypercorn.run']);

/** The sink a call hands its first argument to, as written, or null. */
function sinkOf(m: SnippetModel, call: PyNode): string | null {
  const fnExpr = child(call, 'function');
  if (!fnExpr) return null;
  const q = m.resolve(fnExpr);
  if (q !== null && SINKS.has(q)) return q;
  if (fnExpr.type === 'attribute' && m.text(child(fnExpr, 'attribute') ?? fnExpr) === 'run_until_complete') return m.text(fnExpr);
  return null;
}

/** A plain def of the snippet, undecorated (a decorator may make a coroutine of it), that returns no value and yields nothing. */
function returnsNone(m: SnippetModel, fnExpr: PyNode): string | null {
  const fn = m.snippetFunction(fnExpr);
  if (fn === null || fn.isAsync || fn.decorators.length > 0) return null;
  if ((m.functions.get(fn.name) ?? []).length !== 1) return null;
  const body = child(fn.node, 'body');
  if (body === null || m.errorNodes.some((e) => e.start >= fn.node.start && e.end <= fn.node.end)) return null;
  const gives = containsOwn(body, (c) => (c.type === 'return_statement' && namedChildren(c).length > 0) || c.type === 'yield');
  return gives ? null : fn.name;
}

/** What the call is when it is a blocking runner: its text, or null. */
function blockingRunner(m: SnippetModel, fnExpr: PyNode): string | null {
  const q = m.resolve(fnExpr);
  if (q !== null && RUNNERS.has(q)) return m.text(fnExpr);
  if (fnExpr.type !== 'attribute' || m.text(child(fnExpr, 'attribute') ?? fnExpr) !== 'run') return null;
  const obj = m.text(child(fnExpr, 'object') ?? fnExpr);
  // discord.py's `bot.run(TOKEN)` starts its own loop; Flask's `app.run()` serves with threads.
  if (m.usesDiscord && /^(?:self\.)?(?:bot|client)$/.test(obj)) return m.text(fnExpr);
  if (obj === 'app' && m.importsAny(/^flask(\.|$)/)) return m.text(fnExpr);
  return null;
}

export const runGivenNonCoroutine: Detector = (m, report) => {
  for (const call of m.calls) {
    const sink = sinkOf(m, call);
    if (sink === null) continue;
    const arg = positionalArgs(call)[0];
    if (!arg || arg.type !== 'call') continue;
    const argFn = child(arg, 'function');
    if (!argFn) continue;
    const plain = returnsNone(m, argFn);
    const runner = plain === null ? blockingRunner(m, argFn) : null;
    if (plain === null && runner === null) continue;
    const what: Words = plain !== null ? words('py.run-given-non-coroutine.plain-def', { name: plain }) : words('py.run-given-non-coroutine.runner', { call: runner! });
    report(arg, 'py.run-given-non-coroutine', words('py.run-given-non-coroutine', { sink, what }), 0.85, { ...callData(m, call), sink, argStart: m.at(arg.start), argEnd: m.at(arg.end) });
  }
};
