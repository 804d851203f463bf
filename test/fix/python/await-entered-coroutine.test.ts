/**
 * `async with` on the coroutine of an `async def` that returns the context manager (anyio's
 * `open_file`): the error python3 3.11 prints for it, the fix `async with await …`, and the fixed
 * script run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-entered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(code: string): string {
  const file = join(dir, 'script.py');
  writeFileSync(file, code);
  return file;
}

const script = (body: string) =>
  [
    'import asyncio',
    '',
    '',
    'class Handle:',
    '    def __init__(self, path):',
    '        self.path = path',
    '',
    '    async def __aenter__(self):',
    '        return self',
    '',
    '    async def __aexit__(self, *exc):',
    '        return False',
    '',
    '',
    'async def open_file(path):',
    '    await asyncio.sleep(0)',
    '    return Handle(path)',
    '',
    '',
    'async def main():',
    body,
    '',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n');

/** What python3 printed running the code (it must fail). */
function stderrOf(code: string): string {
  const r = spawnSync('python3', [write(code)], { encoding: 'utf8' });
  expect(r.status).not.toBe(0);
  return r.stderr.trim();
}

describe('async with on a coroutine that returns the context manager', () => {
  it('awaits the call inside async with; the fixed script runs', () => {
    const code = script("    async with open_file('/foo/bar') as fp:\n        print(fp.path)");
    const stderr = stderrOf(code);
    expect(stderr).toContain("TypeError: 'coroutine' object does not support the asynchronous context manager protocol");
    const m = engine.diagnose(['```python', code, '```', '```', stderr, '```'].join('\n')).matches[0]!;
    expect(m.rule.id).toBe('py/async-context-manager-misuse');
    expect(m.fix!.code).toContain("    async with await open_file('/foo/bar') as fp:\n");
    expect(execFileSync('python3', [write(m.fix!.code)], { encoding: 'utf8' })).toBe('/foo/bar\n');
  });

  it('awaits the call the traceback quotes when the code enters two', () => {
    const code = script("    async with Handle('/a') as a:\n        print(a.path)\n    async with open_file('/b') as b:\n        print(b.path)");
    const stderr = stderrOf(code);
    const m = engine.diagnose(['```python', code, '```', '```', stderr, '```'].join('\n')).matches[0]!;
    expect(m.fix!.code).toContain("    async with Handle('/a') as a:\n");
    expect(m.fix!.code).toContain("    async with await open_file('/b') as b:\n");
    expect(execFileSync('python3', [write(m.fix!.code)], { encoding: 'utf8' })).toBe('/a\n/b\n');
  });

  it('fixes the line a question quotes in its words, with no code block', () => {
    const text = "The docs use `async with open_file('/foo/bar', limiter=limiter) as fp:`. Since `open_file()` is a coroutine function, this raises `TypeError: 'coroutine' object does not support the asynchronous context manager protocol` when run as written.";
    const m = engine.diagnose(text).matches[0]!;
    expect(m.rule.id).toBe('py/async-context-manager-misuse');
    expect(m.fix?.code).toBe("async with await open_file('/foo/bar', limiter=limiter) as fp:");
  });

  it('leaves the code alone on another error, or when it cannot tell which of two entered calls it was', () => {
    const plain = script("    async with open('/etc/hostname') as fp:\n        print(fp)");
    const refused = stderrOf(plain);
    expect(refused).toContain("'_io.TextIOWrapper' object does not support the asynchronous context manager protocol");
    for (const m of engine.diagnose(['```python', plain, '```', '```', refused, '```'].join('\n')).matches) expect(m.fix?.code ?? '').not.toContain('await open(');
    const two = "async def main():\n    async with open_file('/a') as a, open_file('/b') as b:\n        print(a, b)\n";
    for (const m of engine.diagnose(['```python', two, '```', "TypeError: 'coroutine' object does not support the asynchronous context manager protocol"].join('\n')).matches) expect(m.fix?.code ?? '').not.toContain('await open_file');
  });
});
