/**
 * The PostgreSQL schema (src/store/pg-schema.ts) against the SQLite one: the
 * same tables with the same columns after the same steps, copies starting at
 * once take turns, and a database from a newer awaitbot is left alone.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../src/log.js';
import { latestSchemaVersion, openStore } from '../../src/store/index.js';
import { useStoreBackends } from './backends.js';
import { rawRows, sampleCase, tempDir } from './helpers.js';

const backends = useStoreBackends();
let dir: string;
let cleanup: () => void;
let url: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  url = await backends.location('postgres', dir);
});

afterEach(() => cleanup());

/** Each table's column names, sorted, from a fresh SQLite file. */
async function sqliteColumns(): Promise<Record<string, string[]>> {
  const path = join(dir, 'fresh.db');
  await openStore(path).close();
  const db = new Database(path, { readonly: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).sort();
  const columns = Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).sort()]));
  db.close();
  return columns;
}

describe('the PostgreSQL schema', () => {
  it('has the tables and columns of the SQLite schema after the same steps (plus its version table)', async () => {
    const store = openStore(url);
    expect(await store.health()).toMatchObject({ ok: true, schemaVersion: latestSchemaVersion, cases: 0 });
    await store.close();
    const rows = (await rawRows(url, "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'")) as { t: string; c: string }[];
    const pg: Record<string, string[]> = {};
    for (const r of rows) (pg[r.t] ??= []).push(r.c);
    for (const t of Object.keys(pg)) pg[t]!.sort();
    expect(pg.schema_version).toEqual(['applied_at', 'version']);
    delete pg.schema_version;
    expect(pg).toEqual(await sqliteColumns());
  });

  it('lets copies that start at once migrate one after another, each step once', async () => {
    const stores = Array.from({ length: 4 }, () => openStore(url));
    try {
      const ids = await Promise.all(stores.map((s, n) => s.logCase(sampleCase({ paste: `from copy ${n}` }))));
      expect(ids.every((id) => id !== null)).toBe(true);
      expect(new Set(ids).size).toBe(4);
      expect(await rawRows(url, 'SELECT version FROM schema_version ORDER BY version')).toEqual(Array.from({ length: latestSchemaVersion }, (_, i) => ({ version: i + 1 })));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('leaves a database from a newer awaitbot as it is, and says so', async () => {
    const first = openStore(url);
    await first.health(); // the schema is made at the first use
    await first.close();
    await rawRows(url, `INSERT INTO schema_version (version, applied_at) VALUES (${latestSchemaVersion + 1}, 0)`);
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const store = openStore(url);
    try {
      expect(await store.logCase(sampleCase())).toBeNull();
      expect(await store.health()).toMatchObject({ ok: false, error: expect.stringMatching(/newer than this awaitbot/) });
      expect(errors.mock.calls.some((c) => (c[0] as { code?: string }).code === 'SchemaTooNewError')).toBe(true);
    } finally {
      await store.close();
    }
    expect(await rawRows(url, 'SELECT count(*)::int AS n FROM cases')).toEqual([{ n: 0 }]);
  });
});
