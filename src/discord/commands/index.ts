/**
 * Every command, listed explicitly (a folder read at run time breaks between
 * src/ and dist/). The bot and `awaitbot deploy-commands` both use this list.
 */
import { explain } from './explain.js';
import { explainMessage } from './explain-message.js';
import { faq } from './faq.js';
import { faqAdmin } from './faq-admin.js';
import { forgetMe } from './forget-me.js';
import { settings } from './settings.js';
import { stats } from './stats.js';
import { localizeCommand } from './localize.js';
import type { BotCommand } from './types.js';

/** Each with its Chinese names and descriptions for Discord clients set to 中文. */
export const botCommands: BotCommand[] = [explain, explainMessage, faq, faqAdmin, stats, settings, forgetMe].map((c) => ({ ...c, data: localizeCommand(c.data) }));

export function findCommand(name: string): BotCommand | undefined {
  return botCommands.find((c) => c.data.name === name);
}
