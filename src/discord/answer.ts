/** Turning a paste into the reply: diagnose, log the case, render, send. */
import type { RepliableInteraction } from 'discord.js';
import { renderNotice } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';
import { askedReply, confidentAt } from '../app/answer-reply.js';
import { expectAnswer, recordAnswer } from './answered.js';
import { explainText } from '../app/cases.js';
import type { BotContext } from './context.js';
import { deferOnce, send } from './reply.js';

/**
 * A diagnosis not back by then gets the interaction deferred: Discord drops an
 * interaction not acknowledged within 3 seconds, and a paste may take the
 * whole diagnosis budget. Most answers come well before and go out directly.
 */
const deferAfterMs = 1000;

/** True when `promise` settles within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise.then(() => true, () => true), late]).finally(() => clearTimeout(timer));
}

export interface AnswerOptions {
  trigger: 'explain' | 'modal' | 'context-menu';
  /** 'match': visible whenever something matched; 'confident': only when sure, else ephemeral. */
  visible: 'match' | 'confident';
}

export async function answerPaste(interaction: RepliableInteraction, ctx: BotContext, text: string, options: AnswerOptions): Promise<void> {
  // Discord sends the user's client language (zh-CN for Simplified Chinese); the reply follows it.
  const locale = interaction.locale;
  if (!text.trim()) {
    await send(interaction, renderNotice(messages(resolveLocale(locale)).nothingToRead));
    return;
  }
  const pending = explainText(ctx, ctx.recent, text, {
    source: 'discord',
    trigger: options.trigger,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  }, { serverFaq: { confidentAt, unasked: false } });
  // Public "thinking…" when the answer will likely be public; send() swaps visibility when needed.
  if (!(await settlesWithin(pending, deferAfterMs))) await deferOnce(interaction, options.visible === 'confident');
  const { reply, answer } = askedReply(await pending, { locale, visible: options.visible, askerId: interaction.user.id, channelId: interaction.channelId, rulePages: ctx.rulePagesUrl });
  if (!answer) {
    await send(interaction, reply);
    return;
  }
  expectAnswer(ctx, interaction.id, answer);
  const messageId = await send(interaction, reply);
  if (messageId) await recordAnswer(ctx, answer, messageId);
}
