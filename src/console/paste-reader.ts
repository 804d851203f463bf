/**
 * Splits terminal input into messages. Outside a paste, each line is a
 * message; inside a bracketed paste (ESC[200~ … ESC[201~) newlines are kept,
 * so a multi-line traceback arrives as one message, sent with the next Enter.
 * A message longer than the command line's input cap is not kept: the reader
 * says so once (`tooLong`) as soon as it passes the cap and drops the rest of it.
 */
import { maxInputBytes } from '../app/input.js';

export const pasteStart = '\x1b[200~';
export const pasteEnd = '\x1b[201~';

/** Stands in the output for a message that passed the cap (its text is dropped). */
export const tooLong = Symbol('message too long');
export type ReadMessage = string | typeof tooLong;

export class PasteReader {
  private current = '';
  private currentBytes = 0;
  /** The current message passed the cap: the rest of it is dropped until it ends. */
  private skipping = false;
  private inPaste = false;
  private pending = '';

  constructor(private readonly maxBytes = maxInputBytes) {}

  /** True while a bracketed paste has started and not yet ended. */
  get pasting(): boolean {
    return this.inPaste;
  }

  /** Adds text to the current message; returns tooLong the moment the message passes the cap. */
  private append(text: string): ReadMessage[] {
    if (this.skipping || !text) return [];
    this.currentBytes += Buffer.byteLength(text);
    if (this.currentBytes <= this.maxBytes) {
      this.current += text;
      return [];
    }
    this.current = '';
    this.skipping = true;
    return [tooLong];
  }

  /** The current message is complete. */
  private finish(): ReadMessage[] {
    const message = clean(this.current);
    const dropped = this.skipping;
    this.current = '';
    this.currentBytes = 0;
    this.skipping = false;
    return dropped ? [] : [message];
  }

  /** Feeds raw input; returns the messages completed by it. */
  feed(chunk: string): ReadMessage[] {
    const out: ReadMessage[] = [];
    let data = this.pending + chunk;
    this.pending = '';
    while (data.length > 0) {
      if (this.inPaste) {
        const end = data.indexOf(pasteEnd);
        if (end === -1) {
          // Keep a possible partial marker for the next chunk.
          const keep = partialSuffix(data, pasteEnd);
          out.push(...this.append(data.slice(0, data.length - keep)));
          this.pending = data.slice(data.length - keep);
          return out.filter(worthAnswering);
        }
        out.push(...this.append(data.slice(0, end)));
        this.inPaste = false;
        data = data.slice(end + pasteEnd.length);
        continue;
      }
      const start = data.indexOf(pasteStart);
      const newline = data.indexOf('\n');
      if (newline !== -1 && (start === -1 || newline < start)) {
        out.push(...this.append(data.slice(0, newline)), ...this.finish());
        data = data.slice(newline + 1);
        continue;
      }
      if (start !== -1) {
        out.push(...this.append(data.slice(0, start)));
        this.inPaste = true;
        data = data.slice(start + pasteStart.length);
        continue;
      }
      const keep = partialSuffix(data, pasteStart);
      out.push(...this.append(data.slice(0, data.length - keep)));
      this.pending = data.slice(data.length - keep);
      return out.filter(worthAnswering);
    }
    return out.filter(worthAnswering);
  }

  /** End of input: whatever is left is the last message. */
  end(): ReadMessage | null {
    const passedCap = this.append(this.pending).length > 0;
    this.pending = '';
    const [rest] = this.finish();
    if (passedCap) return tooLong;
    return rest !== undefined && worthAnswering(rest) ? rest : null;
  }
}

function worthAnswering(m: ReadMessage): boolean {
  return typeof m !== 'string' || m.trim() !== '';
}

function clean(text: string): string {
  return text.replace(/\r/g, '');
}

/** Length of the longest suffix of `data` that is a prefix of `marker`. */
function partialSuffix(data: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, data.length); n > 0; n--) if (marker.startsWith(data.slice(-n))) return n;
  return 0;
}
