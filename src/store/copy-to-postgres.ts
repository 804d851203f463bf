/**
 * `awaitbot migrate-store`: copies a SQLite case log into an empty PostgreSQL
 * database — cases with their matches, votes and answering messages, the
 * servers' FAQ entries and settings — keeping every id, so case numbers that
 * moderators noted (`review`, `faq add --from-case`) still name the same case.
 * All of it in one transaction: a copy that fails half-way leaves the target
 * empty. The SQLite file is brought to the latest schema first (as any start
 * of awaitbot would), then only read.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { latestSchemaVersion } from './migrations.js';
import { pgMigrate } from './pg-schema.js';
import { SqliteStore } from './sqlite-store.js';

/** Rows sent per statement (as one JSON array, unpacked by json_populate_recordset). */
const batchRows = 1000;

/** The tables copied, parents first; each is read from SQLite and written under PostgreSQL's column names. */
const tables = ['cases', 'case_matches', 'feedback', 'faq_entries', 'guild_settings'] as const;

export interface CopyResult {
  /** Rows copied per table. */
  rows: Record<(typeof tables)[number], number>;
}

/** Why a copy was refused before anything was written (the caller says it in words). */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

export async function copySqliteToPostgres(sqlitePath: string, postgresUrl: string): Promise<CopyResult> {
  // Opening through the store migrates an older file; `create: false` refuses a path with no file.
  const store = new SqliteStore(sqlitePath, { create: false, reopenAfterMs: 0 });
  const health = await store.health();
  await store.close();
  if (!health.ok) throw new CopyRefusedError(`cannot read ${sqlitePath}: ${health.error}`);
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: postgresUrl });
  try {
    if ((source.pragma('user_version', { simple: true }) as number) !== latestSchemaVersion) throw new CopyRefusedError(`${sqlitePath} is not at schema ${latestSchemaVersion}`);
    await client.connect();
    await pgMigrate(client);
    const { rows: existing } = await client.query<{ n: string }>('SELECT count(*) AS n FROM cases');
    if (Number(existing[0]!.n) > 0) throw new CopyRefusedError('the PostgreSQL database already holds cases; copy into an empty one');
    const rows = { cases: 0, case_matches: 0, feedback: 0, faq_entries: 0, guild_settings: 0 };
    await client.query('BEGIN');
    try {
      for (const table of tables) {
        let batch: unknown[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          await client.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [JSON.stringify(batch)]);
          rows[table] += batch.length;
          batch = [];
        };
        for (const row of source.prepare(`SELECT * FROM ${table}`).iterate()) {
          batch.push(row);
          if (batch.length >= batchRows) await flush();
        }
        await flush();
      }
      // New cases continue after the copied ids.
      await client.query(`SELECT setval(pg_get_serial_sequence('cases', 'id'), coalesce((SELECT max(id) FROM cases), 0) + 1, false)`);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    return { rows };
  } finally {
    source.close();
    await client.end().catch(() => undefined);
  }
}
