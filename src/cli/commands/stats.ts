import { parseArgs } from 'node:util';
import { config } from 'dotenv';
import { UsageError, type CliCommand } from '../command.js';
import { openStore, type Stats } from '../../store/index.js';

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function day(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export function renderStats(s: Stats): string {
  const where = s.guildId ? `server ${s.guildId}` : 'all servers and the console';
  const lines = [
    `Last ${s.days} day${s.days === 1 ? '' : 's'} (${day(s.since)} to ${day(s.until)} UTC), ${where}`,
    `  cases     ${s.cases}`,
    `  matched   ${s.matched} (${percent(s.matchedShare)})`,
    `  votes     ${s.votes.helpful} helpful, ${s.votes.wrong} wrong (👎 ${percent(s.wrongRate)})`,
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

export function parseDays(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError(`--days wants a whole number from 1 to 3650, not "${value}"`);
  return days;
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'What the community trips over: cases, share matched, top rules with votes, busiest channels.',
  usage: 'awaitbot stats [--json] [--days N] [--guild SERVER_ID]',
  async run(args, io) {
    config({ quiet: true }); // DATABASE_PATH (and DISCORD_TOKEN for health) may live in .env
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { json: { type: 'boolean' }, days: { type: 'string' }, guild: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const days = parseDays(values.days, 7);
    const store = openStore();
    try {
      const stats = store.stats({ days, guildId: values.guild ?? null });
      io.stdout.write(values.json ? JSON.stringify(stats) + '\n' : renderStats(stats));
      return 0;
    } finally {
      store.close();
    }
  },
};
