/**
 * `openStore()` — the one way into awaitbot's SQLite file. Never throws: if
 * the file cannot be opened, writes return null/false (logged once) and it is
 * retried later; `health()` says why.
 */
import { SqliteStore } from './sqlite-store.js';
import type { Store, StoreOptions } from './types.js';

export { StoreUnavailableError, defaultRetentionDays } from './sqlite-store.js';
export { latestSchemaVersion, migrate, migrations, newPublicId, SchemaTooNewError } from './migrations.js';
export type * from './types.js';

export const defaultDatabasePath = 'data/awaitbot.db';

export function openStore(path: string = process.env.DATABASE_PATH || defaultDatabasePath, options: StoreOptions = {}): Store {
  return new SqliteStore(path, options);
}
