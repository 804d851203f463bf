/**
 * The founding documents' points (shared/seed-notes.md) must stay in the rule
 * each one names. Each row is one point, reduced to the words an explanation
 * of it cannot do without; a rule edit that drops the point fails here.
 */
import { describe, expect, it } from 'vitest';
import { defaultKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.js';

const rules = new Map(loadKnowledge(defaultKnowledgeDir).map((r) => [r.id, r]));
const textOf = (id: string) => {
  const r = rules.get(id)!;
  return [r.summary, r.body, ...r.variants.map((v) => v.say)].join('\n').toLowerCase();
};

const facts: [rule: string, point: string, words: string[]][] = [
  ['py/coroutine-never-awaited', 'calling an async def builds a coroutine object and runs nothing', ['coroutine object', "was never awaited"]],
  ['py/coroutine-never-awaited', 'it warns but does not crash', ['runtimewarning']],
  ['py/coroutine-never-awaited', 'symptoms: nothing printed / no request sent, script exits at once', ['nothing']],
  ['py/coroutine-never-awaited', 'fix inside async code: await', ['await ']],
  ['py/coroutine-never-awaited', 'fix at the top of a script: asyncio.run', ['asyncio.run(']],
  ['py/coroutine-never-awaited', 'avoid managing the loop by hand unless you own its life cycle', ['run_until_complete']],
  ['py/coroutine-never-awaited', 'long-lived programs: one async def main started once', ['async def main', 'asyncio.run(main())']],
  ['py/coroutine-used-as-value', 'a test assert fails on a <coroutine object …>', ['<coroutine object']],
  ['py/asyncio-run-nested', 'the error text', ['asyncio.run() cannot be called from a running event loop']],
  ['py/asyncio-run-nested', 'where it appears', ['jupyter', 'ipython', 'django', 'fastapi']],
  ['py/asyncio-run-nested', 'where a loop runs: schedule or await', ['create_task', 'ensure_future', 'await']],
  ['py/asyncio-run-nested', 'a notebook cell accepts top-level await', ['top-level', 'cell']],
  ['py/asyncio-run-nested', 're-running a notebook cell triggers it', ['re-run']],
  ['py/loop-already-running', 'run_until_complete works only where no loop is running', ['run_until_complete', 'this event loop is already running']],
  ['py/no-event-loop', 'threading.Thread(target=async fn) does not run the body', ['threading.thread', 'target']],
  ['py/no-event-loop', 'a new thread has no event loop: the two error texts', ['no running event loop', 'there is no current event loop in thread']],
  ['py/no-event-loop', 'a thread can make its own loop, but then clean-up is yours: fragile', ['new_event_loop', 'set_event_loop', 'run_forever']],
  ['py/no-event-loop', 'a child process has no loop context either', ['process']],
  ['py/no-event-loop', 'run many coroutines on one loop', ['asyncio.gather', 'create_task']],
  ['py/no-event-loop', 'unsure whether a loop runs: get_running_loop in try/except RuntimeError', ['get_running_loop', 'except runtimeerror']],
  ['py/asyncio-api-version', 'async def needs 3.5', ['3.5']],
  ['py/asyncio-api-version', 'asyncio.run needs 3.7; on 3.6 use get_event_loop + run_until_complete', ['3.7', '3.6', 'get_event_loop', 'run_until_complete']],
  ['py/asyncio-not-imported', 'asyncio must be imported explicitly', ['import asyncio']],
  ['py/await-outside-async', 'await in a non-async function is a SyntaxError', ['syntaxerror', "'await' outside"]],
  ['py/await-outside-async', 'a Flask route can neither call the async fn bare nor await it', ['flask']],
  ['py/blocking-call-in-async', 'coroutines only give way at await', ['await']],
  ['py/blocking-call-in-async', 'time.sleep / requests stall every task', ['time.sleep', 'requests']],
  ['py/blocking-call-in-async', 'async replacements', ['asyncio.sleep', 'aiohttp', 'httpx', 'asyncpg', 'aiomysql', 'motor']],
  ['py/blocking-call-in-async', 'sync-only libraries go to a thread pool', ['run_in_executor', 'to_thread']],
  ['py/blocking-call-in-async', 'CPU-heavy work goes to a process pool', ['processpoolexecutor']],
  ['py/thread-unsafe-loop-access', 'one thread runs all of a loop\'s coroutines; executor work races', ['run_in_executor']],
  ['py/thread-unsafe-loop-access', 'asyncio primitives are for coroutines; threads use threading/queue', ['asyncio.queue', 'threading.lock', 'queue.queue']],
  ['py/thread-unsafe-loop-access', 'call_soon_threadsafe is the exception', ['call_soon_threadsafe']],
  ['py/thread-unsafe-loop-access', 'safest split: I/O on asyncio, CPU on a process pool', ['processpoolexecutor']],
];

describe('seed facts', () => {
  it.each(facts)('%s: %s', (rule, _point, words) => {
    const text = textOf(rule);
    expect(words.filter((w) => !text.includes(w.toLowerCase()))).toEqual([]);
  });
});
