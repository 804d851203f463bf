/**
 * Precision on weak evidence: a code-only finding that is not reason enough to answer unasked
 * (help-channel watching) stays a likely answer.
 */
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

  it('is still named, as a likely answer below the unasked threshold', () => {
    const match = engine.diagnose(code).matches.find((m) => m.rule.id === 'py/get-event-loop-deprecated');
    expect(match).toBeDefined();
    expect(match!.confidence).toBeLessThan(unaskedThreshold);
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
