/** Help-channel watching: a new message (only received when watching is on). */
import { Events } from 'discord.js';
import { onWatchedMessage } from '../watch.js';
import type { BotEvent } from './types.js';

export const messageCreate: BotEvent<Events.MessageCreate> = {
  name: Events.MessageCreate,
  once: false,
  execute: (ctx, message) => onWatchedMessage(message, ctx),
};
