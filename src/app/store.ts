/**
 * The case log as the shells open it: PostgreSQL when DATABASE_URL is set,
 * else the file DATABASE_PATH names, with RETENTION_DAYS as the retention of
 * servers without their own setting.
 * Shells reach the store through here, never through src/store/ itself.
 */
import type { Config } from '../config.js';
import { openStore } from '../store/index.js';

/** `awaitbot migrate-store`: a SQLite case log copied into an empty PostgreSQL database. */
export { copySqliteToPostgres, CopyRefusedError } from '../store/index.js';
import type { Store, StoreOptions } from '../store/types.js';

export type { Store, StoreOptions };

export function openConfiguredStore(config: Pick<Config, 'databasePath' | 'databaseUrl' | 'retentionDays'>, options: StoreOptions = {}): Store {
  return openStore(config.databaseUrl ?? config.databasePath, { defaultRetentionDays: config.retentionDays, ...options });
}

/**
 * Where the case log is, to tell the person at the console: the SQLite file's path, or the
 * PostgreSQL server and database without the user name and password DATABASE_URL carries.
 */
export function storeLocation(config: Pick<Config, 'databasePath' | 'databaseUrl'>): string {
  if (config.databaseUrl === null) return config.databasePath;
  try {
    const url = new URL(config.databaseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
