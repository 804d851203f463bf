/** `awaitbot start` (`npm start`): the Discord bot when DISCORD_TOKEN is set, the console otherwise. */
import type { CliCommand } from '../command.js';

export const startCommand: CliCommand = {
  name: 'start',
  async run(_args, io, config) {
    const { loadServices } = await import('../../app/services.js');
    const token = config.discordToken;
    if (!token) {
      io.stderr.write('No DISCORD_TOKEN set: starting the console instead (put DISCORD_TOKEN in .env to run the Discord bot).\n');
      const { runConsole } = await import('../../console/index.js');
      const { localeFromPosix } = await import('../../app/language.js');
      return runConsole(() => loadServices(config), io, { userId: config.consoleUser, locale: localeFromPosix(config.systemLocale), noColor: config.noColor });
    }
    const { runBot } = await import('../../discord/index.js');
    const code = await runBot(await loadServices(config), token, config);
    // The gateway, timers and the database are closed; leave now rather than wait on stray handles.
    process.exit(code);
  },
};
