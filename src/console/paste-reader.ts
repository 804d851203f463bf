/**
 * Splits terminal input into messages. Outside a paste, each line is a
 * message; inside a bracketed paste (ESC[200~ … ESC[201~) newlines are kept,
 * so a multi-line traceback arrives as one message, sent with the next Enter.
 */
export const pasteStart = '\x1b[200~';
export const pasteEnd = '\x1b[201~';

export class PasteReader {
  private current = '';
  private inPaste = false;
  private pending = '';

  /** Feeds raw input; returns the messages completed by it. */
  feed(chunk: string): string[] {
    const out: string[] = [];
    let data = this.pending + chunk;
    this.pending = '';
    while (data.length > 0) {
      if (this.inPaste) {
        const end = data.indexOf(pasteEnd);
        if (end === -1) {
          // Keep a possible partial marker for the next chunk.
          const keep = partialSuffix(data, pasteEnd);
          this.current += data.slice(0, data.length - keep);
          this.pending = data.slice(data.length - keep);
          return out;
        }
        this.current += data.slice(0, end);
        this.inPaste = false;
        data = data.slice(end + pasteEnd.length);
        continue;
      }
      const start = data.indexOf(pasteStart);
      const newline = data.indexOf('\n');
      if (newline !== -1 && (start === -1 || newline < start)) {
        out.push(clean(this.current + data.slice(0, newline)));
        this.current = '';
        data = data.slice(newline + 1);
        continue;
      }
      if (start !== -1) {
        this.current += data.slice(0, start);
        this.inPaste = true;
        data = data.slice(start + pasteStart.length);
        continue;
      }
      const keep = partialSuffix(data, pasteStart);
      this.current += data.slice(0, data.length - keep);
      this.pending = data.slice(data.length - keep);
      return out.filter((m) => m.trim());
    }
    return out.filter((m) => m.trim());
  }

  /** End of input: whatever is left is the last message. */
  end(): string | null {
    const rest = clean(this.current + this.pending);
    this.current = '';
    this.pending = '';
    return rest.trim() ? rest : null;
  }
}

function clean(text: string): string {
  return text.replace(/\r/g, '');
}

/** Length of the longest suffix of `data` that is a prefix of `marker`. */
function partialSuffix(data: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, data.length); n > 0; n--) if (marker.startsWith(data.slice(-n))) return n;
  return 0;
}
