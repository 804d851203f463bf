/**
 * A plain def that schedules onto the loop (`loop.create_task`, `call_soon`) is unsafe when it runs on another
 * thread. A paste that shows no thread of its own may say so in words ("when I call it from a different
 * thread"): its plain defs are then that code, except the ones the loop itself calls back.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const code = [
  '```python',
  'def notify(text):',
  '    client.loop.create_task(send_async(text))',
  '',
  'async def send_async(text):',
  '    await channel.send(text)',
  '```',
].join('\n');

describe('code the paste says runs on another thread', () => {
  it('said in words: the loop call in the plain def is the thread-unsafe one', () => {
    expect(rulesOf(`The bot runs on the main thread and I call notify from a different thread:\n\n${code}`)[0]).toBe('py/thread-unsafe-loop-access');
    expect(rulesOf(`notify() is called in a background thread:\n\n${code}`)[0]).toBe('py/thread-unsafe-loop-access');
  });

  it('not said, or said the other way round: not read as thread-unsafe', () => {
    expect(rulesOf(`Here is my code:\n\n${code}`)).not.toContain('py/thread-unsafe-loop-access');
    expect(rulesOf(`notify is not called from another thread, only from the bot:\n\n${code}`)).not.toContain('py/thread-unsafe-loop-access');
  });

  it('a def the loop itself calls back (call_soon) runs on the loop thread, whatever the words say', () => {
    const callback = ['```python', 'def on_tick():', '    loop.create_task(send_async("tick"))', '', 'loop.call_soon(on_tick)', '```'].join('\n');
    expect(rulesOf(`Other work runs in a separate thread:\n\n${callback}`)).not.toContain('py/thread-unsafe-loop-access');
  });
});
