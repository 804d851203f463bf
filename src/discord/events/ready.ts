/** Logged in: say so, and start recording gateway heartbeats for `awaitbot health`. */
import { Events, Status } from 'discord.js';
import { log } from '../../log.js';
import type { BotEvent } from './types.js';

export const ready: BotEvent<Events.ClientReady> = {
  name: Events.ClientReady,
  once: true,
  execute(ctx, client) {
    log.info({ user: client.user.tag, guilds: client.guilds.cache.size, watching: ctx.watching }, 'awaitbot is online');
    const beat = () => {
      if (client.ws.status === Status.Ready) {
        // One heartbeat per shard this process runs, so `awaitbot health` sees a shard that is down.
        // Health reporting never disturbs the bot.
        for (const id of client.shard?.ids ?? [0]) ctx.store.recordGatewayHeartbeat(undefined, { id, count: client.shard?.count ?? 1 }).catch(() => undefined);
      }
    };
    beat();
    setInterval(beat, 30_000).unref();
  },
};
