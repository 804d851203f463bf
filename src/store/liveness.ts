/** Liveness: the gateway heartbeat the bot records and `awaitbot health` checks, and the store's own health. */
import type { GuardedDb } from './guarded.js';
import { latestSchemaVersion } from './migrations.js';
import type { ShardHeartbeat, StoreHealth } from './types.js';

const heartbeatKey = 'gateway-heartbeat';
/** Each shard's own heartbeat row: `gateway-heartbeat:shard:<id>`, its value the shard count. */
const shardKeyPrefix = `${heartbeatKey}:shard:`;

export class LivenessStore {
  constructor(private readonly db: GuardedDb) {}

  /** The last heartbeat of any shard, and shard `shard.id`'s own (every shard process shares the file). */
  recordGatewayHeartbeat(now: Date = new Date(), shard: { id: number; count: number } = { id: 0, count: 1 }): boolean {
    return this.db.write('recordGatewayHeartbeat', false, (c) => {
      const upsert = c.sql(
        `INSERT INTO runtime_state (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      );
      upsert.run(heartbeatKey, now.toISOString(), now.getTime());
      upsert.run(`${shardKeyPrefix}${shard.id}`, String(shard.count), now.getTime());
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
      const shardHeartbeats: ShardHeartbeat[] = conn
        .sql<[string], { key: string; value: string; updated_at: number }>('SELECT key, value, updated_at FROM runtime_state WHERE key LIKE ?')
        .all(`${shardKeyPrefix}%`)
        .map((r) => ({ shard: Number(r.key.slice(shardKeyPrefix.length)), shardCount: Number(r.value), at: new Date(r.updated_at).toISOString() }));
      return {
        ok: schemaVersion === latestSchemaVersion,
        path,
        ...(schemaVersion === latestSchemaVersion ? {} : { error: `schema version ${schemaVersion}, expected ${latestSchemaVersion}` }),
        schemaVersion,
        cases,
        gatewayHeartbeat: heartbeat ? new Date(heartbeat.updated_at).toISOString() : null,
        shardHeartbeats,
      };
    });
    return result.ok ? result.value : { ok: false, path, error: result.error };
  }
}
