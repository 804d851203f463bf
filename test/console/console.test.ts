/** `awaitbot console` (and `awaitbot start` without a token), spawned as users run them, with stdin. */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-console-'));
const databasePath = join(dir, 'cases.db');
const paste = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt'), 'utf8');
const title = loadKnowledge().find((r) => r.id === 'js/discord-unknown-interaction')!.title;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input: string) {
  return spawnSync(process.execPath, ['bin/awaitbot.js', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: databasePath, DISCORD_TOKEN: '', LOG_LEVEL: 'warn' },
  });
}

function caseCount(): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('awaitbot console with piped input', () => {
  it('treats the whole multi-line input as one message and explains it, logging one case', () => {
    const r = run(['console'], paste);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(title);
    expect(r.stdout.match(/js\/discord-unknown-interaction/g)!.length).toBeGreaterThan(0);
    expect(caseCount()).toBe(1);
  });

  it('answers /faq with a known topic and /explain with its text', () => {
    const faq = run(['console'], '/faq js/discord-unknown-interaction\n');
    expect(faq.status).toBe(0);
    expect(faq.stdout).toContain(title);
    const explain = run(['console'], `/explain ${paste}`);
    expect(explain.stdout).toContain(title);
  });

  it('says plainly when nothing matches', () => {
    const r = run(['console'], 'KeyError: "name"\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No known async error/i);
  });
});

describe('awaitbot start without DISCORD_TOKEN', () => {
  it('says in one line that it runs the console, then behaves as the console', () => {
    const before = caseCount();
    const r = run(['start'], paste);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/No DISCORD_TOKEN.*console/);
    expect(r.stdout).toContain(title);
    expect(caseCount()).toBe(before + 1);
  });
});
