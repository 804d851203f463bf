import { once } from 'node:events';
import { UsageError, type CliCommand } from '../command.js';
import { jsonLine, readOptions, withStore } from '../store-command.js';

/** Accepts `2025-06-01` (midnight UTC) or a full ISO time. */
function parseSince(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError((m) => m.errors.since(value));
  }
  return date;
}

export const exportCommand: CliCommand = {
  name: 'export',
  async run(args, io, config) {
    const values = readOptions(args, { since: { type: 'string' } });
    const since = values.since === undefined ? undefined : parseSince(values.since);
    return withStore(config, async (store) => {
      for await (const row of store.exportCases(since ? { since } : {})) {
        // Respect the pipe: a large export into `head` or a slow disk must not buffer in memory.
        if (!io.stdout.write(jsonLine(row))) await once(io.stdout, 'drain');
      }
      return 0;
    });
  },
};
