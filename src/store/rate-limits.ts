/**
 * The per-user rate limit's memory, in the database rather than in one
 * process: several copies of the HTTP endpoint (or the gateway bot beside
 * them) behind a load balancer then count a user's explanations together.
 * A sliding window: one row per counted explanation, read and written in one
 * IMMEDIATE transaction so two processes cannot both let the last one through.
 */
import type { GuardedDb } from './guarded.js';

/** Rows older than the window are swept from the whole table at most this often (a user's own are dropped on each take). */
const sweepEveryMs = 60_000;

export class RateLimitStore {
  private lastSweep = 0;

  constructor(private readonly db: GuardedDb) {}

  /** Committed with the other reply-path writes of this turn of the event loop (GuardedDb.writeSoon). */
  takeRateLimit(userId: string, limit: number, windowMs: number, now = Date.now()): Promise<number> {
    // Inside the queue's IMMEDIATE transaction: read and written under the write lock.
    return this.db.writeSoon('takeRateLimit', 0, (c) => {
      c.sql('DELETE FROM rate_limit_hits WHERE user_id = ? AND at <= ?').run(userId, now - windowMs);
      const hits = c.sql<[string], { n: number; oldest: number | null }>('SELECT count(*) AS n, min(at) AS oldest FROM rate_limit_hits WHERE user_id = ?').get(userId)!;
      const wait = hits.n >= limit ? Math.max(1, Math.ceil((hits.oldest! + windowMs - now) / 1000)) : 0;
      if (wait === 0) c.sql('INSERT INTO rate_limit_hits (user_id, at) VALUES (?, ?)').run(userId, now);
      if (now - this.lastSweep >= sweepEveryMs) {
        this.lastSweep = now;
        // Users who stopped asking leave nothing behind.
        c.sql('DELETE FROM rate_limit_hits WHERE at <= ?').run(now - windowMs);
      }
      return wait;
    });
  }
}
