/** One CLI sub-command: `awaitbot <name> …`. Each lives in its own file under commands/. */
import type { Config } from '../config.js';
import { cliMessages, type CliMessages, type Locale } from '../render/messages.js';

export interface CliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CliCommand {
  /** Its summary and usage are in the catalog (render/messages.ts `cliMessages`), in each language. */
  name: string;
  /** Returns the process exit code. `config` is the environment, read and checked once at start. */
  run(args: string[], io: CliIO, config: Config): Promise<number>;
}

/**
 * A usage mistake: printed as one line on stderr, exit code 2. `say` picks its
 * words from the catalog (render/messages.ts `cliMessages(…).errors`), so the
 * reader gets it in their language; a plain string is text quoted from Node
 * (an option parser's own message). `message` is the English, for logs.
 */
export class UsageError extends Error {
  constructor(readonly say: string | ((m: CliMessages) => string)) {
    super(typeof say === 'string' ? say : say(cliMessages('en')));
  }

  /** The message in `locale`. */
  in(locale: Locale): string {
    return typeof this.say === 'string' ? this.say : this.say(cliMessages(locale));
  }
}
