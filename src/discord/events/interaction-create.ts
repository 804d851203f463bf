/** Every interaction: commands, autocomplete, modals, buttons. A handler error never escapes. */
import { Events, type Interaction } from 'discord.js';
import { log } from '../../log.js';
import { renderNotice } from '../../render/discord.js';
import { messages, resolveLocale } from '../../render/messages.js';
import { handleButton } from '../buttons.js';
import { findCommand } from '../commands/index.js';
import type { BotContext } from '../context.js';
import { apologise, send } from '../reply.js';
import type { BotEvent } from './types.js';

const maxHandledIds = 10_000;

/** True the first time an interaction id is seen: a replayed one could only be acknowledged a second time. */
function firstTime(interaction: Interaction, ctx: BotContext): boolean {
  if (ctx.handledInteractions.has(interaction.id)) return false;
  ctx.handledInteractions.add(interaction.id);
  if (ctx.handledInteractions.size > maxHandledIds) ctx.handledInteractions.delete(ctx.handledInteractions.values().next().value as string);
  return true;
}

async function route(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (!firstTime(interaction, ctx)) {
    log.warn({ id: interaction.id, kind: interaction.type }, 'the same interaction arrived twice; ignored');
    return;
  }
  if (interaction.isAutocomplete()) {
    const command = findCommand(interaction.commandName);
    await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    return;
  }
  if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
    const command = findCommand(interaction.commandName);
    if (!command) {
      await send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).commandGone));
      return;
    }
    if (command.rateLimited && !(await allowed(interaction, ctx))) return;
    await command.execute(interaction, ctx);
    return;
  }
  if (interaction.isModalSubmit()) {
    const command = findCommand(interaction.customId.split(':')[0] ?? '');
    if (!command?.modal) {
      await send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).formGone));
      return;
    }
    if (command.rateLimited && !(await allowed(interaction, ctx))) return;
    await command.modal(interaction, ctx);
    return;
  }
  if (interaction.isButton()) {
    const command = findCommand(interaction.customId.split(':')[0] ?? '');
    await (command?.button ? command.button(interaction, ctx) : handleButton(interaction, ctx));
  }
}

async function allowed(interaction: Interaction & { isRepliable(): boolean }, ctx: BotContext): Promise<boolean> {
  const wait = await ctx.limiter.take(interaction.user.id);
  if (wait === 0) return true;
  if (interaction.isRepliable()) {
    await send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).rateLimited(wait)));
  }
  return false;
}

export const interactionCreate: BotEvent<Events.InteractionCreate> = {
  name: Events.InteractionCreate,
  once: false,
  async execute(ctx, interaction) {
    try {
      await route(interaction, ctx);
    } catch (e) {
      log.error({ err: e, kind: interaction.type, command: 'commandName' in interaction ? interaction.commandName : undefined }, 'interaction handler failed');
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]).catch(() => {});
      } else if (interaction.isRepliable()) await apologise(interaction);
    }
  },
};
