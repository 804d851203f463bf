import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeedleSet, requiredLiteral } from '../../src/match/needles.js';

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

describe('requiredLiteral', () => {
  it('reads the literal part a pattern cannot match without, lower-cased', () => {
    expect(requiredLiteral("Can ?not use keyword 'await' outside an async function")).toBe("not use keyword 'await' outside an async function");
    expect(requiredLiteral('Uncaught \\(in promise\\)')).toBe('uncaught (in promise)');
    expect(requiredLiteral('Promise \\{ ?<pending> ?\\}')).toBe('promise {');
    expect(requiredLiteral('^\\s*future: <(?:_Gathering)?Future (?:finished|pending)')).toBe('future: <');
    expect(requiredLiteral('threading\\.py:\\d{1,7}: RuntimeWarning')).toBe(': runtimewarning');
    expect(requiredLiteral('\\bMissingGreenlet\\b')).toBe('missinggreenlet');
  });

  it('vouches for nothing it cannot read: alternatives, codes, too short a literal', () => {
    expect(requiredLiteral('event loop is closed|loop closed')).toBeNull();
    expect(requiredLiteral('ab\\x41\\x42cd')).toBeNull();
    expect(requiredLiteral('\\u0041\\u0042\\u0043\\u0044')).toBeNull();
    expect(requiredLiteral('(?:never awaited)')).toBeNull();
    expect(requiredLiteral('a.b.c.d')).toBeNull();
    expect(requiredLiteral('unbalanced)')).toBeNull();
  });

  it('is held by every text the pattern matches, case-insensitively', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'b', 'A', 'x', ' ', "'", '\\.', '\\(', '\\d', '\\s', '\\b', '.', '[ab]', '(?:ab|x)', '(a)', '\\1', '\\x61', '\\u0062', '^', '$', 'é'),
      fc.tuple(fc.constantFrom('a', 'b', '(?:ab)', '[ab]'), fc.constantFrom('?', '*', '+', '{0,2}', '{2}', '+?', '??')).map(([p, q]) => p + q),
    );
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', 'x', 'X', ' ', "'", '.', '(', '1', '\n', 'é', 'É'), maxLength: 24 });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), fc.array(text, { maxLength: 8 }), (pieces, texts) => {
        const source = pieces.join('');
        let re: RegExp;
        try {
          re = new RegExp(source, 'im');
        } catch {
          return;
        }
        const lead = requiredLiteral(source, 1);
        if (lead === null) return;
        for (const t of texts) if (re.test(t)) expect(t.toLowerCase()).toContain(lead);
      }),
      { numRuns: 3000 },
    );
  });
});
