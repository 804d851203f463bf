/**
 * Pastes with no code block and no quoted source line, whose words name the line to fix: an inline
 * code span, or the call a never-awaited warning names written in a sentence. The fixed line is run
 * inside an async def, with warnings as errors, where the original line fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import type { Evidence } from '../../../src/evidence/types.js';
import { CARETS, INLINE_SPAN, OUTPUT_LINE, namedLines } from '../../../src/fix/named-lines.js';
import { say } from '../../../src/render/messages.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-named-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function first(text: string) {
  return engine.diagnose(text).matches[0]!;
}

/** Runs `line` as the body of an async def on a loop: its exit status and what Python printed on stderr. */
function runInAsyncDef(line: string): { status: number | null; err: string } {
  const file = join(dir, 'line.py');
  writeFileSync(file, ['import asyncio', '', 'async def handler(delay):', `    ${line}`, '', 'asyncio.run(handler(0.01))', ''].join('\n'));
  const r = spawnSync('python3', [file], { encoding: 'utf8' });
  return { status: r.status, err: r.stderr };
}

describe('a call a never-awaited warning names, written in a sentence', () => {
  const question = "I keep getting RuntimeWarning: coroutine 'sleep' was never awaited. In my retry helper asyncio.sleep(delay) is called before the next attempt.";

  it('is awaited, and the line then runs in an async def without the warning', () => {
    const m = first(question);
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('await asyncio.sleep(delay)');
    expect(say(m.fix!.note)).toContain('async def');
    expect(runInAsyncDef('asyncio.sleep(delay)').err).toContain("coroutine 'sleep' was never awaited");
    expect(runInAsyncDef(m.fix!.code)).toEqual({ status: 0, err: '' });
  });

  it('is left alone when the sentence names two different calls of the coroutine', () => {
    const m = first(`${question} Later asyncio.sleep(5) is called as well.`);
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix).toBeNull();
  });

  it('is left alone when the named call is not the coroutine the warning names', () => {
    const m = first("I keep getting RuntimeWarning: coroutine 'fetch' was never awaited. My handler calls `client.send(x)` and then time.sleep_until(3).");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix).toBeNull();
  });

  it('is not taken from the sentences when a warning quotes a line: that line is the one to fix, or none', () => {
    const m = first(`${question}\n/app/retry.py:4: RuntimeWarning: coroutine 'sleep' was never awaited\n  return retry(delay)\n`);
    expect(m.fix?.code ?? '').not.toContain('asyncio.sleep(delay)');
  });

  it('is not taken from the sentences when the paste has code of its own', () => {
    const m = first(`${question}\n\`\`\`python\nimport asyncio\n\nasync def retry(delay):\n    return delay\n\`\`\``);
    expect(m.fix?.code ?? '').not.toContain('await asyncio.sleep(delay)');
  });
});

describe('an inline code span in a question about blocking the loop', () => {
  it('turns the named time.sleep into await asyncio.sleep, which lets the loop run', () => {
    const m = first('My discord bot freezes for everyone: the command handler calls `time.sleep(3)` before it replies. Why does the whole bot stop?');
    expect(m.rule.id).toBe('py/blocking-call-in-async');
    expect(m.fix?.code).toBe('await asyncio.sleep(3)');
    expect(runInAsyncDef(m.fix!.code.replace('3', 'delay'))).toEqual({ status: 0, err: '' });
  });

  it('leaves a span that only names the function (`time.sleep()` with no argument) alone: it is not a line of code', () => {
    const m = first("Don't use `time.sleep()` in async code, it blocks the whole event loop! Use `await asyncio.sleep()`.");
    expect(m.rule.id).toBe('py/blocking-call-in-async');
    expect(m.fix).toBeNull();
  });

  it('leaves other blocking calls named in a span to the rule\'s example (a line is not enough to move them)', () => {
    const m = first('My discord bot freezes for everyone: the command handler calls `requests.get(url)` before it replies. Why does the whole bot stop?');
    expect(m.rule.id).toBe('py/blocking-call-in-async');
    expect(m.fix).toBeNull();
  });
});

