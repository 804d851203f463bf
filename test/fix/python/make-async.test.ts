/** py.make-enclosing-async: the def holding an `await` becomes `async def` when its callers can take that. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();

// github.com/prompt-toolkit/python-prompt-toolkit/issues/759: a key binding hands the handler's call to create_task.
const paste = (caller: string) =>
  [
    '```python',
    'def async_handler(event):',
    '    if handler:',
    '        await handler(event)',
    '',
    '    event.app.invalidate()',
    '',
    "@kb.add('enter')",
    'def _(event):',
    `    ${caller}`,
    '```',
  ].join('\n');

describe('a def whose call is handed to what runs a coroutine', () => {
  it('becomes async def: create_task already expects the coroutine its call makes', () => {
    const m = engine.diagnose(paste('asyncio.get_event_loop().create_task(async_handler(event))')).matches[0]!;
    expect(m.rule.id).toBe('py/await-outside-async');
    expect(m.fix?.code).toContain('async def async_handler(event):');
    expect(m.fix?.code).toContain('create_task(async_handler(event))');
  });

  it('is left alone when a plain function uses its result: that caller would get a coroutine', () => {
    const m = engine.diagnose(paste('print(async_handler(event))')).matches[0]!;
    expect(m.rule.id).toBe('py/await-outside-async');
    expect(m.fix).toBeNull();
  });
});
