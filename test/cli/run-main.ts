/**
 * Runs the binary's dispatcher in this process with empty stdin; what it wrote, its exit code, and the
 * error-level lines it logged (captured here instead of printed, so a test that breaks something on
 * purpose can assert them and `npm test` shows none).
 */
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { log } from '../../src/log.js';

export async function runMain(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; logged: string[] }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const stdin = new PassThrough();
  stdin.end();
  const logged: string[] = [];
  // At the logger's stream, not its methods: main() sets the log level, and pino then rebinds them.
  const stream = (log as unknown as Record<symbol, { write(line: string): boolean }>)[pino.symbols.streamSym]!;
  const write = stream.write.bind(stream);
  const errors = vi.spyOn(stream, 'write').mockImplementation((line: string) => {
    const entry = JSON.parse(line) as { level: number; msg?: string };
    if (entry.level < 50) return write(line);
    logged.push(entry.msg ?? '');
    return true;
  });
  try {
    const code = await main(argv, { stdin, stdout, stderr });
    return { code, stdout: out, stderr: err, logged };
  } finally {
    errors.mockRestore();
  }
}
