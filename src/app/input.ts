/**
 * Reading a paste from a stream, with one cap for every way text comes in (a
 * FILE, stdin, the console, each `batch` line): an endless source such as
 * `/dev/zero` is refused once it passes the cap, instead of being buffered
 * until memory runs out. Shared by the CLI and the console.
 */
export const maxInputBytes = 20 * 1024 * 1024;

/** The one-line refusal for input past the cap (`what`: "input", "line 3", "message"). */
export function tooLargeMessage(what = 'input'): string {
  return `${what} is larger than ${maxInputBytes / 1024 / 1024} MB; awaitbot reads at most that much`;
}

/** Input past the cap: the shells say so in one line (the CLI exits 2, as for a usage mistake). */
export class InputTooLargeError extends Error {
  constructor(what = 'input') {
    super(tooLargeMessage(what));
    this.name = 'InputTooLargeError';
  }
}

/** Every byte of `stream`, or InputTooLargeError as soon as it passes `limit` (nothing more is read). */
export async function readAll(stream: NodeJS.ReadableStream, limit = maxInputBytes): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    // Leaving the loop destroys the stream, so an endless source stops being read here.
    if (size > limit) throw new InputTooLargeError();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** One line of a line-by-line input: its text, or that it passed the cap (its text is dropped). */
export type InputLine = { text: string } | { tooLong: true };

/**
 * Lines of `stream` (LF or CRLF), each capped at `limit` bytes. A line that
 * passes the cap is reported the moment it does, and the rest of it is skipped
 * without being kept, so one endless line costs no memory and the lines after
 * it are still read.
 */
export async function* readLines(stream: NodeJS.ReadableStream, limit = maxInputBytes): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  const decoder = new TextDecoder();
  const line = (): InputLine => {
    const text = decoder.decode(Buffer.concat(parts));
    return { text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  for await (const chunk of stream) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    while (buf.length > 0) {
      const newline = buf.indexOf(0x0a);
      const piece = newline === -1 ? buf : buf.subarray(0, newline);
      if (!skipping) {
        size += piece.length;
        if (size > limit) {
          skipping = true;
          parts = [];
          yield { tooLong: true };
        } else parts.push(piece);
      }
      if (newline === -1) break;
      if (!skipping) yield line();
      parts = [];
      size = 0;
      skipping = false;
      buf = buf.subarray(newline + 1);
    }
  }
  if (!skipping && size > 0) yield line();
}
