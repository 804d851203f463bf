/**
 * The guarded PostgreSQL pool: what guarded.ts is for the SQLite file, for a
 * database server that can be down, restarting or unreachable.
 *
 * - Nothing on the reply path throws: writes and lookups resolve to a fallback,
 *   the failure is logged once (again only when it changes), and "database
 *   recovered" is logged when it answers again.
 * - After a connection failure the pool is left alone for `reopenAfterMs`
 *   (a circuit breaker): replies do not each wait on a dead server.
 * - Writes that record what already happened (a case, the message that
 *   answered it, a vote, a heartbeat) are not lost when the server is away:
 *   they wait in a bounded in-memory queue, in order, and are written as soon
 *   as it answers again (a timer retries every `reopenAfterMs`). While the
 *   queue holds anything, new writes of that kind join its end, so a reply is
 *   never attached before its case exists. When the queue is full (by count
 *   or by bytes of paste), a new write is refused: it resolves to its
 *   fallback, is counted in `dropped`, and the overflow is logged once; what
 *   is already queued is kept, oldest first. The queue lives in memory: it
 *   survives the database restarting, not this process stopping (close()
 *   tries to write it out first).
 * - Moderator reads reject with StoreUnavailableError.
 */
import pg from 'pg';
import { log } from '../log.js';
import { errorCode, errorMessage, StoreUnavailableError } from './database-errors.js';
import { pgMigrate } from './pg-schema.js';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface PgGuardOptions {
  /** DATABASE_URL: postgres://user:password@host:port/database */
  connectionString: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** After a connection failure, how long replies skip the server before it is tried again (ms). Default 1000. */
  reopenAfterMs?: number;
  /** Writes waiting for the server at most. Default 10,000. */
  queueLimit?: number;
  /** Bytes of paste waiting for the server at most. Default 64 MiB. */
  queueBytesLimit?: number;
  /** How long opening a connection may take (ms). Default 2000. */
  connectTimeoutMs?: number;
  /**
   * Wait for each commit to reach the disk (synchronous_commit on). Default false: the same trade
   * as the SQLite store's synchronous=NORMAL. A commit is still atomic and survives the server
   * being stopped or restarted; only a crash of the server's machine can lose the last fraction of
   * a second of cases (PostgreSQL's "asynchronous commit"). It makes a case insert several times
   * cheaper on most disks (`npm run bench`).
   */
  synchronousCommit?: boolean;
}

interface PendingWrite {
  op: string;
  bytes: number;
  run: (q: Queryable) => Promise<unknown>;
}

/** Integrity violations are the caller's (a vote for a case that is gone, a write replayed after it landed), not a broken database. */
export function isCallerError(err: unknown): boolean {
  return errorCode(err).startsWith('23');
}

/**
 * The server is unreachable, shutting down or refusing connections: no SQLSTATE (a socket error or
 * a timeout), class 08 (connection exception), 57P0x (shutdown, cannot connect now), 53300 (too many connections).
 */
function isConnectionError(err: unknown): boolean {
  const code = errorCode(err);
  if (!/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57P') || code === '53300';
}

/** BIGINT (counts, ids, milliseconds) and NUMERIC (sums) as JavaScript numbers: every value the store keeps fits. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** The URL without its password: safe to log and to show in `health`. */
export function redactedUrl(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres://(unparsable DATABASE_URL)';
  }
}

