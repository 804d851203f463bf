/**
 * Help-channel watching, precision first: only a member's own paste in a
 * watched channel (or the owner's messages in a thread of one), only with a
 * confident match, one reply per message, edits update that reply, and
 * silence when unsure. A paste holding a secret gets only a reset notice,
 * never the answer: an unasked reply cannot be ephemeral, and the answer
 * would repeat the asker's code in the channel.
 */
import { pasteLocale } from '../app/language.js';
import { MessageType, type Message, type PartialMessage } from 'discord.js';
import { log } from '../log.js';
import { renderDiagnosis, renderServerFaqAnswer, renderWatchSecretNotice, type DiscordReply } from '../render/discord.js';
import { confidentAt } from '../app/answer-reply.js';
import { collectText, hasReadableAttachment } from './answer.js';
import { answerOf } from '../app/answered-case.js';
import { recordAnswer } from './answered.js';
import { explainText, type DiagnosedCase } from '../app/cases.js';
import type { BotContext } from './context.js';
import { toMessageOptions } from './reply.js';

const maxRemembered = 5000;

/** A paste worth reading: a code fence, a traceback/stack, an error line, or a text attachment. */
export function looksLikePaste(content: string): boolean {
  return /```|Traceback \(most recent call last\)|^\s+at .+:\d+:\d+\)?$|^\w*(Error|Exception|Warning)\b.*:|UnhandledPromiseRejection|never awaited|TS\d{4}|DiscordAPIError/m.test(content);
}

async function watchedChannel(message: Message, ctx: BotContext): Promise<boolean> {
  if (!message.guildId) return false;
  let s;
  try {
    s = await ctx.store.getSettings(message.guildId);
  } catch {
    return false;
  }
  if (!s.autoReply || s.watchChannels.length === 0) return false;
  const channel = message.channel;
  if (s.watchChannels.includes(message.channelId)) return true;
  // A thread (or forum post) in a watched channel: only its owner is the asker.
  if (channel.isThread() && channel.parentId && s.watchChannels.includes(channel.parentId)) return channel.ownerId === message.author.id;
  return false;
}

/** `/settings language:` of the message's server, when it set one. */
async function serverLanguage(message: Message, ctx: BotContext): Promise<string | null> {
  if (!message.guildId) return null;
  try {
    return (await ctx.store.getSettings(message.guildId)).language;
  } catch {
    return null;
  }
}

async function eligible(message: Message, ctx: BotContext): Promise<boolean> {
  if (message.author.bot || message.webhookId || message.system) return false;
  if (message.author.id === message.client.user?.id) return false;
  if (message.type !== MessageType.Default) return false; // a reply to someone is a helper talking
  if (!(await watchedChannel(message, ctx))) return false;
  // A helper quoting the error while explaining it: quote lines around the paste.
  if (/^>\s/m.test(message.content)) return false;
  return looksLikePaste(message.content) || hasReadableAttachment(message.attachments.values());
}

/** The unasked answer to `message` and its case, or null when it should stay silent. */
async function diagnose(message: Message, ctx: BotContext): Promise<{ reply: DiscordReply; explained: DiagnosedCase | null } | null> {
  const { text } = await collectText(message.content, message.attachments.values(), ctx.attachmentOrigins);
  if (!text.trim()) return null;
  const explained = await explainText(ctx, ctx.recent, text, {
    source: 'discord',
    trigger: 'watch',
    guildId: message.guildId,
    channelId: message.channelId,
    userId: message.author.id,
  }, { serverFaq: { confidentAt, unasked: true } });
  // Too complex to analyse: logged as such, and nothing is said unasked.
  if (explained.kind === 'too-complex') return null;
  const best = explained.diagnosis.matches[0];
  // An unasked answer is for the whole channel, so no reader's client language: the server's own
  // choice (/settings language:), else the language the paste is written in, else the server's
  // preferred locale in Discord.
  const locale = (await serverLanguage(message, ctx)) ?? pasteLocale(explained.diagnosis.paste.text) ?? message.guild?.preferredLocale ?? null;
  // A secret in a watched paste is public already and an unasked reply cannot be ephemeral: the asker
  // gets a reset notice in the channel (no code, no diagnosis, no buttons), whatever matched.
  if (explained.diagnosis.paste.redactions.length > 0) return { reply: renderWatchSecretNotice(explained.diagnosis, locale), explained: null };
  // An entry answers unasked only a paste showing code or errors (src/faq/answer-choice.ts), never plain chat.
  const fromFaq = explained.serverFaq.entry;
  if (fromFaq) return { reply: renderServerFaqAnswer(fromFaq.entry, { caseKey: explained.caseKey, public: true, trigger: fromFaq.trigger, locale }), explained };
  if (!best || best.confidence < confidentAt) return null;
  const reply = renderDiagnosis(explained.diagnosis, { caseKey: explained.caseKey, public: true, locale, seeAlso: explained.serverFaq.seeAlso, rulePages: ctx.rulePagesUrl });
  return { reply, explained };
}

/** The answer message `replyId` now answers `explained` (its buttons act on this case); a secret notice answers no case. */
async function answered(ctx: BotContext, message: Message, explained: DiagnosedCase | null, replyId: string): Promise<void> {
  if (!explained) return;
  await recordAnswer(ctx, answerOf(explained, { askerId: message.author.id, channelId: message.channelId }, true), replyId);
}

function remember(ctx: BotContext, messageId: string, replyId: string): void {
  ctx.watchReplies.set(messageId, replyId);
  if (ctx.watchReplies.size > maxRemembered) ctx.watchReplies.delete(ctx.watchReplies.keys().next().value as string);
}

/**
 * One message's create and edits run one after another: an edit that arrives
 * while the first answer is still being sent waits for it, instead of being
 * lost or answered twice.
 */
const perMessage = new Map<string, Promise<void>>();
function inOrder(messageId: string, task: () => Promise<void>): Promise<void> {
  const previous = perMessage.get(messageId) ?? Promise.resolve();
  const next = previous.then(task, task).finally(() => {
    if (perMessage.get(messageId) === next) perMessage.delete(messageId);
  });
  perMessage.set(messageId, next);
  return next;
}

async function answerWatched(message: Message, ctx: BotContext): Promise<void> {
  if (ctx.watchReplies.has(message.id) || !(await eligible(message, ctx))) return;
  try {
    const answer = await diagnose(message, ctx);
    if (!answer) return;
    const sent = await message.reply(toMessageOptions(answer.reply));
    remember(ctx, message.id, sent.id);
    await answered(ctx, message, answer.explained, sent.id);
  } catch (e) {
    log.error({ err: e }, 'answering a watched message failed');
  }
}

export function onWatchedMessage(message: Message, ctx: BotContext): Promise<void> {
  return inOrder(message.id, () => answerWatched(message, ctx));
}

export function onWatchedEdit(message: Message | PartialMessage, ctx: BotContext): Promise<void> {
  return inOrder(message.id, async () => {
    const replyId = ctx.watchReplies.get(message.id);
    try {
      const full = message.partial ? await message.fetch() : message;
      if (!replyId) return await answerWatched(full, ctx);
      const answer = (await eligible(full, ctx)) ? await diagnose(full, ctx) : null;
      if (answer) {
        const { content, embeds, components, files, allowedMentions } = toMessageOptions(answer.reply);
        // Moved to the new case before the edit goes out, so a press on the edited answer never finds the old one.
        await answered(ctx, full, answer.explained, replyId);
        await full.channel.messages.edit(replyId, { content: content ?? null, embeds, components, files, allowedMentions, attachments: [] });
      } else {
        // The edit removed the mistake (or made it unclear): take the answer back.
        ctx.watchReplies.delete(message.id);
        await full.channel.messages.delete(replyId);
      }
    } catch (e) {
      log.error({ err: e }, 'updating a watched reply failed');
    }
  });
}
