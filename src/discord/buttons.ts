/** The reply's buttons: Show fix, Helpful, Wrong (feedback to the store), Delete (asker or moderator). */
import { PermissionFlagsBits, type ButtonInteraction } from 'discord.js';
import { log } from '../log.js';
import { decodeButton, renderFixDetails, renderNotice } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';
import type { Match } from '../diagnosis.js';
import type { BotContext } from './context.js';
import { send } from './reply.js';

/**
 * After a restart the in-memory fixes are gone, but the case log holds the
 * (redacted) paste and the engine is deterministic: diagnosing it again gives
 * the same match and the same fix of the user's code.
 */
function rediagnose(caseKey: string, ruleId: string, ctx: BotContext): Match | null {
  if (!/^\d+$/.test(caseKey)) return null;
  const stored = ctx.store.getCase(Number(caseKey));
  if (!stored) return null;
  return ctx.engine.diagnose(stored.paste).matches.find((m) => m.rule.id === ruleId) ?? null;
}

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
    const remembered = ctx.recent.get(action.caseKey);
    const match = remembered?.rule.id === rule.id ? remembered : rediagnose(action.caseKey, rule.id, ctx);
    await send(interaction, renderFixDetails(rule, match, interaction.locale));
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
