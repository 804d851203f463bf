/** Several matches, one block: the reply never carries two fixes that rewrite the same line differently. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { say } from '../../src/render/messages.js';
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
const match = (fixer: string, confidence = 0.9) => ({ rule: { id: `py/${fixer}`, fixer, language: 'python' }, confidence, reasons: [], where: null, findings: [] }) as unknown as RuleMatch;

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

describe("the best match's fix with the other matches' fixes of the same block", () => {
  it('folds in a confident later fix of other lines, and says both changes', () => {
    const [first, second] = fixMatches([match('add-await'), match('edit-print')], evidence, fixers);
    expect(first?.code).toBe('async def main():\n    await fetch()\n    print("ok")\n');
    expect(first?.diff).toContain('+    print("ok")');
    expect(first?.changedLines).toEqual([2, 3]);
    expect(say(first!.note)).toBe('Changed. Changed.');
    expect(second?.code).toBe('async def main():\n    fetch()\n    print("ok")\n');
  });

  it('leaves a guess out of it (a match below the confidence of an unasked answer)', () => {
    const [first] = fixMatches([match('add-await'), match('edit-print', 0.6)], evidence, fixers);
    expect(first?.code).toBe('async def main():\n    await fetch()\n    print("done")\n');
  });

  it('leaves out a fix that disagrees with it on a line (that one is dropped)', () => {
    const [first, second] = fixMatches([match('add-await'), match('drop-call')], evidence, fixers);
    expect(first?.code).toBe('async def main():\n    await fetch()\n    print("done")\n');
    expect(second).toBeNull();
  });

  const dir = mkdtempSync(join(tmpdir(), 'awaitbot-combined-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fixes both mistakes of a paste in one rewrite, which runs as its author meant', async () => {
    const program = [
      'async function main() {',
      '  const ready = Promise.resolve(false);',
      '  if (ready) {',
      "    console.log('ready');",
      '  }',
      '  [1, 2].forEach(async (n) => {',
      '    await new Promise((r) => setTimeout(r, 5));',
      '    console.log(n);',
      '  });',
      "  console.log('end');",
      '}',
      'main();',
      '',
    ].join('\n');
    const run = (code: string) => {
      const file = join(dir, 'main.js');
      writeFileSync(file, code);
      return spawnSync(process.execPath, [file], { encoding: 'utf8' }).stdout;
    };
    expect(run(program)).toBe('ready\nend\n1\n2\n');
    const engine = await createEngine();
    const d = engine.diagnose('```js\n' + program + '```');
    expect(d.matches.map((m) => m.rule.id)).toEqual(['js/async-foreach', 'js/promise-used-as-value']);
    const fix = d.matches[0]!.fix!;
    expect(fix.code).toContain('if (await ready)');
    expect(fix.code).toContain('for (const n of [1, 2])');
    expect(say(fix.note)).toMatch(/for…of.*\. Added `await` before `ready`/);
    expect(run(fix.code)).toBe('1\n2\nend\n');
  });
});

describe('an error that names the rule, and code that shows its cause', () => {
  const dir = mkdtempSync(join(tmpdir(), 'awaitbot-cause-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Warn mode: Node prints the UnhandledPromiseRejectionWarning older versions printed by default.
  const run = (code: string) => {
    const file = join(dir, 'close.js');
    writeFileSync(file, code);
    return spawnSync(process.execPath, ['--unhandled-rejections=warn', file], { encoding: 'utf8' });
  };
  // Closing a browser that rejects once the process is on its way out, as puppeteer's did.
  const program = [
    'async function closeBrowser() {',
    '  await new Promise((resolve) => setTimeout(resolve, 5));',
    "  throw new Error('Protocol error (Network.enable): Target closed.');",
    '}',
    '(async () => {',
    '  try {',
    "    console.log('shot');",
    '    closeBrowser();',
    '  } catch (err) {',
    "    console.log('handled:', err.message);",
    '  }',
    '})();',
    '',
  ].join('\n');

  it("shows the cause's fix under the rejection the error reports, and the rejection is then handled", async () => {
    const broken = run(program);
    expect(broken.stdout).toBe('shot\n');
    expect(broken.stderr).toContain('UnhandledPromiseRejectionWarning: Error: Protocol error (Network.enable): Target closed.');
    const engine = await createEngine();
    const d = engine.diagnose('```js\n' + program + '```\n\n```\n' + broken.stderr + '```');
    expect(d.matches[0]!.rule.id).toBe('js/unhandled-rejection');
    expect(d.matches.some((m) => m.rule.id === 'js/floating-promise')).toBe(true);
    const fix = d.matches[0]!.fix!;
    expect(fix.code).toContain('    await closeBrowser();');
    const fixed = run(fix.code);
    expect(fixed).toMatchObject({ status: 0, stdout: 'shot\nhandled: Protocol error (Network.enable): Target closed.\n', stderr: '' });
  });

  it('leaves the rule without a fix when the code only guesses at a cause', () => {
    const rejection = match('add-await', 0.96);
    const cause = match('add-await', 0.55);
    const fixesOf = fixMatches([{ ...rejection, rule: { id: 'js/unhandled-rejection', language: 'python' } } as unknown as RuleMatch, { ...cause, rule: { id: 'js/floating-promise', fixer: 'add-await', language: 'python' } } as unknown as RuleMatch], evidence, fixers);
    expect(fixesOf[0]).toBeNull();
    expect(fixesOf[1]?.code).toContain('await fetch()');
  });
});
