/** One rewrite fixes the mistake everywhere the paste makes it, not only on the line a finding names. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();

// github.com/astral-sh/ty/issues/2791: the coroutine dropped on one line and stored unawaited on the next.
const paste = (after: string) =>
  [
    '```python',
    'async def fetch_data() -> str:',
    '    return "data"',
    '',
    'async def main() -> None:',
    '    fetch_data()  # should warn: coroutine is not awaited',
    '    result = fetch_data()  # should warn: result is Coroutine, not str',
    ...after.split('\n').filter(Boolean),
    '```',
  ].join('\n');

describe('a coroutine of the same async def stored unawaited on another line', () => {
  it('is awaited in the same rewrite as the dropped call', () => {
    const m = engine.diagnose(paste('')).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toContain('    await fetch_data()  # should warn');
    expect(m.fix?.code).toContain('    result = await fetch_data()  # should warn');
  });

  it('is awaited when the value is read afterwards as the result it should be', () => {
    const m = engine.diagnose(paste('    print(result.upper())')).matches[0]!;
    expect(m.fix?.code).toContain('    result = await fetch_data()');
  });

  it('is left alone when it is awaited later (a coroutine kept on purpose)', () => {
    const m = engine.diagnose(paste('    print(await result)')).matches[0]!;
    expect(m.fix?.code).toContain('    await fetch_data()  # should warn');
    expect(m.fix?.code).toContain('    result = fetch_data()  # should warn');
  });

  it('is left alone when it is handed to gather or create_task', () => {
    const m = engine.diagnose(paste('    await asyncio.gather(result)')).matches[0]!;
    expect(m.fix?.code).toContain('    result = fetch_data()  # should warn');
  });
});
