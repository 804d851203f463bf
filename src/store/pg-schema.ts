/**
 * The PostgreSQL schema: the same steps as the SQLite one (migrations.ts),
 * numbered alike, written in PostgreSQL's dialect. This file and the queries
 * in pg-store.ts are the only places that dialect lives. The version is kept
 * in `schema_version` (SQLite keeps it in `user_version`).
 *
 * Kept as in SQLite, so the records map the same way (cases.ts, faq.ts): times
 * are BIGINT milliseconds since the epoch, flags are 0/1 integers, JSON lists
 * are text. Steps are only ever appended.
 */
import type { ClientBase } from 'pg';
import { latestSchemaVersion, newPublicId, SchemaTooNewError } from './migrations.js';

type PgMigration = (client: ClientBase) => Promise<void>;

const sql =
  (text: string): PgMigration =>
  async (client) => {
    await client.query(text);
  };

export const pgMigrations: readonly PgMigration[] = [
  // 1: the case log and its feedback.
  sql(`
    CREATE TABLE cases (
      id               BIGSERIAL PRIMARY KEY,
      created_at       BIGINT           NOT NULL,
      source           TEXT             NOT NULL,
      guild_id         TEXT,
      channel_id       TEXT,
      user_id          TEXT,
      trigger          TEXT             NOT NULL,
      language         TEXT,
      matched          INTEGER          NOT NULL,
      paste            TEXT             NOT NULL,
      fix_shown        INTEGER          NOT NULL,
      evidence_summary TEXT             NOT NULL,
      latency_ms       DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE case_matches (
      case_id    BIGINT           NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      rank       INTEGER          NOT NULL,
      rule_id    TEXT             NOT NULL,
      confidence DOUBLE PRECISION NOT NULL,
      created_at BIGINT           NOT NULL,
      guild_id   TEXT,
      PRIMARY KEY (case_id, rank)
    );
    CREATE TABLE feedback (
      case_id    BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      user_id    TEXT    NOT NULL,
      vote       TEXT    NOT NULL CHECK (vote IN ('helpful', 'wrong')),
      created_at BIGINT  NOT NULL,
      PRIMARY KEY (case_id, user_id)
    );
    CREATE INDEX cases_created ON cases(created_at);
    CREATE INDEX cases_user ON cases(user_id) WHERE user_id IS NOT NULL;
    CREATE INDEX feedback_user ON feedback(user_id);
  `),

  // 2: per-server FAQ entries and settings.
  sql(`
    CREATE TABLE faq_entries (
      guild_id   TEXT    NOT NULL,
      name       TEXT    NOT NULL,
      title      TEXT    NOT NULL,
      body       TEXT    NOT NULL,
      author_id  TEXT    NOT NULL,
      uses       INTEGER NOT NULL DEFAULT 0,
      created_at BIGINT  NOT NULL,
      updated_at BIGINT  NOT NULL,
      PRIMARY KEY (guild_id, name)
    );
    CREATE TABLE guild_settings (
      guild_id       TEXT    PRIMARY KEY,
      watch_channels TEXT    NOT NULL DEFAULT '[]',
      auto_reply     INTEGER NOT NULL DEFAULT 0,
      retention_days INTEGER,
      updated_at     BIGINT  NOT NULL
    );
  `),

  // 3: moderator insight and the gateway heartbeat. PostgreSQL's planner needs no loose-scan
  // index for top rules: a plain (rank, created_at, rule_id) range and a hash aggregate do.
  sql(`
    CREATE INDEX case_matches_time_rule ON case_matches(rank, created_at, rule_id);
    CREATE INDEX case_matches_guild_time_rule ON case_matches(guild_id, rank, created_at, rule_id);
    DROP INDEX cases_created;
    CREATE INDEX cases_created ON cases(created_at, channel_id, matched);
    CREATE INDEX cases_guild_created ON cases(guild_id, created_at, channel_id, matched);
    CREATE INDEX cases_unmatched ON cases(created_at) WHERE matched = 0;
    CREATE INDEX feedback_wrong ON feedback(created_at) WHERE vote = 'wrong';
    CREATE TABLE runtime_state (
      key        TEXT   PRIMARY KEY,
      value      TEXT   NOT NULL,
      updated_at BIGINT NOT NULL
    );
  `),

  // 4: a vote remembers when its case was logged.
  sql(`
    ALTER TABLE feedback ADD COLUMN case_created_at BIGINT NOT NULL DEFAULT 0;
    UPDATE feedback f SET case_created_at = c.created_at FROM cases c WHERE c.id = f.case_id;
    CREATE INDEX feedback_case_time ON feedback(case_created_at, case_id, vote);
  `),

  // 5: the message that answered each case, and a random public id.
  async (client) => {
    await client.query(`
      ALTER TABLE cases ADD COLUMN public_id TEXT;
      ALTER TABLE cases ADD COLUMN reply_message_id TEXT;
      ALTER TABLE cases ADD COLUMN reply_public INTEGER;
    `);
    const { rows } = await client.query<{ id: number }>('SELECT id FROM cases');
    for (const row of rows) await client.query('UPDATE cases SET public_id = $1 WHERE id = $2', [newPublicId(), row.id]);
    await client.query(`
      CREATE UNIQUE INDEX cases_public_id ON cases(public_id);
      CREATE UNIQUE INDEX cases_reply_message ON cases(reply_message_id) WHERE reply_message_id IS NOT NULL;
    `);
  },

  // 6: how a case ended ('too-complex').
  sql(`ALTER TABLE cases ADD COLUMN outcome TEXT NOT NULL DEFAULT 'diagnosed';`),

  // 7: FAQ triggers and language; the entry a case was answered by.
  sql(`
    ALTER TABLE faq_entries ADD COLUMN triggers TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE faq_entries ADD COLUMN language TEXT;
    ALTER TABLE cases ADD COLUMN answered_by TEXT;
  `),

  // 8: a server's language for unasked answers.
  sql(`ALTER TABLE guild_settings ADD COLUMN language TEXT;`),

  // 9: the interaction an answer was sent for, and the shared per-user rate limit.
  sql(`
    ALTER TABLE cases ADD COLUMN reply_interaction_id TEXT;
    CREATE UNIQUE INDEX cases_reply_interaction ON cases(reply_interaction_id) WHERE reply_interaction_id IS NOT NULL;
    CREATE TABLE rate_limit_hits (
      user_id TEXT   NOT NULL,
      at      BIGINT NOT NULL
    );
    CREATE INDEX rate_limit_hits_user ON rate_limit_hits(user_id, at);
    CREATE INDEX rate_limit_hits_at ON rate_limit_hits(at);
  `),
];

