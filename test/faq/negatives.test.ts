/**
 * Precision of server entries made the way moderators make them: an entry
 * drafted (name, triggers) from each fixture case's error line, then every
 * paste of the project's negative fixtures read by help-channel watching.
 * None may be answered by a server entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { chooseAnswer } from '../../src/faq/answer-choice.js';
import { draftFromDiagnosis } from '../../src/faq/draft.js';
import { TriggerIndex } from '../../src/faq/triggers.js';
import { repoRoot } from '../store/helpers.js';

const pasteFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pasteFiles(join(dir, e.name)) : /\.(out\.txt|paste\.md|issue\.txt)$/.test(e.name) ? [join(dir, e.name)] : [],
  );

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('server entries drafted from the fixture cases', () => {
  it('answer none of the negative fixtures, unasked', () => {
    const drafts = pasteFiles(join(repoRoot, 'test/fixtures/cases')).map((f, i) => ({ ...draftFromDiagnosis(engine.diagnose(readFileSync(f, 'utf8'))), name: `entry-${i}` }));
    const withTriggers = drafts.filter((d) => d.triggers.length > 0);
    expect(withTriggers.length).toBeGreaterThan(0);
    const index = new TriggerIndex(withTriggers);
    const byName = new Map(withTriggers.map((d) => [d.name, d]));
    const negatives = pasteFiles(join(repoRoot, 'test/fixtures/negatives'));
    expect(negatives.length).toBeGreaterThan(10);
    const answered = negatives.flatMap((f) => {
      const d = engine.diagnose(readFileSync(f, 'utf8'));
      const choice = chooseAnswer(d, index.match(d.paste.text, d.evidence.languages), (n) => byName.get(n) ?? null, { confidentAt: 0.8, unasked: true });
      return choice.kind === 'entry' ? [`${f}: ${choice.trigger}`] : [];
    });
    expect(answered).toEqual([]);
  });
});
