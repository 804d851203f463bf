/**
 * `/stats days: show:` — what this server trips over (Manage Messages). Ephemeral.
 * The summary carries a chart of the top rules week by week (a PNG) and the
 * same numbers as text.
 * `show:unmatched` lists the latest pastes nothing matched and answers voted
 * "wrong", so moderators can improve the knowledge base (as `awaitbot review`).
 * Both replies come from the core (app/stats-reply.ts), shared with the HTTP endpoint.
 */
import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { commandNames } from '../../app/command-names.js';
import { reviewReply, summaryReply } from '../../app/stats-reply.js';
import { messages, resolveLocale } from '../../render/messages.js';
import { renderNotice } from '../../render/discord.js';
import { deferOnce, send } from '../reply.js';
import { englishCommandWords } from '../../render/command-words.js';
import type { BotCommand } from './types.js';

const data = new SlashCommandBuilder()
  .setName(commandNames.stats)
  .setDescription(englishCommandWords('stats'))
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setDMPermission(false)
  .addIntegerOption((o) => o.setName('days').setDescription(englishCommandWords('stats/days')).setMinValue(1).setMaxValue(365))
  .addStringOption((o) =>
    o
      .setName('show')
      .setDescription(englishCommandWords('stats/show'))
      .addChoices({ name: englishCommandWords('stats/show:summary'), value: 'summary' }, { name: englishCommandWords('stats/show:unmatched'), value: 'unmatched' }),
  )
  .toJSON();

export const stats: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    if (!interaction.guildId || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) {
      return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).statsDenied));
    }
    const query = { guildId: interaction.guildId, days: interaction.options.getInteger('days'), locale: interaction.locale };
    if (interaction.options.getString('show') === 'unmatched') return send(interaction, await reviewReply(ctx.store, query));
    // Drawing the chart takes a few hundred milliseconds: acknowledge first, well inside Discord's 3 seconds.
    await deferOnce(interaction, true);
    return send(interaction, await summaryReply(ctx.store, query));
  },
};
