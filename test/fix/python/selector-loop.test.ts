/**
 * py.selector-loop: code refused by Windows' Proactor loop because its library needs add_reader gets a
 * selector loop where it starts its one `asyncio.run(…)`. The fixed programs are run for real on the Python
 * versions the rewrite is for (the library is a stand-in that watches a socket with add_reader, as
 * psycopg/aiodns/tornado do): they must still run, on a selector loop. This machine is not Windows, so the
 * policy branch itself is not taken here; its text is checked instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-selector-loop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PSYCOPG_311 =
  "psycopg.InterfaceError: Psycopg cannot use the 'ProactorEventLoop' to run in async mode. Please use a compatible event loop, for instance by setting 'asyncio.set_event_loop_policy(WindowsSelectorEventLoopPolicy())'";
const PSYCOPG_312 = `Traceback (most recent call last):
  File "C:\\Users\\me\\app\\db.py", line 16, in <module>
    asyncio.run(main())
  File "C:\\Program Files\\Python312\\Lib\\asyncio\\runners.py", line 194, in run
    return runner.run(main)
  File "C:\\Users\\me\\app\\.venv\\Lib\\site-packages\\psycopg\\connection_async.py", line 109, in connect
    raise e.InterfaceError(
psycopg.InterfaceError: Psycopg cannot use the 'ProactorEventLoop' to run in async mode. Please use a compatible event loop, for instance by running 'asyncio.run(..., loop_factory=asyncio.SelectorEventLoop(selectors.SelectSelector()))'`;

/** A stand-in for a library that watches its socket with the loop's add_reader, then reports the loop it ran on. */
const PROGRAM = `import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    loop.add_reader(a.fileno(), lambda: None)
    loop.remove_reader(a.fileno())
    print("ran on", type(loop).__name__)


asyncio.run(main())`;

function matchOf(code: string, error: string) {
  const m = engine.diagnose(['```python', code, '```', '', error].join('\n')).matches[0]!;
  expect(m.rule.id).toBe('py/add-reader-on-proactor-loop');
  return m;
}

function run(code: string, python: string): string {
  const file = join(dir, 'fixed.py');
  writeFileSync(file, code);
  return execFileSync('python3', [file], { encoding: 'utf8', env: { ...process.env, PYENV_VERSION: python } });
}

describe('py selector-loop', () => {
  it('passes loop_factory=asyncio.SelectorEventLoop to asyncio.run when the paste shows Python 3.12+, and the program runs on the selector loop it makes', () => {
    const fix = matchOf(PROGRAM, PSYCOPG_312).fix!;
    expect(fix.code).toContain('asyncio.run(main(), loop_factory=asyncio.SelectorEventLoop)');
    expect(fix.code).not.toContain('set_event_loop_policy');
    expect(run(fix.code, '3.12.1')).toBe('ran on _UnixSelectorEventLoop\n');
  });

  it('sets the Windows selector policy before asyncio.run, on Windows only, and imports sys, when the version is unknown', () => {
    const fix = matchOf(PROGRAM, PSYCOPG_311).fix!;
    expect(fix.code).toContain('import sys\n');
    expect(fix.code).toContain(
      'if sys.platform == "win32":\n    asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())\nasyncio.run(main())',
    );
    expect(fix.code).not.toContain('loop_factory');
    // Python 3.8 is where the Proactor loop became Windows' default: the fixed program runs there too.
    expect(run(fix.code, '3.8.18')).toBe('ran on _UnixSelectorEventLoop\n');
  });

  it('keeps the indentation of an asyncio.run under if __name__ == "__main__"', () => {
    const code = PROGRAM.replace('asyncio.run(main())', 'if __name__ == "__main__":\n    asyncio.run(main())');
    const fix = matchOf(code, PSYCOPG_311).fix!;
    expect(fix.code).toContain(
      '    if sys.platform == "win32":\n        asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())\n    asyncio.run(main())',
    );
    expect(run(fix.code, '3.11.7')).toBe('ran on _UnixSelectorEventLoop\n');
  });

  it.each([
    ['the code already sets the selector policy (set too late or elsewhere)', PROGRAM.replace('asyncio.run(main())', 'asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())\nasyncio.run(main())')],
    ['the code starts subprocesses, which a selector loop cannot', PROGRAM.replace('    print(', '    await asyncio.create_subprocess_exec("git", "status")\n    print(')],
    ['the loop is started twice', `${PROGRAM}\nasyncio.run(main())`],
    ['the loop is not started with asyncio.run', PROGRAM.replace('asyncio.run(main())', 'loop = asyncio.get_event_loop()\nloop.run_until_complete(main())')],
  ])('gives no rewrite when %s (the rule still names the mistake)', (_why, code) => {
    expect(matchOf(code, PSYCOPG_311).fix).toBeNull();
  });
});
