/**
 * The one logger. Structured (pino) to stderr so stdout stays free for CLI
 * output; level from LOG_LEVEL. Never log paste contents at info level.
 */
import { pino } from 'pino';

export const log = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: { app: 'awaitbot' } },
  pino.destination({ fd: 2, sync: true }),
);
