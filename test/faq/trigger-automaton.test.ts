import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TriggerAutomaton } from '../../src/faq/trigger-automaton.js';

/** What the automaton must agree with: every pattern tested on its own. */
function naive(patterns: string[], text: string): number[] {
  return patterns.flatMap((p, id) => (p.length > 0 && text.includes(p) ? [id] : []));
}

describe('TriggerAutomaton', () => {
  it('finds overlapping patterns and patterns inside other patterns (the textbook he/she/his/hers case)', () => {
    const a = new TriggerAutomaton(['he', 'she', 'his', 'hers']);
    expect(a.matches('ushers')).toEqual([0, 1, 3]);
    expect(a.matches('ahishers')).toEqual([0, 1, 2, 3]);
  });

  it('reports nothing for a text that holds no pattern, or only a pattern cut short', () => {
    const a = new TriggerAutomaton(['connectionreseterror', 'event loop is closed']);
    expect(a.matches('connectionreset happened')).toEqual([]);
    expect(a.matches('the event loop is clos')).toEqual([]);
    expect(a.matches('')).toEqual([]);
  });

  it('ignores an empty pattern instead of matching everything', () => {
    const a = new TriggerAutomaton(['', 'abc']);
    expect(a.matches('xyz')).toEqual([]);
    expect(a.matches('xabcx')).toEqual([1]);
  });

  it('reports every id of a pattern given twice', () => {
    expect(new TriggerAutomaton(['timeout', 'timeout']).matches('a timeout')).toEqual([0, 1]);
  });

  it('walks UTF-16 code units: characters outside the BMP and CJK match as written', () => {
    const a = new TriggerAutomaton(['任务被销毁', '🔥 boom']);
    expect(a.matches('错误: 任务被销毁了')).toEqual([0]);
    expect(a.matches('x 🔥 boom')).toEqual([1]);
    expect(a.matches('🔥boom')).toEqual([]);
  });

  it('stops when the callback says so', () => {
    const seen: number[] = [];
    new TriggerAutomaton(['aa']).scan('aaaaaa', (id) => {
      seen.push(id);
      return seen.length === 2;
    });
    expect(seen).toEqual([0, 0]);
  });

  it('agrees with testing each pattern on its own, for any patterns and text over a small alphabet', () => {
    // A small alphabet makes shared prefixes, suffix overlaps and failure chains common.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'd'), maxLength: 200 }), (patterns, text) => {
        expect(new TriggerAutomaton(patterns).matches(text)).toEqual(naive(patterns, text));
      }),
      { numRuns: 500 },
    );
  });
});