describe('the line a caret row points at, in a traceback pasted without its File line', () => {
  // Python 3.11's output for asyncio.wait() given coroutines, pasted from the source line on.
  const paste = (line: string) => ['This is running on Windows 10 with Python 3.11.4.', '', '```', line, '                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^', '', 'TypeError: Passing coroutines is forbidden, use tasks explicitly.', '```'].join('\n');

  /** The line inside an async def over two objects with a `wait_closed()` coroutine: Python's status and stderr. */
  function runWait(line: string) {
    const file = join(dir, 'wait.py');
    writeFileSync(file, ['import asyncio', '', 'class Writer:', '    async def wait_closed(self):', '        await asyncio.sleep(0)', '', 'async def main():', '    writers = [Writer(), Writer()]', `    ${line}`, '    assert len(close_tasks) == 2', '', 'asyncio.run(main())', ''].join('\n'));
    const r = spawnSync('python3', [file], { encoding: 'utf8' });
    return { status: r.status, err: r.stderr };
  }

  it('wraps the coroutines handed to asyncio.wait in tasks, and the line then runs on Python 3.11+', () => {
    const line = 'close_tasks, _ = await asyncio.wait([w.wait_closed() for w in writers])';
    const m = first(paste(line));
    expect(m.rule.id).toBe('py/asyncio-api-version');
    expect(m.fix?.code).toBe('close_tasks, _ = await asyncio.wait([asyncio.create_task(w.wait_closed()) for w in writers])');
    expect(runWait(line).err).toContain('Passing coroutines is forbidden, use tasks explicitly');
    expect(runWait(m.fix!.code)).toEqual({ status: 0, err: '' });
  });

  it('leaves a pointed line alone that does not call asyncio.wait', () => {
    const m = first(paste('done = await gather_all(writers)'));
    expect(m.rule.id).toBe('py/asyncio-api-version');
    expect(m.fix).toBeNull();
  });
});

describe('a block that opens with one line of code and then shows what it printed', () => {
  const program = (body: string[]) => ['import asyncio', 'import contextlib', '', '@contextlib.asynccontextmanager', 'async def request(url):', '    yield url.upper()', '', 'async def main():', ...body.map((l) => `    ${l}`), '', 'asyncio.run(main())', ''].join('\n');
  function run(code: string) {
    const file = join(dir, 'cm.py');
    writeFileSync(file, code);
    const r = spawnSync('python3', [file], { encoding: 'utf8' });
    return { status: r.status, out: r.stdout, err: r.stderr };
  }

  it('enters the awaited context manager with async with, as the error this Python prints asks, and the line then runs', () => {
    const broken = run(program(["resp = await request('http://x')", 'print(resp)']));
    const error = broken.err.trim().split('\n').at(-1)!;
    expect(error).toMatch(/^TypeError: .*_AsyncGeneratorContextManager/);
    const m = first(['```', "resp = await request('http://x')", error, '```'].join('\n'));
    expect(m.rule.id).toBe('py/await-non-awaitable');
    expect(m.fix?.code).toBe("async with request('http://x') as resp:");
    expect(run(program([m.fix!.code, '    print(resp)']))).toEqual({ status: 0, out: 'HTTP://X\n', err: '' });
  });

  it('leaves a block alone whose first line is output itself, or whose next line is not output', () => {
    const error = "TypeError: object _AsyncGeneratorContextManager can't be used in 'await' expression";
    expect(first(['```', error, "resp = await request('http://x')", '```'].join('\n')).fix).toBeNull();
    expect(first(['```', "resp = await request('http://x')", 'print(resp)', '```', error].join('\n')).fix?.code ?? '').not.toContain('async with request');
  });
});

describe('reading the named lines out of pasted text', () => {
  const warned = { warnings: [{ language: 'python', category: 'RuntimeWarning', message: "coroutine 'sleep' was never awaited", lineIndex: 0 }], errors: [] } as unknown as Evidence;

  it('finds spans with a linear pattern, and walks a long run of names once', () => {
    expect(checkSync(INLINE_SPAN.source, INLINE_SPAN.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
    expect(checkSync(CARETS.source, CARETS.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
    expect(checkSync(OUTPUT_LINE.source, OUTPUT_LINE.flags, { timeout: 30_000 }).status).toBe('safe');
    const hostile = `${'a.'.repeat(100_000)}sleep(${'('.repeat(10_000)} and asyncio.sleep(1)`;
    expect(namedLines([hostile], warned)).toEqual(['asyncio.sleep(1)']);
  });

  it('takes calls, not error lines quoted in a span, nor a longer name that ends the same', () => {
    expect(namedLines(['`TypeError: f() missing 1 required positional argument` and `time.sleep(2)`'], warned)).toEqual(['time.sleep(2)']);
    expect(namedLines(['then nosleep(3) and asyncio.sleep(x, y)'], warned)).toEqual(['asyncio.sleep(x, y)']);
  });
});
