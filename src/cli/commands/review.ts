import type { CliCommand } from '../command.js';
import { countOption, jsonLine, minuteOf, readOptions, withStore } from '../store-command.js';
import type { ReviewItem } from '../../app/types.js';

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
  return [`#${item.id}  ${minuteOf(item.createdAt)} UTC  ${verdict}  ${item.language ?? 'unknown language'}  ${where}`, ...body].join('\n');
}

export const reviewCommand: CliCommand = {
  name: 'review',
  summary: 'The latest pastes nothing matched or people flagged "wrong": what the knowledge base should learn next.',
  usage: 'awaitbot review [--json] [--limit N] [--guild SERVER_ID]',
  async run(args, io, config) {
    const values = readOptions(args, { json: { type: 'boolean' }, limit: { type: 'string' }, guild: { type: 'string' } });
    const limit = countOption('limit', values.limit, 20, 1000);
    return withStore(config, (store) => {
      const items = store.review({ limit, guildId: values.guild ?? null });
      if (values.json) io.stdout.write(jsonLine(items));
      else if (items.length === 0) io.stdout.write('Nothing to review: every logged paste matched and nobody voted "wrong".\n');
      else io.stdout.write(items.map(renderItem).join('\n\n') + '\n');
      return 0;
    });
  },
};
