/** `/forget-me` — erases the caller's own cases and votes from the case log. Ephemeral. */
import { SlashCommandBuilder } from 'discord.js';
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
    const erased = ctx.store.forgetUser(interaction.user.id);
    if (!erased) return send(interaction, renderNotice('The case log is unavailable right now, so nothing was erased. Please try again later.'));
    return send(
      interaction,
      renderNotice(`Done: ${erased.cases} logged paste${erased.cases === 1 ? '' : 's'} and ${erased.feedback} vote${erased.feedback === 1 ? '' : 's'} of yours were erased.`),
    );
  },
};
