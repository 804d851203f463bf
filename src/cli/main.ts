/** `awaitbot <command> …`: dispatches to the commands listed in commands/index.ts. */
import { InputTooLargeError } from '../app/input.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { log } from '../log.js';
import { commands } from './commands/index.js';
import { UsageError, type CliIO } from './command.js';

function help(io: CliIO): void {
  const width = Math.max(...commands.map((c) => c.name.length));
  io.stdout.write(
    'awaitbot: explains async errors (Python asyncio, JavaScript promises)\n\nUsage: awaitbot <command> [options]\n\n' +
      commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') +
      '\n\nRun `awaitbot <command> --help` for a command\'s options.\n',
  );
}

export async function main(argv: string[], io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`awaitbot: unknown command "${name}" (try: awaitbot help)\n`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`Usage: ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  // The environment (and `.env`), read and checked once: a bad value stops here, every one named.
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`awaitbot ${name}: ${e.message}\n`);
    return 2;
  }
  log.level = config.logLevel;
  try {
    return await command.run(args, io, config);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputTooLargeError) {
      io.stderr.write(`awaitbot ${name}: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`awaitbot ${name}: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
