/**
 * `/stats days: show:` — what this server trips over (Manage Messages). Ephemeral.
 * `show:unmatched` lists the latest pastes nothing matched and answers voted
 * "wrong", so moderators can improve the knowledge base (as `awaitbot review`).
 */
import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { messages, resolveLocale } from '../../render/messages.js';
import { renderNotice, fitReply, type DiscordReply } from '../../render/discord.js';
import { faqFromCaseButtonId } from './faq-admin.js';
import { codeBlock } from '../../render/markdown.js';
import { send } from '../reply.js';
import type { ReviewItem } from '../../app/types.js';
import type { BotCommand } from './types.js';

const data = new SlashCommandBuilder()
  .setName('stats')
  .setDescription('Which async mistakes this server runs into, and how the answers were rated')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setDMPermission(false)
  .addIntegerOption((o) => o.setName('days').setDescription('Period in days (default 7)').setMinValue(1).setMaxValue(365))
  .addStringOption((o) =>
    o
      .setName('show')
      .setDescription('What to show (default: the summary)')
      .addChoices({ name: 'summary', value: 'summary' }, { name: 'unmatched and "wrong"-flagged pastes', value: 'unmatched' }),
  )
  .toJSON();

const excerptChars = 300;

/** One review item as an embed field: why it is listed, when, and the start of the (redacted) paste. */
function reviewField(item: ReviewItem): { name: string; value: string } {
  const why = item.reason === 'wrong' ? `👎 voted wrong (answer: \`${item.matches[0]?.rule ?? '?'}\`)` : 'no rule matched';
  const excerpt = item.paste.slice(0, excerptChars).trim();
  return {
    name: `#${item.id} · ${why} · ${item.flaggedAt.slice(0, 16).replace('T', ' ')}`.slice(0, 256),
    value: codeBlock((excerpt || '(empty)') + (item.paste.length > excerptChars ? '\n…' : ''), '', 1024),
  };
}

/** One button per listed case: it opens the form to make a server FAQ entry from that case (faq-admin.ts). */
function makeFaqButtons(items: readonly ReviewItem[]): DiscordReply['components'] {
  const m = messages('en');
  const buttons = items.map((item) => ({ type: 2 as const, style: 2 as const, label: m.makeFaqFromCase(item.id), custom_id: faqFromCaseButtonId(item.id) }));
  const rows: DiscordReply['components'] = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push({ type: 1, components: buttons.slice(i, i + 5) });
  return rows;
}

export const stats: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    if (!interaction.guildId || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) {
      return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).statsDenied));
    }
    if (interaction.options.getString('show') === 'unmatched') {
      let items: ReviewItem[];
      try {
        items = await ctx.store.review({ limit: 8, guildId: interaction.guildId });
      } catch {
        return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).caseLogUnavailable));
      }
      if (items.length === 0) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).nothingToReview));
      return send(
        interaction,
        fitReply({
          embeds: [{ title: 'awaitbot — pastes to review', description: 'Unrecognised pastes and answers voted "wrong", newest first. `awaitbot review` on the server lists more.', fields: items.map(reviewField) }],
          components: makeFaqButtons(items),
          files: [],
          allowedMentions: { parse: [] },
          ephemeral: true,
        }),
      );
    }
    const days = interaction.options.getInteger('days') ?? 7;
    let s;
    try {
      s = await ctx.store.stats({ days, guildId: interaction.guildId });
    } catch {
      return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).caseLogUnavailable));
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
            description: `**${s.cases}** pastes, **${Math.round(s.matchedShare * 100)}%** recognised. Votes: 👍 ${s.votes.helpful} · 👎 ${s.votes.wrong} (${Math.round(s.wrongRate * 100)}% wrong). ${messages('en').statsAnsweredByFaq(s.answeredByFaq)}`,
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
