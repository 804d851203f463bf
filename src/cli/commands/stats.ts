import type { CliCommand } from '../command.js';
import { countOption, jsonLine, minuteOf, plural, readOptions, withStore } from '../store-command.js';
import type { Stats } from '../../app/types.js';

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

export const statsCommand: CliCommand = {
  name: 'stats',
  async run(args, io, config) {
    const values = readOptions(args, { json: { type: 'boolean' }, days: { type: 'string' }, guild: { type: 'string' } });
    const days = countOption('days', values.days, 7, 3650);
    return withStore(config, async (store) => {
      const stats = await store.stats({ days, guildId: values.guild ?? null });
      io.stdout.write(values.json ? jsonLine(stats) : renderStats(stats));
      return 0;
    });
  },
};
