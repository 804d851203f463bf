/** Where the console says it logs: the SQLite file, or the PostgreSQL server without its credentials. */
import { describe, expect, it } from 'vitest';
import { storeLocation } from '../../src/app/store.js';

describe('storeLocation', () => {
  it('names the SQLite file, or the PostgreSQL server and database, never the user name or password', () => {
    expect(storeLocation({ databasePath: 'data/awaitbot.db', databaseUrl: null })).toBe('data/awaitbot.db');
    const where = storeLocation({ databasePath: 'data/awaitbot.db', databaseUrl: 'postgres://bot:s3cret-pw@db.internal:5433/awaitbot' });
    expect(where).toBe('postgres://db.internal:5433/awaitbot');
    expect(where).not.toMatch(/bot:|s3cret/);
    expect(storeLocation({ databasePath: 'x', databaseUrl: 'not a url with s3cret' })).toBe('PostgreSQL');
  });
});
