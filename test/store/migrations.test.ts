import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../src/log.js';
import { latestSchemaVersion, migrate, openStore } from '../../src/store/index.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const at = Date.parse('2025-05-30T10:00:00Z');

/** Data a user of schema version `v` would have, written with that version's columns. */
function seed(db: Database.Database, v: number): void {
  if (v >= 1) {
    db.prepare(
      `INSERT INTO cases (id, created_at, source, guild_id, channel_id, user_id, trigger, language, matched, paste, fix_shown, evidence_summary, latency_ms)
       VALUES (7, ?, 'discord', 'g1', 'c1', 'u1', 'explain', 'python', 1, 'asyncio.sleep(1)', 1, 'finding:py.unawaited-coroutine', 4.2)`,
    ).run(at);
    db.prepare(`INSERT INTO case_matches VALUES (7, 0, 'py/coroutine-never-awaited', 0.9, ?, 'g1')`).run(at);
    // From version 5 every case has its public id.
    if (v >= 5) db.prepare(`UPDATE cases SET public_id = 'Aq3x9KfZ0pL7mN2bV5cR8w' WHERE id = 7`).run();
    // From version 4 a vote also holds its case's time.
    if (v >= 4) db.prepare(`INSERT INTO feedback (case_id, user_id, vote, created_at, case_created_at) VALUES (7, 'u2', 'helpful', ?, ?)`).run(at, at);
    else db.prepare(`INSERT INTO feedback (case_id, user_id, vote, created_at) VALUES (7, 'u2', 'helpful', ?)`).run(at);
  }
  if (v >= 2) {
    // Named columns: later versions add columns to both tables (triggers, language).
    db.prepare(`INSERT INTO faq_entries (guild_id, name, title, body, author_id, uses, created_at, updated_at) VALUES ('g1', 'event-loop', 'The event loop', 'body', 'mod', 3, ?, ?)`).run(at, at);
    db.prepare(`INSERT INTO guild_settings (guild_id, watch_channels, auto_reply, retention_days, updated_at) VALUES ('g1', '["c1"]', 0, 30, ?)`).run(at);
  }
}

function schemaOf(path: string): string[] {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    sql: string;
  }[];
  db.close();
  return rows.map((r) => `${r.type} ${r.name}: ${r.sql.replace(/\s+/g, ' ')}`);
}

describe('migrations', () => {
  it('there is more than one step, so upgrades are really exercised', () => {
    expect(latestSchemaVersion).toBeGreaterThan(1);
  });

  for (let from = 0; from < latestSchemaVersion; from++) {
    it(`upgrades a version ${from} database at open, keeping its data`, async () => {
      const fresh = join(dir, 'fresh.db');
      openStore(fresh).close();

      const path = join(dir, `v${from}.db`);
      const old = new Database(path);
      expect(migrate(old, from)).toBe(from);
      seed(old, from);
      old.close();

      const store = openStore(path);
      expect(await store.health()).toMatchObject({ ok: true, schemaVersion: latestSchemaVersion });
      expect(schemaOf(path)).toEqual(schemaOf(fresh));
      if (from >= 1) {
        expect(await store.getCase(7)).toMatchObject({
          matches: [{ rule: 'py/coroutine-never-awaited', confidence: 0.9 }],
          votes: { helpful: 1, wrong: 0 },
          // Cases from before public ids get one each: random, never the row id.
          publicId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
          reply: null,
          outcome: 'diagnosed',
        });
        expect((await store.stats({ days: 7, now: new Date(at + 1000) })).topRules).toEqual([
          { rule: 'py/coroutine-never-awaited', cases: 1, helpful: 1, wrong: 0 },
        ]);
      }
      if (from >= 2) {
        expect((await store.getFaq('g1', 'event-loop'))!.uses).toBe(3);
        expect(await store.getSettings('g1')).toEqual({ guildId: 'g1', watchChannels: ['c1'], autoReply: false, retentionDays: 30, language: null });
      }
      expect(await store.logCase({
        source: 'cli', guildId: null, channelId: null, userId: null, trigger: 'cli', language: null,
        matches: [], paste: 'x', fixShown: false, evidenceSummary: '', latencyMs: 1,
      })).not.toBeNull();
      await store.close();
    });
  }

  it('refuses to write to a database from a newer awaitbot, and leaves it untouched', async () => {
    const path = join(dir, 'future.db');
    const db = new Database(path);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.exec('CREATE TABLE future_thing (x)');
    db.close();

    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const store = openStore(path);
    const health = await store.health();
    expect(health.ok).toBe(false);
    expect(health.error).toMatch(/newer than this awaitbot/);
    expect(errors.mock.calls.map((c) => (c[0] as { code?: string }).code)).toEqual(['SchemaTooNewError']);
    expect(await store.logCase({
      source: 'cli', guildId: null, channelId: null, userId: null, trigger: 'cli', language: null,
      matches: [], paste: 'x', fixShown: false, evidenceSummary: '', latencyMs: 1,
    })).toBeNull();
    await store.close();
    expect(schemaOf(path)).toEqual(['table future_thing: CREATE TABLE future_thing (x)']);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    after.close();
  });
});
