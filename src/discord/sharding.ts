/**
 * `awaitbot start --shards auto|N`: the gateway bot as shards under
 * discord.js's own ShardingManager. Each shard is one process running the
 * ordinary bot (`awaitbot start`, told it is a shard by the SHARDING_MANAGER
 * variable discord.js sets), and one that dies is started again. All of them
 * share the SQLite case log, which is in WAL mode with a busy timeout, so
 * their writes wait for each other instead of failing.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import type { Config } from '../config.js';
import { log } from '../log.js';

/** The same program users start: discord.js forks it once per shard. */
const entryPoint = fileURLToPath(new URL('../../bin/awaitbot.js', import.meta.url));

/** How long a shard may take to close its gateway connection, workers and database after SIGTERM. */
const stopGraceMs = 15_000;

/** A shard still loading its engine on a busy machine is slow, not dead. */
const readyTimeoutMs = 120_000;

export interface GatewayPlan {
  /** Shards Discord recommends for this bot (one per 1,000 servers, at least one). */
  shards: number;
  /** How many shards may IDENTIFY in the same 5 seconds. */
  maxConcurrency: number;
}

/** What Discord recommends for this token (GET /gateway/bot, through DISCORD_API_URL when set). */
export async function fetchGatewayPlan(token: string, apiUrl: string | null): Promise<GatewayPlan> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const body = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return { shards: body.shards, maxConcurrency: body.session_start_limit.max_concurrency };
}

/**
 * Milliseconds between shard starts: Discord accepts `maxConcurrency`
 * IDENTIFYs per 5 seconds, so starting one every 5.5 s / maxConcurrency stays
 * under it with a margin.
 */
export function spawnDelayMs(maxConcurrency: number): number {
  return Math.ceil(5500 / Math.max(1, maxConcurrency));
}

/** Stops one shard's process for good (no respawn) and resolves once it has exited. */
function stopShard(shard: Shard): Promise<void> {
  const child = shard.process as ChildProcess | null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // A shard that has not finished within the grace period is killed, so the manager never outlives a stuck one.
  const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve())).finally(() => clearTimeout(timer));
  shard.kill(); // SIGTERM: the shard closes its gateway connection and database, then exits
  return exited;
}

/** Runs `requested` shards (or as many as Discord recommends) until SIGTERM/SIGINT; resolves with the exit code. */
export async function runShards(token: string, config: Config, requested: number | 'auto'): Promise<number> {
  let plan: GatewayPlan;
  try {
    plan = await fetchGatewayPlan(token, config.discordApiUrl);
  } catch (e) {
    log.error({ err: e }, 'could not ask Discord how to shard (check DISCORD_TOKEN)');
    return 1;
  }
  const total = requested === 'auto' ? plan.shards : requested;
  const manager = new ShardingManager(entryPoint, { totalShards: total, token, respawn: true, mode: 'process', shardArgs: ['start'] });
  manager.on('shardCreate', (shard) => {
    shard.on('death', (child) => {
      if (manager.respawn) log.warn({ shard: shard.id, code: (child as ChildProcess).exitCode, signal: (child as ChildProcess).signalCode }, 'shard process died; starting it again');
    });
    shard.on('ready', () => log.info({ shard: shard.id, of: total, pid: (shard.process as ChildProcess | null)?.pid }, 'shard ready'));
    shard.on('error', (e) => log.error({ err: e, shard: shard.id }, 'shard could not be started again'));
    // A shard the manager starts after the signal (it starts them one by one) is stopped at once.
    shard.on('spawn', () => {
      if (!manager.respawn) void stopShard(shard);
    });
  });

  let stopping: Promise<void> | null = null;
  const stopAll = () => {
    // Set first: a shard that exits on the same Ctrl-C must not be started again.
    manager.respawn = false;
    stopping ??= Promise.all([...manager.shards.values()].map(stopShard)).then(() => undefined);
    return stopping;
  };
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });

  log.info({ shards: total, maxConcurrency: plan.maxConcurrency }, 'starting shards');
  const spawned = manager.spawn({ amount: total, delay: spawnDelayMs(plan.maxConcurrency), timeout: readyTimeoutMs }).then(
    () => null,
    (e: unknown) => e,
  );
  const first = await Promise.race([spawned.then((error) => ({ error })), signalled.then((signal) => ({ signal }))]);
  if ('error' in first && first.error) {
    log.error({ err: first.error }, 'a shard failed to start; stopping the others');
    await stopAll();
    return 1;
  }
  const signal = 'signal' in first ? first.signal : await signalled;
  log.info({ signal }, 'shutting down every shard');
  await stopAll();
  return 0;
}
