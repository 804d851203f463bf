/**
 * `/stats days: show:` — what this server trips over (Manage Messages). Ephemeral.
 * The summary carries a chart of the top rules week by week (a PNG) and the
 * same numbers as text.
 * `show:unmatched` lists the latest pastes nothing matched and answers voted
 * "wrong", so moderators can improve the knowledge base (as `awaitbot review`).
 */
import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { messages, resolveLocale, type Locale } from '../../render/messages.js';
import { renderNotice, fitReply, type DiscordReply } from '../../render/discord.js';
import { faqFromCaseButtonId } from './faq-admin.js';
import { codeBlock } from '../../render/markdown.js';
import { deferOnce, send } from '../reply.js';
import { chartWeeks } from '../../render/chart-numbers.js';
import { renderStatsReply } from '../../render/stats.js';
import { log } from '../../log.js';
import type { ReviewItem, RuleWeeks } from '../../app/types.js';
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

/**
 * The chart as a PNG, or null when it cannot be drawn (the reply then goes
 * without it: the numbers are in its text too). The renderer, a native
 * module, is loaded on first use so that a machine without it still answers.
 */
async function drawChart(weeks: RuleWeeks, locale: Locale): Promise<Buffer | null> {
  try {
    const { renderRuleWeeksChart } = await import('../../render/chart.js');
    return renderRuleWeeksChart(weeks, locale);
  } catch (err) {
    log.warn({ err }, 'could not draw the /stats chart; sending its numbers only');
    return null;
  }
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
    const locale = resolveLocale(interaction.locale);
    let s;
    let weeks;
    try {
      s = await ctx.store.stats({ days, guildId: interaction.guildId });
      weeks = await ctx.store.ruleWeeks({ weeks: chartWeeks(days), guildId: interaction.guildId });
    } catch {
      return send(interaction, renderNotice(messages(locale).caseLogUnavailable));
    }
    // Drawing the chart takes a few hundred milliseconds: acknowledge first, well inside Discord's 3 seconds.
    await deferOnce(interaction, true);
    return send(interaction, renderStatsReply(s, weeks, await drawChart(weeks, locale), locale));
  },
};
