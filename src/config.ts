/**
 * awaitbot's settings, read once. This is the only module that reads
 * `process.env`: `.env` is loaded into it (the real environment wins), every
 * variable is checked at start, and a bad value stops start-up with one
 * message naming every bad variable and what it expects — rather than a
 * fallback chosen silently, or a failure hours later. The rest of the code
 * receives a typed `Config`.
 *
 * The variables and their meaning are the contract in docs/self-hosting.md
 * and .env.example; an empty value (`KEY=` as in .env.example) means unset.
 */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { cliMessages, type Locale, type SettingFacts, type SettingName } from './render/messages.js';
import { availableParallelism } from 'node:os';
import { defaultDatabasePath, defaultRetentionDays, maxRetentionDays } from './store/defaults.js';

export { defaultDatabasePath, defaultRetentionDays, maxRetentionDays };

/** The bot records a heartbeat at least every minute while connected; twice that without one means the gateway is down. */
export const defaultMaxHeartbeatAgeSeconds = 120;
export const defaultRateLimit = { limit: 6, windowMs: 30_000 } as const;
export const defaultBudgetMs = 2000;
export const defaultThreads = 2;
/** Far above what one host runs: Discord recommends one shard per 1,000 servers. */
export const maxShards = 1024;
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Config {
  /** DISCORD_TOKEN: set → `start` runs the bot; null → the console. */
  discordToken: string | null;
  discordGuildId: string | null;
  discordApplicationId: string | null;
  /** DISCORD_PUBLIC_KEY: the application's Ed25519 public key (hex), for `serve` to verify Discord's signatures. */
  discordPublicKey: string | null;
  /** DISCORD_API_URL without trailing slashes; null → Discord's own. */
  discordApiUrl: string | null;
  /** AWAITBOT_ATTACHMENT_ORIGINS: origins trusted besides Discord's CDN (tests' fake Discord). */
  attachmentOrigins: string[];
  databasePath: string;
  /** DATABASE_URL (postgres://…): the store in PostgreSQL instead of the SQLite file at databasePath; null → SQLite. */
  databaseUrl: string | null;
  logLevel: LogLevel;
  retentionDays: number;
  healthMaxHeartbeatAgeSeconds: number;
  /** AWAITBOT_WATCH: ask for message content from the start. */
  watch: boolean;
  rateLimit: { limit: number; windowMs: number };
  diagnosisBudgetMs: number;
  diagnosisThreads: number;
  /**
   * `awaitbot batch`'s worker threads: AWAITBOT_DIAGNOSIS_THREADS when set; otherwise one per core
   * beside the main thread's (which reads, hands out and writes), at most `defaultThreads`. Fewer
   * than 2 means in-process: one worker is the same work plus the messaging, and each worker warms
   * up an engine of its own, so on a 2-core machine threads make a batch slower, not faster.
   */
  batchThreads: number;
  /** AWAITBOT_ANALYSIS_LIMITS: false only in tests checking that the budget alone stops a paste. */
  analysisLimits: boolean;
  /** AWAITBOT_EVENT_RECEIPTS_URL: where the bot reports each gateway event it finished with (test harnesses, load tests); null → no reports. */
  eventReceiptsUrl: string | null;
  /** AWAITBOT_SHARDS: run the gateway bot as this many shard processes ('auto': as many as Discord recommends); null → one process, no sharding. */
  shards: number | 'auto' | null;
  /** SHARDING_MANAGER: set by discord.js's ShardingManager in the shard processes it starts. */
  shardProcess: boolean;
  /** AWAITBOT_RULE_PAGES_URL without trailing slashes: where docs/rules/ is published, so "Full explanation" opens the rule's own page; null → the official documentation. */
  rulePagesUrl: string | null;
  /** USER: who the console's cases belong to. */
  consoleUser: string | null;
  /** LC_ALL, else LANG, as set (`zh_CN.UTF-8`): the terminal's language, for the CLI's and console's answers. */
  systemLocale: string | null;
  /** NO_COLOR set and not empty (https://no-color.org): the terminal gets no ANSI styles, only the wrapping. */
  noColor: boolean;
}

/** The variables awaitbot reads; what each expects, in words, is in the catalog (render/messages.ts `settingExpects`). */
type Name = SettingName;

/** The limits the start-up message names, enforced below. */
export const settingFacts: SettingFacts = { logLevels, maxRetentionDays, maxShards };

/** A value as the environment gives it: blank means unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());

const snowflake = z.string().regex(/^\d{5,20}$/);
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

/** `auto` or a whole number of shards (what `start --shards` and AWAITBOT_SHARDS take). */
export const shardCount = z.union([z.literal('auto'), wholeNumber(1, maxShards)]);

function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `scheme://host[:port]` (a path after it is ignored) → its origin; null when it names none. */
function originOf(raw: string): string | null {
  if (!isHttpUrl(raw)) return null;
  return new URL(raw).origin;
}

