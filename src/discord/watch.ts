/**
 * Help-channel watching in Discord: reads a message (who, where, its text and
 * attachments), asks the core (src/app/watch.ts) whether and what to answer,
 * and sends it. One reply per message; edits update that reply, or take it
 * back when the edit leaves nothing sure to say.
 */
import { MessageType, type Message, type PartialMessage } from 'discord.js';
import { log } from '../log.js';
import type { DiscordReply } from '../render/discord.js';
import { confidentAt } from '../app/answer-reply.js';
import type { AnsweredCase } from '../app/answered-case.js';
import { explainText } from '../app/cases.js';
import { isWatchedPlace, looksLikePaste, unaskedReply, watchSettings } from '../app/watch.js';
import { collectText, hasReadableAttachment } from '../app/attachments.js';
import { recordAnswer } from './answered.js';
import type { BotContext } from './context.js';
import { toMessageOptions } from './reply.js';

const maxRemembered = 5000;

/** Where `message` was posted, as the core's watching rules read it. */
function placeOf(message: Message) {
  const channel = message.channel;
  const thread = channel.isThread() ? { parentId: channel.parentId, ownerId: channel.ownerId } : null;
  return { channelId: message.channelId, authorId: message.author.id, thread };
}

async function eligible(message: Message, ctx: BotContext): Promise<boolean> {
  if (message.author.bot || message.webhookId || message.system) return false;
  if (message.author.id === message.client.user?.id) return false;
  if (message.type !== MessageType.Default) return false; // a reply to someone is a helper talking
  const settings = await watchSettings(ctx.store, message.guildId);
  if (!settings || !isWatchedPlace(settings, placeOf(message))) return false;
  // A helper quoting the error while explaining it: quote lines around the paste.
  if (/^>\s/m.test(message.content)) return false;
  return looksLikePaste(message.content) || hasReadableAttachment(message.attachments.values());
}

/** The unasked answer to `message` and the answer record its buttons act on, or null when it should stay silent. */
async function diagnose(message: Message, ctx: BotContext): Promise<{ reply: DiscordReply; answer: AnsweredCase | null } | null> {
  const { text } = await collectText(message.content, message.attachments.values(), ctx.attachmentOrigins);
  if (!text.trim()) return null;
  const explained = await explainText(ctx, ctx.recent, text, {
    source: 'discord',
    trigger: 'watch',
    guildId: message.guildId,
    channelId: message.channelId,
    userId: message.author.id,
  }, { serverFaq: { confidentAt, unasked: true } });
  const settings = await watchSettings(ctx.store, message.guildId);
  return unaskedReply(explained, {
    serverLanguage: settings?.language ?? null,
    guildLocale: message.guild?.preferredLocale ?? null,
    askerId: message.author.id,
    channelId: message.channelId,
    rulePages: ctx.rulePagesUrl,
  });
}

/** The answer message `replyId` now answers the case (its buttons act on it); a secret notice answers no case. */
async function answered(ctx: BotContext, answer: AnsweredCase | null, replyId: string): Promise<void> {
  if (answer) await recordAnswer(ctx, answer, replyId);
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
    await answered(ctx, answer.answer, sent.id);
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
        await answered(ctx, answer.answer, replyId);
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
