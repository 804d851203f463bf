/** Bracketed paste in the terminal: a multi-line paste is one message; typed lines are one message each. */
import { describe, expect, it } from 'vitest';
import { PasteReader, pasteEnd, pasteStart, tooLong, type ReadMessage } from '../../src/console/paste-reader.js';

describe('PasteReader', () => {
  it('gives each typed line as its own message', () => {
    const r = new PasteReader();
    expect(r.feed('/faq never awaited\n/help\n')).toEqual(['/faq never awaited', '/help']);
  });

  it('keeps a bracketed multi-line paste together until Enter', () => {
    const r = new PasteReader();
    const tb = 'Traceback (most recent call last):\n  File "bot.py", line 3, in <module>\nRuntimeError: no running event loop\n';
    expect(r.feed(`${pasteStart}${tb}${pasteEnd}`)).toEqual([]);
    expect(r.feed('\n')).toEqual([tb]);
  });

  it('handles markers split across chunks and text typed before the paste', () => {
    const r = new PasteReader();
    const all = `/explain ${pasteStart}line one\nline two${pasteEnd}\n`;
    const out: ReadMessage[] = [];
    for (const ch of all) out.push(...r.feed(ch));
    expect(out).toEqual(['/explain line one\nline two']);
  });

  it('drops carriage returns and empty lines, and returns the unfinished rest at the end', () => {
    const r = new PasteReader();
    expect(r.feed('\r\n\nhello\r\nlast words')).toEqual(['hello']);
    expect(r.end()).toBe('last words');
    expect(r.end()).toBeNull();
  });

  it('reports a message past the cap once, as soon as it passes, keeps none of it, and reads on', () => {
    const r = new PasteReader(10);
    expect(r.feed(`${pasteStart}0123456`)).toEqual([]);
    expect(r.feed('789abc')).toEqual([tooLong]);
    expect(r.feed('more and more of the same paste')).toEqual([]);
    expect(r.feed(`${pasteEnd}\nshort\n`)).toEqual(['short']);
    expect(r.feed('also long line\n')).toEqual([tooLong]);
    expect(r.feed('0123456789ABCDEF')).toEqual([tooLong]);
    expect(r.end()).toBeNull();
    expect(r.feed('0123456789')).toEqual([]);
    expect(r.end()).toBe('0123456789');
  });
});
