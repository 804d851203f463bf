/**
 * The prose matcher ranks rules with FixedTermIndex, which keeps each term's scores instead of asking
 * MiniSearch again for every question. A question must get the very ranking MiniSearch gives: the same
 * rules, the same scores to the last bit, ties in the same order, the same shared terms.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { tokenize } from '../../src/match/prose.js';
import { FixedTermIndex } from '../../src/match/term-index.js';

interface Doc {
  id: string;
  title: string;
  summary: string;
  keywords: string;
  asked: string;
}

const rules = loadKnowledge();
const docs: Doc[] = rules.map((r) => ({
  id: r.id,
  title: [r.title, r.i18n?.['zh-CN']?.title ?? ''].join(' '),
  summary: [r.summary, r.i18n?.['zh-CN']?.summary ?? ''].join(' '),
  keywords: [...r.keywords, ...r.aliases].join(' '),
  asked: r.asked.join(' '),
}));
const options = {
  fields: ['title', 'summary', 'keywords', 'asked'],
  tokenize: (text: string) => tokenize(text, { nameParts: true }),
  processTerm: (t: string) => t,
  searchOptions: { boost: { title: 2, keywords: 2, asked: 2.5, summary: 1 }, prefix: false as const, fuzzy: false as const, combineWith: 'OR' as const, tokenize: (q: string) => [...new Set(tokenize(q))] },
};

const chat = readFileSync(new URL('../fixtures/ordinary-chat.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'));
const questions = [
  ...chat,
  // Every rule's own phrases, so every rule is found first at least once, and words of several rules at once.
  ...rules.flatMap((r) => r.asked),
  ...rules.map((r) => `${r.title} ${r.summary}`),
  'forEach 里面用 async await 为什么不等待？',
  'await await await the same word many times, await',
  // Error codes and numbers: keys a JavaScript object orders before words.
  'interaction 10062 unknown interaction 40060 after deferReply',
  '',
  'zzqx nothing any rule says',
];

describe('FixedTermIndex', () => {
  it('ranks every question exactly as MiniSearch does', () => {
    const mini = new MiniSearch<Doc>(options);
    mini.addAll(docs);
    const fixed = new FixedTermIndex<Doc>(options, docs);
    // Asked twice: the second time every term's scores come from what the first kept.
    for (const round of [1, 2]) {
      for (const q of questions) {
        const want = mini.search(q).map((h) => ({ id: h.id as string, score: h.score, terms: h.terms }));
        expect(fixed.search(q), `round ${round}: ${q}`).toEqual(want);
      }
    }
  });

  it('finds nothing for words no rule uses', () => {
    const fixed = new FixedTermIndex<Doc>(options, docs);
    expect(fixed.search('zzqx qqzz')).toEqual([]);
  });
});
