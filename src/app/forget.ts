/** `/forget-me`: erases the caller's own cases, votes and rate-limit record, for every front end. Ephemeral. */
import { renderNotice, type DiscordReply } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';
import type { Services } from './services.js';

export async function forgetMeReply(store: Services['store'], userId: string, locale?: string | null): Promise<DiscordReply> {
  const m = messages(resolveLocale(locale));
  const erased = await store.forgetUser(userId);
  return renderNotice(erased ? m.forgetDone(erased.cases, erased.feedback) : m.forgetUnavailable);
}
