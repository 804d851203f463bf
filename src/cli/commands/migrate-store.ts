import { UsageError, type CliCommand } from '../command.js';
import { readOptions } from '../store-command.js';

/** `sqlite:PATH` (or a bare path) → the path. */
function sqlitePath(value: string | undefined): string {
  if (!value) throw new UsageError((m) => m.errors.migrateFrom);
  const path = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
  if (!path || /^postgres(?:ql)?:/i.test(path)) throw new UsageError((m) => m.errors.migrateFromShape(value.slice(0, 40)));
  return path;
}

function postgresUrl(value: string | undefined): string {
  if (!value || !/^postgres(?:ql)?:\/\/./i.test(value)) throw new UsageError((m) => m.errors.migrateTo);
  return value;
}

export const migrateStoreCommand: CliCommand = {
  name: 'migrate-store',
  async run(args, io) {
    const values = readOptions(args, { from: { type: 'string' }, to: { type: 'string' } });
    const from = sqlitePath(values.from);
    const to = postgresUrl(values.to);
    const { copySqliteToPostgres, CopyRefusedError } = await import('../../app/store.js');
    try {
      const { rows } = await copySqliteToPostgres(from, to);
      io.stdout.write(
        `Copied ${rows.cases} cases (${rows.case_matches} matches, ${rows.feedback} votes), ${rows.faq_entries} FAQ entries and ${rows.guild_settings} server settings from ${from} into PostgreSQL.\n` +
          'Set DATABASE_URL to that database and restart awaitbot.\n',
      );
      return 0;
    } catch (e) {
      // Never the URL: it may hold the password.
      const why = e instanceof CopyRefusedError ? e.message : `${(e as Error).message.split('\n')[0]}; nothing was copied`;
      io.stderr.write(`awaitbot migrate-store: ${why}\n`);
      return 1;
    }
  },
};
