/**
 * Reads a file argument or stdin as bytes, with a clear one-line error when it
 * cannot; capped like every input (app/input.ts).
 */
import { createReadStream } from 'node:fs';
import { UsageError, type CliIO } from './command.js';
import { InputTooLargeError, readAll } from '../app/input.js';

export { InputTooLargeError, maxInputBytes, readAll, readLines, tooLargeMessage, type InputLine } from '../app/input.js';

function unreadable(file: string, err: NodeJS.ErrnoException): UsageError {
  const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
  return new UsageError(`cannot read ${file}: ${why}`);
}

export async function readInput(file: string | undefined, io: CliIO): Promise<Uint8Array> {
  if (file && file !== '-') {
    // Streamed rather than readFile: a device or FIFO (`/dev/zero`, `<(yes)`) has no size to check up front.
    try {
      return await readAll(createReadStream(file, { highWaterMark: 1024 * 1024 }));
    } catch (e) {
      if (e instanceof UsageError || e instanceof InputTooLargeError) throw e;
      throw unreadable(file, e as NodeJS.ErrnoException);
    }
  }
  if (io.stdin.isTTY) throw new UsageError('give a FILE or pipe a paste on stdin (e.g. awaitbot explain < traceback.txt)');
  return readAll(io.stdin);
}

