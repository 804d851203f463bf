/**
 * Nothing lost, nothing half-written, and a broken database never breaks a
 * reply: real SQLite files, real processes, real locks and permissions.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import { compileStoreForChild, sampleCase, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
let compiled: { dir: string; cleanup: () => void };

beforeAll(() => {
  compiled = compileStoreForChild();
});
afterAll(() => compiled.cleanup());
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

function writeChildScript(name: string, body: string): string {
  const file = join(compiled.dir, name);
  writeFileSync(file, `import { openStore } from './src/store/index.js';\n${body}`);
  return file;
}

/** Pino lines the child wrote to stderr. */
function logLines(stderr: string): { level: number; msg: string }[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string });
}

describe('a process killed while writing cases', () => {
  // One reply at a time, and eight at once (cases of one turn of the event loop commit together).
  it.each([1, 8])('leaves an intact file holding every case it reported committed, each with all its matches (%i in flight)', async (inFlight) => {
    const path = join(dir, 'killed.db');
    const script = writeChildScript(
      'writer.mjs',
      `import { writeSync } from 'node:fs';
       const store = openStore(process.argv[2]);
       let i = 0;
       async function replies() {
         for (;;) {
           const n = i++;
           const id = await store.logCase({
             source: 'discord', guildId: 'g', channelId: 'c', userId: 'u' + (n % 50), trigger: 'watch', language: 'python',
             matches: [{ rule: 'py/coroutine-never-awaited', confidence: 0.9 }, { rule: 'py/time-sleep-in-async', confidence: 0.6 }],
             paste: 'async def f():\\n    asyncio.sleep(1)\\n'.repeat(1 + (n % 40)), fixShown: true,
             evidenceSummary: 'finding:py.unawaited-coroutine', latencyMs: 1,
           });
           // The "reply": only sent once logCase has returned.
           if (id !== null) writeSync(1, id + '\\n');
         }
       }
       await Promise.all(Array.from({ length: Number(process.argv[3]) }, replies));`,
    );
    const child = spawn(process.execPath, [script, path, String(inFlight)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: number[] = [];
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        reported.push(...lines.map(Number));
        if (reported.length >= 2000 && !child.killed) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(reported.length).toBeGreaterThanOrEqual(2000);

    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set((db.prepare('SELECT id FROM cases').pluck().all() as number[]));
    expect(reported.filter((id) => !ids.has(id))).toEqual([]);
    const halfWritten = db
      .prepare('SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM case_matches m WHERE m.case_id = c.id) <> 2')
      .pluck()
      .get();
    expect(halfWritten).toBe(0);
    db.close();

    const store = openStore(path);
    expect(await store.logCase(sampleCase())).toBeGreaterThan(Math.max(...reported));
    await store.close();
  });
});

describe('when the database fails, logCase returns null, logs once and keeps serving', () => {
  it('a database locked by another connection', async () => {
    const path = join(dir, 'locked.db');
    const store = openStore(path, { busyTimeoutMs: 20 });
    expect(await store.logCase(sampleCase())).toBe(1);
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const infos = vi.spyOn(log, 'info');

    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    other.exec("INSERT INTO runtime_state VALUES ('lock', 'held', 0)");
    for (let i = 0; i < 5; i++) expect(await store.logCase(sampleCase())).toBeNull();
    expect(await store.recordFeedback(1, 'u', 'helpful')).toBe(false);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]![0]).toMatchObject({ op: 'logCase', code: 'SQLITE_BUSY' });
    // Nothing of the paste reaches the log.
    expect(JSON.stringify(errors.mock.calls)).not.toContain('asyncio.sleep');

    other.exec('ROLLBACK');
    other.close();
    expect(await store.logCase(sampleCase())).toBe(2);
    expect(infos).toHaveBeenCalledWith({ path }, expect.stringMatching(/recovered/));
    await store.close();
  });

  it('a read-only database file, and logging resumes once it is writable again', async () => {
    const path = join(dir, 'readonly.db');
    const seeded = openStore(path);
    expect(await seeded.logCase(sampleCase())).toBe(1);
    await seeded.close();
    chmodSync(path, 0o444);
    // root ignores file modes, so as root the child runs as "nobody", who owns the file but may not write it.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      chownSync(dir, 65534, 65534);
      chownSync(path, 65534, 65534);
    }
    // The child starts as this user, so it can load the store and its modules from
    // the clone wherever that lives, then drops to "nobody" before touching the
    // database, which sits in a temporary directory that user can enter.
    const script = writeChildScript(
      'readonly.mjs',
      `import { chmodSync, existsSync } from 'node:fs';
       import Database from 'better-sqlite3';
       if (process.env.AWAITBOT_TEST_DROP_TO_UID) {
         // better-sqlite3 loads its native addon at the first open: load it while the clone is still readable.
         new Database(':memory:').close();
         const id = Number(process.env.AWAITBOT_TEST_DROP_TO_UID);
         process.setgroups([id]);
         process.setgid(id);
         process.setuid(id);
       }
       const store = openStore(process.argv[2], { reopenAfterMs: 0 });
       const c = { source: 'cli', guildId: null, channelId: null, userId: null, trigger: 'cli', language: null,
                   matches: [], paste: 'secret-free paste', fixShown: false, evidenceSummary: '', latencyMs: 1 };
       const before = [await store.logCase(c), await store.logCase(c), await store.logCase(c)];
       // An operator fixes the permissions (SQLite gave the -wal/-shm files the database's mode).
       for (const suffix of ['', '-wal', '-shm']) if (existsSync(process.argv[2] + suffix)) chmodSync(process.argv[2] + suffix, 0o644);
       const after = await store.logCase(c);
       console.log(JSON.stringify({ before, after }));`,
    );
    const run = spawnSync(process.execPath, [script, path], {
      encoding: 'utf8',
      env: { ...process.env, ...(asRoot ? { AWAITBOT_TEST_DROP_TO_UID: '65534' } : {}) },
    });
    expect(run.stderr.split('\n').filter((l) => !l.startsWith('{')).join('\n').trim()).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ before: [null, null, null], after: 2 });
    const lines = logLines(run.stderr);
    expect(lines.filter((l) => l.level === 50)).toHaveLength(1);
    expect(lines.some((l) => l.level === 30 && /recovered/.test(l.msg))).toBe(true);
    expect(run.stderr).not.toContain('secret-free paste');
  });

  it('a corrupt file', async () => {
    const path = join(dir, 'corrupt.db');
    writeFileSync(path, 'this is not a database, just some text that got written here\n'.repeat(200));
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const store = openStore(path, { reopenAfterMs: 0 });
    for (let i = 0; i < 5; i++) expect(await store.logCase(sampleCase())).toBeNull();
    expect(await store.recordFeedback(1, 'u', 'wrong')).toBe(false);
    expect(await store.getSettings('g')).toMatchObject({ watchChannels: [], retentionDays: 90 });
    expect(await store.health()).toMatchObject({ ok: false, error: expect.stringMatching(/SQLITE_NOTADB/) });
    await expect(store.stats({ days: 7 })).rejects.toThrow(/unavailable/);
    expect(errors).toHaveBeenCalledTimes(1);
    await store.close();
  });

  it('a full disk, and space freed by forgetting a user is used again', async () => {
    const path = join(dir, 'full.db');
    const store = openStore(path, { maxSizeBytes: 256 * 1024, reopenAfterMs: 0 });
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const big = 'x = 1  # filler line for a long paste\n'.repeat(300);
    const ids: number[] = [];
    let refused = 0;
    for (let i = 0; i < 200 && refused < 3; i++) {
      const id = await store.logCase(sampleCase({ userId: `u${i % 3}`, paste: `${i}\n${big}` }));
      if (id === null) refused++;
      else ids.push(id);
    }
    expect(refused).toBe(3);
    expect(ids.length).toBeGreaterThan(5);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]![0]).toMatchObject({ code: 'SQLITE_FULL' });

    expect((await store.forgetUser('u0'))!.cases).toBeGreaterThan(0);
    expect(await store.logCase(sampleCase({ paste: big }))).not.toBeNull();
    await store.close();

    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(existsSync(path)).toBe(true);
  });
});
