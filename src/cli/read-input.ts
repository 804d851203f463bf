/** Reads a file argument or stdin as bytes, with a clear one-line error when it cannot. */
import { readFile } from 'node:fs/promises';
import { UsageError, type CliIO } from './command.js';

export const maxInputBytes = 20 * 1024 * 1024;

export async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxInputBytes) throw new UsageError(`input is larger than ${maxInputBytes / 1024 / 1024} MB`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export async function readInput(file: string | undefined, io: CliIO): Promise<Uint8Array> {
  if (file && file !== '-') {
    try {
      return await readFile(file);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new UsageError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message}`);
    }
  }
  if (io.stdin.isTTY) throw new UsageError('give a FILE or pipe a paste on stdin (e.g. awaitbot explain < traceback.txt)');
  return readAll(io.stdin);
}
