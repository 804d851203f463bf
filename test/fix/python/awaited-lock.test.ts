/**
 * `with (await self.lock):`, the pre-3.9 way to hold an asyncio Lock (3.9 removed it: "TypeError:
 * object Lock can't be used in 'await' expression"): the fix is `async with self.lock:`, not
 * dropping the `await` (a plain `with` on the lock fails too). The script and its traceback are
 * real: python3 runs both, before and after.
 */
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { say } from '../../../src/render/messages.js';
import { runPythonScript as run } from './run-script.js';
import { AWAITED_LOCK } from '../../../src/fix/python/use-async-with.js';

const engine = await createEngine();

const script = `import asyncio

class Counter:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.count = 0

    async def bump(self):
        with (await self.lock):
            self.count += 1

async def main():
    c = Counter()
    await asyncio.gather(c.bump(), c.bump())
    print(c.count)

asyncio.run(main())
`;

describe('an asyncio lock acquired by awaiting it in a with', () => {
  it('becomes async with, in the code block, and the fixed script counts to 2', () => {
    const traceback = run(script);
    expect(traceback).toContain("TypeError: object Lock can't be used in 'await' expression");
    const m = engine.diagnose(`This worked on 3.8:\n\`\`\`python\n${script}\`\`\`\n\`\`\`\n${traceback}\n\`\`\``).matches[0]!;
    expect(m.fix?.code).toContain('        async with self.lock:\n            self.count += 1');
    expect(m.fix?.code).not.toContain('await self.lock');
    expect(say(m.fix!.note)).toContain('Python 3.9');
    expect(run(m.fix!.code)).toBe('2');
  });

  it('becomes async with on the one line a traceback quotes', () => {
    const traceback = run(script);
    const m = engine.diagnose(`Upgrading to Python 3.11 broke our server:\n\`\`\`\n${traceback}\n\`\`\``).matches[0]!;
    expect(m.fix?.code).toBe('async with self.lock:');
  });

  it('is left alone for a with on what an awaited call returned (a connection, not a lock), and with no such error', () => {
    const conn = script.replace('with (await self.lock):', 'with (await self.open_conn()) as c:');
    const error = "\n```\nTypeError: object Lock can't be used in 'await' expression\n```";
    const matches = engine.diagnose(`\`\`\`python\n${conn}\`\`\`${error}`).matches;
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) expect(m.fix?.code ?? '').not.toContain('async with self.open_conn()');
    for (const m of engine.diagnose(`Is this lock right?\n\`\`\`python\n${script}\`\`\``).matches) expect(m.fix?.code ?? '').not.toContain('async with self.lock');
  });

  it('reads the statement in linear time', () => {
    expect(checkSync(AWAITED_LOCK.source, AWAITED_LOCK.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
  });
});
