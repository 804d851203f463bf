/**
 * The console's own echo when it reads the terminal in raw mode. In the
 * terminal's usual line mode the terminal echoes every byte itself, so the
 * bracketed-paste markers it sends around a paste (ESC[200~ … ESC[201~) show
 * up as `^[[200~` on the screen. In raw mode nothing is echoed but what the
 * console writes: typed characters, Enter as a new line (the terminal still turns \n into a line break in raw mode), Backspace and Ctrl+U
 * as erasing, the pasted text without its markers. The input handed on is
 * what line mode would have given: lines ending in `\n`, markers kept for the
 * PasteReader, edits already applied to the line being typed.
 */
import { pasteEnd, pasteStart } from './paste-reader.js';

export interface RawInput {
  /** What the PasteReader reads: complete lines, and the paste markers. */
  input: string;
  /** What the terminal shows. */
  echo: string;
  /** Ctrl+C, or Ctrl+D on an empty line: the person wants to leave. */
  leave: boolean;
}

/** Columns a character takes: two for CJK and other wide characters. */
function width(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
}

/** An escape sequence other than the paste markers (an arrow key, a function key): CSI or SS3 and its final byte. */
const otherEscape = /^\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?/;

export class RawTerminal {
  /** The line being typed (outside a paste), kept to erase it on screen and to apply Backspace. */
  private line = '';
  private pasting = false;
  private pending = '';

  feed(chunk: string): RawInput {
    let data = this.pending + chunk;
    this.pending = '';
    let input = '';
    let echo = '';
    const flushLine = () => {
      input += this.line;
      this.line = '';
    };
    while (data.length > 0) {
      if (data.startsWith(pasteStart)) {
        flushLine();
        input += pasteStart;
        this.pasting = true;
        data = data.slice(pasteStart.length);
        continue;
      }
      if (data.startsWith(pasteEnd)) {
        input += pasteEnd;
        this.pasting = false;
        data = data.slice(pasteEnd.length);
        continue;
      }
      const ch = String.fromCodePoint(data.codePointAt(0)!);
      if (ch === '\x1b') {
        // A marker cut between two reads: wait for the rest.
        if (pasteStart.startsWith(data) || pasteEnd.startsWith(data)) {
          this.pending = data;
          break;
        }
        data = data.slice(otherEscape.exec(data)![0].length);
        continue;
      }
      data = data.slice(ch.length);
      if (this.pasting) {
        // Pasted text goes on as it is; the screen shows it with its line breaks.
        const text = ch === '\r' ? '\n' : ch;
        input += text;
        echo += text;
        continue;
      }
      if (ch === '\x03' || (ch === '\x04' && this.line === '')) return { input, echo, leave: true };
      if (ch === '\r' || ch === '\n') {
        flushLine();
        input += '\n';
        echo += '\n';
      } else if (ch === '\x7f' || ch === '\b') {
        const last = Array.from(this.line).pop();
        if (last !== undefined) {
          this.line = this.line.slice(0, -last.length);
          echo += width(last) === 2 ? '\b\b  \b\b' : '\b \b';
        }
      } else if (ch === '\x15') {
        // Ctrl+U: the whole line.
        for (const c of Array.from(this.line).reverse()) echo += width(c) === 2 ? '\b\b  \b\b' : '\b \b';
        this.line = '';
      } else if (ch === '\t' || ch >= ' ') {
        this.line += ch;
        echo += ch;
      }
    }
    return { input, echo, leave: false };
  }
}
