/**
 * `/stats days: show:` — what a server trips over, for its moderators: the
 * summary with its chart, or (`show:unmatched`) the latest pastes nothing
 * matched and answers voted "wrong", each with a button that makes a FAQ
 * entry from it. The same replies for the gateway bot and the HTTP endpoint;
 * who may ask is checked there.
 */
import { log } from '../log.js';
import { chartWeeks } from '../render/chart-numbers.js';
import { renderNotice, type DiscordReply } from '../render/discord.js';
import { messages, resolveLocale, type Locale } from '../render/messages.js';
import { renderReviewReply, renderStatsReply } from '../render/stats.js';
import { faqFromCaseButtonId } from './faq-form.js';
import type { Services } from './services.js';
import type { ReviewItem, RuleWeeks } from './types.js';

/** `show:unmatched`: the pastes to review, newest first, with their buttons. */
export async function reviewReply(store: Services['store'], query: { guildId: string; locale?: string | null }): Promise<DiscordReply> {
  let items: ReviewItem[];
  try {
    items = await store.review({ limit: 8, guildId: query.guildId });
  } catch {
    return renderNotice(messages(resolveLocale(query.locale)).caseLogUnavailable);
  }
  if (items.length === 0) return renderNotice(messages(resolveLocale(query.locale)).nothingToReview);
  return renderReviewReply(items, resolveLocale(query.locale), faqFromCaseButtonId);
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
