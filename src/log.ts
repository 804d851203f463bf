/**
 * The one logger. Structured (pino) to stderr so stdout stays free for CLI
 * output. Its level is LOG_LEVEL, set by the CLI once the configuration is
 * read (src/config.ts); until then, and in code run without the CLI, `info`.
 * Never log paste contents at info level.
 */
import { pino } from 'pino';

export const log = pino({ level: 'info', base: { app: 'awaitbot' } }, pino.destination({ fd: 2, sync: true }));
