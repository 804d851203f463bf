import { UsageError, type CliCommand } from '../command.js';
import { readOptions, withStore } from '../store-command.js';

export const healthCommand: CliCommand = {
  name: 'health',
  async run(args, io, config) {
    const values = readOptions(args, { 'max-heartbeat-age': { type: 'string' } });
    const raw = values['max-heartbeat-age'];
    const maxAge = raw === undefined || raw === '' ? config.healthMaxHeartbeatAgeSeconds : Number(raw);
    if (!Number.isFinite(maxAge) || maxAge <= 0) throw new UsageError(`the heartbeat age wants a number of seconds, not "${raw}"`);

    return withStore(config, async (store) => {
      const health = await store.health();
      if (!health.ok) {
        io.stderr.write(`unhealthy: database ${health.path}: ${health.error}\n`);
        return 1;
      }
      let gateway = 'console mode (no DISCORD_TOKEN), gateway not checked';
      if (config.discordToken) {
        const last = health.gatewayHeartbeat ? Date.parse(health.gatewayHeartbeat) : null;
        const age = last === null ? null : Math.round((Date.now() - last) / 1000);
        if (age === null || age > maxAge) {
          io.stderr.write(
            `unhealthy: no Discord gateway heartbeat ${age === null ? 'recorded yet' : `for ${age} s`} (limit ${maxAge} s); database ${health.path} is fine\n`,
          );
          return 1;
        }
        gateway = `gateway heartbeat ${age} s ago`;
      }
      io.stdout.write(`ok: database ${health.path} (schema ${health.schemaVersion}, ${health.cases} cases), ${gateway}\n`);
      return 0;
    }, { busyTimeoutMs: 2000, create: false });
  },
};
