/**
 * The store tests run against both backends: the SQLite file, and a real
 * PostgreSQL server this file starts for the test file (scripts/temp-postgres.mjs:
 * initdb and pg_ctl on a temporary directory and a free port). Each test gets
 * a fresh database. When PostgreSQL cannot start, the tests fail with the
 * reason; they never skip.
 */
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startTempPostgres, type TempPostgres } from '../../scripts/temp-postgres.mjs';

export const storeBackends = ['sqlite', 'postgres'] as const;
export type StoreBackend = (typeof storeBackends)[number];

/** Starts one PostgreSQL server for this test file; `location(backend, dir)` names a fresh database on the backend. */
export function useStoreBackends(): { location(backend: StoreBackend, dir: string): Promise<string>; server(): TempPostgres } {
  let server: TempPostgres | null = null;
  let databases = 0;
  beforeAll(async () => {
    server = await startTempPostgres();
  }, 120_000);
  afterAll(() => server?.stop());
  const running = (): TempPostgres => {
    if (!server) throw new Error('the test PostgreSQL server did not start (see the error of beforeAll)');
    return server;
  };
  return {
    location: async (backend, dir) => (backend === 'sqlite' ? join(dir, 'nested', 'awaitbot.db') : running().createDatabase(`store_test_${++databases}`)),
    server: running,
  };
}
