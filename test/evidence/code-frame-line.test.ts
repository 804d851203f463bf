/** The code-frame line test runs on every line of every pasted block, attachments of 512 KB included. */
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { FRAME_CODE_LINE } from '../../src/evidence/index.js';

describe("a compiler's code-frame line", () => {
  it('runs in linear time, however long the indentation before it', () => {
    expect(checkSync(FRAME_CODE_LINE.source, FRAME_CODE_LINE.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
  });

  it('still reads the marked line, the unmarked ones and nothing else', () => {
    expect(FRAME_CODE_LINE.exec('>  8 |       let a = await f();')?.[1]).toBe('>');
    expect(FRAME_CODE_LINE.exec('  > 8 | x')?.[1]).toBe('>');
    const unmarked = FRAME_CODE_LINE.exec('   6 |   init() {');
    expect(unmarked).not.toBeNull();
    expect(unmarked?.[1]).not.toBe('>');
    expect(FRAME_CODE_LINE.test('  12 |')).toBe(true);
    expect(FRAME_CODE_LINE.test(' '.repeat(4000) + 'if x:')).toBe(false);
    expect(FRAME_CODE_LINE.test('> >  8 | x')).toBe(false);
    expect(FRAME_CODE_LINE.test('8|x')).toBe(false);
  });
});
