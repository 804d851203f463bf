/**
 * The /stats chart in numbers, for those who would rather read than look
 * (and for screen readers): the charted rules numbered, then one line per
 * week with each rule's cases. Plain monospace text; the Discord reply puts
 * it in a code block, the CLI prints it as it is.
 */
import type { RuleWeeks } from '../app/types.js';
import { messages, type Locale } from './messages.js';
import { displayWidth } from './terminal.js';

/** Weeks the chart of a `days`-day period covers: whole weeks, at least 4 (a trend), at most 53 (a year). */
export function chartWeeks(days: number): number {
  return Math.min(53, Math.max(4, Math.ceil(days / 7)));
}

/** The charted rules numbered (`1  py/…`), then a table: the week's first day, then each rule's cases that week. */
export function ruleWeeksTable(data: RuleWeeks, locale: Locale): string {
  const m = messages(locale);
  if (data.rules.length === 0) return m.chartEmpty;
  const dayOf = (iso: string) => iso.slice(0, 10);
  const firstWidth = Math.max(10, displayWidth(m.chartWeekColumn)) + 1;
  const widths = data.rules.map((r, i) => Math.max(String(i + 1).length, ...r.counts.map((n) => String(n).length)) + 2);
  const legend = data.rules.map((r, i) => `${String(i + 1).padStart(2)}  ${r.rule}`);
  // A Chinese column name takes two columns per character in a monospace font.
  const header = m.chartWeekColumn + ' '.repeat(firstWidth - displayWidth(m.chartWeekColumn)) + widths.map((w, i) => String(i + 1).padStart(w)).join('');
  const rows = data.weeks.map((week, w) => dayOf(week).padEnd(firstWidth) + data.rules.map((r, i) => String(r.counts[w] ?? 0).padStart(widths[i]!)).join(''));
  return [...legend, '', header, ...rows].join('\n');
}

