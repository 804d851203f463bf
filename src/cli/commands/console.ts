/** `awaitbot console`: the bot's answers in the terminal (or `awaitbot console < paste.txt`). */
import { UsageError, type CliCommand } from '../command.js';
import { takeLang } from '../lang-option.js';

export const consoleCommand: CliCommand = {
  name: 'console',
  async run(args, io, config) {
    const { rest, locale } = takeLang(args);
    if (rest.length) throw new UsageError((m) => m.errors.unknownOption(rest[0]!));
    const { runConsole } = await import('../../console/index.js');
    const { localeFromPosix } = await import('../../app/language.js');
    // The engine and the store load only once there is input to answer (piped input past the cap never pays for them).
    const { storeLocation } = await import('../../app/store.js');
    return runConsole(async () => (await import('../../app/services.js')).loadServices(config), io, {
      userId: config.consoleUser,
      locale: locale ?? localeFromPosix(config.systemLocale),
      noColor: config.noColor,
      logsTo: storeLocation(config),
    });
  },
};
