/** One gateway event handler per file, as in the discord.js guide. */
import type { ClientEvents } from 'discord.js';
import type { BotContext } from '../context.js';

export interface BotEvent<K extends keyof ClientEvents = keyof ClientEvents> {
  name: K;
  once: boolean;
  execute(ctx: BotContext, ...args: ClientEvents[K]): Promise<void> | void;
}
