/**
 * A subprocess start in the pasted code is the mistake only when the paste says the run raised
 * NotImplementedError: then the loop it ran on (a notebook kernel's selector loop on Windows, uvicorn's,
 * Twisted's) refused it. The same code without that error, or with a NotImplementedError that another loop
 * method raised (add_reader on the Proactor loop, signal handlers on Windows), is no such finding.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const cell = [
  '```python',
  'import asyncio',
  'import sys',
  '',
  'async def get_date():',
  "    code = 'import datetime; print(datetime.datetime.now())'",
  '    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", code, stdout=asyncio.subprocess.PIPE)',
  '    data = await proc.stdout.readline()',
  '    await proc.wait()',
  "    return data.decode('ascii').rstrip()",
  '',
  'date = await get_date()',
  '```',
].join('\n');

const browser = [
  '```python',
  'from playwright.async_api import async_playwright',
  '',
  'async with async_playwright() as p:',
  '    browser = await p.chromium.launch()',
  '    await browser.close()',
  '```',
].join('\n');

describe('a subprocess start the paste says was refused', () => {
  it('NotImplementedError named in a sentence, the code starting a subprocess: the loop refused it', () => {
    expect(rulesOf(`Running this cell on Windows throws \`NotImplementedError\`:\n\n${cell}`)[0]).toBe('py/subprocess-on-selector-loop');
  });

  it("IPython's header names NotImplementedError, the code starts Playwright (a driver process): the loop refused it", () => {
    const header = ['```', 'NotImplementedError                       Traceback (most recent call last)', 'Cell In[2], line 4', '```'].join('\n');
    expect(rulesOf(`${browser}\n\n${header}`)[0]).toBe('py/subprocess-on-selector-loop');
  });

  it('the same code without any NotImplementedError: silent', () => {
    expect(rulesOf(`How do I read the output line by line?\n\n${cell}`)).not.toContain('py/subprocess-on-selector-loop');
    expect(rulesOf(browser)).not.toContain('py/subprocess-on-selector-loop');
  });

  it("a whole traceback ending in the program's own `raise NotImplementedError` (an abstract method): not this rule", () => {
    const runner = ['```python', 'import asyncio', '', 'class Step:', '    async def run(self):', '        raise NotImplementedError', '', 'class Build(Step):', '    async def go(self):', '        proc = await asyncio.create_subprocess_exec("make")', '        await proc.wait()', '```'].join('\n');
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/home/me/ci/main.py", line 14, in <module>',
      '    asyncio.run(Build().run())',
      '  File "/home/me/ci/steps.py", line 5, in run',
      '    raise NotImplementedError',
      'NotImplementedError',
    ].join('\n');
    expect(rulesOf(`${runner}\n\n${traceback}`)).not.toContain('py/subprocess-on-selector-loop');
  });

  it('a NotImplementedError from a loop method that is no subprocess start (signal handlers, add_reader): not this rule', () => {
    const signals = `My cell fails on Windows: loop.add_signal_handler raises NotImplementedError\n\n${cell}`;
    expect(rulesOf(signals)).not.toContain('py/subprocess-on-selector-loop');
    const reader = `tornado's add_reader raises NotImplementedError in this cell\n\n${cell}`;
    expect(rulesOf(reader)).not.toContain('py/subprocess-on-selector-loop');
  });
});
