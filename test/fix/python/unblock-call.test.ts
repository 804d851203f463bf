/** Blocking calls in async code move to a worker thread whole: the reads chained on them too, in the form the paste's Python has. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { say } from '../../../src/render/messages.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-unblock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'data.txt'), 'hello');

function run(code: string): string {
  const file = join(dir, 'script.py');
  writeFileSync(file, code);
  return execFileSync('python3', [file], { encoding: 'utf8', stdio: 'pipe', cwd: dir });
}

function fixOf(code: string, extra = '') {
  const m = engine.diagnose(['```python', code, '```', extra].join('\n')).matches.find((x) => x.rule.id === 'py/blocking-call-in-async');
  return m?.fix ?? null;
}

describe('py unblock-call', () => {
  it('starts a shell command with asyncio.create_subprocess_shell where os.popen(cmd) only started it, and the command runs', () => {
    const code = [
      'import asyncio',
      'import os',
      '',
      'async def main():',
      '    os.popen("echo started > started.txt")',
      '    while not os.path.exists("started.txt") or os.path.getsize("started.txt") == 0:',
      '        await asyncio.sleep(0.01)',
      '    print("done")',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n');
    const fix = fixOf(code);
    expect(fix?.code).toContain('    await asyncio.create_subprocess_shell("echo started > started.txt")\n');
    expect(fix?.code).not.toContain('to_thread(os.popen');
    expect(run(fix!.code)).toBe('done\n');
    // Its output read at once: the whole read moves to a thread, as before.
    const read = 'import os\n\nasync def version():\n    return os.popen("python3 --version").read()\n';
    expect(fixOf(read)?.code).toContain('return await asyncio.to_thread(lambda: os.popen("python3 --version").read())');
  });

  it('moves urlopen(url).read() whole (the read blocks as much as the open)', () => {
    const code = 'import urllib.request\n\nasync def fetch(url):\n    body = urllib.request.urlopen(url).read()\n    return body\n';
    const fix = fixOf(code);
    expect(fix?.code).toContain('body = await asyncio.to_thread(lambda: urllib.request.urlopen(url).read())');
    expect(fix?.code).not.toContain('.read()).read');
  });

  it('moves open(path).read() to a thread, and the script still reads the file', () => {
    const code = 'import asyncio\n\nasync def load(path):\n    text = open(path).read()\n    print(text)\n\nasyncio.run(load("data.txt"))\n';
    const fix = fixOf(code);
    expect(fix?.code).toContain('text = await asyncio.to_thread(lambda: open(path).read())');
    expect(run(fix!.code)).toBe('hello\n');
  });

  it('uses run_in_executor on Python 3.8 (asyncio.to_thread is 3.9+), and the script runs', () => {
    const code = 'import asyncio\n\nasync def load(path):\n    text = open(path).read()\n    print(text)\n\nasyncio.run(load("data.txt"))\n';
    const fix = fixOf(code, 'Python 3.8.10');
    expect(fix?.code).toContain('text = await asyncio.get_running_loop().run_in_executor(None, lambda: open(path).read())');
    expect(say(fix!.note)).toContain('3.9');
    expect(run(fix!.code)).toBe('hello\n');
    const plain = 'import asyncio\nimport requests\n\nasync def get(url):\n    r = requests.get(url, timeout=5)\n    return r.status_code\n';
    expect(fixOf(plain, 'Python 3.8.10')?.code).toContain('r = await asyncio.get_running_loop().run_in_executor(None, lambda: requests.get(url, timeout=5))');
    expect(fixOf(plain)?.code).toContain('r = await asyncio.to_thread(requests.get, url, timeout=5)');
  });

  it('still leaves a bare open() alone (the reads on its file would stay on the loop)', () => {
    const code = 'async def load(path):\n    f = open(path)\n    return f.read()\n';
    expect(fixOf(code)?.code ?? '').not.toContain('to_thread(open');
  });
});

describe('py unblock-call in a diff hunk', () => {
  it('fixes the line and says to import asyncio instead of putting an import line into the hunk', () => {
    const hunk = ['@@ -10,4 +10,4 @@ async def handle(self, request):', '         if request.app.delay:', '             self.log.info("waiting")', '-            time.sleep(request.app.delay)'].join('\n');
    const fix = fixOf(hunk);
    expect(fix?.code).toContain('await asyncio.sleep(request.app.delay)');
    expect(fix?.code.startsWith('@@ ')).toBe(true);
    expect(say(fix!.note)).toContain('import asyncio');
  });
  it('turns time.sleep into await asyncio.sleep in lines cut from an async def the question names', () => {
    const m = engine.diagnose(
      'The function `_push_messages` is an `async def` that uses `time.sleep(0.5)` as a throttle:\n\n```python\nif (i + 1) % 10 == 0:\n    time.sleep(0.5)\n```\n\n`time.sleep()` blocks the entire event loop for 500ms.',
    ).matches[0];
    expect(m?.rule.id).toBe('py/blocking-call-in-async');
    expect(m?.fix?.code).toContain('if (i + 1) % 10 == 0:\n    await asyncio.sleep(0.5)');
  });

  it('leaves a script that sleeps at its own top level alone (no loop runs there)', () => {
    const fix = fixOf('import time\nimport asyncio\n\ntime.sleep(1)\nasyncio.run(main())\n');
    expect(fix?.code ?? '').not.toContain('await asyncio.sleep');
  });
});
