/** `awaitbot start` (`npm start`): the Discord bot when DISCORD_TOKEN is set (as shards with --shards), the console otherwise. */
import { shardCount } from '../../config.js';
import { UsageError, type CliCommand } from '../command.js';
import { readOptions } from '../store-command.js';

/** `--shards auto|N`, read as AWAITBOT_SHARDS is. */
function shardsOption(raw: string): number | 'auto' {
  const parsed = shardCount.safeParse(raw.trim());
  if (!parsed.success) throw new UsageError((m) => m.errors.shards(raw));
  return parsed.data;
}

export const startCommand: CliCommand = {
  name: 'start',
  async run(args, io, config) {
    const values = readOptions(args, { shards: { type: 'string' } });
    const shards = values.shards === undefined ? config.shards : shardsOption(values.shards);
    const { loadServices } = await import('../../app/services.js');
    const token = config.discordToken;
    if (!token) {
      const { localeFromPosix } = await import('../../app/language.js');
      const { cliMessages } = await import('../../render/messages.js');
      const locale = localeFromPosix(config.systemLocale);
      io.stderr.write(`${cliMessages(locale ?? 'en').reports.noTokenConsole}\n`);
      const { runConsole } = await import('../../console/index.js');
      const { storeLocation } = await import('../../app/store.js');
      return runConsole(() => loadServices(config), io, { userId: config.consoleUser, locale: locale ?? undefined, noColor: config.noColor, logsTo: storeLocation(config) });
    }
    const { runBot, runShards } = await import('../../discord/index.js');
    // A shard process (started by the manager below) runs the ordinary bot for its shard.
    const code = shards !== null && !config.shardProcess ? await runShards(token, config, shards) : await runBot(await loadServices(config), token, config);
    // The gateway, timers and the database are closed; leave now rather than wait on stray handles.
    process.exit(code);
  },
};
