/** Pastes with no code block: the fix rewrites the one line of the user's code that the warning or traceback quotes. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();

function first(text: string) {
  return engine.diagnose(text).matches[0]!;
}

describe('a never-awaited warning alone', () => {
  it('awaits the method call the warning names on the quoted line', () => {
    const m = first("/app/src/menu.py:74: RuntimeWarning: coroutine 'Messageable.send' was never awaited\n  message.channel.send(\"Pick a number\")\nRuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('await message.channel.send("Pick a number")');
    expect(m.fix?.note).toContain('async def');
  });

  it('awaits a plain function call on a line that uses self (a method body)', () => {
    const m = first("/lib/proto.py:466: RuntimeWarning: coroutine 'skip' was never awaited\n  skip(self.trans, ttype)\n");
    expect(m.fix?.code).toBe('await skip(self.trans, ttype)');
  });

  it('parenthesises the await when the result is used (`(await f()).x`)', () => {
    const m = first("/app/a.py:3: RuntimeWarning: coroutine 'Client.fetch' was never awaited\n  name = client.fetch(1).name\n");
    expect(m.fix?.code).toBe('name = (await client.fetch(1)).name');
  });

  it('leaves a plain `main()` alone: the warning does not say whether it ran at the top level or in a function', () => {
    const m = first("/app/a.py:9: RuntimeWarning: coroutine 'main' was never awaited\n  main()\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix).toBeNull();
  });

  it('does not touch a call the warning does not name', () => {
    const m = first("/app/a.py:3: RuntimeWarning: coroutine 'Client.close' was never awaited\n  client.send(1)\n");
    expect(m.fix).toBeNull();
  });

  it('does not guess between two calls of the named coroutine on one line', () => {
    const m = first("/app/a.py:3: RuntimeWarning: coroutine 'Channel.send' was never awaited\n  a.send(1) or b.send(2)\n");
    expect(m.fix).toBeNull();
  });
});
