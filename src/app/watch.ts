/**
 * Help-channel watching, precision first, as every front end that sees a
 * channel's messages would apply it: only a paste (code, a traceback, an
 * error line), only in a channel the server watches (or its owner's thread
 * there), and an unasked answer only when sure. A paste holding a secret gets
 * only a reset notice, never the answer: an unasked reply cannot be
 * ephemeral, and the answer would repeat the asker's code in the channel.
 */
import { renderDiagnosis, renderServerFaqAnswer, renderWatchSecretNotice, type DiscordReply } from '../render/discord.js';
import { confidentAt } from './answer-reply.js';
import { answerOf, type AnsweredCase } from './answered-case.js';
import type { ExplainedCase } from './cases.js';
import { pasteLocale } from './language.js';
import type { ShellStore } from './services.js';
import type { GuildSettings } from './types.js';

/** A paste worth reading: a code fence, a traceback/stack, an error line. */
export function looksLikePaste(content: string): boolean {
  return /```|Traceback \(most recent call last\)|^\s+at .+:\d+:\d+\)?$|^\w*(Error|Exception|Warning)\b.*:|UnhandledPromiseRejection|never awaited|TS\d{4}|DiscordAPIError/m.test(content);
}

/** Where a message was posted, and by whom. */
export interface MessagePlace {
  channelId: string;
  authorId: string;
  /** The thread (or forum post) it is in, when it is in one. */
  thread: { parentId: string | null; ownerId: string | null } | null;
}

/** The server watches this place: a watched channel, or a thread in one, where only its owner is the asker. */
export function isWatchedPlace(settings: Pick<GuildSettings, 'autoReply' | 'watchChannels'>, place: MessagePlace): boolean {
  if (!settings.autoReply || settings.watchChannels.length === 0) return false;
  if (settings.watchChannels.includes(place.channelId)) return true;
  const { thread } = place;
  return !!thread?.parentId && settings.watchChannels.includes(thread.parentId) && thread.ownerId === place.authorId;
}

/** The server's settings, or null when the store cannot say (then nothing is watched: silence, never a guess). */
export async function watchSettings(store: Pick<ShellStore, 'getSettings'>, guildId: string | null): Promise<GuildSettings | null> {
  if (!guildId) return null;
  try {
    return await store.getSettings(guildId);
  } catch {
    return null;
  }
}

export interface UnaskedReplyOptions {
  /** `/settings language:` of the server, when it set one. */
  serverLanguage: string | null;
  /** The server's preferred locale in Discord. */
  guildLocale: string | null;
  askerId: string;
  channelId: string;
  /** Where docs/rules/ is published (AWAITBOT_RULE_PAGES_URL). */
  rulePages?: string | null;
}

/** The unasked answer to an explained paste and the answer record its buttons act on, or null to stay silent. */
export function unaskedReply(explained: ExplainedCase, options: UnaskedReplyOptions): { reply: DiscordReply; answer: AnsweredCase | null } | null {
  // Too complex to analyse: logged as such, and nothing is said unasked.
  if (explained.kind === 'too-complex') return null;
  const d = explained.diagnosis;
  // For the whole channel, so no reader's client language: the server's own choice, else the language
  // the paste is written in, else the server's preferred locale in Discord.
  const locale = options.serverLanguage ?? pasteLocale(d.paste.text) ?? options.guildLocale ?? null;
  // A secret: a reset notice in the channel (no code, no diagnosis, no buttons), whatever matched.
  if (d.paste.redactions.length > 0) return { reply: renderWatchSecretNotice(d, locale), answer: null };
  const answer = answerOf(explained, { askerId: options.askerId, channelId: options.channelId }, true);
  // An entry answers unasked only a paste showing code or errors (src/faq/answer-choice.ts), never plain chat.
  const fromFaq = explained.serverFaq.entry;
  if (fromFaq) return { reply: renderServerFaqAnswer(fromFaq.entry, { caseKey: explained.caseKey, public: true, trigger: fromFaq.trigger, locale }), answer };
  const best = d.matches[0];
  if (!best || best.confidence < confidentAt) return null;
  return { reply: renderDiagnosis(d, { caseKey: explained.caseKey, public: true, locale, seeAlso: explained.serverFaq.seeAlso, rulePages: options.rulePages }), answer };
}
