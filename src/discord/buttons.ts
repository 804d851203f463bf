/**
 * The answer's buttons through discord.js: what a press does is decided by the
 * core (app/answer-buttons.ts, shared with the HTTP endpoint); this finds the
 * case of the pressed message (answered.ts) and sends the outcome.
 */
import { PermissionFlagsBits, type ButtonInteraction } from 'discord.js';
import { pressAnswerButton } from '../app/answer-buttons.js';
import { log } from '../log.js';
import { answeredCase } from './answered.js';
import type { BotContext } from './context.js';
import { send } from './reply.js';

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const outcome = await pressAnswerButton(ctx, interaction.customId, () => answeredCase(ctx, interaction.message), {
    userId: interaction.user.id,
    channelId: interaction.channelId,
    canManageMessages: !!interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages),
    locale: interaction.locale,
  });
  if (outcome.kind === 'delete') {
    await interaction.deferUpdate();
    await interaction.deleteReply();
    return;
  }
  if (outcome.kind === 'refused') {
    // Metadata only; a refused press changes nothing.
    log.info({ reason: outcome.reason, customId: interaction.customId.slice(0, 100), messageId: interaction.message.id, userId: interaction.user.id }, 'button press refused');
  }
  await send(interaction, outcome.reply);
}
