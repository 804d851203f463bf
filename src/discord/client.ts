/**
 * The Discord client: only the intents needed (message content only when
 * help-channel watching is on), REST pointed at DISCORD_API_URL when set,
 * mentions off by default, and a process that survives handler errors and
 * shuts down cleanly on SIGTERM/SIGINT.
 */
import { Client, GatewayIntentBits, Options, Partials, type ClientOptions } from 'discord.js';
import type { Config } from '../config.js';
import { log } from '../log.js';
import { createContext, type BotContext } from './context.js';
import { EventReceipts } from './event-receipts.js';
import { botEvents } from './events/index.js';
import type { Services } from '../app/services.js';

/** True when AWAITBOT_WATCH=1 or some server has watching on: then the bot needs message content. */
export async function wantsWatching(services: Services, config: Pick<Config, 'watch'>): Promise<boolean> {
  if (config.watch) return true;
  try {
    return ((await services.store.watchedGuildIds?.()) ?? []).length > 0;
  } catch {
    return false;
  }
}

export function clientOptions(watching: boolean, config: Pick<Config, 'discordApiUrl'>): ClientOptions {
  const intents = [GatewayIntentBits.Guilds];
  if (watching) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  return {
    intents,
    partials: watching ? [Partials.Message] : [],
    allowedMentions: { parse: [], repliedUser: false },
    // Every interaction caches its user and member; bound those caches so memory stays flat.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 100,
      UserManager: { maxSize: 1000, keepOverLimit: (u) => u.id === u.client.user.id },
      GuildMemberManager: { maxSize: 1000, keepOverLimit: (m) => m.id === m.client.user.id },
      PresenceManager: 0,
      ReactionManager: 0,
    }),
    ...(config.discordApiUrl ? { rest: { api: config.discordApiUrl } } : {}),
  };
}

export async function createBot(services: Services, config: Config): Promise<{ client: Client; ctx: BotContext }> {
  const watching = await wantsWatching(services, config);
  const ctx = createContext(services, watching, config);
  const client = new Client(clientOptions(watching, config));
  const receipts = config.eventReceiptsUrl ? new EventReceipts(config.eventReceiptsUrl) : null;
  receipts?.attach(client);
  for (const event of botEvents) {
    const listener = (...args: unknown[]) => {
      try {
        const result = (event.execute as (ctx: BotContext, ...a: unknown[]) => unknown)(ctx, ...args);
        if (result instanceof Promise) receipts?.track(result.catch((e: unknown) => log.error({ err: e, event: event.name }, 'event handler failed')));
      } catch (e) {
        log.error({ err: e, event: event.name }, 'event handler failed');
      }
    };
    if (event.once) client.once(event.name, listener);
    else client.on(event.name, listener);
  }
  client.on('error', (e) => log.error({ err: e }, 'client error'));
  client.on('warn', (m) => log.warn(m));
  client.on('shardReconnecting', (id) => log.warn({ shard: id }, 'gateway reconnecting'));
  client.on('shardResume', (id, replayed) => log.info({ shard: id, replayed }, 'gateway resumed'));
  return { client, ctx };
}

/** Runs the bot until SIGTERM/SIGINT; resolves with the exit code. */
export async function runBot(services: Services, token: string, config: Config): Promise<number> {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (kept running)'));
  process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception (kept running)'));
  const { client } = await createBot(services, config);
  let stopping = false;
  const done = new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      void client
        .destroy()
        .catch((e: unknown) => log.warn({ err: e }, 'destroy failed'))
        .then(() => services.diagnoser.close())
        .catch((e: unknown) => log.warn({ err: e }, 'stopping the diagnosis workers failed'))
        .then(() => services.store.close())
        .catch(() => {
          /* closing is best effort */
        })
        .finally(() => resolve(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  try {
    // Online only once pastes can be answered: a worker's engine loads in a second or two.
    await services.diagnoser.ready();
    await client.login(token);
  } catch (e) {
    log.error({ err: e }, 'login failed (check DISCORD_TOKEN)');
    await client.destroy().catch(() => {});
    await services.diagnoser.close().catch(() => {});
    return 1;
  }
  return done;
}
