/** `async with` on a plain context manager becomes `with`, and the program runs; other misuses of `async with` keep the rule's example. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { say } from '../../../src/render/messages.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-plainwith-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'data.txt'), 'hello');

function run(code: string) {
  const file = join(dir, 'script.py');
  writeFileSync(file, code);
  return spawnSync('python3', [file], { encoding: 'utf8', cwd: dir });
}

function fixOf(code: string) {
  const m = engine.diagnose(['```python', code, '```'].join('\n')).matches.find((x) => x.rule.id === 'py/async-context-manager-misuse');
  return m?.fix ?? null;
}

const PROTOCOL = /does not support the asynchronous context manager protocol|__aenter__|__aexit__/;

describe('py async with on a plain context manager', () => {
  it('turns `async with open(…)` into `with open(…)`, and the script reads the file instead of raising', () => {
    const code = 'import asyncio\n\nasync def main():\n    async with open("data.txt") as f:\n        print(f.read())\n\nasyncio.run(main())\n';
    const before = run(code);
    expect(before.status).not.toBe(0);
    expect(before.stderr).toMatch(PROTOCOL);
    const fix = fixOf(code);
    expect(fix?.code).toBe(code.replace('async with open', 'with open'));
    expect(say(fix!.note)).toContain('plain context manager');
    const after = run(fix!.code);
    expect(after.stderr).toBe('');
    expect(after.stdout).toBe('hello\n');
  });

  it('turns `async with` on a threading.Lock held in a variable into `with`, and the script runs', () => {
    const code = 'import asyncio\nimport threading\n\nguard = threading.Lock()\n\nasync def bump(counter):\n    async with guard:\n        counter["n"] += 1\n\nasync def main():\n    counter = {"n": 0}\n    await asyncio.gather(bump(counter), bump(counter))\n    print(counter["n"])\n\nasyncio.run(main())\n';
    expect(run(code).stderr).toMatch(PROTOCOL);
    const fix = fixOf(code);
    expect(fix?.code).toBe(code.replace('    async with guard:', '    with guard:'));
    const after = run(fix!.code);
    expect(after.stderr).toBe('');
    expect(after.stdout).toBe('2\n');
  });

  it('leaves a coroutine (it needs an await) and an undecorated async generator to the rule\'s example', () => {
    const coroutine = 'import asyncpg\n\nasync def main(dsn):\n    async with asyncpg.connect(dsn) as conn:\n        await conn.execute("SELECT 1")\n';
    const generator = 'async def rows():\n    yield 1\n\nasync def main():\n    async with rows() as r:\n        print(r)\n';
    for (const code of [coroutine, generator]) {
      expect(engine.diagnose(['```python', code, '```'].join('\n')).matches.some((x) => x.rule.id === 'py/async-context-manager-misuse')).toBe(true);
      expect(fixOf(code)).toBeNull();
    }
  });

  it('leaves it when the block awaits the object (it was meant to be an async file) or another item may be async', () => {
    const awaited = 'async def load(path):\n    async with open(path) as f:\n        return await f.read()\n';
    const mixed = 'import asyncio\n\nlock = asyncio.Lock()\n\nasync def load(path):\n    async with lock, open(path) as f:\n        return f.read()\n';
    for (const code of [awaited, mixed]) {
      expect(engine.diagnose(['```python', code, '```'].join('\n')).matches.some((x) => x.rule.id === 'py/async-context-manager-misuse')).toBe(true);
      expect(fixOf(code)).toBeNull();
    }
  });
});
