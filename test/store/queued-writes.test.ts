/**
 * The reply path's writes on SQLite (a case, a rate-limit count) are queued and
 * committed together at the end of the event loop's turn (guarded.ts,
 * writeSoon). What a user must not notice: every write still lands, in the
 * order it was made; a write the store refuses is refused alone; and a broken
 * database fails a whole burst the way it failed each write before (nulls,
 * one log line, logging resumes afterwards).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { sampleCase, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
let store: Store;
let path: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  path = join(dir, 'cases.db');
  store = openStore(path, { busyTimeoutMs: 20 });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
  cleanup();
});

const userOf = (n: number) => String(300_000_000_000_000_000n + BigInt(n));

describe('a burst of cases and rate-limit counts made in one turn', () => {
  it('lands every case whole, each with its own id and matches', async () => {
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        store.logCase(sampleCase({ userId: userOf(n), paste: `paste ${n}`, matches: [{ rule: 'py/coroutine-never-awaited', confidence: 0.9 }, { rule: 'py/time-sleep-in-async', confidence: 0.5 }] })),
      ),
    );
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    expect(new Set(ids).size).toBe(30);
    for (const [n, id] of ids.entries()) {
      expect(await store.getCase(id!)).toMatchObject({ userId: userOf(n), paste: `paste ${n}`, matches: [{ rule: 'py/coroutine-never-awaited' }, { rule: 'py/time-sleep-in-async' }] });
    }
  });

  it('counts rate limits in the order they were asked, even all in one turn', async () => {
    const t = Date.now();
    const waits = await Promise.all(Array.from({ length: 5 }, (_, n) => store.takeRateLimit('u1', 3, 30_000, t + n)));
    expect(waits.map((w) => w > 0)).toEqual([false, false, false, true, true]);
  });

  it('shows a case to a read made right after it, before its write was awaited', async () => {
    const pending = store.logCase(sampleCase({ guildId: '100000000000000009' }));
    const stats = await store.stats({ guildId: '100000000000000009', days: 1 });
    expect(stats.cases).toBe(1);
    expect(await pending).not.toBeNull();
  });

  it('refuses only the case that breaks a rule of the store, and lands the others of its turn', async () => {
    const warns = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const ids = await Promise.all([
      store.logCase(sampleCase({ publicId: 'a'.repeat(32), paste: 'first' })),
      // The same public id twice: the store refuses the second.
      store.logCase(sampleCase({ publicId: 'a'.repeat(32), paste: 'second' })),
      store.logCase(sampleCase({ publicId: 'b'.repeat(32), paste: 'third' })),
    ]);
    expect(ids[1]).toBeNull();
    expect((await store.getCase(ids[0]!))!.paste).toBe('first');
    expect((await store.getCase(ids[2]!))!.paste).toBe('third');
    expect(warns).toHaveBeenCalledWith({ op: 'logCase', code: 'SQLITE_CONSTRAINT_UNIQUE' }, 'store refused a write');
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT paste FROM cases ORDER BY id").pluck().all()).toEqual(['first', 'third']);
    db.close();
  });

  it('while another connection holds the database: every write of the burst answers null, one error is logged, and logging resumes', async () => {
    expect(await store.logCase(sampleCase())).toBe(1);
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const infos = vi.spyOn(log, 'info').mockImplementation(() => undefined);
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    other.exec("INSERT INTO runtime_state VALUES ('lock', 'held', 0)");
    const burst = await Promise.all([
      ...Array.from({ length: 4 }, () => store.logCase(sampleCase())),
      store.takeRateLimit('u1', 3, 30_000),
    ]);
    // A rate limit the store cannot count lets the user through (0: no wait), as before.
    expect(burst).toEqual([null, null, null, null, 0]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]![0]).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(JSON.stringify(errors.mock.calls)).not.toContain('asyncio.sleep');
    other.exec('ROLLBACK');
    other.close();
    expect(await Promise.all([store.logCase(sampleCase()), store.logCase(sampleCase())])).toEqual([2, 3]);
    expect(infos).toHaveBeenCalledWith({ path }, expect.stringMatching(/recovered/));
  });
});
