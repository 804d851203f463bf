/**
 * Precision on weak evidence: a code-only finding that is not reason enough to answer unasked
 * (help-channel watching) stays a likely answer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const unaskedThreshold = 0.8;

describe('asyncio.get_event_loop() seen only in code', () => {
  const code = [
    '```python',
    'import asyncio',
    '',
    'async def main():',
    '    await asyncio.sleep(1)',
    '',
    'loop = asyncio.get_event_loop()',
    'loop.run_until_complete(main())',
    '```',
  ].join('\n');

  const ruleOf = (text: string) => engine.diagnose(text).matches.find((m) => m.rule.id === 'py/get-event-loop-deprecated');

  it('is not the answer on its own when the paste shows no Python version: it was the documented call until 3.10', () => {
    expect(engine.diagnose(code).matches).toEqual([]);
    // An old-style script asking about something else (a response read after its block closed) gets no deprecation notice.
    const asked = ['response.json() gives me None, what am I doing wrong?', code].join('\n');
    expect(ruleOf(asked)).toBeUndefined();
  });

  it('is named, as a likely answer below the unasked threshold, when the paste runs Python 3.10 or later', () => {
    for (const version of ['3.10', '3.12', '3.13']) {
      const match = ruleOf([`I run this on Python ${version}:`, code].join('\n'));
      expect(match, version).toBeDefined();
      expect(match!.confidence).toBeLessThan(unaskedThreshold);
    }
  });

  it('is no mistake on a Python older than 3.10, where nothing warns', () => {
    expect(ruleOf(['I run this on Python 3.8:', code].join('\n'))).toBeUndefined();
  });

  it('is answered unasked when Python itself warns about it', () => {
    const text = [
      code,
      '/home/user/app/main.py:7: DeprecationWarning: There is no current event loop',
      '  loop = asyncio.get_event_loop()',
    ].join('\n');
    const match = engine.diagnose(text).matches.find((m) => m.rule.id === 'py/get-event-loop-deprecated');
    expect(match?.confidence ?? 0).toBeGreaterThanOrEqual(unaskedThreshold);
  });
});

describe('a code-only finding beside an error it does not explain', () => {
  const code = [
    '```python',
    'import asyncio',
    '',
    'async def work():',
    '    await asyncio.sleep(1)',
    '',
    'async def main():',
    '    asyncio.create_task(work())',
    '    await asyncio.sleep(2)',
    '',
    'asyncio.run(main())',
    '```',
  ].join('\n');
  const confidenceOf = (text: string) => engine.diagnose(text).matches.find((m) => m.rule.id === 'py/task-destroyed-pending')?.confidence ?? 0;

  it('is answered unasked when the paste is code alone', () => {
    expect(confidenceOf(code)).toBeGreaterThanOrEqual(unaskedThreshold);
  });

  it('is answered unasked when the error is the one the rule explains', () => {
    expect(confidenceOf(`${code}\nTask was destroyed but it is pending!\ntask: <Task pending name='Task-2' coro=<work() running at app.py:4>>`)).toBeGreaterThanOrEqual(unaskedThreshold);
  });

  it('stays a likely answer, below the unasked threshold, when the paste shows another error', () => {
    const confidence = confidenceOf(`${code}\n\`\`\`\nRuntimeError: Cannot close a running event loop\n\`\`\``);
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThan(unaskedThreshold);
  });
});

describe('error texts that say less than they seem to', () => {
  const confidenceOf = (text: string, rule: string) => engine.diagnose(text).matches.find((m) => m.rule.id === rule)?.confidence ?? 0;
  const fixture = (name: string) => readFileSync(new URL(`../fixtures/parsers/${name}`, import.meta.url), 'utf8');

  it('an async generator missing a list method is the async-iterator mistake, unasked', () => {
    expect(confidenceOf("AttributeError: 'async_generator' object has no attribute 'flatten'", 'py/async-iterator-misuse')).toBeGreaterThanOrEqual(unaskedThreshold);
  });

  it('an async generator missing any other attribute (an unrun async fixture) is only likely', () => {
    const c = confidenceOf(fixture('agen-fixture-attribute.out.txt'), 'py/async-iterator-misuse');
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(unaskedThreshold);
  });

  it("CPython's reuse wording answers unasked; Nuitka's compiled_coroutine, which its own bugs raise too, is only likely", () => {
    expect(confidenceOf('RuntimeError: cannot reuse already awaited coroutine', 'py/coroutine-reused')).toBeGreaterThanOrEqual(unaskedThreshold);
    const nuitka = confidenceOf('RuntimeError: cannot reuse already awaited compiled_coroutine http_call', 'py/coroutine-reused');
    expect(nuitka).toBeGreaterThan(0);
    expect(nuitka).toBeLessThan(unaskedThreshold);
  });

  // IPython 6 (pydanny/cached-property#85): the paste stops after the prompt's own line.
  const ipythonCut = (calls: string[]) =>
    [
      '---------------------------------------------------------------------------',
      'RuntimeError                              Traceback (most recent call last)',
      '<ipython-input-1-a740a5aac079> in <module>()',
      '---> 16 asyncio.get_event_loop().run_until_complete(Foo().baz())',
      ...calls,
    ].join('\n');

  it('a traceback cut after its only frame, the user\'s call, is a likely answer, not an unasked one', () => {
    const c = confidenceOf(ipythonCut([]), 'py/loop-already-running');
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(unaskedThreshold);
  });

  it('cut deeper, at a library\'s call that starts the loop, it is answered unasked', () => {
    const deeper = ipythonCut([
      '',
      '/usr/local/lib/python3.8/dist-packages/tornado/ioloop.py in run_sync(self, func, timeout)',
      '--> 526         self.asyncio_loop.run_until_complete(future_cell[0])',
    ]);
    expect(confidenceOf(deeper, 'py/loop-already-running')).toBeGreaterThanOrEqual(unaskedThreshold);
  });
});

describe('a task dropped on a loop that runs on for the life of the program', () => {
  const bot = [
    '```py',
    'import asyncio',
    'import discord',
    '',
    'client = discord.Client()',
    '',
    'async def poll_feed():',
    '    await client.wait_until_ready()',
    '    while not client.is_closed():',
    '        last = open("last.txt").read()',
    '        await asyncio.sleep(60)',
    '',
    'client.loop.create_task(poll_feed())',
    'client.run("token")',
    '```',
  ].join('\n');

  it('ranks below the blocking call the task itself makes', () => {
    const matches = engine.diagnose(bot).matches;
    expect(matches[0]?.rule.id).toBe('py/blocking-call-in-async');
  });

  it('is not presented on its own when the task is all the paste shows', () => {
    const alone = bot.replace('        last = open("last.txt").read()\n', '');
    expect(engine.diagnose(alone).matches.map((m) => m.rule.id)).not.toContain('py/task-destroyed-pending');
  });

  it('still answers when the loop stops after another coroutine and leaves the task pending', () => {
    const stops = [
      '```python',
      'import asyncio',
      '',
      'async def heartbeat():',
      '    while True:',
      '        await asyncio.sleep(1)',
      '',
      'async def main():',
      '    await asyncio.sleep(3)',
      '',
      'loop = asyncio.new_event_loop()',
      'loop.create_task(heartbeat())',
      'loop.run_until_complete(main())',
      '```',
    ].join('\n');
    expect(engine.diagnose(stops).matches[0]?.rule.id).toBe('py/task-destroyed-pending');
  });

  it('is not presented for asyncio.ensure_future before the same scope runs its loop forever', () => {
    const forever = [
      '```python',
      'import asyncio',
      '',
      'async def ticker():',
      '    while True:',
      '        await asyncio.sleep(1)',
      '',
      'def start():',
      '    loop = asyncio.new_event_loop()',
      '    asyncio.set_event_loop(loop)',
      '    asyncio.ensure_future(ticker())',
      '    loop.run_forever()',
      '',
      'start()',
      '```',
    ].join('\n');
    expect(engine.diagnose(forever).matches.map((m) => m.rule.id)).not.toContain('py/task-destroyed-pending');
  });
});

// Node prints every process warning as "(node:PID) [CODE] Name: message" (lib/internal/process/warning.js).
describe("Node's DEP0018 sentence about unhandled rejections", () => {
  const sentence =
    'DeprecationWarning: Unhandled promise rejections are deprecated. In the future, promise rejections that are not handled will terminate the Node.js process with a non-zero exit code.';

  it('is a rejection nobody handled when Node printed it', () => {
    expect(engine.diagnose(`(node:4711) [DEP0018] ${sentence}`).matches[0]?.rule.id).toBe('js/unhandled-rejection');
    expect(engine.diagnose(`(node:4711) ${sentence}`).matches[0]?.rule.id).toBe('js/unhandled-rejection');
  });

  it('shows no rejection when quoted without the prefix, under code that already handles them', () => {
    const quoted = ["Why a package for this? Node's own event is enough:", '```js', "process.on('unhandledRejection', (err) => {", '  console.error(err);', '  process.exit(1);', '});', '```', `> ${sentence}`].join('\n');
    expect(engine.diagnose(quoted).matches).toEqual([]);
  });
});
