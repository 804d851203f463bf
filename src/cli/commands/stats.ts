import { writeFile } from 'node:fs/promises';
import type { CliCommand, CliIO } from '../command.js';
import { countOption, jsonLine, minuteOf, readOptions, withStore } from '../store-command.js';
import { commandLocale } from '../lang-option.js';
import { chartWeeks, ruleWeeksTable } from '../../render/chart-numbers.js';
import { cliMessages, messages, type Locale } from '../../render/messages.js';
import { displayWidth } from '../../render/terminal.js';
import type { RuleWeeks, Stats } from '../../app/types.js';

const percent = (share: number) => Math.round(share * 100);

/** `text` padded with spaces to `width` columns (a Chinese character takes two). */
function pad(text: string, width: number, side: 'end' | 'start' = 'end'): string {
  const room = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return side === 'end' ? text + room : room + text;
}

/** The report `awaitbot stats` prints, in the reader's language. */
export function renderStats(s: Stats, locale: Locale = 'en'): string {
  const r = messages(locale).statsReport;
  const label = Math.max(8, ...[r.cases, r.matched, r.votes].map(displayWidth)) + 2;
  const lines = [
    r.period(s.days, minuteOf(s.since), minuteOf(s.until), s.guildId),
    `  ${pad(r.cases, label)}${s.cases}`,
    `  ${pad(r.matched, label)}${s.matched} (${percent(s.matchedShare)}%)`,
    `  ${pad(r.votes, label)}${r.voteCounts(s.votes.helpful, s.votes.wrong, percent(s.wrongRate))}`,
    `  ${r.faqAnswered(s.answeredByFaq)}`,
  ];
  if (s.topRules.length > 0) {
    const width = Math.max(4, displayWidth(r.topRules), ...s.topRules.map((t) => t.rule.length));
    const [cases, helpful, wrong] = [r.cases, r.helpful, r.wrong].map((h) => Math.max(5, displayWidth(h))) as [number, number, number];
    lines.push('', `  ${pad(r.topRules, width)}  ${pad(r.cases, cases, 'start')}  ${pad(r.helpful, helpful, 'start')}  ${pad(r.wrong, wrong, 'start')}`);
    for (const t of s.topRules) {
      lines.push(`  ${t.rule.padEnd(width)}  ${String(t.cases).padStart(cases)}  ${String(t.helpful).padStart(helpful)}  ${String(t.wrong).padStart(wrong)}`);
    }
  }
  if (s.busiestChannels.length > 0) {
    const width = Math.max(16, displayWidth(r.busiestChannels), ...s.busiestChannels.map((c) => c.channelId.length));
    const cases = Math.max(5, displayWidth(r.cases));
    lines.push('', `  ${pad(r.busiestChannels, width)}  ${pad(r.cases, cases, 'start')}`);
    for (const c of s.busiestChannels) lines.push(`  ${c.channelId.padEnd(width)}  ${String(c.cases).padStart(cases)}`);
  }
  if (s.cases === 0) lines.push('', `  ${r.noCases}`);
  return lines.join('\n') + '\n';
}

/**
 * Draws the chart into `file`; false (after saying why on stderr) when it cannot be drawn or written.
 * The renderer, a native module, is loaded only when a chart is asked for.
 */
async function writeChart(file: string, weeks: RuleWeeks, locale: Locale, io: CliIO): Promise<boolean> {
  let png: Buffer;
  try {
    const { renderRuleWeeksChart } = await import('../../render/chart.js');
    png = renderRuleWeeksChart(weeks, locale);
  } catch (e) {
    io.stderr.write(`${cliMessages(locale).reports.chartNotDrawn((e as Error).message)}\n`);
    return false;
  }
  try {
    await writeFile(file, png);
    return true;
  } catch (e) {
    io.stderr.write(`${cliMessages(locale).reports.chartNotWritten(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message)}\n`);
    return false;
  }
}

export const statsCommand: CliCommand = {
  name: 'stats',
  async run(args, io, config) {
    // The report's and the chart's language: --lang, then the terminal's LC_ALL/LANG, then English.
    const { rest, locale } = commandLocale(args, config);
    const values = readOptions(rest, { json: { type: 'boolean' }, days: { type: 'string' }, guild: { type: 'string' }, chart: { type: 'string' } });
    const days = countOption('days', values.days, 7, 3650);
    const chartFile = values.chart;
    return withStore(config, async (store) => {
      const guildId = values.guild ?? null;
      const stats = await store.stats({ days, guildId });
      if (chartFile === undefined) {
        io.stdout.write(values.json ? jsonLine(stats) : renderStats(stats, locale));
        return 0;
      }
      const weeks = await store.ruleWeeks({ weeks: chartWeeks(days), guildId });
      if (!(await writeChart(chartFile, weeks, locale, io))) return 1;
      if (values.json) io.stdout.write(jsonLine({ ...stats, chart: { file: chartFile, ...weeks } }));
      else {
        const m = messages(locale);
        const table = ruleWeeksTable(weeks, locale).split('\n').map((line) => (line ? `  ${line}` : line));
        io.stdout.write(`${renderStats(stats, locale)}\n  ${m.chartNumbersHeading}\n${table.join('\n')}\n\n  ${m.statsReport.chartWritten(chartFile, weeks.weeks.length)}\n`);
      }
      return 0;
    });
  },
};
