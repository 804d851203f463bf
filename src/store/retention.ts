/**
 * Forgetting: cases older than their server's retention are deleted (now and
 * every 6 hours), and a user's cases and votes on request. Deleted pastes are
 * also pushed out of the write-ahead log.
 */
import type { Db, GuardedDb } from './guarded.js';

const dayMs = 86_400_000;

export class RetentionStore {
  constructor(
    private readonly db: GuardedDb,
    /** Retention for cases outside a server, or in a server without its own setting. */
    private readonly defaultRetentionDays: number,
  ) {}

  purgeExpired(now: Date = new Date()): number | null {
    return this.db.write('purgeExpired', null, (c) => {
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
        at - this.defaultRetentionDays * dayMs,
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
    return this.db.write('forgetUser', null, (c) => {
      const result = c.db
        .transaction(() => {
          // Votes on this user's cases go with the cases (ON DELETE CASCADE); votes this user cast elsewhere go here.
          const feedback = c.sql('DELETE FROM feedback WHERE user_id = ?').run(userId).changes;
          const cases = c.sql('DELETE FROM cases WHERE user_id = ?').run(userId).changes;
          // The rate limit's record of when they asked is theirs too.
          c.sql('DELETE FROM rate_limit_hits WHERE user_id = ?').run(userId);
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
}
