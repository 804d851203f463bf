/**
 * The case log and everything else awaitbot keeps, in one SQLite file.
 *
 * better-sqlite3 is synchronous: a write is a few microseconds with WAL and
 * synchronous=NORMAL, so the reply path can afford to commit the case before
 * it answers. What it cannot afford is an exception or a long stall, so:
 * - writes never throw: they return null/false, the failure is logged once
 *   (again only when it changes or after the store recovered), and the
 *   connection is dropped and reopened later (except for a busy lock, which
 *   is simply tried again on the next write);
 * - the busy timeout is short (500 ms by default);
 * - moderator reads (stats, review, export) throw StoreUnavailableError, which
 *   their commands turn into a message;
 * - the file at `path` is checked to still be the one open (device and inode)
 *   before every write and at most once a second otherwise: SQLite keeps
 *   writing to a deleted file's inode, so without the check cases would go on
 *   landing in a file nobody can see. A deleted file is written back from the
 *   open copy; a replaced one is opened (and migrated) in its place.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { log } from '../log.js';
import { redactSecrets } from '../intake/redact.js';
import { defaultRetentionDays, maxRetentionDays } from './defaults.js';
import { latestSchemaVersion, migrate, newPublicId, SchemaTooNewError } from './migrations.js';
import type {
  CaseInput,
  CaseReply,
  CaseOutcome,
  CaseSource,
  FaqEntry,
  FaqEntryInput,
  FaqWriteResult,
  GuildSettings,
  ReviewItem,
  Stats,
  StatsQuery,
  StoreHealth,
  Store,
  StoreOptions,
  StoredCase,
  Vote,
} from './types.js';

type Db = Database.Database;

const dayMs = 86_400_000;
/** Larger pastes are cut: intake caps them well below this, so it only guards the file. */
const maxPasteChars = 100_000;
const maxMatches = 25;
const heartbeatKey = 'gateway-heartbeat';
/** Reads check the file's identity at most this often (writes check every time). */
const fileCheckIntervalMs = 1000;

export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.name : 'UNKNOWN';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

/** Constraint errors are the caller's mistake (a vote for a case that is gone), not a broken database. */
function isCallerError(err: unknown): boolean {
  return errorCode(err).startsWith('SQLITE_CONSTRAINT');
}

/** A busy/locked database recovers by itself; anything else gets a fresh connection later. */
function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

interface CaseRow {
  id: number;
  created_at: number;
  source: string;
  guild_id: string | null;
  channel_id: string | null;
  user_id: string | null;
  trigger: string;
  language: string | null;
  matched: number;
  paste: string;
  fix_shown: number;
  evidence_summary: string;
  latency_ms: number;
  public_id: string;
  reply_message_id: string | null;
  reply_public: number | null;
  outcome: string;
  answered_by: string | null;
  matches_json: string;
  helpful: number;
  wrong: number;
}

interface FaqRow {
  guild_id: string;
  name: string;
  title: string;
  body: string;
  triggers: string;
  language: string | null;
  author_id: string;
  uses: number;
  created_at: number;
  updated_at: number;
}

interface SettingsRow {
  guild_id: string;
  watch_channels: string;
  auto_reply: number;
  retention_days: number | null;
}

const caseColumns = `
  c.id, c.created_at, c.source, c.guild_id, c.channel_id, c.user_id, c.trigger, c.language, c.matched,
  c.paste, c.fix_shown, c.evidence_summary, c.latency_ms, c.public_id, c.reply_message_id, c.reply_public, c.outcome, c.answered_by,
  (SELECT json_group_array(json_object('rule', m.rule_id, 'confidence', m.confidence) ORDER BY m.rank)
     FROM case_matches m WHERE m.case_id = c.id) AS matches_json,
  (SELECT count(*) FROM feedback f WHERE f.case_id = c.id AND f.vote = 'helpful') AS helpful,
  (SELECT count(*) FROM feedback f WHERE f.case_id = c.id AND f.vote = 'wrong') AS wrong`;

/**
 * Top rules over a period without sorting every match in it: walk the distinct
 * rule ids with one index seek each (a loose index scan), count each rule's
 * range in the period from the (rank, rule_id, created_at) index, keep the 10
 * largest. Parameters: [guildId,] since, until.
 */
