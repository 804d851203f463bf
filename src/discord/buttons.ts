/**
 * The answer's buttons: Show fix, Helpful, Wrong (feedback to the store),
 * Delete. A press acts only on the case of the message it was pressed on
 * (answered.ts), and the button's custom_id must name that same case; anything
 * else (a forged id, one copied from another message, garbage) is refused.
 * Who may press what is decided from the case, never from the custom_id:
 * - Show fix: the asker, or anyone when the answer was public;
 * - Helpful / Wrong: whoever can see the answer (anyone in its channel when it
 *   was public, else only the asker); one vote per user per case;
 * - Delete: the asker, or a member with Manage Messages.
 * Every refusal is one polite ephemeral reply.
 */
import { PermissionFlagsBits, type ButtonInteraction } from 'discord.js';
import { log } from '../log.js';
import { decodeButton, renderFixDetails, renderNotice } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';
import type { Match } from '../diagnosis.js';
import { answeredCase } from './answered.js';
import type { BotContext } from './context.js';
import { send } from './reply.js';

/**
 * After a restart the in-memory fixes are gone, but the case log holds the
 * (redacted) paste and the engine is deterministic: diagnosing it again gives
 * the same match and the same fix of the user's code.
 */
async function rediagnose(caseId: number | null, ruleId: string, ctx: BotContext): Promise<Match | null> {
  if (caseId === null) return null;
  const stored = await ctx.store.getCase(caseId);
  if (!stored) return null;
  // Through the worker pool, like every diagnosis the bot runs: never on the gateway's thread.
  const outcome = await ctx.diagnoser.diagnose(stored.paste);
  return outcome.kind === 'diagnosis' ? (outcome.diagnosis.matches.find((m) => m.rule.id === ruleId) ?? null) : null;
}

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const m = messages(resolveLocale(interaction.locale));
  const refuse = async (notice: string, reason: string): Promise<void> => {
    // Metadata only; a refused press changes nothing.
    log.info({ reason, customId: interaction.customId.slice(0, 100), messageId: interaction.message.id, userId: interaction.user.id }, 'button press refused');
    await send(interaction, renderNotice(notice));
  };
  const action = decodeButton(interaction.customId);
  if (!action) return refuse(m.buttonInactive, 'not a button of this bot');
  const answered = await answeredCase(ctx, interaction.message);
  if (!answered) return refuse(m.buttonInactive, 'the message answers no known case');
  if (answered.caseKey !== action.caseKey) return refuse(m.buttonNotForThisMessage, 'the button names another case than its message');
  const isAsker = answered.askerId !== null && interaction.user.id === answered.askerId;

  if (action.kind === 'fix') {
    if (!answered.public && !isAsker) return refuse(m.fixOnlyForAsker, 'fix of a private answer');
    const rule = answered.ruleId ? ctx.ruleById.get(answered.ruleId) : undefined;
    if (!rule) {
      await send(interaction, renderNotice(m.explanationGone));
      return;
    }
    const remembered = ctx.recent.get(answered.caseKey);
    const match = remembered?.rule.id === rule.id ? remembered : await rediagnose(answered.caseId, rule.id, ctx);
    await send(interaction, renderFixDetails(rule, match, interaction.locale));
    return;
  }

  if (action.kind === 'vote') {
    const canSee = answered.public ? answered.channelId === null || answered.channelId === interaction.channelId : isAsker;
    if (!canSee) return refuse(m.voteOnlyOnVisible, 'vote on an answer the user cannot see');
    let saved = false;
    if (answered.caseId !== null) {
      try {
        saved = await ctx.store.recordFeedback(answered.caseId, interaction.user.id, action.vote);
      } catch (e) {
        log.warn({ err: e }, 'recording feedback failed');
      }
    }
    const thanks = action.vote === 'helpful' ? m.thanksHelpful : m.thanksWrong;
    await send(interaction, renderNotice(saved ? thanks : `${thanks} ${m.voteNotSaved}`));
    return;
  }

  const mayDelete = isAsker || !!interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages);
  if (!mayDelete) return refuse(m.deleteOnlyAskerOrModerator, 'delete by someone else');
  await interaction.deferUpdate();
  await interaction.deleteReply();
}
