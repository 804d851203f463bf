/**
 * `openStore()` — the one way into awaitbot's store: the SQLite file at a
 * path, or PostgreSQL at a postgres:// URL. Never throws: if the database
 * cannot be used, writes resolve to null/false (logged once) and it is
 * retried later; `health()` says why.
 */
import { defaultDatabasePath } from './defaults.js';
import { PgStore } from './pg-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store, StoreOptions } from './types.js';

export { StoreUnavailableError } from './database-errors.js';
export { latestSchemaVersion, migrate, migrations, newPublicId, SchemaTooNewError } from './migrations.js';
export type * from './types.js';

export { PgStore } from './pg-store.js';
export { copySqliteToPostgres, CopyRefusedError, type CopyResult } from './copy-to-postgres.js';

/** A postgres:// (or postgresql://) URL names a PostgreSQL database; anything else is a SQLite file path. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** `location` is DATABASE_URL when set, else DATABASE_PATH, as the configuration read them (src/config.ts). */
export function openStore(location: string = defaultDatabasePath, options: StoreOptions = {}): Store {
  if (isPostgresLocation(location)) return new PgStore(location, { defaultRetentionDays: options.defaultRetentionDays });
  return new SqliteStore(location, options);
}