if (pgMigrations.length !== latestSchemaVersion) {
  // A new SQLite step needs its PostgreSQL twin (and the reverse): fail at load, in every test.
  throw new Error(`pg-schema.ts has ${pgMigrations.length} steps, migrations.ts has ${latestSchemaVersion}: add the missing PostgreSQL step`);
}

/** Any number: the advisory lock that makes copies starting at once migrate one after another. */
const migrationLock = 0x61776169;

/** The schema version of the database `client` is on (0 for an empty one). */
export async function pgSchemaVersion(client: ClientBase): Promise<number> {
  const exists = await client.query<{ table: string | null }>("SELECT to_regclass('schema_version')::text AS table");
  if (!exists.rows[0]?.table) return 0;
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
  return rows[0]?.version ?? 0;
}

/** Brings the database up to the latest version, one step per transaction, under an advisory lock. */
export async function pgMigrate(client: ClientBase): Promise<number> {
  let version = await pgSchemaVersion(client);
  if (version > latestSchemaVersion) throw new SchemaTooNewError(version);
  while (version < latestSchemaVersion) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)');
      const now = await pgSchemaVersion(client);
      if (now > latestSchemaVersion) throw new SchemaTooNewError(now);
      if (now < latestSchemaVersion) {
        await pgMigrations[now]!(client);
        await client.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [now + 1, Date.now()]);
      }
      await client.query('COMMIT');
      version = now < latestSchemaVersion ? now + 1 : now;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }
  return version;
}
