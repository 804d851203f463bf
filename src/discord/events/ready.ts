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
        // Health reporting never disturbs the bot.
        ctx.store.recordGatewayHeartbeat().catch(() => undefined);
      }
    };
    beat();
    setInterval(beat, 30_000).unref();
  },
};
