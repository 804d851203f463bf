/** `/settings show|watch|auto-reply|retention` — help-channel watching and retention (Manage Server). */
import { ChannelType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { messages, resolveLocale } from '../../render/messages.js';
import { renderNotice } from '../../render/discord.js';
import { changeSettings, type SettingsChange } from '../../app/server-settings.js';
import type { GuildSettings } from '../../app/types.js';
import { send } from '../reply.js';
import { englishCommandWords } from '../../render/command-words.js';
import type { BotCommand } from './types.js';

const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription(englishCommandWords('settings'))
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setDMPermission(false)
  .addSubcommand((s) => s.setName('show').setDescription(englishCommandWords('settings/show')))
  .addSubcommand((s) =>
    s
      .setName('watch')
      .setDescription(englishCommandWords('settings/watch'))
      .addChannelOption((o) => o.setName('channel').setDescription(englishCommandWords('settings/watch/channel')).setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildForum))
      .addBooleanOption((o) => o.setName('on').setDescription(englishCommandWords('settings/watch/on')).setRequired(true)),
  )
  .addSubcommand((s) => s.setName('auto-reply').setDescription(englishCommandWords('settings/auto-reply')).addBooleanOption((o) => o.setName('on').setDescription(englishCommandWords('settings/auto-reply/on')).setRequired(true)))
  .addSubcommand((s) =>
    s
      .setName('language')
      .setDescription(englishCommandWords('settings/language'))
      .addStringOption((o) =>
        o
          .setName('language')
          .setDescription(englishCommandWords('settings/language/language'))
          .setRequired(true)
          .addChoices({ name: englishCommandWords('settings/language/language:en'), value: 'en' }, { name: englishCommandWords('settings/language/language:zh-CN'), value: 'zh-CN' }, { name: englishCommandWords('settings/language/language:auto'), value: 'auto' }),
      ),
  )
  .addSubcommand((s) =>
    s.setName('retention').setDescription(englishCommandWords('settings/retention')).addIntegerOption((o) => o.setName('days').setDescription(englishCommandWords('settings/retention/days')).setRequired(true).setMinValue(1).setMaxValue(365)),
  )
  .toJSON();

function describe(s: GuildSettings, watching: boolean, locale: string | null): string {
  const m = messages(resolveLocale(locale));
  const lines = [m.settingsSummary(s.watchChannels.map((c) => `<#${c}>`), s.autoReply, s.retentionDays, s.language)];
  if (s.watchChannels.length && s.autoReply && !watching) lines.push(m.settingsNeedsMessageAccess);
  return lines.join('\n');
}

export const settings: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    const guildId = interaction.guildId;
    if (!guildId || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).settingsDenied));
    }
    const m = messages(resolveLocale(interaction.locale));
    const sub = interaction.options.getSubcommand(false) ?? 'show';
    let change: SettingsChange = { kind: 'show' };
    if (sub === 'watch') {
      const channel = interaction.options.getChannel('channel');
      if (!channel) return send(interaction, renderNotice(m.pickChannel));
      change = { kind: 'watch', channelId: channel.id, on: interaction.options.getBoolean('on') ?? true };
    } else if (sub === 'auto-reply') change = { kind: 'auto-reply', on: interaction.options.getBoolean('on') ?? false };
    else if (sub === 'language') change = { kind: 'language', language: interaction.options.getString('language') ?? 'auto' };
    else if (sub === 'retention') change = { kind: 'retention', days: interaction.options.getInteger('days') };
    const outcome = await changeSettings(ctx.store, guildId, change);
    if (outcome.kind === 'unavailable') return send(interaction, renderNotice(m.settingsUnavailable));
    if (outcome.kind === 'not-saved') return send(interaction, renderNotice(m.settingsNotSaved));
    return send(interaction, renderNotice(describe(outcome.settings, ctx.watching, interaction.locale)));
  },
};
