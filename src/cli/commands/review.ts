import { parseArgs } from 'node:util';
import { config } from 'dotenv';
import { UsageError, type CliCommand } from '../command.js';
import { openStore, type ReviewItem } from '../../store/index.js';

const shownLines = 15;

function renderItem(item: ReviewItem): string {
  const where = item.guildId ? `server ${item.guildId}, channel ${item.channelId ?? '?'}` : item.source;
  const verdict =
    item.reason === 'unmatched'
      ? 'unmatched'
      : `wrong ×${item.votes.wrong} (matched ${item.matches.map((m) => m.rule).join(', ') || 'nothing'})`;
  const lines = item.paste.replace(/\n+$/, '').split('\n');
  const body = lines.slice(0, shownLines).map((l) => `  | ${l}`);
  if (lines.length > shownLines) body.push(`  | … ${lines.length - shownLines} more lines (awaitbot export has them all)`);
  return [`#${item.id}  ${item.createdAt.slice(0, 16).replace('T', ' ')} UTC  ${verdict}  ${item.language ?? 'unknown language'}  ${where}`, ...body].join('\n');
}

export const reviewCommand: CliCommand = {
  name: 'review',
  summary: 'The latest pastes nothing matched or people flagged "wrong": what the knowledge base should learn next.',
  usage: 'awaitbot review [--json] [--limit N] [--guild SERVER_ID]',
  async run(args, io) {
    config({ quiet: true }); // DATABASE_PATH (and DISCORD_TOKEN for health) may live in .env
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { json: { type: 'boolean' }, limit: { type: 'string' }, guild: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit wants a whole number from 1 to 1000, not "${values.limit}"`);
    const store = openStore();
    try {
      const items = store.review({ limit, guildId: values.guild ?? null });
      if (values.json) io.stdout.write(JSON.stringify(items) + '\n');
      else if (items.length === 0) io.stdout.write('Nothing to review: every logged paste matched and nobody voted "wrong".\n');
      else io.stdout.write(items.map(renderItem).join('\n\n') + '\n');
      return 0;
    } finally {
      store.close();
    }
  },
};
