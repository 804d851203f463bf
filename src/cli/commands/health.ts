import { UsageError, type CliCommand } from '../command.js';
import { readOptions, withStore } from '../store-command.js';
import { commandLocale } from '../lang-option.js';
import { cliMessages } from '../../render/messages.js';

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
    const { rest, locale } = commandLocale(args, config);
    const say = cliMessages(locale).reports;
    const values = readOptions(rest, { 'max-heartbeat-age': { type: 'string' } });
    const raw = values['max-heartbeat-age'];
    const maxAge = raw === undefined || raw === '' ? config.healthMaxHeartbeatAgeSeconds : Number(raw);
    if (!Number.isFinite(maxAge) || maxAge <= 0) throw new UsageError((m) => m.errors.heartbeatAge(raw ?? ''));

    return withStore(config, async (store) => {
      const health = await store.health();
      if (!health.ok) {
        io.stderr.write(`${say.healthDatabaseDown(health.path, health.error ?? '?')}\n`);
        return 1;
      }
      let gateway = say.healthConsoleMode;
      if (config.discordToken) {
        const shards = shardAges(health, Date.now());
        const late = shards.filter((s) => s.age === null || s.age > maxAge);
        if (late.length > 0) {
          io.stderr.write(`${say.healthNoHeartbeat(late.map((s) => ({ shard: s.shard, of: shards.length, age: s.age })), maxAge, health.path)}\n`);
          return 1;
        }
        const oldest = Math.max(...shards.map((s) => s.age!));
        gateway = say.healthHeartbeat(shards.length, oldest);
      }
      io.stdout.write(`${say.healthOk(health.path, health.schemaVersion ?? 0, health.cases ?? 0, gateway)}\n`);
      return 0;
    }, { busyTimeoutMs: 2000, create: false });
  },
};
