/** `awaitbot serve --port P`: Discord's interactions over HTTP, with no gateway connection. */
import { UsageError, type CliCommand } from '../command.js';
import { readOptions } from '../store-command.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  async run(args, io, config) {
    const values = readOptions(args, { port: { type: 'string' }, host: { type: 'string' } });
    const rawPort = values.port;
    if (rawPort === undefined || !/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535) throw new UsageError((m) => m.errors.port(rawPort ?? ''));
    const host = values.host ?? '127.0.0.1';
    if (!config.discordPublicKey) {
      io.stderr.write('serve needs DISCORD_PUBLIC_KEY: the application public key from the Developer Portal (General Information), to verify that requests come from Discord.\n');
      return 1;
    }
    const { loadServices } = await import('../../app/services.js');
    const { runServe } = await import('../../http/index.js');
    const code = await runServe(await loadServices(config), config, config.discordPublicKey, { port: Number(rawPort), host }, (url) => {
      io.stdout.write(`awaitbot serve: listening on ${url} (point the Developer Portal's Interactions Endpoint URL here)\n`);
    });
    process.exit(code);
  },
};
