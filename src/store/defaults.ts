/**
 * The store's defaults, without imports: the configuration (src/config.ts)
 * builds on them, and the store loads nothing beyond its own folder, the
 * logger and redaction (the durability tests run it alone in a child process).
 */
export const defaultDatabasePath = 'data/awaitbot.db';
export const defaultRetentionDays = 90;
/** Days a server may keep cases at most (/settings and RETENTION_DAYS). */
export const maxRetentionDays = 3650;
