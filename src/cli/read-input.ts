/**
 * Reads a file argument or stdin as bytes, with a clear one-line error when it
 * cannot; capped like every input (app/input.ts).
 */
import { createReadStream } from 'node:fs';
import { UsageError, type CliIO } from './command.js';
import { InputTooLargeError, readAll } from '../app/input.js';

function unreadable(file: string, err: NodeJS.ErrnoException): UsageError {
  return new UsageError((m) => m.errors.cannotRead(file, err.code === 'ENOENT' ? m.errors.noSuchFile : err.code === 'EISDIR' ? m.errors.isDirectory : err.code === 'EACCES' ? m.errors.permissionDenied : err.message));
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
  if (io.stdin.isTTY) throw new UsageError((m) => m.errors.noInput);
  return readAll(io.stdin);
}

