/**
 * The /stats summary as a Discord reply, in the reader's language: the
 * period's numbers, the top mistakes with their votes, the busiest channels,
 * the chart of the top rules week by week (a PNG attachment, when one could
 * be drawn) and the same chart in numbers.
 */
import type { RuleWeeks, Stats } from '../app/types.js';
import { ruleWeeksTable } from './chart-numbers.js';
import { discordLimits, fitReply, type DiscordReply } from './discord.js';
import { codeBlock } from './markdown.js';
import { messages, type Locale } from './messages.js';

/** The attachment's name; the embed shows it through `attachment://`. */
export const chartFileName = 'top-rules.png';

const percent = (share: number) => Math.round(share * 100);

export function renderStatsReply(s: Stats, weeks: RuleWeeks, chart: Buffer | null, locale: Locale): DiscordReply {
  const m = messages(locale);
  const top = s.topRules.length
    ? s.topRules.map((r, i) => `${i + 1}. \`${r.rule}\` — ${r.cases} (👍 ${r.helpful} · 👎 ${r.wrong})`).join('\n')
    : m.statsNoMatches;
  const channels = s.busiestChannels.map((c) => `<#${c.channelId}> — ${c.cases}`).join('\n') || '—';
  return fitReply({
    embeds: [
      {
        title: m.statsTitle(s.days),
        description: `${m.statsSummary(s.cases, percent(s.matchedShare), s.votes.helpful, s.votes.wrong, percent(s.wrongRate))} ${m.statsAnsweredByFaq(s.answeredByFaq)}`,
        fields: [
          { name: m.statsTopMistakes, value: top },
          { name: m.statsBusiestChannels, value: channels },
        ],
        ...(chart ? { image: { url: `attachment://${chartFileName}` } } : {}),
      },
      {
        title: m.chartNumbersHeading,
        description: codeBlock(ruleWeeksTable(weeks, locale), '', discordLimits.embedDescription),
      },
    ],
    components: [],
    files: chart ? [{ name: chartFileName, data: chart, description: m.chartAlt(weeks.weeks.length) }] : [],
    allowedMentions: { parse: [] },
    ephemeral: true,
  });
}
