/**
 * The guarded connection to awaitbot's SQLite file (the stores of each
 * concern — cases.ts, faq.ts, settings.ts, insight.ts — run on it).
 *
 * better-sqlite3 is synchronous: a write is a few microseconds with WAL and
 * synchronous=NORMAL, so the reply path can afford to commit the case before
 * it answers. What it cannot afford is an exception or a long stall, so:
 * - writes never throw: they return null/false, the failure is logged once
 *   (again only when it changes or after the store recovered), and the
 *   connection is dropped and reopened later (except for a busy lock, which
 *   is simply tried again on the next write);
 * - the busy timeout is short (500 ms by default);
 * - the reply path's writes (a case, a rate-limit count) may be queued: those
 *   queued in one turn of the event loop commit together at its end, in one
 *   transaction after one file check, since under load a commit each cost
 *   more than the writes themselves. Each resolves only once committed (a
 *   reply still waits for its case), and every other query runs the queue
 *   first, so the order of writes and reads is unchanged;
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
import { errorCode, errorMessage, StoreUnavailableError } from './database-errors.js';
import { latestSchemaVersion, migrate, SchemaTooNewError } from './migrations.js';

export type Db = Database.Database;

/** Reads check the file's identity at most this often (writes check every time). */
const fileCheckIntervalMs = 1000;

/** Constraint errors are the caller's mistake (a vote for a case that is gone), not a broken database. */
function isCallerError(err: unknown): boolean {
  return errorCode(err).startsWith('SQLITE_CONSTRAINT');
}

/** A busy/locked database recovers by itself; anything else gets a fresh connection later. */
function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
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

/**
 * One open connection; thrown away whole when the database fails. Statements
 * and transactions are prepared once per connection and cached here, so a
 * reopened connection prepares its own.
 */
export class Connection {
  readonly db: Db;
  /** The file this connection opened, to notice when `path` stops naming it. Null without a file. */
  readonly identity: FileIdentity | null;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly made = new Map<string, unknown>();

  /** Prepares once per connection: every query the store runs is a cached prepared statement. */
  sql<P extends unknown[] = unknown[], R = unknown>(text: string): Database.Statement<P, R> {
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt as unknown as Database.Statement<P, R>;
  }

  /** Something built from this connection once (a transaction function), under `key`. */
  cached<T>(key: string, make: (db: Db) => T): T {
    if (!this.made.has(key)) this.made.set(key, make(this.db));
    return this.made.get(key) as T;
  }

