/**
 * Secrets in the shapes people paste them in (test/fixtures/secrets/shapes.yaml,
 * filled with fresh fakes each run): gone from the redacted paste, from
 * `awaitbot explain`'s text reply and from its `--json`, and reported so the
 * user is told to reset them. Ordinary code that only names a secret
 * (`password = input()`, `client.run(TOKEN)`) stays as it is: the engine needs it.
 * The same table goes through the real bot in test/discord/secrets.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { intake } from '../../src/intake/index.js';
import { redactSecrets } from '../../src/intake/redact.js';
import { leaks, nonSecrets, secretShapes } from './secret-shapes.js';

const shapes = secretShapes();
const root = join(import.meta.dirname, '../..');

/** `awaitbot explain ARGS` with `paste` on stdin, in this process (the CLI's own entry point). */
async function explain(paste: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(['explain', ...args], { stdin: Readable.from([Buffer.from(paste)]), stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe('the secret-shape table', () => {
  it('has at least 60 shapes, each with something to look for', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(60);
    for (const s of shapes) expect(s.needles.length, s.name).toBeGreaterThan(0);
    expect(new Set(shapes.map((s) => s.name)).size).toBe(shapes.length);
  });

  it('really holds the secrets before redaction (the check is not vacuous)', () => {
    for (const s of shapes) {
      expect(s.inserted.length, s.name).toBeGreaterThan(0);
      for (const n of s.inserted) expect(s.paste, s.name).toContain(n);
    }
  });
});

describe('redaction, shape by shape', () => {
  it.each(shapes)('$name: gone from the paste, reported as $kind, the code around it kept', (shape) => {
    const paste = intake(shape.paste);
    expect(leaks(shape, paste.text)).toEqual([]);
    expect(paste.redactions.map((r) => r.kind)).toContain(shape.kind);
    for (const k of shape.keep) expect(paste.text).toContain(k);
  });
});

describe('awaitbot explain, shape by shape', () => {
  it.each(shapes)('$name: neither the text reply nor --json repeats it, and the reply says to reset it', async (shape) => {
    const text = await explain(shape.paste);
    expect(text.code).toBe(0);
    expect(leaks(shape, text.stdout + text.stderr)).toEqual([]);
    expect(text.stdout).toMatch(/reset it now/);
    const json = await explain(shape.paste, ['--json']);
    expect(json.code).toBe(0);
    expect(leaks(shape, json.stdout + json.stderr)).toEqual([]);
    expect(JSON.parse(json.stdout).redactions).toContain(shape.kind);
  });

  it('answers in Chinese with the same warning when asked', async () => {
    const text = await explain(shapes[0]!.paste, ['--lang', 'zh-CN']);
    expect(text.stdout).toContain('马上重置');
    expect(leaks(shapes[0]!, text.stdout)).toEqual([]);
  });
});

describe('code that only names a secret', () => {
  it.each(nonSecrets())('%s stays as it is', (code) => {
    const r = redactSecrets(code);
    expect(r.redactions).toEqual([]);
    expect(r.text).toBe(code);
  });

  it('still has the bot explain the code around it', async () => {
    const json = await explain('```py\nimport asyncio, os, time\nTOKEN = os.getenv("TOKEN")\n\nasync def main():\n    time.sleep(1)\n\nasyncio.run(main())\n```\n', ['--json']);
    const out = JSON.parse(json.stdout);
    expect(out.redactions).toEqual([]);
    expect(out.matches[0].fix.code).toContain('TOKEN = os.getenv("TOKEN")');
  });
});

describe('the real command line, logging the case at trace level', () => {
  // Several whole CLI processes in a row: allowed more than the default 30 s on a busy machine.
  it('writes none of the shapes to the database file, its WAL or the log', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'awaitbot-secrets-'));
    try {
      const databasePath = join(dir, 'cases.db');
      // One process per paste costs a second each; a handful of different kinds stands for the table here.
      const sample = shapes.filter((_, i) => i % 12 === 0);
      let logs = '';
      for (const shape of sample) {
        const run = spawnSync(process.execPath, ['bin/awaitbot.js', 'explain', '--log', '--json'], {
          cwd: root,
          input: shape.paste,
          env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: databasePath, LOG_LEVEL: 'trace' },
          encoding: 'utf8',
        });
        expect(run.status, run.stderr).toBe(0);
        expect(leaks(shape, run.stdout)).toEqual([]);
        logs += run.stderr;
      }
      const files = ['cases.db', 'cases.db-wal'].map((f) => {
        try {
          return readFileSync(join(dir, f)).toString('latin1');
        } catch {
          return '';
        }
      });
      expect(files[0]!.length).toBeGreaterThan(0);
      expect(files.join('')).toContain('[REDACTED');
      for (const shape of sample) expect(leaks(shape, files.join('\n') + logs), shape.name).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
