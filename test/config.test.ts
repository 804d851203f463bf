/**
 * Configuration read once (src/config.ts): the settings a user can set, their
 * defaults, and a bad value stopping start-up with one message that names
 * every bad variable — through the real CLI, from the environment and from
 * `.env`. And no other module reads `process.env`.
 */
import { availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/awaitbot.js');
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.name);
    throw e;
  }
  return [];
}

describe('the settings', () => {
  it('has the documented defaults when nothing is set, and a blank value (KEY= as in .env.example) counts as unset', () => {
    const defaults = parseConfig({});
    expect(defaults).toMatchObject({
      discordToken: null,
      discordApiUrl: null,
      attachmentOrigins: [],
      databasePath: 'data/awaitbot.db',
      logLevel: 'info',
      retentionDays: 90,
      healthMaxHeartbeatAgeSeconds: 120,
      watch: false,
      rateLimit: { limit: 6, windowMs: 30_000 },
      diagnosisBudgetMs: 2000,
      diagnosisThreads: 2,
      // One batch thread per core beside the main thread's, at most 2: in-process (1) on 2 cores.
      batchThreads: Math.min(2, availableParallelism() - 1),
      analysisLimits: true,
      rulePagesUrl: null,
    });
    const blank = Object.fromEntries(
      ['DISCORD_TOKEN', 'DISCORD_API_URL', 'AWAITBOT_RATE_LIMIT', 'RETENTION_DAYS', 'AWAITBOT_WATCH', 'LOG_LEVEL', 'AWAITBOT_DIAGNOSIS_THREADS'].map((k) => [k, ' ']),
    );
    expect(parseConfig(blank)).toEqual(defaults);
  });

  it('reads each value a user sets', () => {
    const c = parseConfig({
      DISCORD_TOKEN: ' abc.def.ghi ',
      DISCORD_GUILD_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9000/api//',
      AWAITBOT_ATTACHMENT_ORIGINS: 'http://127.0.0.1:9000/some/path, https://files.example.org',
      DATABASE_PATH: '/var/lib/awaitbot/cases.db',
      DATABASE_URL: 'postgres://awaitbot:s3cret@db:5432/awaitbot',
      LOG_LEVEL: 'warn',
      RETENTION_DAYS: '30',
      HEALTH_MAX_HEARTBEAT_AGE: '45',
      AWAITBOT_WATCH: 'true',
      AWAITBOT_RATE_LIMIT: '4/60',
      AWAITBOT_DIAGNOSIS_BUDGET_MS: '750',
      AWAITBOT_DIAGNOSIS_THREADS: '3',
      AWAITBOT_ANALYSIS_LIMITS: 'off',
      AWAITBOT_EVENT_RECEIPTS_URL: 'http://127.0.0.1:9000/receipts',
      AWAITBOT_RULE_PAGES_URL: 'https://github.com/you/awaitbot/blob/main/docs/rules/',
      USER: 'ada',
      NO_COLOR: 'yes',
    });
    expect(c).toEqual({
      discordToken: 'abc.def.ghi',
      discordGuildId: '123456789012345678',
      discordApplicationId: null,
      discordPublicKey: null,
      discordApiUrl: 'http://127.0.0.1:9000/api',
      attachmentOrigins: ['http://127.0.0.1:9000', 'https://files.example.org'],
      databasePath: '/var/lib/awaitbot/cases.db',
      databaseUrl: 'postgres://awaitbot:s3cret@db:5432/awaitbot',
      logLevel: 'warn',
      retentionDays: 30,
      healthMaxHeartbeatAgeSeconds: 45,
      watch: true,
      rateLimit: { limit: 4, windowMs: 60_000 },
      diagnosisBudgetMs: 750,
      diagnosisThreads: 3,
      batchThreads: 3,
      analysisLimits: false,
      eventReceiptsUrl: 'http://127.0.0.1:9000/receipts',
      rulePagesUrl: 'https://github.com/you/awaitbot/blob/main/docs/rules',
      shards: null,
      shardProcess: false,
      consoleUser: 'ada',
      systemLocale: null,
      noColor: true,
    });
    expect(parseConfig({ AWAITBOT_WATCH: '0' }).watch).toBe(false);
    // no-color.org: present and not an empty string.
    expect(parseConfig({ NO_COLOR: '' }).noColor).toBe(false);
    expect(parseConfig({ NO_COLOR: '0' }).noColor).toBe(true);
  });

  it('names every bad value at once, and leaves good ones alone', () => {
    expect(
      problemsOf({
        AWAITBOT_RATE_LIMIT: 'fast',
        RETENTION_DAYS: '-3',
        DISCORD_API_URL: 'discord.com/api',
        LOG_LEVEL: 'verbose',
        AWAITBOT_DIAGNOSIS_THREADS: '0',
        AWAITBOT_DIAGNOSIS_BUDGET_MS: '2s',
        AWAITBOT_WATCH: 'yes',
        HEALTH_MAX_HEARTBEAT_AGE: '0',
        DISCORD_GUILD_ID: 'my-server',
        AWAITBOT_ATTACHMENT_ORIGINS: 'http://127.0.0.1:9000,not a url',
        AWAITBOT_ANALYSIS_LIMITS: 'none',
        DATABASE_PATH: 'cases.db',
      }).sort(),
    ).toEqual(
      [
        'AWAITBOT_RATE_LIMIT',
        'RETENTION_DAYS',
        'DISCORD_API_URL',
        'LOG_LEVEL',
        'AWAITBOT_DIAGNOSIS_THREADS',
        'AWAITBOT_DIAGNOSIS_BUDGET_MS',
        'AWAITBOT_WATCH',
        'HEALTH_MAX_HEARTBEAT_AGE',
        'DISCORD_GUILD_ID',
        'AWAITBOT_ATTACHMENT_ORIGINS',
        'AWAITBOT_ANALYSIS_LIMITS',
      ].sort(),
    );
  });

  it('takes only a PostgreSQL URL as DATABASE_URL, and never shows its password when refusing one', () => {
    expect(parseConfig({}).databaseUrl).toBeNull();
    expect(parseConfig({ DATABASE_URL: 'postgresql://bot@10.0.0.5/cases' }).databaseUrl).toBe('postgresql://bot@10.0.0.5/cases');
    expect(problemsOf({ DATABASE_URL: 'mysql://bot:pw@db/cases' })).toEqual(['DATABASE_URL']);
    expect(problemsOf({ DATABASE_URL: 'data/awaitbot.db' })).toEqual(['DATABASE_URL']);
    let message = '';
    try {
      parseConfig({ DATABASE_URL: 'mysql://bot:hunter2-long-password@db/cases' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('DATABASE_URL="mysql://bot:***@db/cases"');
    expect(message).not.toContain('hunter2');
  });

  it('refuses the edges of each range: zero requests, zero seconds, a retention past ten years, a URL without http', () => {
    expect(problemsOf({ AWAITBOT_RATE_LIMIT: '0/30' })).toEqual(['AWAITBOT_RATE_LIMIT']);
    expect(problemsOf({ AWAITBOT_RATE_LIMIT: '6/0' })).toEqual(['AWAITBOT_RATE_LIMIT']);
    expect(problemsOf({ AWAITBOT_RATE_LIMIT: '6/30/2' })).toEqual(['AWAITBOT_RATE_LIMIT']);
    expect(problemsOf({ RETENTION_DAYS: '3651' })).toEqual(['RETENTION_DAYS']);
    expect(problemsOf({ RETENTION_DAYS: '1.5' })).toEqual(['RETENTION_DAYS']);
    expect(problemsOf({ DISCORD_API_URL: 'ftp://discord.com/api' })).toEqual(['DISCORD_API_URL']);
    expect(problemsOf({ AWAITBOT_EVENT_RECEIPTS_URL: '127.0.0.1:9000/receipts' })).toEqual(['AWAITBOT_EVENT_RECEIPTS_URL']);
    expect(problemsOf({ AWAITBOT_RULE_PAGES_URL: 'github.com/you/awaitbot/blob/main/docs/rules' })).toEqual(['AWAITBOT_RULE_PAGES_URL']);
    expect(problemsOf({ AWAITBOT_SHARDS: '0' })).toEqual(['AWAITBOT_SHARDS']);
    expect(problemsOf({ AWAITBOT_SHARDS: 'max' })).toEqual(['AWAITBOT_SHARDS']);
    expect(parseConfig({ AWAITBOT_SHARDS: 'auto' }).shards).toBe('auto');
    expect(parseConfig({ AWAITBOT_SHARDS: '4' }).shards).toBe(4);
    expect(parseConfig({ SHARDING_MANAGER: 'true' }).shardProcess).toBe(true);
    expect(problemsOf({ AWAITBOT_DIAGNOSIS_THREADS: '65' })).toEqual(['AWAITBOT_DIAGNOSIS_THREADS']);
    expect(problemsOf({ RETENTION_DAYS: '3650', AWAITBOT_RATE_LIMIT: '1/1', AWAITBOT_DIAGNOSIS_THREADS: '64' })).toEqual([]);
  });
});

describe('start-up with bad values', () => {
  const databasePath = join(dir, 'cases.db');
  const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: databasePath, DISCORD_TOKEN: '', ...extra });

  it('stops with one message naming each bad variable and what it expects, before anything starts', () => {
    const r = spawnSync(process.execPath, [bin, 'start'], {
      cwd: dir,
      encoding: 'utf8',
      env: env({ AWAITBOT_RATE_LIMIT: 'fast', RETENTION_DAYS: '-3', DISCORD_API_URL: 'discord.com/api' }),
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'awaitbot start: 3 settings have values awaitbot cannot use (from the environment or .env):\n' +
        '  DISCORD_API_URL="discord.com/api": expected an http(s) URL such as https://discord.com/api\n' +
        '  RETENTION_DAYS="-3": expected a whole number of days from 1 to 3650\n' +
        '  AWAITBOT_RATE_LIMIT="fast": expected N/SECONDS with whole numbers above 0, such as 6/30\n',
    );
    // Neither the console nor the database was started.
    expect(existsSync(databasePath)).toBe(false);
  });

  it('reads the bad value from .env as well, and the real environment wins over .env', () => {
    const project = mkdtempSync(join(dir, 'project-'));
    writeFileSync(join(project, '.env'), 'RETENTION_DAYS=forever\nLOG_LEVEL=loud\n');
    const bad = spawnSync(process.execPath, [bin, 'health'], { cwd: project, encoding: 'utf8', env: env({}) });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('2 settings have values');
    expect(bad.stderr).toContain('RETENTION_DAYS="forever"');
    expect(bad.stderr).toContain('LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent');
    // With both fixed in the environment, health runs (and says the database file is missing: it is not created).
    const fixed = spawnSync(process.execPath, [bin, 'health'], { cwd: project, encoding: 'utf8', env: env({ RETENTION_DAYS: '30', LOG_LEVEL: 'silent' }) });
    expect(fixed.stderr).not.toContain('settings have values');
    expect(fixed.stderr).toContain('unhealthy: database');
  });

  it('still prints a command\'s help with a bad value set', () => {
    const r = spawnSync(process.execPath, [bin, 'start', '--help'], { cwd: dir, encoding: 'utf8', env: env({ RETENTION_DAYS: '-3' }) });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: awaitbot start');
  });
});

describe('one module reads the environment', () => {
  /** Where a file's code (not its strings or comments) touches process.env, or takes `env` from the process module. */
  function environmentReads(file: string): number {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    let reads = 0;
    const isProcess = (e: ts.Expression) => ts.isIdentifier(e) && e.text === 'process';
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && isProcess(node.expression) && node.name.text === 'env') reads++;
      if (ts.isElementAccessExpression(node) && isProcess(node.expression) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'env') reads++;
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /^(?:node:)?process$/.test(node.moduleSpecifier.text)) reads++;
      ts.forEachChild(node, visit);
    };
    visit(source);
    return reads;
  }

  it('has no process.env outside src/config.ts', () => {
    const files = (function walk(d: string): string[] {
      return readdirSync(d).flatMap((name) => {
        const p = join(d, name);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
      });
    })(join(root, 'src'));
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => environmentReads(f) > 0).map((f) => relative(root, f))).toEqual(['src/config.ts']);
  });
});
