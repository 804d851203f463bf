/**
 * The points of the founding notes the rules were written from must stay in the rule
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
 * The same points in the Chinese text of each rule (every `i18n.zh-CN` field):
 * the code, identifiers and error strings an explanation of the point needs
 * (language-neutral, so verbatim), and the Chinese words that say it.
 */
const zhTextOf = (id: string) => {
  const zh = rules.get(id)!.i18n!['zh-CN']!;
  return [zh.title, zh.summary, zh.happened, zh.why, zh.fix, zh.context, ...zh.variants.map((v) => v.say)].join('\n');
};

const zhFacts: [rule: string, point: string, tokens: string[], words: string[]][] = [
  ['py/coroutine-never-awaited', 'calling an async def builds a coroutine object and runs nothing', ['async def'], ['协程对象', '待办事项', '一行都没有运行']],
  ['py/coroutine-never-awaited', 'it warns but does not crash', ['RuntimeWarning', 'was never awaited'], ['警告', '不会崩溃']],
  ['py/coroutine-never-awaited', 'symptoms: nothing printed / no request sent / no file read, script exits at once', [], ['什么都没打印', '没有发出请求', '没有读文件', '马上退出']],
  ['py/coroutine-never-awaited', 'fix inside async code: await', ['await '], ['在另一个 `async def` 里']],
  ['py/coroutine-never-awaited', 'fix at the top of a script: asyncio.run', ['asyncio.run('], ['最外层']],
  ['py/coroutine-never-awaited', 'avoid managing the loop by hand unless you own its life cycle', ['loop.run_until_complete()'], ['生命周期']],
  ['py/coroutine-never-awaited', 'long-lived programs: one async def main started once', ['async def main()', 'asyncio.run(main())'], ['长期运行', '启动一次']],
  ['py/coroutine-used-as-value', 'a test assert fails on a <coroutine object …>', ['<coroutine object', 'assert'], ['测试']],
  ['py/asyncio-run-nested', 'the error text', ['asyncio.run() cannot be called from a running event loop'], []],
  ['py/asyncio-run-nested', 'where it appears: the environment already runs a loop', ['Jupyter', 'IPython', 'Django shell', 'FastAPI'], ['已经在运行事件循环']],
  ['py/asyncio-run-nested', 'where a loop runs: schedule or await', ['asyncio.create_task(', 'asyncio.ensure_future(', 'await'], ['后台']],
  ['py/asyncio-run-nested', 'a notebook cell accepts top-level await', ['await'], ['单元格', '顶层']],
  ['py/asyncio-run-nested', 're-running a notebook cell triggers it', [], ['重新运行']],
  ['py/loop-already-running', 'run_until_complete works only where no loop is running', ['run_until_complete', 'This event loop is already running'], ['还没有事件循环']],
  ['py/no-event-loop', 'threading.Thread(target=async fn) does not run the body', ['threading.Thread(target='], ['函数体从来没有运行']],
  ['py/no-event-loop', 'a new thread has no event loop: the two error texts', ['no running event loop', 'There is no current event loop in thread'], ['新线程']],
  ['py/no-event-loop', 'a thread can make its own loop, but then clean-up is yours: fragile', ['new_event_loop', 'set_event_loop', 'run_forever'], ['取消', '异常', '清理', '脆弱']],
  ['py/no-event-loop', 'a child process has no loop context either; await in sync code is a SyntaxError', ['SyntaxError'], ['子进程']],
  ['py/no-event-loop', 'run many coroutines on one loop', ['asyncio.gather', 'create_task'], ['同一个事件循环']],
  ['py/no-event-loop', 'unsure whether a loop runs: get_running_loop in try/except RuntimeError', ['get_running_loop', 'except RuntimeError'], ['不确定']],
  ['py/no-event-loop', 'no loop: asyncio.run; a framework that guarantees a loop: await', ['asyncio.run(fetch_data())', 'Depends', 'await fetch_data()'], ['保证有事件循环的框架']],
  ['py/asyncio-api-version', 'async def needs 3.5', ['async def', '3.5', 'SyntaxError'], ['版本']],
  ['py/asyncio-api-version', 'asyncio.run needs 3.7; on 3.6 use get_event_loop + run_until_complete', ['3.7', '3.6', 'asyncio.get_event_loop()', 'run_until_complete'], []],
  ['py/asyncio-not-imported', 'asyncio must be imported explicitly', ['import asyncio', "NameError: name 'asyncio' is not defined"], ['显式导入']],
  ['py/await-outside-async', 'await in a non-async function is a SyntaxError', ['SyntaxError', "'await' outside"], ['只允许写在']],
  ['py/await-outside-async', 'a Flask route can neither call the async fn bare nor await it', ['Flask', 'async def fetch_data()'], ['既不能直接调用', '也不能']],
  ['py/blocking-call-in-async', 'coroutines only give way at await', ['await'], ['执行权']],
  ['py/blocking-call-in-async', 'time.sleep / requests stall every task', ['time.sleep', 'requests'], ['每一个任务']],
  ['py/blocking-call-in-async', 'async replacements', ['asyncio.sleep', 'aiohttp.ClientSession', 'httpx.AsyncClient', 'asyncpg', 'aiomysql', 'motor', 'psycopg2', 'pymysql'], ['异步']],
  ['py/blocking-call-in-async', 'sync-only libraries go to a thread pool', ['run_in_executor', 'asyncio.to_thread'], ['线程池']],
  ['py/blocking-call-in-async', 'CPU-heavy work goes to a process pool, which isolates memory', ['ProcessPoolExecutor'], ['进程', '独立内存']],
  ['py/thread-unsafe-loop-access', 'one thread runs all of a loop\'s coroutines; executor work races', ['run_in_executor'], ['同一个', '竞争']],
  ['py/thread-unsafe-loop-access', 'asyncio primitives are for coroutines; threads use threading/queue', ['asyncio.Queue', 'asyncio.Lock', 'threading.Lock', 'queue.Queue'], ['不是线程之间的锁']],
  ['py/thread-unsafe-loop-access', 'call_soon_threadsafe is the exception', ['call_soon_threadsafe'], ['例外']],
  ['py/thread-unsafe-loop-access', 'safest split: I/O on asyncio, CPU on a process pool', ['ProcessPoolExecutor'], ['最稳妥']],
];

