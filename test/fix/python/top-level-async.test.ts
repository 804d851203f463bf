/** A script that awaits at its top level: the fix runs that code on one loop, and the fixed script really runs. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-pyfix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(code: string): string {
  const file = join(dir, 'fixed.py');
  writeFileSync(file, code);
  return execFileSync('python3', [file], { encoding: 'utf8', stdio: 'pipe' });
}

// The script and the error python3 3.11 printed for it.
const script = [
  'import asyncio',
  'import contextlib',
  '',
  '',
  '@contextlib.asynccontextmanager',
  'async def opened(name):',
  '    yield name.upper()',
  '',
  'async with opened("db") as conn:',
  '    print(conn)',
  '    print(await asyncio.sleep(0, result="done"))',
];
const error = ['  File "/tmp/s.py", line 9', '    async with opened("db") as conn:', '    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^', "SyntaxError: 'async with' outside async function"];
const paste = ['```python', ...script, '```', '```', ...error, '```'].join('\n');

describe('top-level async code in a script', () => {
  it('moves an `async with` block into `async def main()` run once by asyncio.run, and the script then runs', () => {
    const m = engine.diagnose(paste).matches[0]!;
    expect(m.rule.id).toBe('py/await-outside-async');
    const code = m.fix!.code;
    expect(code).toContain('async def main():\n    async with opened("db") as conn:\n        print(conn)');
    expect(code).toContain('\nasyncio.run(main())');
    expect(code).not.toContain('asyncio.run(asyncio.sleep');
    expect(run(code)).toBe('DB\ndone\n');
  });

  it('on Python 3.5/3.6 (no asyncio.run) runs main on the loop instead', () => {
    const m = engine.diagnose(paste + '\nPython 3.6.9\n').matches[0]!;
    expect(m.fix!.code).toContain('asyncio.get_event_loop().run_until_complete(main())');
    expect(m.fix!.code).not.toContain('asyncio.run(');
    expect(run(m.fix!.code)).toBe('DB\ndone\n');
  });

  it('runs a single top-level await with asyncio.run where it stands', () => {
    const m = engine.diagnose(['```python', 'import asyncio', 'x = await asyncio.sleep(0, result=5)', 'print(x)', '```', "SyntaxError: 'await' outside function"].join('\n')).matches[0]!;
    expect(m.fix!.code).toBe('import asyncio\nx = asyncio.run(asyncio.sleep(0, result=5))\nprint(x)');
    expect(run(m.fix!.code)).toBe('5\n');
  });

  it('moves a top-level await nested in a `with` block into main() with the block, and the script runs', () => {
    const code = ['import asyncio', 'import contextlib', '', '', '@contextlib.contextmanager', 'def opened(name):', '    yield name', '', 'with opened("db") as conn:', '    rows = await asyncio.sleep(0, result=[conn])', '    print(rows)'];
    const m = engine.diagnose(['```python', ...code, '```', "SyntaxError: 'await' outside function"].join('\n')).matches[0]!;
    expect(m.rule.id).toBe('py/await-outside-async');
    expect(m.fix!.code).toContain('async def main():\n    with opened("db") as conn:\n        rows = await asyncio.sleep(0, result=[conn])');
    expect(run(m.fix!.code)).toBe("['db']\n");
  });

  it('never writes `async async def` when a parse error elsewhere hides the async of a def', () => {
    const text = 'Did the mistake arise in this way?\n```python\nasync def go():\n\tengine = await create_engine(user="xxx")\n\tconn = await engine._acquire()\n```';
    for (const m of engine.diagnose(text).matches) expect(m.fix?.code ?? '').not.toContain('async async');
  });

  it('does not wrap when a function defined above reads a name the moved code binds (it would become local to main)', () => {
    const code = ['import asyncio', '', 'def show():', '    print(conn)', '', 'async with opened() as conn:', '    show()'];
    const m = engine.diagnose(['```python', ...code, '```', "SyntaxError: 'async with' outside async function"].join('\n')).matches[0]!;
    expect(m.rule.id).toBe('py/await-outside-async');
    expect(m.fix?.code ?? '').not.toContain('async def main');
  });

  it('puts async before a with of an async context manager in lines cut from a function; in a script, never at its top level', () => {
    const fragment = engine.diagnose(['```', 'with aiohttp.ClientSession() as session:', '    ...', '```'].join('\n')).matches[0]!;
    expect(fragment.rule.id).toBe('py/async-context-manager-misuse');
    expect(fragment.fix?.code).toBe('async with aiohttp.ClientSession() as session:\n    ...');
    const script = engine.diagnose(['```python', 'import aiohttp', '', 'with aiohttp.ClientSession() as session:', '    print(1)', '```'].join('\n')).matches[0]!;
    expect(script.fix?.code ?? '').not.toMatch(/^async with/m);
  });

  it('moves a plain with of an async context manager at the top of a script into async def main() as async with; the script then runs', () => {
    // pylint's example for async-context-manager-with-regular-with: a TypeError at run time as written.
    const script = ['from contextlib import asynccontextmanager', '', '', '@asynccontextmanager', 'async def async_context():', '    yield', '', '', 'with async_context():', '    print("inside")'];
    expect(() => run(script.join('\n'))).toThrow(/asynchronous context manager|__enter__|context manager protocol/);
    const m = engine.diagnose(['```python', ...script, '```'].join('\n')).matches[0]!;
    expect(m.rule.id).toBe('py/async-context-manager-misuse');
    expect(m.fix!.code).toContain('async def main():\n    async with async_context():\n        print("inside")');
    expect(m.fix!.code).toContain('\nasyncio.run(main())');
    expect(run(m.fix!.code)).toBe('inside\n');
  });

  it('leaves the with where it is in a notebook cell (its top level awaits), and does not wrap when a def above reads a name the block binds', () => {
    const cell = engine.diagnose(['```python', 'import aiohttp', '', 'with aiohttp.ClientSession() as session:', '    print(1)', '```', 'Running in a Jupyter notebook cell'].join('\n')).matches[0];
    expect(cell?.fix?.code).toContain('\nasync with aiohttp.ClientSession() as session:\n    print(1)');
    expect(cell?.fix?.code).not.toContain('async def main');
    const reads = ['from contextlib import asynccontextmanager', '', '@asynccontextmanager', 'async def opened():', '    yield 1', '', 'def show():', '    print(conn)', '', 'with opened() as conn:', '    show()'];
    const m = engine.diagnose(['```python', ...reads, '```'].join('\n')).matches[0];
    expect(m?.fix?.code ?? '').not.toContain('async def main');
  });

  it('does not wrap a fragment cut from a discord.py handler (no asyncio.run there)', () => {
    const m = engine.diagnose(['```python', 'async with ctx.typing():', '    await ctx.send("hi")', '```'].join('\n')).matches[0];
    expect(m?.fix?.code ?? '').not.toContain('asyncio.run');
  });
});

describe('async with on a class instead of an instance', () => {
  const script = [
    'import asyncio',
    '',
    '',
    'class Client:',
    '    async def __aenter__(self):',
    '        return self',
    '',
    '    async def __aexit__(self, *exc):',
    '        return False',
    '',
    '    def get(self):',
    '        return "ok"',
    '',
    '',
    'async def main():',
    '    async with Client as client:',
    '        print(client.get())',
    '',
    '',
    'asyncio.run(main())',
  ].join('\n');

  function errorOf(code: string): string {
    try {
      run(code);
    } catch (e) {
      return String((e as { stderr?: string }).stderr ?? '');
    }
    throw new Error('the script was expected to fail');
  }

  it('calls the class (httpx.AsyncClient, not httpx.AsyncClient()), and the fixed script runs', () => {
    const stderr = errorOf(script);
    expect(stderr).toMatch(/__aenter__|asynchronous context manager protocol/);
    const m = engine.diagnose(['```python', script, '```', '```', stderr.trim(), '```'].join('\n')).matches[0]!;
    expect(m.rule.id).toBe('py/async-context-manager-misuse');
    expect(m.fix!.code).toContain('    async with Client() as client:\n');
    expect(run(m.fix!.code)).toBe('ok\n');
  });

  it('leaves a constant or a name the snippet assigns (they may hold an instance)', () => {
    const constant = 'import asyncio\n\nLOCK = asyncio.Lock()\n\nasync def work():\n    with LOCK:\n        pass\n';
    for (const m of engine.diagnose(['```python', constant, '```'].join('\n')).matches) expect(m.fix?.code ?? '').not.toContain('LOCK()');
    const assigned = 'Session = make_session()\n\nasync def work():\n    async with Session as s:\n        await s.commit()\n';
    for (const m of engine.diagnose(['```python', assigned, '```', "AttributeError: __aexit__"].join('\n')).matches) expect(m.fix?.code ?? '').not.toContain('Session()');
  });
});
