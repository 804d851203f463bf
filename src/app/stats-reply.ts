/**
 * `/stats days: show:` — what a server trips over, for its moderators: the
 * summary with its chart, or (`show:unmatched`) the latest pastes nothing
 * matched and answers voted "wrong", each with a button that makes a FAQ
 * entry from it. The same replies for the gateway bot and the HTTP endpoint;
 * who may ask is checked there.
 */
import { log } from '../log.js';
import { chartWeeks } from '../render/chart-numbers.js';
import { renderNotice, type DiscordReply, fitReply } from '../render/discord.js';
import { codeBlock } from '../render/markdown.js';
import { messages, resolveLocale, type Locale } from '../render/messages.js';
import { renderStatsReply } from '../render/stats.js';
import { faqFromCaseButtonId } from './faq-form.js';
import type { Services } from './services.js';
import type { ReviewItem, RuleWeeks } from './types.js';

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

/** One button per listed case: it opens the form to make a server FAQ entry from that case (faq-form.ts). */
function makeFaqButtons(items: readonly ReviewItem[]): DiscordReply['components'] {
  const m = messages('en');
  const buttons = items.map((item) => ({ type: 2 as const, style: 2 as const, label: m.makeFaqFromCase(item.id), custom_id: faqFromCaseButtonId(item.id) }));
  const rows: DiscordReply['components'] = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push({ type: 1, components: buttons.slice(i, i + 5) });
  return rows;
}

/** `show:unmatched`: the pastes to review, newest first, with their buttons. */
export async function reviewReply(store: Services['store'], query: { guildId: string; locale?: string | null }): Promise<DiscordReply> {
  let items: ReviewItem[];
  try {
    items = await store.review({ limit: 8, guildId: query.guildId });
  } catch {
    return renderNotice(messages(resolveLocale(query.locale)).caseLogUnavailable);
  }
  if (items.length === 0) return renderNotice(messages(resolveLocale(query.locale)).nothingToReview);
  return fitReply({
    embeds: [{ title: 'awaitbot — pastes to review', description: 'Unrecognised pastes and answers voted "wrong", newest first. `awaitbot review` on the server lists more.', fields: items.map(reviewField) }],
    components: makeFaqButtons(items),
    files: [],
    allowedMentions: { parse: [] },
    ephemeral: true,
  });
}

/**
 * The chart as a PNG, or null when it cannot be drawn (the reply then goes
 * without it: the numbers are in its text too). The renderer, a native
 * module, is loaded on first use so that a machine without it still answers.
 */
async function drawChart(weeks: RuleWeeks, locale: Locale): Promise<Buffer | null> {
  try {
    const { renderRuleWeeksChart } = await import('../render/chart.js');
    return renderRuleWeeksChart(weeks, locale);
  } catch (err) {
    log.warn({ err }, 'could not draw the /stats chart; sending its numbers only');
    return null;
  }
}

/** The summary of the last `days` days (default 7). Drawing its chart takes a few hundred milliseconds: callers defer first. */
export async function summaryReply(store: Services['store'], query: { guildId: string; days?: number | null; locale?: string | null }): Promise<DiscordReply> {
  const days = query.days ?? 7;
  const locale = resolveLocale(query.locale);
  let s;
  let weeks;
  try {
    s = await store.stats({ days, guildId: query.guildId });
    weeks = await store.ruleWeeks({ weeks: chartWeeks(days), guildId: query.guildId });
  } catch {
    return renderNotice(messages(locale).caseLogUnavailable);
  }
  return renderStatsReply(s, weeks, await drawChart(weeks, locale), locale);
}
