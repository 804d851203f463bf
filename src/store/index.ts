/**
 * `openStore()` — the one way into awaitbot's SQLite file. Never throws: if
 * the file cannot be opened, writes return null/false (logged once) and it is
 * retried later; `health()` says why.
 */
import { defaultDatabasePath } from './defaults.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store, StoreOptions } from './types.js';

export { StoreUnavailableError } from './sqlite-store.js';
export { latestSchemaVersion, migrate, migrations, newPublicId, SchemaTooNewError } from './migrations.js';
export type * from './types.js';

/** `path` is DATABASE_PATH as the configuration read it (src/config.ts). */
export function openStore(path: string = defaultDatabasePath, options: StoreOptions = {}): Store {
  return new SqliteStore(path, options);
}
