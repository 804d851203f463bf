/** One CLI sub-command: `awaitbot <name> …`. Each lives in its own file under commands/. */
export interface CliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CliCommand {
  name: string;
  /** One line for `awaitbot help`. */
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A usage mistake: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}
