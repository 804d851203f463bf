/** The diff under a fix: correct for any edit, and only as long as the change, however long the file. */
import { applyPatch, formatPatch, structuredPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../src/fix/diff.js';

const line = fc.constantFrom('', 'x = 1', '    await f()', 'def g():', '}', 'return total', '  a', '  b');
const lines = fc.array(line, { maxLength: 30 });

describe('fix diff', () => {
  it('turns the user code into the fixed code when applied, for any edit', () => {
    fc.assert(
      fc.property(lines, lines, lines, lines, (head, old, neu, tail) => {
        const before = [...head, ...old, ...tail].join('\n');
        const after = [...head, ...neu, ...tail].join('\n');
        const { text, addedLines } = diffLines(before, after);
        const nl = (s: string) => (s.endsWith('\n') ? s : s + '\n');
        expect(applyPatch(nl(before), text)).toBe(nl(after));
        const afterLines = nl(after).split('\n');
        for (const n of addedLines) expect(afterLines[n - 1]).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });

  it('is the same diff as over the whole text for a one-line fix', () => {
    const before = 'import asyncio\n\nasync def main():\n    asyncio.sleep(1)\n    print("done")\n\nasyncio.run(main())\n';
    const after = before.replace('    asyncio.sleep', '    await asyncio.sleep');
    const whole = formatPatch(structuredPatch('your code', 'fixed', before, after, undefined, undefined, { context: 2 }));
    expect(diffLines(before, after)).toEqual({ text: whole, addedLines: [4], removedLines: [4] });
  });

  it('shows one small hunk at the right line in the middle of a 500 KB file', () => {
    const filler = Array.from({ length: 12_000 }, (_, i) => `    total_${i} = a + b`);
    const before = ['async def main():', ...filler, '    asyncio.sleep(1)', ...filler].join('\n');
    const after = before.replace('    asyncio.sleep(1)', '    await asyncio.sleep(1)');
    expect(before.length).toBeGreaterThan(500_000);
    const { text, addedLines } = diffLines(before, after);
    expect(addedLines).toEqual([12_002]);
    expect(text).toContain('@@ -12000,5 +12000,5 @@');
    expect(text.split('\n').length).toBeLessThan(15);
  });

  it('shows a rewrite of every line as one replaced block', () => {
    const before = Array.from({ length: 3_000 }, (_, i) => `x${i}`).join('\n');
    const after = Array.from({ length: 3_000 }, (_, i) => `    y${i}`).join('\n');
    const { text } = diffLines(before, after);
    expect(applyPatch(before + '\n', text)).toBe(after + '\n');
  });
});
