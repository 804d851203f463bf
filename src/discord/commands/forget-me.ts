/** `/forget-me` — erases the caller's own cases and votes from the case log. Ephemeral. */
import { SlashCommandBuilder } from 'discord.js';
import { messages, resolveLocale } from '../../render/messages.js';
import { renderNotice } from '../../render/discord.js';
import { send } from '../reply.js';
import type { BotCommand } from './types.js';

const data = new SlashCommandBuilder()
  .setName('forget-me')
  .setDescription('Erase every paste and vote of yours that awaitbot has logged')
  .toJSON();

export const forgetMe: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    const erased = await ctx.store.forgetUser(interaction.user.id);
    if (!erased) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).forgetUnavailable));
    return send(
      interaction,
      renderNotice(messages(resolveLocale(interaction.locale)).forgetDone(erased.cases, erased.feedback)),
    );
  },
};
