/**
 * asyncio APIs that one Python version removed or renamed, as the old code that still uses them fails
 * on a newer one (read from CPython's history, each case's output from a real program), next to the
 * near-misses that belong to another rule or to none.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const diagnose = (text: string) => engine.diagnose(text).matches;
const first = (text: string) => diagnose(text)[0]?.rule.id ?? null;

/** Python 3.11.7 running `with (await lock):` on an asyncio.Lock (tracebacks cut to their last frames). */
const awaitedLock = [
  'Traceback (most recent call last):',
  '  File "/tmp/lk.py", line 6, in <module>',
  '    asyncio.run(main())',
  '  File "/tmp/lk.py", line 4, in main',
  '    with (await lock):',
  '          ^^^^^^^^^^',
  "TypeError: object Lock can't be used in 'await' expression",
];

describe("an asyncio Lock, Semaphore or Condition awaited as Python 3.8 allowed (removed in 3.9, bpo-34793)", () => {
  it('is async with misused, not a value that was never awaitable', () => {
    expect(first(awaitedLock.join('\n'))).toBe('py/async-context-manager-misuse');
    expect(first(awaitedLock.join('\n').replace('object Lock', 'object Semaphore'))).toBe('py/async-context-manager-misuse');
    // Python 3.14's wording of the same TypeError.
    expect(first("TypeError: 'Condition' object can't be awaited")).toBe('py/async-context-manager-misuse');
  });

  it("and the deprecation warning 3.7 and 3.8 printed for it names the same fix", () => {
    const warning = "/app/proxy.py:489: DeprecationWarning: 'with await lock' is deprecated use 'async with lock' instead";
    expect(first(warning)).toBe('py/async-context-manager-misuse');
  });

  it('but an awaited Event, a threading lock or a threading Semaphore is still a value that is not awaitable', () => {
    expect(first(awaitedLock.join('\n').replace('object Lock', 'object Event'))).toBe('py/await-non-awaitable');
    expect(first(awaitedLock.join('\n').replace('object Lock', 'object _thread.lock'))).toBe('py/await-non-awaitable');
    const threadingSemaphore = ['sem = threading.Semaphore()', '', ...awaitedLock.slice(0, 6), "TypeError: object Semaphore can't be used in 'await' expression"].join('\n');
    expect(first(threadingSemaphore)).toBe('py/await-non-awaitable');
  });
});

describe('a traceback a logger indented as a whole', () => {
  // Tornado's LogFormatter indents every line of the traceback under its log line by four spaces.
  const indented = ['[E 15:32:58.912 LabApp] Uncaught exception GET /proxy/ (127.0.0.1)', ...awaitedLock.map((l) => `    ${l}`)].join('\n');

  it('ends at its error line, indented as far as its header', () => {
    expect(first(indented)).toBe('py/async-context-manager-misuse');
    expect(diagnose(indented)[0]!.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('while a source line indented further, even one that looks like an error line, stays source', () => {
    const text = [
      '    Traceback (most recent call last):',
      '      File "/app/main.py", line 4, in main',
      "        RuntimeError: Event loop is closed",
      "    KeyError: 'token'",
    ].join('\n');
    expect(diagnose(text)).toEqual([]);
  });
});

describe("asyncio's loop parameter, removed from the high-level API in Python 3.10 (bpo-42392)", () => {
  it('is an API of another version, however the TypeError words it', () => {
    // Python 3.11.7: asyncio.gather(loop=…), asyncio.Queue(loop=…); Python 3.10's own check in Lib/asyncio/mixins.py.
    expect(first("TypeError: gather() got an unexpected keyword argument 'loop'")).toBe('py/asyncio-api-version');
    expect(first("TypeError: Queue.__init__() got an unexpected keyword argument 'loop'")).toBe('py/asyncio-api-version');
    expect(first('TypeError: As of 3.10, the *loop* parameter was removed from Lock() since it is no longer necessary')).toBe('py/asyncio-api-version');
    expect(first("[Python 3.10] wait_for() got an unexpected keyword argument 'loop'")).toBe('py/asyncio-api-version');
  });

  it("and as the loop's own methods word it, which the stream and subprocess helpers hand loop on to (Python 3.11.7)", () => {
    expect(first("TypeError: BaseEventLoop.create_connection() got an unexpected keyword argument 'loop'")).toBe('py/asyncio-api-version');
    expect(first("TypeError: _UnixSelectorEventLoop.create_unix_server() got an unexpected keyword argument 'loop'")).toBe('py/asyncio-api-version');
    expect(first("TypeError: BaseSubprocessTransport.__init__() got multiple values for argument 'loop'")).toBe('py/asyncio-api-version');
    expect(first("Consequently, the client yields `TypeError: create_connection() got an unexpected keyword argument 'loop'`.")).toBe('py/asyncio-api-version');
  });

  it("but not another keyword, nor another library's function refusing loop", () => {
    expect(diagnose("TypeError: BaseEventLoop.create_connection() got an unexpected keyword argument 'timeout'")).toEqual([]);
    expect(diagnose("TypeError: Connection.__init__() got multiple values for argument 'loop'")).toEqual([]);
    expect(diagnose("TypeError: gather() got an unexpected keyword argument 'timeout'")).toEqual([]);
    expect(diagnose("TypeError: ClientSession.__init__() got an unexpected keyword argument 'loop'")).toEqual([]);
    expect(diagnose("TypeError: connect() got an unexpected keyword argument 'loop'")).toEqual([]);
  });
});

describe('asyncio names a Python version does not have yet, or no longer', () => {
  it('is the version, when imported by name (the ImportError of Python 3.7+, which names the module)', () => {
    const text = [
      'Traceback (most recent call last):',
      '  File "/root/app/main.py", line 5, in <module>',
      '    from asyncio import get_running_loop, run, TaskGroup',
      "ImportError: cannot import name 'TaskGroup' from 'asyncio' (/usr/lib/python3.10/asyncio/__init__.py)",
    ].join('\n');
    expect(first(text)).toBe('py/asyncio-api-version');
  });

  it("and Task.current_task() / Task.all_tasks(), removed in 3.9 (bpo-40967)", () => {
    expect(first("AttributeError: type object '_asyncio.Task' has no attribute 'current_task'")).toBe('py/asyncio-api-version');
    expect(first("AttributeError: type object 'Task' has no attribute 'all_tasks'")).toBe('py/asyncio-api-version');
  });

  it("but a name asyncio never had, or a Task attribute that exists elsewhere, is not", () => {
    expect(diagnose("ImportError: cannot import name 'Channel' from 'asyncio' (/usr/lib/python3.12/asyncio/__init__.py)")).toEqual([]);
    expect(diagnose("ImportError: cannot import name 'TaskGroup' from 'anyio' (/app/.venv/lib/python3.12/site-packages/anyio/__init__.py)")).toEqual([]);
    expect(diagnose("AttributeError: type object '_asyncio.Task' has no attribute 'get_coro_name'")).toEqual([]);
  });
});
