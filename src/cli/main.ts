/** `awaitbot <command> …`: dispatches to the commands listed in commands/index.ts. */
import { readFileSync } from 'node:fs';
import { InputTooLargeError } from '../app/input.js';
import { chooseLocale, localeFromPosix } from '../app/language.js';
import { ConfigError, describeConfigProblems, loadConfig, terminalLanguage, type Config } from '../config.js';
import { log } from '../log.js';
import { cliMessages, type Locale } from '../render/messages.js';
import { commands } from './commands/index.js';
import { UsageError, type CliIO } from './command.js';
import { takeLang } from './lang-option.js';

function help(io: CliIO, locale: Locale): void {
  const m = cliMessages(locale);
  const width = Math.max(...commands.map((c) => c.name.length));
  io.stdout.write(`${m.helpHeading}\n\n` + commands.map((c) => `  ${c.name.padEnd(width)}  ${m.summaries[c.name]}`).join('\n') + `\n\n${m.helpFooter}\n`);
}

/** The language of help and start-up messages: `--lang` anywhere on the line, else LC_ALL/LANG, else English. */
function helpLocale(argv: string[]): Locale {
  let asked: Locale | null = null;
  try {
    asked = takeLang(argv).locale;
  } catch {
    // A bad --lang is the command's usage error to report; help still speaks the terminal's language.
  }
  return chooseLocale(asked, localeFromPosix(terminalLanguage()));
}

/** The installed version, from package.json (two folders up from both src/cli/ and dist/cli/). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`awaitbot ${version()}\n`);
    return 0;
  }
  const locale = helpLocale(argv);
  const m = cliMessages(locale);
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    // `awaitbot help CMD` is CMD's own help.
    const asked = name === 'help' ? takeLangQuietly(args)[0] : undefined;
    const entry = asked ? commands.find((c) => c.name === asked) : undefined;
    if (asked && !entry) {
      // `awaitbot help stat` is a typo to point out, not a request for the command list.
      io.stderr.write(`awaitbot: ${m.unknownCommand(asked)}\n`);
      return 2;
    }
    if (entry) io.stdout.write(`${m.usage(m.usages[entry.name])}\n\n${m.summaries[entry.name]}\n`);
    else help(io, locale);
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`awaitbot: ${m.unknownCommand(name)}\n`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${m.usage(m.usages[entry.name])}\n\n${m.summaries[entry.name]}\n`);
    return 0;
  }
  // The environment (and `.env`), read and checked once: a bad value stops here, every one named.
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`awaitbot ${name}: ${describeConfigProblems(e.problems, locale)}\n`);
    return 2;
  }
  log.level = config.logLevel;
  try {
    return await command.run(args, io, config);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputTooLargeError) {
      io.stderr.write(`awaitbot ${name}: ${e instanceof UsageError ? e.in(locale) : e.message}\n`);
      return 2;
    }
    io.stderr.write(`awaitbot ${name}: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}

/** `args` without `--lang X`, even when X is not a language we have. */
function takeLangQuietly(args: string[]): string[] {
  try {
    return takeLang(args).rest;
  } catch {
    return args.filter((a) => !a.startsWith('--lang'));
  }
}