export class PgGuard {
  readonly pool: pg.Pool;
  /** The database, password left out. */
  readonly path: string;
  /** Writes refused because the queue was full, since start. */
  dropped = 0;
  private readonly reopenAfterMs: number;
  private readonly queueLimit: number;
  private readonly queueBytesLimit: number;
  private migrated = false;
  private migrating: Promise<void> | null = null;
  private retryAt = 0;
  private failing: string | null = null;
  private lastError = '';
  private readonly queue: PendingWrite[] = [];
  private queuedBytes = 0;
  private overflowLogged = false;
  private flushing: Promise<boolean> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(options: PgGuardOptions) {
    this.path = redactedUrl(options.connectionString);
    this.reopenAfterMs = options.reopenAfterMs ?? 1000;
    this.queueLimit = options.queueLimit ?? 10_000;
    this.queueBytesLimit = options.queueBytesLimit ?? 64 * 1024 * 1024;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
      idleTimeoutMillis: 30_000,
      ...(options.synchronousCommit ? {} : { options: '-c synchronous_commit=off' }),
      types,
    });
    // An idle connection the server closed (a restart) is reported here; without a listener it would end the process.
    this.pool.on('error', (err) => log.warn({ code: errorCode(err), error: errorMessage(err) }, 'an idle database connection was closed'));
  }

  /** How many writes wait for the server. */
  get pending(): number {
    return this.queue.length;
  }

  /** Migrates once per process (single flight); fails fast while the circuit is open. */
  private async ready(): Promise<void> {
    if (this.migrated) return;
    if (this.closed) throw new StoreUnavailableError('the store is closed');
    this.migrating ??= (async () => {
      const client = await this.pool.connect();
      try {
        await pgMigrate(client);
        this.migrated = true;
      } finally {
        client.release();
      }
    })().finally(() => {
      this.migrating = null;
    });
    await this.migrating;
  }

  private failed(op: string, err: unknown): void {
    const code = errorCode(err);
    this.lastError = `${code}: ${errorMessage(err)}`;
    if (err instanceof StoreUnavailableError) return; // the circuit is open: already logged
    // Once per outage (a restart shows several codes in a row: shutting down, then refused): "recovered" ends it.
    if (this.failing === null) {
      // Metadata only: a paste never reaches the log, nor the password.
      log.error({ op, code, error: errorMessage(err), path: this.path }, 'database failed; replies go on, cases wait in memory until it recovers');
      this.failing = code;
    }
    if (isConnectionError(err)) this.retryAt = Date.now() + this.reopenAfterMs;
  }

  private succeeded(): void {
    if (this.failing !== null) {
      log.info({ path: this.path }, 'database recovered; logging cases again');
      this.failing = null;
      this.overflowLogged = false;
    }
  }

  /** Runs `fn` on the pool once the schema is ready; fails at once while the circuit is open (an unreachable host would make every reply wait for the connect timeout). */
  private async run<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    if (Date.now() < this.retryAt) throw new StoreUnavailableError(`database ${this.path} is unavailable (${this.lastError})`);
    await this.ready();
    return fn(this.pool);
  }

  /** Runs `fn` in one transaction on one connection. */
  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (isConnectionError(e)) broken = e instanceof Error ? e : new Error(String(e));
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** A write or reply-path lookup: on failure logs (once) and resolves to `fallback`. Never rejects. */
  async write<T>(op: string, fallback: T, fn: (q: Queryable) => Promise<T>): Promise<T> {
    try {
      const result = await this.run(fn);
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

  lookup<T>(op: string, fallback: T, fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.write(op, fallback, fn);
  }

  /**
   * A write of something that already happened: written now, or queued when the server is away (or
   * earlier writes still wait). Resolves to 'written', 'queued', or 'refused' (the queue is full, or
   * the database refused it as the caller's mistake). Never rejects.
   */
  async record(op: string, bytes: number, fn: (q: Queryable) => Promise<unknown>): Promise<'written' | 'queued' | 'refused'> {
    if (this.queue.length === 0 && Date.now() >= this.retryAt) {
      try {
        await this.run(fn);
        this.succeeded();
        return 'written';
      } catch (err) {
        if (isCallerError(err)) {
          log.warn({ op, code: errorCode(err) }, 'store refused a write');
          return 'refused';
        }
        this.failed(op, err);
      }
    }
    return this.enqueue({ op, bytes, run: fn });
  }

  private enqueue(write: PendingWrite): 'queued' | 'refused' {
    if (this.closed || this.queue.length >= this.queueLimit || this.queuedBytes + write.bytes > this.queueBytesLimit) {
      this.dropped++;
      if (!this.overflowLogged) {
        log.error({ op: write.op, pending: this.queue.length, path: this.path }, 'database still away and the queue of waiting writes is full; new cases are not logged until it drains');
        this.overflowLogged = true;
      }
      return 'refused';
    }
    this.queue.push(write);
    this.queuedBytes += write.bytes;
    this.scheduleFlush();
    return 'queued';
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.closed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, Math.max(20, this.retryAt - Date.now()));
    this.flushTimer.unref();
  }

  /** Writes the queue out, oldest first; true when it is empty. Stops at the first failure and retries later. */
  flush(): Promise<boolean> {
    this.flushing ??= (async () => {
      let saved = 0;
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        try {
          await this.run(next.run);
        } catch (err) {
          if (isCallerError(err)) {
            // Already written before the connection broke (its case id or public id exists), or its case is gone.
            log.warn({ op: next.op, code: errorCode(err) }, 'a queued write was refused; dropped');
          } else {
            this.failed(next.op, err);
            this.scheduleFlush();
            return false;
          }
        }
        this.queue.shift();
        this.queuedBytes -= next.bytes;
        saved++;
      }
      if (saved > 0) log.info({ saved, path: this.path }, 'database answered again; writes that waited for it are saved');
      this.succeeded();
      return true;
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** A moderator read: rejects with StoreUnavailableError when the database cannot answer. */
  async read<T>(op: string, fn: (q: Queryable) => Promise<T>): Promise<T> {
    try {
      const result = await this.run(fn);
      this.succeeded();
      return result;
    } catch (err) {
      if (err instanceof StoreUnavailableError) throw err;
      this.failed(op, err);
      throw new StoreUnavailableError(`database ${this.path} could not answer (${errorCode(err)}: ${errorMessage(err)})`);
    }
  }

  /** For health: the value, or why the database cannot answer. Never rejects. */
  async attempt<T>(op: string, fn: (q: Queryable) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
    try {
      const value = await this.run(fn);
      this.succeeded();
      return { ok: true, value };
    } catch (err) {
      this.failed(op, err);
      return { ok: false, error: this.lastError };
    }
  }

  /** Writes out what waits (for up to `waitMs`), then closes the pool. What could not be written is logged. */
  async close(waitMs = 5000): Promise<void> {
    if (this.closed) return;
    const deadline = Date.now() + waitMs;
    while (this.queue.length > 0 && Date.now() < deadline) {
      this.retryAt = 0;
      if (await this.flush()) break;
      await new Promise((r) => setTimeout(r, Math.min(200, Math.max(0, deadline - Date.now()))));
    }
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.queue.length > 0) log.error({ lost: this.queue.length, path: this.path }, 'closing with writes the database never took; they are lost');
    await this.pool.end().catch(() => undefined);
  }
}