const schema = z.object({
  DISCORD_TOKEN: optional(z.string()),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-fA-F]{64}$/).transform((v) => v.toLowerCase())),
  DISCORD_API_URL: optional(z.string().refine(isHttpUrl).transform((u) => u.replace(/\/+$/, ''))),
  AWAITBOT_ATTACHMENT_ORIGINS: optional(
    z
      .string()
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
      .refine((list) => list.every((o) => originOf(o) !== null))
      .transform((list) => list.map((o) => originOf(o)!)),
  ),
  DATABASE_PATH: optional(z.string()),
  DATABASE_URL: optional(z.string().refine(isPostgresUrl)),
  LOG_LEVEL: optional(z.enum(logLevels)),
  RETENTION_DAYS: optional(wholeNumber(1, maxRetentionDays)),
  HEALTH_MAX_HEARTBEAT_AGE: optional(
    z
      .string()
      .regex(/^\d{1,9}(?:\.\d{1,3})?$/)
      .transform(Number)
      .pipe(z.number().positive()),
  ),
  AWAITBOT_WATCH: optional(flag),
  AWAITBOT_RATE_LIMIT: optional(
    z
      .string()
      .regex(/^\d{1,6}\/\d{1,6}$/)
      .transform((v) => v.split('/').map(Number) as [number, number])
      .refine(([limit, seconds]) => limit > 0 && seconds > 0)
      .transform(([limit, seconds]) => ({ limit, windowMs: seconds * 1000 })),
  ),
  AWAITBOT_DIAGNOSIS_BUDGET_MS: optional(wholeNumber(1, 600_000)),
  AWAITBOT_DIAGNOSIS_THREADS: optional(wholeNumber(1, 64)),
  AWAITBOT_ANALYSIS_LIMITS: optional(z.enum(['off', 'on'])),
  AWAITBOT_EVENT_RECEIPTS_URL: optional(z.string().refine(isHttpUrl)),
  AWAITBOT_SHARDS: optional(shardCount),
  SHARDING_MANAGER: optional(z.enum(['true'])),
  AWAITBOT_RULE_PAGES_URL: optional(z.string().refine(isHttpUrl).transform((u) => u.replace(/\/+$/, ''))),
  USER: optional(z.string()),
  LC_ALL: optional(z.string()),
  LANG: optional(z.string()),
  NO_COLOR: optional(z.string()),
} satisfies Record<Name, z.ZodType>);

/** Every variable awaitbot reads. */
export const settingNames = Object.keys(schema.shape) as Name[];

/** One bad variable: its name and the value found (quoted, cut short). */
export interface ConfigProblem {
  name: Name;
  value: string;
}

/** The start-up message in `locale`: every bad variable at once, so one edit of `.env` fixes them all. */
export function describeConfigProblems(problems: ConfigProblem[], locale: Locale = 'en'): string {
  const m = cliMessages(locale);
  return m.badSettings(problems.map((p) => ({ ...p, expects: m.settingExpects[p.name](settingFacts) })));
}

/** Bad settings: `problems` names each one; `terminalLanguage` is LC_ALL/LANG as set, to say it in the reader's language. */
export class ConfigError extends Error {
  constructor(
    readonly problems: ConfigProblem[],
    readonly terminalLanguage: string | null = null,
  ) {
    super(describeConfigProblems(problems));
    this.name = 'ConfigError';
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A database URL as a message may show it: the password (between `user:` and `@`) replaced. */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

/** The value as the message shows it: JSON-quoted, at most 60 characters, so a pasted secret is not echoed whole. */
function shown(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 60 ? text.slice(0, 57) + '…' : text);
}

/** Checks `env` and returns the settings; throws ConfigError naming every bad variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const input = Object.fromEntries(settingNames.map((name) => [name, env[name]]));
  const result = schema.safeParse(input);
  if (!result.success) {
    const names = [...new Set(result.error.issues.map((issue) => issue.path[0] as Name))];
    throw new ConfigError(
      names.map((name) => ({ name, value: shown(name === 'DATABASE_URL' ? withoutPassword(env[name] ?? '') : env[name]) })),
      terminalLanguage(env),
    );
  }
  const v = result.data;
  return {
    discordToken: v.DISCORD_TOKEN ?? null,
    discordGuildId: v.DISCORD_GUILD_ID ?? null,
    discordApplicationId: v.DISCORD_APPLICATION_ID ?? null,
    discordPublicKey: v.DISCORD_PUBLIC_KEY ?? null,
    discordApiUrl: v.DISCORD_API_URL ?? null,
    attachmentOrigins: v.AWAITBOT_ATTACHMENT_ORIGINS ?? [],
    databasePath: v.DATABASE_PATH ?? defaultDatabasePath,
    databaseUrl: v.DATABASE_URL ?? null,
    logLevel: v.LOG_LEVEL ?? 'info',
    retentionDays: v.RETENTION_DAYS ?? defaultRetentionDays,
    healthMaxHeartbeatAgeSeconds: v.HEALTH_MAX_HEARTBEAT_AGE ?? defaultMaxHeartbeatAgeSeconds,
    watch: v.AWAITBOT_WATCH ?? false,
    rateLimit: v.AWAITBOT_RATE_LIMIT ?? { ...defaultRateLimit },
    diagnosisBudgetMs: v.AWAITBOT_DIAGNOSIS_BUDGET_MS ?? defaultBudgetMs,
    diagnosisThreads: v.AWAITBOT_DIAGNOSIS_THREADS ?? defaultThreads,
    batchThreads: v.AWAITBOT_DIAGNOSIS_THREADS ?? Math.min(defaultThreads, availableParallelism() - 1),
    analysisLimits: v.AWAITBOT_ANALYSIS_LIMITS !== 'off',
    eventReceiptsUrl: v.AWAITBOT_EVENT_RECEIPTS_URL ?? null,
    shards: v.AWAITBOT_SHARDS ?? null,
    shardProcess: v.SHARDING_MANAGER === 'true',
    rulePagesUrl: v.AWAITBOT_RULE_PAGES_URL ?? null,
    consoleUser: v.USER ?? null,
    systemLocale: v.LC_ALL ?? v.LANG ?? null,
    noColor: v.NO_COLOR !== undefined,
  };
}

/** LC_ALL, else LANG (blank counts as unset): the terminal's language, which even `awaitbot help` speaks. */
export function terminalLanguage(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  return env.LC_ALL?.trim() || env.LANG?.trim() || null;
}

/** The settings for this process: `.env` merged under the real environment, then checked (throws ConfigError). */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
