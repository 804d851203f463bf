/** Every gateway event the bot handles, listed explicitly. */
import { interactionCreate } from './interaction-create.js';
import { messageCreate } from './message-create.js';
import { messageUpdate } from './message-update.js';
import { ready } from './ready.js';
import type { BotEvent } from './types.js';

export const botEvents = [ready, interactionCreate, messageCreate, messageUpdate] as BotEvent[];
