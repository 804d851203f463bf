/** Types of temp-postgres.mjs (used by the TypeScript store tests). */
export interface TempPostgres {
  port: number;
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  pause(): void;
  resume(): void;
  stop(): void;
}
export function postgresBinDir(env?: Record<string, string | undefined>): string;
export function startTempPostgres(options?: { durable?: boolean }): Promise<TempPostgres>;
