/**
 * The founding documents' points (shared/seed-notes.md) must stay in the rule
 * each one names. Each row is one point, reduced to the words an explanation
 * of it cannot do without; a rule edit that drops the point fails here.
 */
import { describe, expect, it } from 'vitest';
import { defaultKnowledgeDir, KnowledgeError, loadKnowledge, parseRuleFile } from '../../src/knowledge/load.js';

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

/**
 * The zh-CN translation of each seed rule (front matter `i18n.zh-CN`) keeps the
 * same points: its summary and fix must carry the identifiers and error strings
 * the English rule needs (language-neutral, so they must appear verbatim) and a
 * few Chinese key terms a reader would look for.
 */
const seedRules = [
  'py/coroutine-never-awaited',
  'py/coroutine-used-as-value',
  'py/asyncio-run-nested',
  'py/loop-already-running',
  'py/no-event-loop',
  'py/await-outside-async',
  'py/blocking-call-in-async',
  'py/asyncio-api-version',
  'py/asyncio-not-imported',
  'py/thread-unsafe-loop-access',
];

const zhFacts: [rule: string, tokens: string[], terms: string[]][] = [
  ['py/coroutine-never-awaited', ['await ', 'asyncio.run(', 'run_until_complete', 'async def main', 'asyncio.run(main())', 'RuntimeWarning', 'was never awaited'], ['协程', '警告', '什么都没发生']],
  ['py/coroutine-used-as-value', ['await', '<coroutine object', 'assert'], ['协程', '结果']],
  ['py/asyncio-run-nested', ['asyncio.run() cannot be called from a running event loop', 'Jupyter', 'IPython', 'Django', 'FastAPI', 'create_task', 'ensure_future', 'await', 'run_until_complete'], ['事件循环', '单元格', '顶层', '重新运行']],
  ['py/loop-already-running', ['run_until_complete', 'This event loop is already running', 'await', 'asyncio.get_event_loop()'], ['事件循环', '已经']],
  ['py/no-event-loop', ['threading.Thread', 'target', 'no running event loop', 'There is no current event loop in thread', 'new_event_loop', 'set_event_loop', 'run_forever', 'asyncio.gather', 'create_task', 'get_running_loop', 'except RuntimeError'], ['线程', '事件循环', '子进程']],
  ['py/await-outside-async', ['SyntaxError', "'await' outside", 'async def', 'asyncio.run(main())', 'Flask'], ['异步']],
  ['py/blocking-call-in-async', ['await', 'time.sleep', 'requests', 'asyncio.sleep', 'aiohttp', 'httpx', 'asyncpg', 'aiomysql', 'motor', 'run_in_executor', 'to_thread', 'ProcessPoolExecutor'], ['阻塞', '线程池', '进程']],
  ['py/asyncio-api-version', ['3.5', '3.7', '3.6', 'get_event_loop', 'run_until_complete', 'python --version'], ['版本', '升级']],
  ['py/asyncio-not-imported', ['import asyncio', "NameError: name 'asyncio' is not defined"], ['导入']],
  ['py/thread-unsafe-loop-access', ['run_in_executor', 'asyncio.Queue', 'threading.Lock', 'queue.Queue', 'call_soon_threadsafe', 'ProcessPoolExecutor'], ['线程', '竞争']],
];

describe('seed rules in Chinese (zh-CN)', () => {
  it('every seed rule has a zh-CN title, summary and fix, written in Chinese', () => {
    const missing = seedRules.filter((id) => !rules.get(id)?.i18n?.['zh-CN']);
    expect(missing).toEqual([]);
    for (const id of seedRules) {
      const zh = rules.get(id)!.i18n!['zh-CN']!;
      for (const field of [zh.title, zh.summary, zh.fix]) expect(field, id).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('the zh table covers exactly the seed rules', () => {
    expect(zhFacts.map(([id]) => id).sort()).toEqual([...seedRules].sort());
  });

  it.each(zhFacts)('%s keeps its code-level facts in Chinese', (id, tokens, terms) => {
    const zh = rules.get(id)!.i18n!['zh-CN']!;
    const text = [zh.summary, zh.happened, zh.why, zh.fix, zh.context, ...zh.variants.map((v) => v.say)].join('\n');
    expect(tokens.filter((t) => !text.includes(t))).toEqual([]);
    expect(terms.filter((t) => !text.includes(t))).toEqual([]);
  });

  it('the zh title names the same code as the English one', () => {
    for (const id of seedRules) {
      const r = rules.get(id)!;
      const code = r.title.match(/[a-z_.]+\(\)/g) ?? [];
      expect(code.filter((c) => !r.i18n!['zh-CN']!.title.includes(c)), id).toEqual([]);
    }
  });
});

describe('i18n front matter', () => {
  const file = (i18n: string) =>
    [
      '---',
      'id: py/demo',
      'title: Demo',
      'language: python',
      'severity: error',
      'summary: A demo.',
      'match:',
      '  - line: { message: demo }',
      'docs:',
      '  - { title: Docs, url: "https://docs.python.org/3/" }',
      i18n,
      '---',
      '## What happened',
      'x',
      '## Why',
      'x',
      '## How to fix',
      'x',
      '## Examples',
      '```python incorrect',
      'x = 1',
      '```',
      '```python correct',
      'x = 2',
      '```',
      '',
    ].join('\n');
  const fieldOf = (i18n: string) => {
    try {
      parseRuleFile('py/demo.md', file(i18n));
      return null;
    } catch (e) {
      return e instanceof KnowledgeError ? e.field : String(e);
    }
  };

  it('accepts a complete zh-CN translation', () => {
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, fix: 改掉它。 }')).toBeNull();
    expect(parseRuleFile('py/demo.md', file('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, fix: 改掉它。 }')).i18n?.['zh-CN']?.title).toBe('演示');
  });

  it('names the field when a translation is incomplete, too long, or for an unknown locale', () => {
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。 }')).toBe('i18n.zh-CN.fix');
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: "", fix: 改掉它。 }')).toBe('i18n.zh-CN.summary');
    expect(fieldOf(`i18n:\n  zh-CN: { title: ${'长'.repeat(121)}, summary: 一个演示。, fix: 改掉它。 }`)).toBe('i18n.zh-CN.title');
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, fix: 改掉它。, notes: 多余 }')).toBe('i18n.zh-CN');
    expect(fieldOf('i18n:\n  fr: { title: Démo, summary: Une démo., fix: Corrigez. }')).toBe('i18n');
  });
});
