/**
 * The database file deleted or replaced while the store has it open (an
 * operator's `rm`, a backup restored over it): SQLite would go on writing to
 * the old inode, where nobody sees the cases again. Real SQLite files.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { sampleCase, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
let path: string;
let store: Store;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  path = join(dir, 'awaitbot.db');
  store = openStore(path, { reopenAfterMs: 0 });
});
afterEach(async () => {
  await store.close();
  vi.restoreAllMocks();
  cleanup();
});

/** The pastes of the cases in the file now at `file`, read by a separate connection (which finds the file intact). */
function pastesIn(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (db.prepare('SELECT paste FROM cases ORDER BY id').all() as { paste: string }[]).map((r) => r.paste);
  } finally {
    db.close();
  }
}

describe('a database file deleted under the store', () => {
  it.each([
    ['the file alone', ['']],
    ['the file with its -wal and -shm', ['', '-wal', '-shm']],
  ])('writes the file back from the open copy: %s', async (_what, suffixes) => {
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    expect(await store.logCase(sampleCase({ paste: 'before the rm' }))).not.toBeNull();
    for (const suffix of suffixes) rmSync(path + suffix, { force: true });
    expect(await store.logCase(sampleCase({ paste: 'after the rm' }))).not.toBeNull();
    expect(pastesIn(path)).toEqual(['before the rm', 'after the rm']);
    expect(errors.mock.calls.map((c) => c[1])).toEqual(['database file was deleted while open; wrote it back from the open copy and reopened it']);
    expect(await store.health()).toMatchObject({ ok: true, cases: 2 });
  });

  it('is noticed by a health check with no write in between', async () => {
    await store.logCase(sampleCase({ paste: 'kept' }));
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    rmSync(path);
    expect(await store.health()).toMatchObject({ ok: true, cases: 1 });
    expect(pastesIn(path)).toEqual(['kept']);
    expect(errors.mock.calls.map((c) => c[1])).toEqual(['database file was deleted while open; wrote it back from the open copy and reopened it']);
  });
});

describe('a database file replaced under the store', () => {
  it('logs later cases in the new file (a restored backup), migrated', async () => {
    const backupPath = join(dir, 'backup.db');
    const backup = openStore(backupPath);
    await backup.logCase(sampleCase({ paste: 'from the backup' }));
    await backup.close();
    await store.logCase(sampleCase({ paste: 'in the old file' }));
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    renameSync(backupPath, path);
    expect(await store.logCase(sampleCase({ paste: 'after the restore' }))).not.toBeNull();
    expect(pastesIn(path)).toEqual(['from the backup', 'after the restore']);
    expect(errors.mock.calls.map((c) => c[1])).toEqual(['database file was replaced while open; opening the file now at that path']);
  });

  it('reports the fault when the new file is not a database, and keeps replies going', async () => {
    await store.logCase(sampleCase());
    const garbage = join(dir, 'garbage');
    writeFileSync(garbage, 'not SQLite\n'.repeat(500));
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    renameSync(garbage, path);
    expect(await store.logCase(sampleCase())).toBeNull();
    // Said once each: the file changed, and the new one cannot be opened.
    expect(errors.mock.calls.map((c) => c[1])).toEqual([
      'database file was replaced while open; opening the file now at that path',
      'database failed; replies go on, cases are not logged until it recovers',
    ]);
    const health = await store.health();
    expect(health.ok).toBe(false);
    expect(health.error).toMatch(/^the database file was replaced while awaitbot had it open, and it cannot be opened again \(SQLITE_NOTADB: file is not a database\)/);
  });
});
