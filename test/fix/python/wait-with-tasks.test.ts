/**
 * py/asyncio-api-version's fix for "Passing coroutines is forbidden, use tasks explicitly": Python
 * 3.11's asyncio.wait() takes tasks only, so each coroutine handed to it is wrapped in
 * asyncio.create_task(). The error is the one this machine's Python really prints, and the fixed
 * script runs on it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-wait-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(code: string): { out: string; err: string } {
  const file = join(dir, 'script.py');
  writeFileSync(file, code);
  try {
    return { out: execFileSync('python3', [file], { encoding: 'utf8', stdio: 'pipe' }), err: '' };
  } catch (e) {
    const x = e as { stdout: string; stderr: string };
    return { out: x.stdout, err: x.stderr };
  }
}

function fixOf(text: string) {
  return engine.diagnose(text).matches.find((x) => x.rule.id === 'py/asyncio-api-version')?.fix ?? null;
}

const script = (waitCall: string) =>
  [
    'import asyncio',
    '',
    'async def close(name):',
    '    await asyncio.sleep(0)',
    '    return name',
    '',
    'async def main():',
    '    names = ["a", "b"]',
    '    coros = [close(n) for n in names]',
    `    done, _ = await ${waitCall}`,
    '    print(sorted(t.result() for t in done))',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n');

describe('py wait-with-tasks', () => {
  it.each([
    ['asyncio.wait([close(n) for n in names])', 'asyncio.wait([asyncio.create_task(close(n)) for n in names])'],
    ['asyncio.wait([close("a"), close("b")])', 'asyncio.wait([asyncio.create_task(close("a")), asyncio.create_task(close("b"))])'],
    ['asyncio.wait(coros)', 'asyncio.wait([asyncio.create_task(c) for c in coros])'],
    ['asyncio.wait([asyncio.create_task(close("a")), close("b")], timeout=5)', 'asyncio.wait([asyncio.create_task(close("a")), asyncio.create_task(close("b"))], timeout=5)'],
  ])('wraps the coroutines of %s in tasks, and the script runs', (call, fixed) => {
    const code = script(call);
    const before = run(code);
    expect(before.err).toContain('TypeError: Passing coroutines is forbidden, use tasks explicitly.');
    const fix = fixOf(['```python', code, '```', '```', before.err, '```'].join('\n'));
    expect(fix?.code).toContain(`    done, _ = await ${fixed}\n`);
    expect(run(fix!.code)).toEqual({ out: "['a', 'b']\n", err: '' });
  });

  it('fixes the line the traceback quotes when only the traceback is pasted', () => {
    const err = run(script('asyncio.wait([close(n) for n in names])')).err;
    expect(fixOf(['```', err, '```'].join('\n'))?.code).toBe('done, _ = await asyncio.wait([asyncio.create_task(close(n)) for n in names])');
  });

  it('leaves asyncio.wait alone under another version error (nothing says what it was given)', () => {
    const code = script('asyncio.wait([close(n) for n in names])');
    const text = ['```python', code, '```', "AttributeError: module 'asyncio' has no attribute 'to_thread'"].join('\n');
    expect(fixOf(text)?.code ?? '').not.toContain('create_task');
  });
});
