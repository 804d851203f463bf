/**
 * The terminal reply's "Fix:" section is the rule's whole "How to fix": every
 * paragraph, every bullet on its own line, every code block line for line. A
 * fix cut at its first code block loses the alternatives that come after it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { renderText, wholeSection } from '../../src/render/text.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

/** The lines of the reply from "Fix:" up to the next labelled part. */
function fixPart(reply: string): string[] {
  const lines = reply.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Fix:'));
  expect(start, reply).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^(?:Here|Your code, fixed|Corrected example|Docs|In Discord)\b/.test(l));
  return lines.slice(start, end === -1 ? undefined : end);
}

const blocking = 'import asyncio, time\n\nasync def main():\n    time.sleep(5)\n    print("done")\n\nasyncio.run(main())\n';

describe('the CLI fix section', () => {
  it('keeps a real rule\'s bullets, both code blocks and the paragraph after them', () => {
    const d = engine.diagnose(blocking);
    const m = d.matches.find((x) => x.rule.id === 'py/blocking-call-in-async');
    expect(m, JSON.stringify(d.matches.map((x) => x.rule.id))).toBeDefined();
    const fix = fixPart(renderText({ ...d, matches: [m!] }));
    const section = m!.rule.sections['How to fix']!;
    // Each bullet of the source starts its own line, wrapped continuation joined on.
    const bullets = section.split('\n').filter((l) => /^- /.test(l));
    expect(bullets.length).toBeGreaterThan(2);
    for (const b of bullets) expect(fix.some((l) => l.startsWith(b.trimEnd())), b).toBe(true);
    expect(fix).toContain('- `psycopg2` / `pymysql` → async drivers such as `asyncpg`, `aiomysql`, or `motor` for MongoDB;');
    // Every code line of every block, after the first block too.
    const code = [...section.matchAll(/```\w*\n([\s\S]*?)```/g)].flatMap((b) => b[1]!.trimEnd().split('\n'));
    expect(code.length).toBeGreaterThan(2);
    for (const line of code) expect(fix, line).toContain(`    ${line}`);
    expect(fix.join('\n')).not.toContain('```');
    // The prose after the first code block is there too.
    expect(fix.join('\n')).toMatch(/CPU-heavy work .*ProcessPoolExecutor/);
  });

  it('lays out paragraphs, nested bullets and fenced blocks of any kind in order', () => {
    const section = [
      'First do this, which is',
      'wrapped over two lines:',
      '',
      '1. number one,',
      '   continued',
      '2. number two',
      '   - nested detail',
      '',
      '```js',
      'if (a) {',
      '  await b();',
      '}',
      '```',
      '',
      'Then a paragraph between blocks.',
      '',
      '~~~~',
      '```not a closer here',
      '~~~~',
      '',
      '* star bullet',
      '* another',
      '',
      'And a last word.',
    ].join('\n');
    expect(wholeSection(section)).toEqual([
      'First do this, which is wrapped over two lines:',
      '1. number one, continued\n2. number two\n   - nested detail',
      '    if (a) {\n      await b();\n    }',
      'Then a paragraph between blocks.',
      '    ```not a closer here',
      '* star bullet\n* another',
      'And a last word.',
    ]);
  });

  it('puts a fix that opens with a list or code under the heading, not on its line', () => {
    const d = engine.diagnose(blocking);
    const m = d.matches.find((x) => x.rule.id === 'py/blocking-call-in-async')!;
    const rule = { ...m.rule, sections: { ...m.rule.sections, 'How to fix': '- one\n- two\n\n```\nx = 1\n```\n\nDone.' } };
    const fix = fixPart(renderText({ ...d, matches: [{ ...m, rule }] }));
    expect(fix.slice(0, 7)).toEqual(['Fix:', '- one', '- two', '', '    x = 1', '', 'Done.']);
  });
});
