/** Lines cut from a function the paste does not show (read as its body), calling a coroutine the paste does not define. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { say } from '../../../src/render/messages.js';

const engine = await createEngine();

describe('a coroutine read as a value in lines cut from a function body', () => {
  it('is awaited where it stands, and the note says the function around the lines must be async', () => {
    const paste = 'With tortoise-orm 0.17 this prints a QuerySet:\n```python\n    user = User.filter(name=name).first()\n    print(user.name)\n```\n';
    const m = engine.diagnose(paste).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    expect(m.fix?.code).toBe('    user = await User.filter(name=name).first()\n    print(user.name)');
    expect(say(m.fix!.note)).toContain('must be an `async def`');
  });

  it('is not rewritten that way for one quoted line (a line a traceback or question quotes, not a body)', () => {
    const one = 'With tortoise-orm 0.17 this prints a QuerySet:\n```python\n    print(User.filter(name=name).first().name)\n```\n';
    for (const m of engine.diagnose(one).matches) expect(m.fix?.note ? say(m.fix.note) : '').not.toContain('must be an `async def`');
  });
});
