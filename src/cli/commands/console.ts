/** `awaitbot console`: the bot's answers in the terminal (or `awaitbot console < paste.txt`). */
import type { CliCommand } from '../command.js';

export const consoleCommand: CliCommand = {
  name: 'console',
  summary: 'Chat with the bot in the terminal: /explain, /faq, or paste a traceback',
  usage: 'awaitbot console [< paste.txt]',
  async run(_args, io, config) {
    const { runConsole } = await import('../../console/index.js');
    // The engine and the store load only once there is input to answer (piped input past the cap never pays for them).
    return runConsole(async () => (await import('../../app/services.js')).loadServices(config), io, { userId: config.consoleUser });
  },
};
