import { UsageError, type CliCommand } from '../command.js';
import { readOptions, withStore } from '../store-command.js';

interface ShardAge {
  shard: number;
  /** Seconds since its last heartbeat; null when it never recorded one. */
  age: number | null;
}

/**
 * Every shard of the bot's latest run (as many as the newest heartbeat says
 * there are) with the age of its heartbeat, so one shard that is down makes
 * the bot unhealthy even while the others beat. A store that keeps no
 * per-shard heartbeats gives its one heartbeat as shard 0.
 */
function shardAges(
  health: { gatewayHeartbeat?: string | null; shardHeartbeats?: { shard: number; shardCount: number; at: string }[] },
  now: number,
): ShardAge[] {
  const ageOf = (iso: string | null | undefined) => (iso ? Math.round((now - Date.parse(iso)) / 1000) : null);
  const beats = health.shardHeartbeats ?? [];
  if (beats.length === 0) return [{ shard: 0, age: ageOf(health.gatewayHeartbeat) }];
  const newest = beats.reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
  return Array.from({ length: newest.shardCount }, (_, shard) => ({
    shard,
    age: ageOf(beats.find((b) => b.shard === shard && b.shardCount === newest.shardCount)?.at),
  }));
}

export const healthCommand: CliCommand = {
  name: 'health',
  async run(args, io, config) {
    const values = readOptions(args, { 'max-heartbeat-age': { type: 'string' } });
    const raw = values['max-heartbeat-age'];
    const maxAge = raw === undefined || raw === '' ? config.healthMaxHeartbeatAgeSeconds : Number(raw);
    if (!Number.isFinite(maxAge) || maxAge <= 0) throw new UsageError((m) => m.errors.heartbeatAge(raw ?? ''));

    return withStore(config, async (store) => {
      const health = await store.health();
      if (!health.ok) {
        io.stderr.write(`unhealthy: database ${health.path}: ${health.error}\n`);
        return 1;
      }
      let gateway = 'console mode (no DISCORD_TOKEN), gateway not checked';
      if (config.discordToken) {
        const shards = shardAges(health, Date.now());
        const late = shards.filter((s) => s.age === null || s.age > maxAge);
        if (late.length > 0) {
          const one = (s: ShardAge) => `${shards.length > 1 ? ` from shard ${s.shard} of ${shards.length}` : ''} ${s.age === null ? 'recorded yet' : `for ${s.age} s`}`;
          io.stderr.write(`unhealthy: no Discord gateway heartbeat${late.map(one).join(';')} (limit ${maxAge} s); database ${health.path} is fine\n`);
          return 1;
        }
        const oldest = Math.max(...shards.map((s) => s.age!));
        gateway = shards.length > 1 ? `gateway heartbeats from all ${shards.length} shards, the oldest ${oldest} s ago` : `gateway heartbeat ${oldest} s ago`;
      }
      io.stdout.write(`ok: database ${health.path} (schema ${health.schemaVersion}, ${health.cases} cases), ${gateway}\n`);
      return 0;
    }, { busyTimeoutMs: 2000, create: false });
  },
};
