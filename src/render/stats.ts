/**
 * The /stats summary as a Discord reply, in the reader's language: the
 * period's numbers, the top mistakes with their votes, the busiest channels,
 * the chart of the top rules week by week (a PNG attachment, when one could
 * be drawn) and the same chart in numbers; and `show:unmatched`, the pastes
 * to review, each with a button that makes a server FAQ entry from it.
 */
import type { ReviewItem, RuleWeeks, Stats } from '../app/types.js';
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

const excerptChars = 300;

/** One review item as an embed field: why it is listed, when, and the start of the (redacted) paste. */
function reviewField(item: ReviewItem, locale: Locale): { name: string; value: string } {
  const m = messages(locale);
  const why = item.reason === 'wrong' ? m.reviewVotedWrong(item.matches[0]?.rule ?? '?') : m.reviewUnmatched;
  const excerpt = item.paste.slice(0, excerptChars).trim();
  return {
    name: `#${item.id} · ${why} · ${item.flaggedAt.slice(0, 16).replace('T', ' ')}`,
    value: codeBlock((excerpt || m.reviewEmptyPaste) + (item.paste.length > excerptChars ? '\n…' : ''), '', discordLimits.fieldValue),
  };
}

/** The pastes to review; `buttonId` names the button that makes a server FAQ entry from a case (the Discord layer owns it). */
export function renderReviewReply(items: readonly ReviewItem[], locale: Locale, buttonId: (caseId: number) => string): DiscordReply {
  const m = messages(locale);
  const buttons = items.map((item) => ({ type: 2 as const, style: 2 as const, label: m.makeFaqFromCase(item.id), custom_id: buttonId(item.id) }));
  const rows: DiscordReply['components'] = [];
  for (let i = 0; i < buttons.length; i += discordLimits.buttonsPerRow) rows.push({ type: 1, components: buttons.slice(i, i + discordLimits.buttonsPerRow) });
  return fitReply({
    embeds: [{ title: m.reviewTitle, description: m.reviewDescription, fields: items.map((item) => reviewField(item, locale)) }],
    components: rows,
    files: [],
    allowedMentions: { parse: [] },
    ephemeral: true,
  });
}
