/**
 * A warning Python prints at interpreter exit (`sys:1: RuntimeWarning: coroutine 'f' was never
 * awaited`) after the program died of another failure is a side effect of that crash: the primary
 * exception wins, and when no rule explains it the answer is none. Alone, or printed where the
 * coroutine was made, the warning is still the answer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const ids = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);
const crash = (error: string) =>
  [
    'Traceback (most recent call last):',
    '  File "main.py", line 20, in <module>',
    '    loop.run_until_complete(main())',
    '  File "/usr/lib/python3.10/asyncio/base_events.py", line 649, in run_until_complete',
    '    return future.result()',
    '  File "main.py", line 14, in main',
    '    price = await fetch_price(session)',
    error,
  ].join('\n');
const atExit = "sys:1: RuntimeWarning: coroutine 'fetch' was never awaited\nRuntimeWarning: Enable tracemalloc to get the object allocation traceback";

describe('a never-awaited warning at exit after a crash', () => {
  it.each([["KeyError: 'price'"], ['ConnectionRefusedError: [Errno 111] Connection refused'], ['ZeroDivisionError: division by zero']])('is no answer after %s', (error) => {
    expect(ids(`${crash(error)}\n${atExit}`)).toEqual([]);
  });

  it('leaves the crash to the rule that explains it', () => {
    expect(ids(`${crash('RuntimeError: no running event loop')}\n${atExit}`)[0]).toBe('py/no-event-loop');
  });
});

describe('the same warning', () => {
  it('is the answer on its own', () => {
    expect(ids(atExit)[0]).toBe('py/coroutine-never-awaited');
  });

  it('is the answer where the coroutine was made, even next to another error', () => {
    const located = "main.py:9: RuntimeWarning: coroutine 'fetch' was never awaited\n  fetch(url)";
    expect(ids(`${located}\n${crash("KeyError: 'price'")}`)[0]).toBe('py/coroutine-never-awaited');
  });
});

describe('a never-awaited warning after asyncio refused to run the coroutine', () => {
  const refused = (error: string, file = './app/session.py:448') => `${error} ${file}: RuntimeWarning: coroutine 'CodeBox.adownload' was never awaited\n  return CodeInterpreterResponse(`;

  it('leaves the refusal to its rule, the error and the warning joined on one line by a log or a web form', () => {
    expect(ids(refused('RuntimeError: This event loop is already running'))).toEqual(['py/loop-already-running']);
    expect(ids(refused('RuntimeError: asyncio.run() cannot be called from a running event loop'))).toEqual(['py/asyncio-run-nested']);
    expect(ids(refused('RuntimeError: Event loop is closed'))[0]).toBe('py/event-loop-closed');
  });

  it('is still the answer after another error, read before it on the same line', () => {
    expect(ids(refused("KeyError: 'price'"))).toEqual(['py/coroutine-never-awaited']);
  });

  it('is still an answer after an "Event loop is closed" reported as ignored, from a destructor', () => {
    const ignored = [
      'Exception ignored in: <function _ProactorBasePipeTransport.__del__ at 0x000001>',
      'Traceback (most recent call last):',
      '  File "C:\\Python39\\lib\\asyncio\\proactor_events.py", line 116, in __del__',
      'RuntimeError: Event loop is closed',
      "C:\\bot\\main.py:12: RuntimeWarning: coroutine 'fetch' was never awaited",
      '  fetch()',
    ].join('\n');
    expect(ids(ignored)).toContain('py/coroutine-never-awaited');
  });
});

describe("pytest's own warnings, printed in its summary after the failures", () => {
  const captured = (name: string) => readFileSync(new URL(`../fixtures/pytest/${name}`, import.meta.url), 'utf8');

  it('tell why the test failed: an async fixture no plugin ran reaches the test as an async generator (pytest 8.4)', () => {
    expect(ids(captured('async-fixture.pytest8.txt'))[0]).toBe('py/pytest-async-not-run');
  });

  it('and pytest 9 fails the test with the same words at setup', () => {
    expect(ids(captured('async-fixture.pytest9.txt'))[0]).toBe('py/pytest-async-not-run');
  });
});
