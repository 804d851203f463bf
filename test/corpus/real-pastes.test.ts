/**
 * The real-paste corpus (corpus/*.jsonl, see corpus/README.md): every line is a well-formed,
 * labelled case from an allowed public thread, and the engine's figures on the working part
 * never fall below the floor recorded in corpus/floor.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with `npm run eval`
import { corpusDir, isExcludedSource, kinds, langs, loadCorpus, scoreCorpus } from '../../scripts/corpus.mjs';
import { createEngine } from '../../src/engine.js';
import { catalogIds, secondRoundIds } from '../knowledge/catalog-ids.js';

interface Case {
  id: string;
  text: string;
  source: string;
  expect: string[];
  kind: string;
  lang: string;
  fix_contains?: string[];
  file: string;
  line: number;
  sealed: boolean;
}
const cases: Case[] = loadCorpus();
const ruleIds = new Set<string>([...catalogIds, ...secondRoundIds]);
const where = (c: Case) => `${c.file}:${c.line} (${c.id})`;

describe('the real-paste corpus', () => {
  it('holds only well-formed, labelled cases', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const c of cases) {
      if (typeof c.id !== 'string' || seen.has(c.id)) problems.push(`${where(c)}: id missing or repeated`);
      seen.add(c.id);
      if (typeof c.text !== 'string' || !c.text.trim()) problems.push(`${where(c)}: empty text`);
      if (typeof c.source !== 'string' || !/^https?:\/\/\S+$/.test(c.source)) problems.push(`${where(c)}: source is not a URL`);
      if (!Array.isArray(c.expect) || c.expect.some((id) => !ruleIds.has(id))) problems.push(`${where(c)}: expect names an unknown rule`);
      if (!kinds.includes(c.kind)) problems.push(`${where(c)}: kind ${c.kind}`);
      if (!langs.includes(c.lang)) problems.push(`${where(c)}: lang ${c.lang}`);
      if (c.fix_contains !== undefined && (!Array.isArray(c.fix_contains) || c.fix_contains.some((s) => typeof s !== 'string' || !s))) {
        problems.push(`${where(c)}: fix_contains must be non-empty strings`);
      }
    }
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThan(0);
  });

  it('is big enough to measure by: 600+ cases, a quarter negatives, 8+ per rule, every kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(600);
    expect(cases.filter((c) => c.expect.length === 0).length / cases.length).toBeGreaterThanOrEqual(0.25);
    const perRule = new Map<string, number>();
    for (const c of cases) for (const id of new Set(c.expect)) perRule.set(id, (perRule.get(id) ?? 0) + 1);
    expect([...ruleIds].filter((id) => (perRule.get(id) ?? 0) < 8)).toEqual([]);
    for (const kind of kinds) expect(cases.filter((c) => c.kind === kind).length, kind).toBeGreaterThanOrEqual(20);
  });

  it('never uses a thread on the exclusion list', () => {
    const list = readFileSync(join(corpusDir, 'exclude.sha256'), 'utf8').split('\n').filter(Boolean);
    // The list itself must be there and whole: an empty list would let every thread through.
    expect(list.length).toBeGreaterThan(100);
    expect(list.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(cases.filter((c) => isExcludedSource(c.source)).map(where)).toEqual([]);
  });

  it('the exclusion check recognises a listed thread in every URL spelling', async () => {
    const { createHash } = await import('node:crypto');
    const key = 'github.com/owner/repo/issues/42';
    const list = new Set([createHash('sha256').update(key).digest('hex')]);
    for (const url of ['https://github.com/Owner/Repo/issues/42', 'https://www.github.com/owner/repo/pull/42#x', 'github.com/owner/repo/discussions/42/']) {
      expect(isExcludedSource(url, list)).toBe(true);
    }
    expect(isExcludedSource('https://github.com/owner/repo/issues/43', list)).toBe(false);
  });
});

describe('accuracy on the working part', async () => {
  const floor = JSON.parse(readFileSync(join(corpusDir, 'floor.json'), 'utf8')) as Record<'top1WithError' | 'top1CodeOnly' | 'top1Prose' | 'falsePositives' | 'unaskedRight' | 'fixAccepted', number>;
  const score = scoreCorpus(await createEngine(), cases.filter((c) => !c.sealed));
  const rate = (r: { rate: number | null }) => r.rate ?? 1;
  it('stays at or above the recorded floor', () => {
    expect({
      top1WithError: rate(score.top1WithError) >= floor.top1WithError,
      top1CodeOnly: rate(score.top1CodeOnly) >= floor.top1CodeOnly,
      top1Prose: rate(score.top1Prose) >= floor.top1Prose,
      falsePositives: (score.falsePositives.rate ?? 0) <= floor.falsePositives,
      unaskedRight: rate(score.unaskedRight) >= floor.unaskedRight,
      fixAccepted: rate(score.fixAccepted) >= floor.fixAccepted,
    }).toEqual({ top1WithError: true, top1CodeOnly: true, top1Prose: true, falsePositives: true, unaskedRight: true, fixAccepted: true });
  });
});
