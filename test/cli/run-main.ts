/** Runs the binary's dispatcher in this process with empty stdin; what it wrote and its exit code. */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export async function runMain(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(argv, { stdin, stdout, stderr });
  return { code, stdout: out, stderr: err };
}
