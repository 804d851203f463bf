/** Liveness: the gateway heartbeat the bot records and `awaitbot health` checks, and the store's own health. */
import type { GuardedDb } from './guarded.js';
import { latestSchemaVersion } from './migrations.js';
import type { StoreHealth } from './types.js';

const heartbeatKey = 'gateway-heartbeat';

export class LivenessStore {
  constructor(private readonly db: GuardedDb) {}

  recordGatewayHeartbeat(now: Date = new Date()): boolean {
    return this.db.write('recordGatewayHeartbeat', false, (c) => {
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
    return this.db.lookup('lastGatewayHeartbeat', null, (c) => {
      const row = c.sql<[string], { updated_at: number }>('SELECT updated_at FROM runtime_state WHERE key = ?').get(heartbeatKey);
      return row ? new Date(row.updated_at) : null;
    });
  }

  /** Opens (or reuses) the connection and proves it can read and write; never throws. */
  health(): StoreHealth {
    const path = this.db.path;
    const result = this.db.attempt('health', (conn): StoreHealth => {
      const schemaVersion = conn.db.pragma('user_version', { simple: true }) as number;
      const cases = conn.sql<[], { n: number }>('SELECT count(*) AS n FROM cases').get()!.n;
      // A write proves the file is neither read-only nor locked for good.
      conn.sql(
        `INSERT INTO runtime_state (key, value, updated_at) VALUES ('health-check', 'ok', ?)
         ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at`,
      ).run(Date.now());
      const heartbeat = conn.sql<[string], { updated_at: number }>('SELECT updated_at FROM runtime_state WHERE key = ?').get(heartbeatKey);
      return {
        ok: schemaVersion === latestSchemaVersion,
        path,
        ...(schemaVersion === latestSchemaVersion ? {} : { error: `schema version ${schemaVersion}, expected ${latestSchemaVersion}` }),
        schemaVersion,
        cases,
        gatewayHeartbeat: heartbeat ? new Date(heartbeat.updated_at).toISOString() : null,
      };
    });
    return result.ok ? result.value : { ok: false, path, error: result.error };
  }
}
