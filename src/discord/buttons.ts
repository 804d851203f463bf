/** The reply's buttons: Show fix, Helpful, Wrong (feedback to the store), Delete (asker or moderator). */
import { PermissionFlagsBits, type ButtonInteraction } from 'discord.js';
import { log } from '../log.js';
import { decodeButton, renderFixDetails, renderNotice } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';
import type { BotContext } from './context.js';
import { send } from './reply.js';

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = decodeButton(interaction.customId);
  const m = messages(resolveLocale(interaction.locale));
  if (!action) {
    await send(interaction, renderNotice(m.buttonInactive));
    return;
  }
  if (action.kind === 'fix') {
    const rule = ctx.ruleById.get(action.ruleId);
    if (!rule) {
      await send(interaction, renderNotice(m.explanationGone));
      return;
    }
    const match = ctx.recent.get(action.caseKey);
    await send(interaction, renderFixDetails(rule, match && match.rule.id === rule.id ? match : null, interaction.locale));
    return;
  }
  if (action.kind === 'vote') {
    const caseId = /^\d+$/.test(action.caseKey) ? Number(action.caseKey) : null;
    let saved = false;
    if (caseId !== null) {
      try {
        saved = ctx.store.recordFeedback(caseId, interaction.user.id, action.vote);
      } catch (e) {
        log.warn({ err: e }, 'recording feedback failed');
      }
    }
    const thanks = action.vote === 'helpful' ? m.thanksHelpful : m.thanksWrong;
    await send(interaction, renderNotice(saved ? thanks : `${thanks} ${m.voteNotSaved}`));
    return;
  }
  const mayDelete = interaction.user.id === action.askerId || !!interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages);
  if (!mayDelete) {
    await send(interaction, renderNotice('Only the person who asked or a moderator can delete this answer.'));
    return;
  }
  await interaction.deferUpdate();
  await interaction.deleteReply();
}