  constructor(path: string, options: GuardOptions) {
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
      // Each queued write runs in a savepoint, and SQLite copies every page a savepoint changes to a
      // sub-journal first: in a temporary file by default, a file write per page per case. In memory the
      // reply path's case logging costs about 40 % less CPU; and no page of a paste lands in a temp file.
      db.pragma('temp_store = MEMORY');
      if (options.maxSizeBytes !== undefined) {
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxSizeBytes / pageSize))}`);
      }
      migrate(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }
}

/** A write waiting for the end of this turn of the event loop (see GuardedDb.writeSoon). */
interface QueuedWrite {
  op: string;
  fallback: unknown;
  fn: (c: Connection) => unknown;
  resolve: (value: unknown) => void;
}

/** How the connection is opened and kept. */
export interface GuardOptions {
  busyTimeoutMs: number;
  reopenAfterMs: number;
  maxSizeBytes?: number;
  create: boolean;
}

/**
 * The guarded connection: the one piece that keeps replies going when the
 * database fails. It opens the file when needed, follows it when it is
 * deleted or replaced, and runs every query in one of three ways: writes and
 * reply-path lookups never throw (they return a fallback, the failure is
 * logged once, and the connection is reopened later), moderator reads throw
 * StoreUnavailableError. The stores of each concern (cases, FAQ entries,
 * settings, stats) run their queries through it.
 */
export class GuardedDb {
  private conn: Connection | null = null;
  private retryAt = 0;
  /** Code of the failure we already logged; null while healthy. */
  private failing: string | null = null;
  private lastError = '';
  /** When the file's identity was last checked (reads check at most once per fileCheckIntervalMs). */
  private fileCheckedAt = 0;
  /** The file was deleted or replaced and could not be opened again: said first in health(). */
  private fileFault: string | null = null;
  /** Writes queued in this turn of the event loop, committed together at its end. */
  private queued: QueuedWrite[] = [];

  constructor(
    readonly path: string,
    private readonly options: GuardOptions,
  ) {
    this.connection();
  }

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
  write<T>(op: string, fallback: T, fn: (c: Connection) => T): T {
    return this.run(op, fallback, fn, 'always');
  }

  /**
   * Like write, committed at the end of this turn of the event loop together with every other write
   * queued in it: one transaction and one check of the file for all of them. Resolves once committed,
   * to `fn`'s value or, on failure, to `fallback`. Never rejects.
   *
   * `fn` always runs inside an IMMEDIATE transaction, its batch's or its own, and opens none itself.
   */
  writeSoon<T>(op: string, fallback: T, fn: (c: Connection) => T): Promise<T> {
    return new Promise<T>((resolve) => {
      this.queued.push({ op, fallback, fn, resolve: resolve as (value: unknown) => void });
      if (this.queued.length === 1) setImmediate(() => this.flushQueued());
    });
  }

  /**
   * Commits the queued writes in one IMMEDIATE transaction. When any of them fails, even a write the
   * store refuses (a constraint), the whole transaction is rolled back and each write is run again in
   * a transaction of its own: a failure is then handled, logged and answered exactly as without the
   * queue, and nothing is half-written. No write runs in a savepoint of its own: SQLite copies every
   * page a savepoint changes to a sub-journal first, which was a quarter of a case's logging, and
   * refused writes are rare (a retried interaction's second case).
   */
  private flushQueued(): void {
    const batch = this.queued;
    if (batch.length === 0) return;
    this.queued = [];
    if (batch.length > 1) {
      const conn = this.connection('always');
      if (!conn) {
        for (const w of batch) w.resolve(w.fallback);
        return;
      }
      let values: unknown[] | null = null;
      try {
        values = conn.cached('queuedWrites', (db) => db.transaction((writes: QueuedWrite[]) => writes.map((w) => w.fn(conn)))).immediate(batch);
      } catch {
        values = null;
      }
      if (values) {
        this.succeeded();
        batch.forEach((w, n) => w.resolve(values![n]));
        return;
      }
    }
    for (const w of batch) w.resolve(this.run(w.op, w.fallback, (c) => c.cached('queuedWriteAlone', (db) => db.transaction((one: QueuedWrite) => one.fn(c))).immediate(w), 'always'));
  }

  /** Like write, for lookups on the reply path: the file is checked at most once a second. */
  lookup<T>(op: string, fallback: T, fn: (c: Connection) => T): T {
    return this.run(op, fallback, fn, 'throttled');
  }

  /**
   * Like lookup, for what the queued writes never touch (FAQ entries, settings: writeSoon only carries
   * cases and rate-limit counts), so it need not run the queue first. On the reply path such a lookup
   * comes between one answer's writes and the next: running the queue there would commit a busy turn's
   * cases nearly one by one again.
   */
  lookupBesideQueue<T>(op: string, fallback: T, fn: (c: Connection) => T): T {
    return this.run(op, fallback, fn, 'throttled', false);
  }

  private run<T>(op: string, fallback: T, fn: (c: Connection) => T, check: 'always' | 'throttled', queueFirst = true): T {
    if (queueFirst) this.flushQueued();
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
  read<T>(op: string, fn: (c: Connection) => T): T {
    this.flushQueued();
    const conn = this.connection();
    if (!conn) throw new StoreUnavailableError(`database ${this.path} is unavailable (${this.fileFault ?? this.lastError})`);
    try {
      return fn(conn);
    } catch (err) {
      this.failed(op, err);
      throw new StoreUnavailableError(`database ${this.path} could not answer (${errorCode(err)}: ${errorMessage(err)})`);
    }
  }

  /**
   * Runs `fn` on a connection checked to be on the file, for a caller that
   * reports rather than throws (health): the value, or why the database
   * cannot answer. Never throws.
   */
  attempt<T>(op: string, fn: (c: Connection) => T): { ok: true; value: T } | { ok: false; error: string } {
    this.flushQueued();
    const conn = this.connection();
    if (!conn) return { ok: false, error: this.fileFault ?? this.lastError };
    try {
      const value = fn(conn);
      this.succeeded();
      return { ok: true, value };
    } catch (err) {
      this.failed(op, err);
      return { ok: false, error: this.lastError };
    }
  }

  close(): void {
    this.flushQueued();
    try {
      this.conn?.db.close();
    } catch {
      // closing a broken connection: nothing left to do
    }
    this.conn = null;
    this.retryAt = Number.POSITIVE_INFINITY;
  }
}
