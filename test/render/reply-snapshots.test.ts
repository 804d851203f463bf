/**
 * Every rule's reply, as people read it, kept as files (in the spirit of typescript-eslint's `.shot`
 * files): for each rule, its first captured fixture is diagnosed and rendered in English and in
 * Simplified Chinese, for Discord (the API message JSON) and for the terminal (text). A change to any
 * reply then shows up in review as a diff of these files. After an intended change, refresh them
 * with `npx vitest run test/render/reply-snapshots.test.ts -u` and read the diff.
 */
import { readdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { renderDiagnosis } from '../../src/render/discord.js';
import { renderText } from '../../src/render/text.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engine = await createEngine();
const rules = engine.rules.filter((r) => r.status !== 'deprecated');
const captured = /\.(?:out\.txt|paste\.md|issue\.txt)$/;

/** The rule's first fixture (by name) that the engine answers with that rule. */
function firstAnswered(id: string): { file: string; text: string } | null {
  const dir = join(root, 'test/fixtures/cases', id);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => captured.test(f)).sort();
  } catch {
    return null;
  }
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (engine.diagnose(text).matches[0]?.rule.id === id) return { file: f, text };
  }
  return null;
}

const cases = rules.map((r) => ({ id: r.id, fixture: firstAnswered(r.id) }));

describe('rendered replies, kept as files', () => {
  it('has a fixture the engine answers for every rule', () => {
    expect(cases.filter((c) => !c.fixture).map((c) => c.id)).toEqual([]);
  });

  describe.each(cases.filter((c) => c.fixture))('$id', ({ id, fixture }) => {
    const d = engine.diagnose(fixture!.text);
    it.each(['en', 'zh-CN'])('%s', async (locale) => {
      const base = join(root, 'test/render/replies', id, locale);
      const discord = renderDiagnosis(d, { caseKey: 'case-key', public: true, locale });
      const json = JSON.stringify({ fixture: fixture!.file, ...discord, files: discord.files.map((f) => ({ name: f.name, text: f.data.toString('utf8') })) }, null, 2);
      await expect(json + '\n').toMatchFileSnapshot(`${base}.discord.json`);
      await expect(renderText(d, { locale })).toMatchFileSnapshot(`${base}.text.txt`);
    });
  });
});