export function topRulesSql(byGuild: boolean): string {
  const g = byGuild ? 'guild_id = :guild AND' : '';
  return `
    WITH RECURSIVE seen(rule_id) AS (
      SELECT (SELECT min(rule_id) FROM case_matches WHERE ${g} rank = 0)
      UNION ALL
      SELECT (SELECT min(rule_id) FROM case_matches WHERE ${g} rank = 0 AND rule_id > seen.rule_id)
        FROM seen WHERE seen.rule_id IS NOT NULL
    ),
    counted AS MATERIALIZED (
      SELECT rule_id, (SELECT count(*) FROM case_matches m
                        WHERE ${g ? 'm.guild_id = :guild AND' : ''} m.rank = 0 AND m.rule_id = seen.rule_id
                          AND m.created_at >= :since AND m.created_at < :until) AS cases
        FROM seen WHERE rule_id IS NOT NULL
    )
    SELECT rule_id AS rule, cases FROM counted WHERE cases > 0 ORDER BY cases DESC, rule_id LIMIT 10`;
}

/**
 * Helpful/wrong per best-matched rule over a period, driven by the period's
 * votes (few) rather than its matches (many). Parameters: [guild,] since, until.
 */
export function votesByRuleSql(byGuild: boolean): string {
  return `
    SELECT m.rule_id AS rule, sum(f.vote = 'helpful') AS helpful, sum(f.vote = 'wrong') AS wrong
      FROM feedback f INDEXED BY feedback_case_time
      CROSS JOIN case_matches m ON m.case_id = f.case_id AND m.rank = 0 -- CROSS JOIN: the votes drive the loop
     WHERE f.case_created_at >= :since AND f.case_created_at < :until ${byGuild ? 'AND m.guild_id = :guild' : ''}
     GROUP BY m.rule_id`;
}

function toStoredCase(row: CaseRow): StoredCase {
  return {
    id: row.id,
    publicId: row.public_id,
    reply: row.reply_message_id === null ? null : { messageId: row.reply_message_id, public: row.reply_public === 1 },
    createdAt: new Date(row.created_at).toISOString(),
    source: row.source as CaseSource,
    guildId: row.guild_id,
    channelId: row.channel_id,
    userId: row.user_id,
    trigger: row.trigger,
    language: row.language as StoredCase['language'],
    matches: JSON.parse(row.matches_json) as StoredCase['matches'],
    paste: row.paste,
    fixShown: row.fix_shown === 1,
    evidenceSummary: row.evidence_summary,
    latencyMs: row.latency_ms,
    outcome: row.outcome as CaseOutcome,
    votes: { helpful: row.helpful, wrong: row.wrong },
    answeredBy: row.answered_by,
  };
}

