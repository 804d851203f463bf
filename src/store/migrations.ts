/**
 * The schema, as a list of steps. Step i (0-based) brings a database from
 * `user_version` i to i + 1. Steps are only ever appended: a released step is
 * never edited, because databases in the wild have already run it.
 *
 * Times are integer milliseconds since the epoch (UTC).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export type Migration = (db: Database) => void;

export const migrations: readonly Migration[] = [
  // 1: the case log and its feedback.
  (db) => {
    db.exec(`
      CREATE TABLE cases (
        id               INTEGER PRIMARY KEY,
        created_at       INTEGER NOT NULL,
        source           TEXT    NOT NULL,
        guild_id         TEXT,
        channel_id       TEXT,
        user_id          TEXT,
        trigger          TEXT    NOT NULL,
        language         TEXT,
        matched          INTEGER NOT NULL,
        paste            TEXT    NOT NULL,
        fix_shown        INTEGER NOT NULL,
        evidence_summary TEXT    NOT NULL,
        latency_ms       REAL    NOT NULL
      );
      -- One row per presented match; rank 0 is the best. created_at and
      -- guild_id are copied from the case so "top rules over a period" is a
      -- scan of a covering index, never a join.
      CREATE TABLE case_matches (
        case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        rank       INTEGER NOT NULL,
        rule_id    TEXT    NOT NULL,
        confidence REAL    NOT NULL,
        created_at INTEGER NOT NULL,
        guild_id   TEXT,
        PRIMARY KEY (case_id, rank)
      ) WITHOUT ROWID;
      CREATE TABLE feedback (
        case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        user_id    TEXT    NOT NULL,
        vote       TEXT    NOT NULL CHECK (vote IN ('helpful', 'wrong')),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (case_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX cases_created ON cases(created_at);
      CREATE INDEX cases_user ON cases(user_id) WHERE user_id IS NOT NULL;
      CREATE INDEX feedback_user ON feedback(user_id);
    `);
  },

  // 2: per-server FAQ entries and settings.
  (db) => {
    db.exec(`
      CREATE TABLE faq_entries (
        guild_id   TEXT    NOT NULL,
        name       TEXT    NOT NULL,
        title      TEXT    NOT NULL,
        body       TEXT    NOT NULL,
        author_id  TEXT    NOT NULL,
        uses       INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, name)
      ) WITHOUT ROWID;
      CREATE TABLE guild_settings (
        guild_id       TEXT    PRIMARY KEY,
        watch_channels TEXT    NOT NULL DEFAULT '[]',
        auto_reply     INTEGER NOT NULL DEFAULT 0,
        retention_days INTEGER,
        updated_at     INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },

  // 3: moderator insight (indexes for stats and review) and the gateway heartbeat for `awaitbot health`.
  (db) => {
    db.exec(`
      CREATE INDEX case_matches_time_rule ON case_matches(created_at, rule_id, rank);
      CREATE INDEX case_matches_guild_time_rule ON case_matches(guild_id, created_at, rule_id, rank);
      -- Top rules: one index seek per rule ever seen, then a count of its range in
      -- the period; no sort of every match in the period (4x faster over 1M cases).
      CREATE INDEX case_matches_rank_rule_time ON case_matches(rank, rule_id, created_at);
      CREATE INDEX case_matches_guild_rank_rule_time ON case_matches(guild_id, rank, rule_id, created_at);
      DROP INDEX cases_created;
      CREATE INDEX cases_created ON cases(created_at, channel_id, matched);
      CREATE INDEX cases_guild_created ON cases(guild_id, created_at, channel_id, matched);
      CREATE INDEX cases_unmatched ON cases(created_at) WHERE matched = 0;
      CREATE INDEX feedback_wrong ON feedback(created_at) WHERE vote = 'wrong';
      CREATE TABLE runtime_state (
        key        TEXT    PRIMARY KEY,
        value      TEXT    NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },

  // 4: a vote remembers when its case was logged, so votes per rule over a
  // period read only that period's votes instead of every match in it.
  (db) => {
    db.exec(`
      ALTER TABLE feedback ADD COLUMN case_created_at INTEGER NOT NULL DEFAULT 0;
      UPDATE feedback SET case_created_at = (SELECT c.created_at FROM cases c WHERE c.id = feedback.case_id);
      CREATE INDEX feedback_case_time ON feedback(case_created_at, case_id, vote);
    `);
  },

  // 5: which Discord message answered each case, so a button acts only on the
  // case of the message it was pressed on (never on an id it carries), and a
  // random public id for anything shown outside the database: the integer id
  // is sequential, so guessable.
  (db) => {
    db.exec(`
      ALTER TABLE cases ADD COLUMN public_id TEXT;
      ALTER TABLE cases ADD COLUMN reply_message_id TEXT;
      ALTER TABLE cases ADD COLUMN reply_public INTEGER;
    `);
    const setPublicId = db.prepare('UPDATE cases SET public_id = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id FROM cases').pluck().all() as number[]) setPublicId.run(newPublicId(), row);
    db.exec(`
      CREATE UNIQUE INDEX cases_public_id ON cases(public_id);
      CREATE UNIQUE INDEX cases_reply_message ON cases(reply_message_id) WHERE reply_message_id IS NOT NULL;
    `);
  },

  // 6: how a case ended: 'too-complex' marks a paste stopped over the diagnosis budget
  // (or whose code the step limits turned away), so it is not mistaken for an unknown error.
  (db) => {
    db.exec(`ALTER TABLE cases ADD COLUMN outcome TEXT NOT NULL DEFAULT 'diagnosed';`);
  },

  // 7: server FAQ entries answer pastes by themselves (issue 12): their triggers
  // (a JSON array of literal strings) and optional language; a case a moderator
  // made an entry from remembers it, so it leaves the review list.
  (db) => {
    db.exec(`
      ALTER TABLE faq_entries ADD COLUMN triggers TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE faq_entries ADD COLUMN language TEXT;
      ALTER TABLE cases ADD COLUMN answered_by TEXT;
    `);
  },

  // 8: a server's default language for answers nobody asked in their own (help-channel
  // watching): 'en', 'zh-CN', or NULL for "the language of each paste".
  (db) => {
    db.exec(`ALTER TABLE guild_settings ADD COLUMN language TEXT;`);
  },

  // 9: several copies of the HTTP endpoint share one store (issue 13). An answer sent as an
  // interaction's response has no message id the endpoint can learn, but Discord stamps the
  // message with that interaction's id: a case remembers it, so a button pressed on any copy finds
  // its case. And each user's recent explanations, so the per-user rate limit holds across copies.
  (db) => {
    db.exec(`
      ALTER TABLE cases ADD COLUMN reply_interaction_id TEXT;
      CREATE UNIQUE INDEX cases_reply_interaction ON cases(reply_interaction_id) WHERE reply_interaction_id IS NOT NULL;
      CREATE TABLE rate_limit_hits (
        user_id TEXT NOT NULL,
        at      INTEGER NOT NULL
      );
      CREATE INDEX rate_limit_hits_user ON rate_limit_hits(user_id, at);
      CREATE INDEX rate_limit_hits_at ON rate_limit_hits(at);
    `);
  },
];

export const latestSchemaVersion = migrations.length;

/** 128 random bits, base64url (22 characters): a case's id wherever it is shown or carried outside the database. */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}

export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `database schema version ${found} is newer than this awaitbot understands (${latestSchemaVersion}); upgrade awaitbot or restore a backup`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the database up to `target` (default: latest), one step per
 * transaction so a crash mid-upgrade leaves a consistent earlier version.
 * BEGIN IMMEDIATE makes two processes starting at once take turns.
 */
export function migrate(db: Database, target = latestSchemaVersion): number {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  // Checked outside a transaction first so an up-to-date (or read-only) database needs no write lock.
  let version = current();
  if (version > latestSchemaVersion) throw new SchemaTooNewError(version);
  while (version < target) {
    version = db
      .transaction(() => {
        const now = current();
        if (now >= target) return now;
        migrations[now]!(db);
        db.pragma(`user_version = ${now + 1}`);
        return now + 1;
      })
      .immediate();
  }
  return version;
}
