/** `/forget-me` — erases the caller's own cases and votes from the case log. Ephemeral. */
import { SlashCommandBuilder } from 'discord.js';
import { commandNames } from '../../app/command-names.js';
import { forgetMeReply } from '../../app/forget.js';
import { send } from '../reply.js';
import { englishCommandWords } from '../../render/command-words.js';
import type { BotCommand } from './types.js';

const data = new SlashCommandBuilder()
  .setName(commandNames.forgetMe)
  .setDescription(englishCommandWords('forget-me'))
  .toJSON();

export const forgetMe: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    return send(interaction, await forgetMeReply(ctx.store, interaction.user.id, interaction.locale));
  },
};
