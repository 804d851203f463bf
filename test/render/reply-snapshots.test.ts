/**
 * Every rule's reply, as people read it, kept as files (in the spirit of typescript-eslint's `.shot`
 * files): for each rule, its first captured fixture is diagnosed and rendered in English and in
 * Simplified Chinese, for Discord (the API message JSON) and for the terminal (text). A change to any
 * reply then shows up in review as a diff of these files. After an intended change, refresh them
 * with `npx vitest run test/render/reply-snapshots.test.ts -u` and read the diff.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { renderDiagnosis } from '../../src/render/discord.js';
import { renderText } from '../../src/render/text.js';
import { replyCases } from './reply-cases.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engine = await createEngine();
const cases = replyCases(engine);

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
