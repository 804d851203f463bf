/** `awaitbot console`: the bot's answers in the terminal (or `awaitbot console < paste.txt`). */
import type { CliCommand } from '../command.js';

export const consoleCommand: CliCommand = {
  name: 'console',
  summary: 'Chat with the bot in the terminal: /explain, /faq, or paste a traceback',
  usage: 'awaitbot console [< paste.txt]',
  async run(_args, io) {
    const { loadServices } = await import('../../discord/services.js');
    const { runConsole } = await import('../../console/console.js');
    return runConsole(await loadServices(), io);
  },
};
