/** Help-channel watching: an edit of a watched message updates (or withdraws) the bot's reply. */
import { Events } from 'discord.js';
import { onWatchedEdit } from '../watch.js';
import type { BotEvent } from './types.js';

export const messageUpdate: BotEvent<Events.MessageUpdate> = {
  name: Events.MessageUpdate,
  once: false,
  execute: (ctx, _old, message) => onWatchedEdit(message, ctx),
};
