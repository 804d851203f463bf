/** Several matches, one block: the reply never carries two fixes that rewrite the same line differently. */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/evidence/types.js';
import { fixMatches } from '../../src/fix/index.js';
import type { Fixer } from '../../src/fix/types.js';
import type { RuleMatch } from '../../src/match/index.js';

const code = 'async def main():\n    fetch()\n    print("done")\n';
const evidence = { codeBlocks: [{ blockIndex: 0, language: 'python', code, rest: '' }], errors: [], warnings: [], findings: [] } as unknown as Evidence;

const replaceLine = (n: number, text: string): Fixer => (input) => {
  const lines = input.code.split('\n');
  lines[n - 1] = text;
  return { code: lines.join('\n'), note: 'changed.' };
};
const fixers: Record<string, Fixer> = {
  'add-await': replaceLine(2, '    await fetch()'),
  'drop-call': replaceLine(2, '    fetch'),
  'same-await': replaceLine(2, '    await fetch()'),
  'edit-print': replaceLine(3, '    print("ok")'),
  'add-import': (input) => ({ code: 'import asyncio\n' + input.code, note: 'added.' }),
};
const match = (fixer: string) => ({ rule: { id: `py/${fixer}`, fixer, language: 'python' }, confidence: 0.9, reasons: [], where: null, findings: [] }) as unknown as RuleMatch;

describe('fixes of several matches', () => {
  it('drops a later fix that rewrites a line the best match\'s fix rewrites differently', () => {
    const [first, second] = fixMatches([match('add-await'), match('drop-call')], evidence, fixers);
    expect(first?.code).toContain('    await fetch()');
    expect(second).toBeNull();
  });

  it('keeps later fixes that touch other lines, only add lines, or agree', () => {
    const fixes = fixMatches([match('add-await'), match('edit-print'), match('add-import'), match('same-await')], evidence, fixers);
    expect(fixes.map((f) => f !== null)).toEqual([true, true, true, true]);
  });

  it('checks against the fixes it shows, not the ones it dropped', () => {
    const fixes = fixMatches([match('add-await'), match('drop-call'), match('same-await')], evidence, fixers);
    expect(fixes.map((f) => f !== null)).toEqual([true, false, true]);
  });
});
