/**
 * What both guarded connections (SQLite's guarded.ts, PostgreSQL's pg-guarded.ts) say of a failure:
 * the error a moderator's read gets when the database cannot answer, and a driver error's code and
 * first line, the only parts of it that reach the log.
 */

export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** The driver's code (`SQLITE_BUSY`, a PostgreSQL SQLSTATE such as `23505`), else the error's name. */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.name : 'UNKNOWN';
}

/** The first line of the error's message. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}
