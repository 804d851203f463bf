/** `/stats days:` — what this server trips over (Manage Messages). Ephemeral. */
import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { renderNotice, fitReply } from '../../render/discord.js';
import { send } from '../reply.js';
import type { BotCommand } from './types.js';

const data = new SlashCommandBuilder()
  .setName('stats')
  .setDescription('Which async mistakes this server runs into, and how the answers were rated')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setDMPermission(false)
  .addIntegerOption((o) => o.setName('days').setDescription('Period in days (default 7)').setMinValue(1).setMaxValue(365))
  .toJSON();

export const stats: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    if (!interaction.guildId || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) {
      return send(interaction, renderNotice('Only members with the Manage Messages permission can see the statistics.'));
    }
    const days = interaction.options.getInteger('days') ?? 7;
    let s;
    try {
      s = ctx.store.stats({ days, guildId: interaction.guildId });
    } catch {
      return send(interaction, renderNotice('The case log is unavailable right now.'));
    }
    const top = s.topRules.length
      ? s.topRules.map((r, i) => `${i + 1}. \`${r.rule}\` — ${r.cases} (👍 ${r.helpful} · 👎 ${r.wrong})`).join('\n')
      : 'No matched cases yet.';
    const channels = s.busiestChannels.map((c) => `<#${c.channelId}> — ${c.cases}`).join('\n') || '—';
    return send(
      interaction,
      fitReply({
        embeds: [
          {
            title: `awaitbot — last ${days} day${days === 1 ? '' : 's'}`,
            description: `**${s.cases}** pastes, **${Math.round(s.matchedShare * 100)}%** recognised. Votes: 👍 ${s.votes.helpful} · 👎 ${s.votes.wrong} (${Math.round(s.wrongRate * 100)}% wrong).`,
            fields: [
              { name: 'Top mistakes', value: top },
              { name: 'Busiest channels', value: channels },
            ],
          },
        ],
        components: [],
        files: [],
        allowedMentions: { parse: [] },
        ephemeral: true,
      }),
    );
  },
};
