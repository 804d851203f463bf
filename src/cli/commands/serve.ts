/** `awaitbot serve --port P`: Discord's interactions over HTTP, with no gateway connection. */
import { UsageError, type CliCommand } from '../command.js';
import { readOptions } from '../store-command.js';
import { commandLocale } from '../lang-option.js';
import { cliMessages } from '../../render/messages.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  async run(args, io, config) {
    const { rest, locale } = commandLocale(args, config);
    const say = cliMessages(locale).reports;
    const values = readOptions(rest, { port: { type: 'string' }, host: { type: 'string' } });
    const rawPort = values.port;
    if (rawPort === undefined || !/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535) throw new UsageError((m) => m.errors.port(rawPort ?? ''));
    const host = values.host ?? '127.0.0.1';
    if (!config.discordPublicKey) {
      io.stderr.write(`${say.serveNeedsKey}\n`);
      return 1;
    }
    const { loadServices } = await import('../../app/services.js');
    const { runServe } = await import('../../http/index.js');
    const code = await runServe(await loadServices(config), config, config.discordPublicKey, { port: Number(rawPort), host }, (url) => {
      io.stdout.write(`awaitbot serve: ${say.serveListening(url)}\n`);
    });
    process.exit(code);
  },
};
