import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeedleSet } from '../../src/match/needles.js';

describe('NeedleSet', () => {
  it('finds needles that overlap, start at the same place or sit inside each other', () => {
    const has = new NeedleSet(['he', 'she', 'his', 'hers', "coroutine '", "coroutine 'f' was never awaited"]).in("ushers: coroutine 'f' was never awaited");
    expect(['he', 'she', 'hers', "coroutine '", "coroutine 'f' was never awaited"].every(has)).toBe(true);
    expect(has('his')).toBe(false);
  });

  it('takes needles with regex characters literally', () => {
    const has = new NeedleSet(['promise { <pending> }', 'a.b', '(in promise)']).in('got promise { <pending> } (in promise)');
    expect([has('promise { <pending> }'), has('(in promise)'), has('a.b')]).toEqual([true, true, false]);
    expect(new NeedleSet(['a.b']).in('axb')('a.b')).toBe(false);
  });

  it('answers a needle it was not built with, and an empty one, as includes does', () => {
    const has = new NeedleSet(['event loop is closed']).in('the event loop is closed');
    expect([has('loop is'), has('is open'), has('')]).toEqual([true, false, true]);
    expect(new NeedleSet([]).in('anything')('any')).toBe(true);
  });

  it('agrees with includes on any needles and text', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', '(', ' ', '\n', "'"), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', '(', ' ', '\n', "'"), maxLength: 60 }), (needles, text) => {
        const has = new NeedleSet(needles).in(text);
        for (const n of needles) expect(has(n)).toBe(text.includes(n));
      }),
      { numRuns: 500 },
    );
  });
});
