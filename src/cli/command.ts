/** One CLI sub-command: `awaitbot <name> …`. Each lives in its own file under commands/. */
import type { Config } from '../config.js';

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

/** A usage mistake: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}
