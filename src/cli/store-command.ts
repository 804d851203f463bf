/**
 * What the commands reading the case log (stats, review, export, health,
 * forget) share: strict options where a mistake is a
 * usage error, the store opened for the one call and always closed.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIO } from './command.js';
import { openConfiguredStore, type Store, type StoreOptions } from '../app/store.js';
import type { StoredCase } from '../app/types.js';
import type { Config } from '../config.js';
import type { CliMessages } from '../render/messages.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The command's `--options` (no positional arguments); an unknown or malformed one is a usage error. */
export function readOptions<const O extends OptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A whole-number option from 1 to `max`; `fallback` when it is not given. */
export function countOption(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError((m) => m.errors.wholeNumber(name, max, value));
  return n;
}

/** A case number as `awaitbot review` lists it (`--from-case 42`); anything else is a usage error. */
export function caseNumberOption(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError((m) => m.errors.caseNumber(name));
  return n;
}

/** The logged case #`caseId`, or null after telling the user there is none. */
export async function reviewedCase(store: Store, caseId: number, io: CliIO, say: CliMessages['reports']): Promise<StoredCase | null> {
  const stored = await store.getCase(caseId);
  if (!stored) io.stderr.write(`${say.noCase(caseId)}\n`);
  return stored;
}

/** Runs `use` on the store at DATABASE_PATH and closes it afterwards, whatever happens. */
export async function withStore<T>(config: Config, use: (store: Store) => T | Promise<T>, options?: StoreOptions): Promise<T> {
  const store = openConfiguredStore(config, options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** `2025-06-01T12:34:56.789Z` → `2025-06-01 12:34` (the reports say UTC beside it). */
export function minuteOf(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** A value as one line of JSON. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value) + '\n';
}
