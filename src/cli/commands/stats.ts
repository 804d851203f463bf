import { writeFile } from 'node:fs/promises';
import type { CliCommand, CliIO } from '../command.js';
import { countOption, jsonLine, minuteOf, plural, readOptions, withStore } from '../store-command.js';
import { takeLang } from '../lang-option.js';
import { chooseLocale, localeFromPosix } from '../../app/language.js';
import { chartWeeks, ruleWeeksTable } from '../../render/chart-numbers.js';
import { messages, type Locale } from '../../render/messages.js';
import type { RuleWeeks, Stats } from '../../app/types.js';

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function renderStats(s: Stats): string {
  const where = s.guildId ? `server ${s.guildId}` : 'all servers and the console';
  const lines = [
    `Last ${plural(s.days, 'day')} (${minuteOf(s.since)} to ${minuteOf(s.until)} UTC), ${where}`,
    `  cases     ${s.cases}`,
    `  matched   ${s.matched} (${percent(s.matchedShare)})`,
    `  votes     ${s.votes.helpful} helpful, ${s.votes.wrong} wrong (👎 ${percent(s.wrongRate)})`,
    `  server FAQ answered ${plural(s.answeredByFaq, 'case')} by its triggers`,
  ];
  if (s.topRules.length > 0) {
    const width = Math.max(4, ...s.topRules.map((r) => r.rule.length));
    lines.push('', `  ${'Top rules'.padEnd(width)}  cases  helpful  wrong`);
    for (const r of s.topRules) {
      lines.push(`  ${r.rule.padEnd(width)}  ${String(r.cases).padStart(5)}  ${String(r.helpful).padStart(7)}  ${String(r.wrong).padStart(5)}`);
    }
  }
  if (s.busiestChannels.length > 0) {
    const width = Math.max(16, ...s.busiestChannels.map((c) => c.channelId.length));
    lines.push('', `  ${'Busiest channels'.padEnd(width)}  cases`);
    for (const c of s.busiestChannels) lines.push(`  ${c.channelId.padEnd(width)}  ${String(c.cases).padStart(5)}`);
  }
  if (s.cases === 0) lines.push('', '  No cases in this period.');
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
    io.stderr.write(`Could not draw the chart: ${(e as Error).message}\n`);
    return false;
  }
  try {
    await writeFile(file, png);
    return true;
  } catch (e) {
    io.stderr.write(`Could not write the chart to ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return false;
  }
}

export const statsCommand: CliCommand = {
  name: 'stats',
  async run(args, io, config) {
    const { rest, locale: asked } = takeLang(args);
    const values = readOptions(rest, { json: { type: 'boolean' }, days: { type: 'string' }, guild: { type: 'string' }, chart: { type: 'string' } });
    const days = countOption('days', values.days, 7, 3650);
    const chartFile = values.chart;
    // --lang, then the terminal's LC_ALL/LANG, then English.
    const locale = chooseLocale(asked, localeFromPosix(config.systemLocale));
    return withStore(config, async (store) => {
      const guildId = values.guild ?? null;
      const stats = await store.stats({ days, guildId });
      if (chartFile === undefined) {
        io.stdout.write(values.json ? jsonLine(stats) : renderStats(stats));
        return 0;
      }
      const weeks = await store.ruleWeeks({ weeks: chartWeeks(days), guildId });
      if (!(await writeChart(chartFile, weeks, locale, io))) return 1;
      if (values.json) io.stdout.write(jsonLine({ ...stats, chart: { file: chartFile, ...weeks } }));
      else {
        const m = messages(locale);
        const table = ruleWeeksTable(weeks, locale).split('\n').map((line) => (line ? `  ${line}` : line));
        io.stdout.write(`${renderStats(stats)}\n  ${m.chartNumbersHeading}\n${table.join('\n')}\n\n  ${m.chartAlt(weeks.weeks.length)}: ${chartFile}\n`);
      }
      return 0;
    });
  },
};