describe('seed facts in Chinese (zh-CN)', () => {
  it('every English point has a Chinese row, and every seed rule a zh-CN translation', () => {
    expect(new Set(zhFacts.map(([id]) => id))).toEqual(new Set(facts.map(([id]) => id)));
    expect(zhFacts.length).toBeGreaterThanOrEqual(facts.length);
  });

  it.each(zhFacts)('%s: %s', (id, _point, tokens, words) => {
    const text = zhTextOf(id);
    expect(tokens.filter((t) => !text.includes(t))).toEqual([]);
    expect(words.filter((w) => !text.includes(w))).toEqual([]);
  });

  it('the zh title names the same code as the English one', () => {
    for (const id of new Set(facts.map(([rule]) => rule))) {
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
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, happened: 出了事。, why: 因为。, fix: 改掉它。 }')).toBeNull();
    expect(parseRuleFile('py/demo.md', file('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, happened: 出了事。, why: 因为。, fix: 改掉它。 }')).i18n?.['zh-CN']?.why).toBe('因为。');
  });

  it('names the field when a translation is incomplete, too long, or for an unknown locale', () => {
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, happened: 出了事。, why: 因为。 }')).toBe('i18n.zh-CN.fix');
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, why: 因为。, fix: 改掉它。 }')).toBe('i18n.zh-CN.happened');
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: "", happened: 出了事。, why: 因为。, fix: 改掉它。 }')).toBe('i18n.zh-CN.summary');
    expect(fieldOf(`i18n:\n  zh-CN: { title: ${'长'.repeat(121)}, summary: 一个演示。, happened: 出了事。, why: 因为。, fix: 改掉它。 }`)).toBe('i18n.zh-CN.title');
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, happened: 出了事。, why: 因为。, fix: 改掉它。, notes: 多余 }')).toBe('i18n.zh-CN');
    expect(fieldOf('i18n:\n  fr: { title: Démo, summary: Une démo., fix: Corrigez. }')).toBe('i18n');
  });

  it('names the field when a translation does not follow its English rule', () => {
    // A "By context" translation for a rule without that section, and variants the English rule does not have.
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, happened: 出了事。, why: 因为。, fix: 改掉它。, context: 多余 }')).toBe('i18n.zh-CN.context');
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, happened: 出了事。, why: 因为。, fix: 改掉它。, variants: [{ when: jupyter, say: 在 notebook 里。 }] }')).toBe('i18n.zh-CN.variants');
    // A comment translation for a comment no example holds would never be shown.
    expect(fieldOf('i18n:\n  zh-CN: { title: 演示, summary: 一个演示。, happened: 出了事。, why: 因为。, fix: 改掉它。, comments: { "not in any example": 没有 } }')).toBe('i18n.zh-CN.comments');
  });
});
