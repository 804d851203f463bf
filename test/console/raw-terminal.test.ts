/** The console's own echo in raw mode: what the terminal shows, and what the PasteReader reads. */
import { describe, expect, it } from 'vitest';
import { RawTerminal } from '../../src/console/raw-terminal.js';
import { pasteEnd, pasteStart } from '../../src/console/paste-reader.js';

describe('RawTerminal', () => {
  it('never shows the bracketed-paste markers, and hands them on with the pasted lines', () => {
    const t = new RawTerminal();
    const r = t.feed(`${pasteStart}Traceback (most recent call last):\r  File "bot.py", line 3\rRuntimeError: x${pasteEnd}\r`);
    expect(r.echo).not.toContain('\x1b');
    expect(r.echo).toBe('Traceback (most recent call last):\n  File "bot.py", line 3\nRuntimeError: x\n');
    expect(r.input).toBe(`${pasteStart}Traceback (most recent call last):\n  File "bot.py", line 3\nRuntimeError: x${pasteEnd}\n`);
  });

  it('keeps a marker cut between two reads whole', () => {
    const t = new RawTerminal();
    const a = t.feed('\x1b[20');
    const b = t.feed(`0~line${pasteEnd.slice(0, 3)}`);
    const c = t.feed(`${pasteEnd.slice(3)}\r`);
    expect(a.echo + b.echo + c.echo).toBe('line\n');
    expect(a.input + b.input + c.input).toBe(`${pasteStart}line${pasteEnd}\n`);
  });

  it('applies Backspace and Ctrl+U to the typed line, on screen and in what is read', () => {
    const t = new RawTerminal();
    const r = t.feed('/hex\x7flp\r');
    expect(r.input).toBe('/help\n');
    expect(r.echo).toBe('/hex\b \blp\n');
    const wide = t.feed('你好\x7f\x15/faq\r');
    expect(wide.input).toBe('/faq\n');
    expect(wide.echo).toBe('你好\b\b  \b\b\b\b  \b\b/faq\n');
  });

  it('drops arrow keys and other escape sequences, and leaves on Ctrl+C or Ctrl+D on an empty line', () => {
    const t = new RawTerminal();
    expect(t.feed('ab\x1b[D\x1bOAc').echo).toBe('abc');
    expect(t.feed('\x04').leave).toBe(false); // the line is not empty
    expect(t.feed('\r').input).toBe('abc\n');
    expect(t.feed('\x04').leave).toBe(true);
    expect(new RawTerminal().feed('half a line\x03').leave).toBe(true);
  });
});