/** A row's triggers; a damaged column reads as none (the entry still answers /faq). */
function parseTriggers(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function toFaqEntry(row: FaqRow): FaqEntry {
  return {
    guildId: row.guild_id,
    name: row.name,
    title: row.title,
    body: row.body,
    triggers: parseTriggers(row.triggers),
    language: row.language === 'python' || row.language === 'javascript' ? row.language : null,
    authorId: row.author_id,
    uses: row.uses,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

interface FileIdentity {
  dev: number;
  ino: number;
}

/** Device and inode of the file at `path` now; null when there is none. */
function fileIdentity(path: string): FileIdentity | null {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? { dev: st.dev, ino: st.ino } : null;
}

/** An in-memory or temporary database has no file to lose. */
function hasFile(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file::memory:');
}

/** Opening with `create: false` found no file: named plainly instead of SQLite's "unable to open". */
class NoDatabaseFileError extends Error {
  readonly code = 'ENOENT';
  constructor(path: string) {
    super(`there is no database file at ${path} (deleted? awaitbot creates it when the bot or console starts)`);
  }
}

/** One open connection and its prepared statements; thrown away whole when the database fails. */
class Connection {
  readonly db: Db;
  /** The file this connection opened, to notice when `path` stops naming it. Null without a file. */
  readonly identity: FileIdentity | null;
  readonly insertCase;
  readonly insertMatch;
  readonly upsertFeedback;
  readonly caseById;
  readonly caseByReply;
  readonly attachReplyTx;
  readonly logCaseTx;
  private readonly statements = new Map<string, Database.Statement>();

  /** Prepares once per connection: every query the store runs is a cached prepared statement. */
  sql<P extends unknown[] = unknown[], R = unknown>(text: string): Database.Statement<P, R> {
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt as unknown as Database.Statement<P, R>;
  }

  constructor(path: string, options: Required<Omit<StoreOptions, 'maxSizeBytes'>> & Pick<StoreOptions, 'maxSizeBytes'>) {
    if (!options.create && hasFile(path) && !existsSync(path)) throw new NoDatabaseFileError(path);
    if (hasFile(path)) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: options.busyTimeoutMs });
    this.db = db;
    this.identity = hasFile(path) ? fileIdentity(path) : null;
    try {
      // Checked before anything else so a database from a newer awaitbot is left exactly as it was.
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > latestSchemaVersion) throw new SchemaTooNewError(version);
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Deleted pastes (retention, forget) are overwritten, not left in free pages.
      db.pragma('secure_delete = ON');
      db.pragma('journal_size_limit = 67108864');
      if (options.maxSizeBytes !== undefined) {
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxSizeBytes / pageSize))}`);
      }
      migrate(db);
      this.insertCase = db.prepare(
        `INSERT INTO cases (created_at, source, guild_id, channel_id, user_id, trigger, language, matched,
                            paste, fix_shown, evidence_summary, latency_ms, public_id, outcome)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      this.insertMatch = db.prepare(
        'INSERT INTO case_matches (case_id, rank, rule_id, confidence, created_at, guild_id) VALUES (?, ?, ?, ?, ?, ?)',
      );
      this.upsertFeedback = db.prepare(
        `INSERT INTO feedback (case_id, user_id, vote, created_at, case_created_at)
         SELECT id, ?, ?, ?, created_at FROM cases WHERE id = ?
         ON CONFLICT (case_id, user_id) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
      );
      this.caseById = db.prepare<[number], CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.id = ?`);
      this.caseByReply = db.prepare<[string], CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.reply_message_id = ?`);
      const releaseReply = db.prepare('UPDATE cases SET reply_message_id = NULL, reply_public = NULL WHERE reply_message_id = ? AND id <> ?');
      const setReply = db.prepare('UPDATE cases SET reply_message_id = ?, reply_public = ? WHERE id = ?');
      // An edited answer (help-channel watching) is the same message answering a new case: the old case lets go of it.
      this.attachReplyTx = db.transaction((caseId: number, reply: CaseReply): boolean => {
        releaseReply.run(reply.messageId, caseId);
        return setReply.run(reply.messageId, reply.public ? 1 : 0, caseId).changes > 0;
      });
      const insertCase = this.insertCase;
      const insertMatch = this.insertMatch;
      this.logCaseTx = db.transaction((input: CaseInput, paste: string, at: number): number => {
        const matches = input.matches.slice(0, maxMatches);
        const id = Number(
          insertCase.run(
            at,
            input.source,
            input.guildId,
            input.channelId,
            input.userId,
            input.trigger,
            input.language,
            matches.length > 0 ? 1 : 0,
            paste,
            input.fixShown ? 1 : 0,
            input.evidenceSummary,
            Number.isFinite(input.latencyMs) ? input.latencyMs : 0,
            input.publicId ?? newPublicId(),
            input.outcome ?? 'diagnosed',
          ).lastInsertRowid,
        );
        matches.forEach((m, rank) => insertMatch.run(id, rank, m.rule, m.confidence, at, input.guildId));
        return id;
      });
    } catch (err) {
      db.close();
      throw err;
    }
  }
}

type ConnectionOptions = ConstructorParameters<typeof Connection>[1];

export class SqliteStore implements Store {
  private conn: Connection | null = null;
  private retryAt = 0;
  /** Code of the failure we already logged; null while healthy. */
  private failing: string | null = null;
  private lastError = '';
  /** When the file's identity was last checked (reads check at most once per fileCheckIntervalMs). */
  private fileCheckedAt = 0;
  /** The file was deleted or replaced and could not be opened again: said first in health(). */
  private fileFault: string | null = null;
  private readonly options: ConnectionOptions;

  constructor(
    readonly path: string,
    options: StoreOptions = {},
  ) {
    this.options = {
      busyTimeoutMs: options.busyTimeoutMs ?? 500,
      reopenAfterMs: options.reopenAfterMs ?? 30_000,
      defaultRetentionDays: options.defaultRetentionDays ?? defaultRetentionDays,
      maxSizeBytes: options.maxSizeBytes,
      create: options.create ?? true,
    };
    this.connection();
  }

  // ---- connection and failure handling ----

  /** The open connection (opened when needed), checked to still be on the file at `path`: always, or at most once a second. */
  private connection(check: 'always' | 'throttled' = 'always'): Connection | null {
    if (this.conn) {
      const now = Date.now();
      if (check === 'always' || now - this.fileCheckedAt >= fileCheckIntervalMs) {
        this.fileCheckedAt = now;
        this.followFile(this.conn);
      }
      if (this.conn) return this.conn;
    }
    if (Date.now() < this.retryAt) return null;
    try {
      this.conn = new Connection(this.path, this.options);
      this.fileCheckedAt = Date.now();
      if (this.fileFault) {
        log.info({ path: this.path }, 'database file opened again');
        this.fileFault = null;
      }
      return this.conn;
    } catch (err) {
      if (this.fileFault) this.fileFault = `${this.fileFault}, and it cannot be opened again (${errorCode(err)}: ${errorMessage(err)})`;
      this.failed('open', err);
      return null;
    }
  }

  /**
   * When `path` no longer names the file `conn` has open, drops `conn` so the
   * next step opens the file at `path`. A deleted file is first written back
   * from the open copy (VACUUM INTO), so no case is lost with it; a replaced
   * one (a restored backup, a file moved into place) is what the operator
   * chose, and is opened and migrated as it is.
   */
  private followFile(conn: Connection): void {
    if (!conn.identity) return;
    const now = fileIdentity(this.path);
    if (now && now.dev === conn.identity.dev && now.ino === conn.identity.ino) return;
    const what = now ? 'replaced' : 'deleted';
    try {
      // SQLite will not checkpoint or remove the -wal of a moved file when closing it; left there, the new
      // file would be read through the old file's log. Emptied here (into the old inode), it is harmless.
      conn.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      log.error({ path: this.path, code: errorCode(err), error: errorMessage(err) }, 'could not empty the old write-ahead log');
    }
    let restored = false;
    if (!now) {
      try {
        mkdirSync(dirname(this.path), { recursive: true });
        conn.db.prepare('VACUUM INTO ?').run(this.path);
        restored = true;
      } catch (err) {
        log.error({ path: this.path, code: errorCode(err), error: errorMessage(err) }, 'could not write the deleted database back from the open copy');
      }
    }
    log.error(
      { path: this.path, what, restored },
      restored
        ? 'database file was deleted while open; wrote it back from the open copy and reopened it'
        : `database file was ${what} while open; opening the file now at that path`,
    );
    this.fileFault = `the database file was ${what} while awaitbot had it open`;
    try {
      conn.db.close();
    } catch {
      // already unusable
    }
    this.conn = null;
    this.retryAt = 0;
  }

  private failed(op: string, err: unknown): void {
    const code = errorCode(err);
    this.lastError = `${code}: ${errorMessage(err)}`;
    if (this.failing !== code) {
      // Metadata only: a paste never reaches the log.
      log.error(
        { op, code, error: errorMessage(err), path: this.path },
        'database failed; replies go on, cases are not logged until it recovers',
      );
      this.failing = code;
    }
    if (!isTransient(err)) {
      try {
        this.conn?.db.close();
      } catch {
        // already unusable
      }
      this.conn = null;
      this.retryAt = Date.now() + this.options.reopenAfterMs;
    }
  }

  private succeeded(): void {
    if (this.failing !== null) {
      log.info({ path: this.path }, 'database recovered; logging cases again');
      this.failing = null;
    }
  }

  /** Runs a write; on failure logs (once) and returns `fallback`. Never throws. */
  private write<T>(op: string, fallback: T, fn: (c: Connection) => T): T {
    return this.run(op, fallback, fn, 'always');
  }

  /** Like write, for lookups on the reply path: the file is checked at most once a second. */
  private lookup<T>(op: string, fallback: T, fn: (c: Connection) => T): T {
    return this.run(op, fallback, fn, 'throttled');
  }

  private run<T>(op: string, fallback: T, fn: (c: Connection) => T, check: 'always' | 'throttled'): T {
    const conn = this.connection(check);
    if (!conn) return fallback;
    try {
      const result = fn(conn);
      this.succeeded();
      return result;
    } catch (err) {
      if (isCallerError(err)) {
        log.warn({ op, code: errorCode(err) }, 'store refused a write');
        return fallback;
      }
      this.failed(op, err);
      return fallback;
    }
  }

  /** Runs a read for moderators; throws StoreUnavailableError when the database cannot answer. */
  private read<T>(op: string, fn: (c: Connection) => T): T {
    const conn = this.connection();
    if (!conn) throw new StoreUnavailableError(`database ${this.path} is unavailable (${this.fileFault ?? this.lastError})`);
    try {
      return fn(conn);
    } catch (err) {
      this.failed(op, err);
      throw new StoreUnavailableError(`database ${this.path} could not answer (${errorCode(err)}: ${errorMessage(err)})`);
    }
  }

  // ---- the case log ----

  logCase(input: CaseInput): number | null {
    return this.write('logCase', null, (c) => {
      // Intake redacts before this point; doing it again costs microseconds and protects the file from a caller that forgot.
      const paste = redactSecrets(input.paste.length > maxPasteChars ? input.paste.slice(0, maxPasteChars) : input.paste).text;
      return c.logCaseTx.immediate(input, paste, Date.now());
    });
  }

  recordFeedback(caseId: number, userId: string, vote: Vote): boolean {
    return this.write('recordFeedback', false, (c) => {
      // Nothing is inserted when the case is gone (expired or forgotten).
      return c.upsertFeedback.run(userId, vote, Date.now(), caseId).changes > 0;
    });
  }

  attachReply(caseId: number, reply: CaseReply): boolean {
    return this.write('attachReply', false, (c) => c.attachReplyTx.immediate(caseId, reply));
  }

  caseForReply(messageId: string): StoredCase | null {
    return this.lookup('caseForReply', null, (c) => {
      const row = c.caseByReply.get(messageId);
      return row ? toStoredCase(row) : null;
    });
  }

  getCase(id: number): StoredCase | null {
    return this.lookup('getCase', null, (c) => {
      const row = c.caseById.get(id);
      return row ? toStoredCase(row) : null;
    });
  }

  // ---- FAQ entries ----

  listFaq(guildId: string): FaqEntry[] {
    return this.lookup('listFaq', [] as FaqEntry[], (c) =>
      c
        .sql<[string], FaqRow>('SELECT * FROM faq_entries WHERE guild_id = ? ORDER BY name')
        .all(guildId)
        .map(toFaqEntry),
    );
  }

  getFaq(guildId: string, name: string): FaqEntry | null {
    return this.lookup('getFaq', null, (c) => {
      const row = c.sql<[string, string], FaqRow>('SELECT * FROM faq_entries WHERE guild_id = ? AND name = ?').get(guildId, name);
      return row ? toFaqEntry(row) : null;
    });
  }

  addFaq(entry: FaqEntryInput): FaqWriteResult {
    return this.write('addFaq', { ok: false, reason: 'unavailable' } as FaqWriteResult, (c) => {
      const now = Date.now();
      const row = c
        .sql<unknown[], FaqRow>(
          `INSERT INTO faq_entries (guild_id, name, title, body, triggers, language, author_id, uses, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING RETURNING *`,
        )
        .get(entry.guildId, entry.name, entry.title, entry.body, JSON.stringify(entry.triggers ?? []), entry.language ?? null, entry.authorId, now, now);
      return row ? { ok: true, entry: toFaqEntry(row) } : { ok: false, reason: 'exists' };
    });
  }

  editFaq(entry: Partial<FaqEntryInput> & Pick<FaqEntryInput, 'guildId' | 'name' | 'authorId'>): FaqWriteResult {
    return this.write('editFaq', { ok: false, reason: 'unavailable' } as FaqWriteResult, (c) => {
      const row = c
        .sql<unknown[], FaqRow>(
          `UPDATE faq_entries SET title = coalesce(?, title), body = coalesce(?, body), triggers = coalesce(?, triggers),
             language = CASE WHEN ? THEN ? ELSE language END, author_id = ?, updated_at = ?
           WHERE guild_id = ? AND name = ? RETURNING *`,
        )
        .get(
          entry.title ?? null,
          entry.body ?? null,
          entry.triggers ? JSON.stringify(entry.triggers) : null,
          entry.language !== undefined ? 1 : 0,
          entry.language ?? null,
          entry.authorId,
          Date.now(),
          entry.guildId,
          entry.name,
        );
      return row ? { ok: true, entry: toFaqEntry(row) } : { ok: false, reason: 'missing' };
    });
  }

  importFaq(guildId: string, entries: readonly Omit<FaqEntryInput, 'guildId'>[]): { added: number; replaced: number } | null {
    return this.write('importFaq', null, (c) =>
      c.db
        .transaction(() => {
          const now = Date.now();
          const exists = c.sql<[string, string], { n: number }>('SELECT count(*) AS n FROM faq_entries WHERE guild_id = ? AND name = ?');
          const upsert = c.sql(
            `INSERT INTO faq_entries (guild_id, name, title, body, triggers, language, author_id, uses, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
             ON CONFLICT (guild_id, name) DO UPDATE SET title = excluded.title, body = excluded.body, triggers = excluded.triggers,
               language = excluded.language, author_id = excluded.author_id, updated_at = excluded.updated_at`,
          );
          let added = 0;
          for (const e of entries) {
            if (exists.get(guildId, e.name)!.n === 0) added++;
            upsert.run(guildId, e.name, e.title, e.body, JSON.stringify(e.triggers ?? []), e.language ?? null, e.authorId, now, now);
          }
          return { added, replaced: entries.length - added };
        })
        .immediate(),
    );
  }

  faqRevision(guildId: string): string {
    return this.lookup('faqRevision', '', (c) => {
      const row = c
        .sql<[string], { n: number; at: number | null }>('SELECT count(*) AS n, max(updated_at) AS at FROM faq_entries WHERE guild_id = ?')
        .get(guildId)!;
      return `${row.n}:${row.at ?? 0}`;
    });
  }

  markCaseAnswered(caseId: number, faqName: string): boolean {
    return this.write('markCaseAnswered', false, (c) => c.sql('UPDATE cases SET answered_by = ? WHERE id = ?').run(faqName, caseId).changes === 1);
  }

  removeFaq(guildId: string, name: string): FaqWriteResult {
    return this.write('removeFaq', { ok: false, reason: 'unavailable' } as FaqWriteResult, (c) => {
      const row = c
        .sql<[string, string], FaqRow>('DELETE FROM faq_entries WHERE guild_id = ? AND name = ? RETURNING *')
        .get(guildId, name);
      return row ? { ok: true, entry: toFaqEntry(row) } : { ok: false, reason: 'missing' };
    });
  }

  recordFaqUse(guildId: string, name: string): boolean {
    return this.write('recordFaqUse', false, (c) =>
      c.sql('UPDATE faq_entries SET uses = uses + 1 WHERE guild_id = ? AND name = ?').run(guildId, name).changes === 1,
    );
  }

  // ---- settings ----

  private defaults(guildId: string): GuildSettings {
    // Watching is opt-in: nothing is answered unasked until a moderator turns it on.
    return { guildId, watchChannels: [], autoReply: false, retentionDays: this.options.defaultRetentionDays };
  }

  getSettings(guildId: string): GuildSettings {
    return this.lookup('getSettings', this.defaults(guildId), (c) => {
      const row = c.sql<[string], SettingsRow>('SELECT * FROM guild_settings WHERE guild_id = ?').get(guildId);
      if (!row) return this.defaults(guildId);
      return {
        guildId,
        watchChannels: JSON.parse(row.watch_channels) as string[],
        autoReply: row.auto_reply === 1,
        retentionDays: row.retention_days ?? this.options.defaultRetentionDays,
      };
    });
  }

  updateSettings(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>): GuildSettings | null {
    if (patch.retentionDays !== undefined && !(Number.isInteger(patch.retentionDays) && patch.retentionDays >= 1 && patch.retentionDays <= maxRetentionDays)) {
      log.warn({ guildId, retentionDays: patch.retentionDays }, `retention must be a whole number of days from 1 to ${maxRetentionDays}`);
      return null;
    }
    const current = this.getSettings(guildId);
    const next: GuildSettings = {
      guildId,
      watchChannels: [...new Set(patch.watchChannels ?? current.watchChannels)],
      autoReply: patch.autoReply ?? current.autoReply,
      retentionDays: patch.retentionDays ?? current.retentionDays,
    };
    return this.write('updateSettings', null, (c) => {
      c
        .sql(
          `INSERT INTO guild_settings (guild_id, watch_channels, auto_reply, retention_days, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (guild_id) DO UPDATE SET watch_channels = excluded.watch_channels, auto_reply = excluded.auto_reply,
             retention_days = excluded.retention_days, updated_at = excluded.updated_at`,
        )
        .run(guildId, JSON.stringify(next.watchChannels), next.autoReply ? 1 : 0, next.retentionDays, Date.now());
      return next;
    });
  }

  watchedGuildIds(): string[] {
    return this.lookup('watchedGuildIds', [] as string[], (c) =>
      c
        .sql<[], { guild_id: string }>("SELECT guild_id FROM guild_settings WHERE watch_channels <> '[]' AND auto_reply = 1 ORDER BY guild_id")
        .all()
        .map((r) => r.guild_id),
    );
  }

  // ---- retention and erasure ----

  purgeExpired(now: Date = new Date()): number | null {
    return this.write('purgeExpired', null, (c) => {
      const at = now.getTime();
      const guilds = c
        .sql<[], { guild_id: string; retention_days: number }>(
          'SELECT guild_id, retention_days FROM guild_settings WHERE retention_days IS NOT NULL',
        )
        .all();
      // In chunks, each its own transaction, so a first purge of a large backlog never holds the write lock for long.
      const chunked = (sql: string, ...params: unknown[]): number => {
        const stmt = c.sql(sql);
        let total = 0;
        for (;;) {
          const n = stmt.run(...params).changes;
          total += n;
          if (n === 0) return total;
        }
      };
      let deleted = chunked(
        `DELETE FROM cases WHERE id IN (
           SELECT id FROM cases WHERE created_at < ?
             AND (guild_id IS NULL OR guild_id NOT IN (SELECT guild_id FROM guild_settings WHERE retention_days IS NOT NULL))
           LIMIT 2000)`,
        at - this.options.defaultRetentionDays * dayMs,
      );
      for (const g of guilds) {
        deleted += chunked(
          'DELETE FROM cases WHERE id IN (SELECT id FROM cases WHERE guild_id = ? AND created_at < ? LIMIT 2000)',
          g.guild_id,
          at - g.retention_days * dayMs,
        );
      }
      if (deleted > 0) this.truncateWal(c.db);
      return deleted;
    });
  }

  startRetention(intervalMs = 6 * 3_600_000): () => void {
    this.purgeExpired();
    const timer = setInterval(() => this.purgeExpired(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  forgetUser(userId: string): { cases: number; feedback: number } | null {
    return this.write('forgetUser', null, (c) => {
      const result = c.db
        .transaction(() => {
          // Votes on this user's cases go with the cases (ON DELETE CASCADE); votes this user cast elsewhere go here.
          const feedback = c.sql('DELETE FROM feedback WHERE user_id = ?').run(userId).changes;
          const cases = c.sql('DELETE FROM cases WHERE user_id = ?').run(userId).changes;
          return { cases, feedback };
        })
        .immediate();
      this.truncateWal(c.db);
      return result;
    });
  }

  /** Old page images in the WAL would still hold deleted pastes; a TRUNCATE checkpoint removes them when no reader needs them. */
  private truncateWal(db: Db): void {
    db.pragma('wal_checkpoint(TRUNCATE)');
  }

  // ---- moderator insight ----

  stats(query: StatsQuery): Stats {
    const until = (query.now ?? new Date()).getTime();
    const since = until - query.days * dayMs;
    const guildId = query.guildId ?? null;
    return this.read('stats', (c) => {
      const g = guildId === null ? '' : 'guild_id = ? AND';
      const params = guildId === null ? [since, until] : [guildId, since, until];
      const totals = c
        .sql<unknown[], { cases: number; matched: number | null }>(
          `SELECT count(*) AS cases, sum(matched) AS matched FROM cases WHERE ${g} created_at >= ? AND created_at < ?`,
        )
        .get(...params)!;
      const topRules = c
        .sql<[Record<string, unknown>], { rule: string; cases: number }>(topRulesSql(guildId !== null))
        .all(guildId === null ? { since, until } : { guild: guildId, since, until });
      const votesByRule = new Map(
        c
          .sql<[Record<string, unknown>], { rule: string; helpful: number; wrong: number }>(votesByRuleSql(guildId !== null))
          .all(guildId === null ? { since, until } : { guild: guildId, since, until })
          .map((r) => [r.rule, r]),
      );
      const busiestChannels = c
        .sql<unknown[], { channelId: string; cases: number }>(
          `SELECT channel_id AS channelId, count(*) AS cases FROM cases
           WHERE ${g} created_at >= ? AND created_at < ? AND channel_id IS NOT NULL
           GROUP BY channel_id ORDER BY cases DESC, channel_id LIMIT 5`,
        )
        .all(...params);
      // Cases a server entry answered are logged with 'faq:<name>' as their best match (src/faq/case-match.ts).
      const answeredByFaq = c
        .sql<unknown[], { n: number }>(
          `SELECT count(*) AS n FROM case_matches WHERE ${g} rank = 0 AND rule_id >= 'faq:' AND rule_id < 'faq;' AND created_at >= ? AND created_at < ?`,
        )
        .get(...params)!.n;
      let helpful = 0;
      let wrong = 0;
      for (const v of votesByRule.values()) {
        helpful += v.helpful;
        wrong += v.wrong;
      }
      const matched = totals.matched ?? 0;
      return {
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        days: query.days,
        guildId,
        cases: totals.cases,
        matched,
        matchedShare: totals.cases === 0 ? 0 : matched / totals.cases,
        topRules: topRules.map((r) => ({
          rule: r.rule,
          cases: r.cases,
          helpful: votesByRule.get(r.rule)?.helpful ?? 0,
          wrong: votesByRule.get(r.rule)?.wrong ?? 0,
        })),
        busiestChannels,
        votes: { helpful, wrong },
        wrongRate: helpful + wrong === 0 ? 0 : wrong / (helpful + wrong),
        answeredByFaq,
      };
    });
  }

  review(query: { limit: number; guildId?: string | null }): ReviewItem[] {
    const limit = Math.max(1, Math.floor(query.limit));
    const guildId = query.guildId ?? null;
    return this.read('review', (c) => {
      const g = guildId === null ? '' : 'AND c.guild_id = ?';
      const params = guildId === null ? [limit] : [guildId, limit];
      const unmatched = c
        .sql<unknown[], CaseRow>(
          `SELECT ${caseColumns} FROM cases c WHERE c.matched = 0 AND c.answered_by IS NULL ${g} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
        )
        .all(...params)
        .map((row): ReviewItem => {
          const stored = toStoredCase(row);
          return { ...stored, reason: 'unmatched', flaggedAt: stored.createdAt };
        });
      // Newest "wrong" votes first, stopping as soon as `limit` distinct cases are found.
      // A case a moderator already made an FAQ entry from is done: it leaves the list.
      const flagged = new Map<number, number>();
      const votes = c
        .sql<unknown[], { id: number; at: number }>(
          `SELECT f.case_id AS id, f.created_at AS at FROM feedback f JOIN cases c ON c.id = f.case_id
           WHERE f.vote = 'wrong' AND c.answered_by IS NULL ${g} ORDER BY f.created_at DESC`,
        )
        .iterate(...params.slice(0, -1));
      for (const v of votes) {
        if (!flagged.has(v.id)) flagged.set(v.id, v.at);
        if (flagged.size >= limit) break;
      }
      const wrong = [...flagged].map(([id, at]): ReviewItem => ({
        ...toStoredCase(c.caseById.get(id)!),
        reason: 'wrong',
        flaggedAt: new Date(at).toISOString(),
      }));
      return [...unmatched, ...wrong]
        .sort((a, b) => b.flaggedAt.localeCompare(a.flaggedAt) || b.id - a.id)
        .slice(0, limit);
    });
  }

  exportCases(query: { since?: Date }): IterableIterator<StoredCase> {
    const since = query.since?.getTime() ?? Number.MIN_SAFE_INTEGER;
    const rows = this.read('exportCases', (c) =>
      c
        .sql<[number], CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.created_at >= ? ORDER BY c.created_at, c.id`)
        .iterate(since),
    );
    function* mapped(): IterableIterator<StoredCase> {
      for (const row of rows) yield toStoredCase(row);
    }
    return mapped();
  }

  // ---- liveness ----

  recordGatewayHeartbeat(now: Date = new Date()): boolean {
    return this.write('recordGatewayHeartbeat', false, (c) => {
      c
        .sql(
          `INSERT INTO runtime_state (key, value, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(heartbeatKey, now.toISOString(), now.getTime());
      return true;
    });
  }

  lastGatewayHeartbeat(): Date | null {
    return this.lookup('lastGatewayHeartbeat', null, (c) => {
      const row = c.sql<[string], { updated_at: number }>('SELECT updated_at FROM runtime_state WHERE key = ?').get(heartbeatKey);
      return row ? new Date(row.updated_at) : null;
    });
  }

  /** Opens (or reuses) the connection and proves it can read and write; never throws. */
  health(): StoreHealth {
    const conn = this.connection();
    if (!conn) return { ok: false, path: this.path, error: this.fileFault ?? this.lastError };
    try {
      const schemaVersion = conn.db.pragma('user_version', { simple: true }) as number;
      const cases = conn.sql<[], { n: number }>('SELECT count(*) AS n FROM cases').get()!.n;
      // A write proves the file is neither read-only nor locked for good.
      conn.sql(
        `INSERT INTO runtime_state (key, value, updated_at) VALUES ('health-check', 'ok', ?)
         ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at`,
      ).run(Date.now());
      const heartbeat = conn.sql<[string], { updated_at: number }>('SELECT updated_at FROM runtime_state WHERE key = ?').get(heartbeatKey);
      this.succeeded();
      return {
        ok: schemaVersion === latestSchemaVersion,
        path: this.path,
        ...(schemaVersion === latestSchemaVersion ? {} : { error: `schema version ${schemaVersion}, expected ${latestSchemaVersion}` }),
        schemaVersion,
        cases,
        gatewayHeartbeat: heartbeat ? new Date(heartbeat.updated_at).toISOString() : null,
      };
    } catch (err) {
      this.failed('health', err);
      return { ok: false, path: this.path, error: this.lastError };
    }
  }

  close(): void {
    try {
      this.conn?.db.close();
    } catch {
      // closing a broken connection: nothing left to do
    }
    this.conn = null;
    this.retryAt = Number.POSITIVE_INFINITY;
  }
}
