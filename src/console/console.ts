/**
 * `awaitbot console`: the bot in a terminal. `/explain`, `/faq` and pasted
 * text get the same answers as on Discord, as text; cases go to the same
 * SQLite file. A terminal gets bracketed paste; piped input is one message.
 */
import { explainText, RecentCases } from '../app/cases.js';
import { resolveTopic } from '../app/faq-search.js';
import { readAll, tooLargeMessage } from '../app/input.js';
import type { Services } from '../app/services.js';
import type { Rule } from '../knowledge/schema.js';
import { cliMessages, messages, secretWords } from '../render/messages.js';
import type { Redaction } from '../intake/types.js';
import { renderRuleText, renderText, renderTopicList } from '../render/text.js';
import { terminalLayoutOf, type TerminalLayout } from '../render/terminal.js';
import { chooseLocale, pasteLocale } from '../app/language.js';
import type { Locale } from '../render/messages.js';
import { PasteReader, tooLong, type ReadMessage } from './paste-reader.js';
import { RawTerminal } from './raw-terminal.js';

/** The answer to a paste past the diagnosis budget, with the reset advice first when it held a secret. */
function tooComplexText(redactions: readonly Redaction[], locale: Locale): string {
  const t = messages(locale);
  const secret = redactions.length ? secretWords(redactions.map((r) => r.kind), t) : null;
  return (secret ? `⚠ ${t.textSecret(secret.what, secret.how)}\n\n` : '') + t.tooComplex + '\n';
}

/** The terminal's streams (the CLI passes its own). */
export interface ConsoleIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface ConsoleSession {
  /** Answers one message; returns the text to print, or null to quit. */
  handle(message: string): Promise<string | null>;
}

/** Who is at the terminal: the console's cases are logged as this user (USER). */
export interface ConsoleUser {
  userId: string | null;
  /** `--lang`, else the terminal's LC_ALL/LANG; null → the language of each paste, else English. */
  locale?: Locale | null;
  /** Set when a person reads the answers in a terminal (stdout is a TTY). */
  terminal?: TerminalLayout | null;
  /** NO_COLOR: a terminal still gets wrapped prose, but no ANSI styles. */
  noColor?: boolean;
  /** Where cases are logged (the SQLite file, or the PostgreSQL server): said under the banner. */
  logsTo?: string;
}

/**
 * Lines typed less than this apart are one burst: a paste in a terminal without bracketed paste
 * arrives as one line per read, all within a few milliseconds, while a person takes far longer to
 * type a line and press Enter.
 */
export const burstQuietMs = 80;

export function createSession(services: Services, user: ConsoleUser): ConsoleSession {
  const recent = new RecentCases(100);
  const ruleById = new Map<string, Rule>();
  for (const r of services.rules) {
    ruleById.set(r.id, r);
    for (const a of r.aliases) ruleById.set(a, r);
  }
  // The console's own words: in the language asked for (--lang, LC_ALL/LANG), else English.
  const locale = user.locale ?? 'en';
  const say = cliMessages(locale);
  const terminal = user.terminal ? { terminal: user.terminal } : {};
  return {
    async handle(raw) {
      const message = raw.replace(/^\s+/, '');
      const [word = '', ...rest] = message.split(/[ \t\n]/);
      const argument = message.slice(word.length).trim();
      switch (word.toLowerCase()) {
        case '/quit':
        case '/exit':
          return null;
        case 'quit':
        case 'exit':
          // A bare word typed where a shell would take it: leaving, not a paste to explain or log.
          return argument ? explain(message) : null;
        case '/help':
          return say.consoleHelp + '\n';
        case '/faq': {
          // Every topic, grouped: the 25-choice cap belongs to Discord's autocomplete, not to a terminal.
          if (!argument) return renderTopicList(services.rules, say.consoleTopics(services.rules.length), { locale, ...terminal });
          const topic = resolveTopic(argument, services.rules, ruleById, []);
          if (!topic || topic.kind !== 'rule') return say.consoleUnknownTopic(argument) + '\n';
          return renderRuleText(topic.rule, { locale, ...terminal });
        }
        case '/explain':
          if (!argument) return say.consoleExplainWhat + '\n';
          return explain(argument);
        default:
          void rest;
          // A one-word `/something` is a mistyped command, not a paste: say so, log nothing.
          // (A path such as `/usr/lib/…` has a second slash and a paste has more words.)
          if (isUnknownCommand(message)) return say.consoleUnknownCommand(word) + '\n';
          return explain(message);
      }
    },
  };

  async function explain(text: string): Promise<string> {
    const explained = await explainText(services, recent, text, { source: 'console', trigger: 'console', userId: user.userId });
    const out =
      explained.kind === 'too-complex'
        ? tooComplexText(explained.redactions, chooseLocale(user.locale, pasteLocale(text)))
        : renderText(explained.diagnosis, { locale: chooseLocale(user.locale, pasteLocale(explained.diagnosis.paste.text)), ...(user.terminal ? { terminal: user.terminal } : {}) });
    return out.endsWith('\n') ? out : out + '\n';
  }
}

/** `/foo` alone on its line: a word of letters after one slash, nothing else. */
function isUnknownCommand(message: string): boolean {
  return /^\/[A-Za-z][\w-]{0,30}$/.test(message.trim());
}

const quiet = Symbol('quiet');

/** `next`'s result, or `quiet` when it has not come after `ms`. */
async function quietOr<T>(next: Promise<T>, ms: number): Promise<T | typeof quiet> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([next, new Promise<typeof quiet>((resolve) => (timer = setTimeout(() => resolve(quiet), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `load` is called only once there is something to answer: piped input is read
 * (and refused past the input cap) before the engine and the store are loaded.
 */
export async function runConsole(load: () => Promise<Services>, io: ConsoleIO, user: ConsoleUser): Promise<number> {
  if (!io.stdin.isTTY) {
    // Same cap as `explain` on stdin: `console < /dev/zero` stops at it with one line on stderr.
    const input = new TextDecoder().decode(await readAll(io.stdin));
    if (!input.trim()) {
      io.stderr.write(`awaitbot console: ${cliMessages(user.locale ?? 'en').consoleNothingPiped}\n`);
      return 2;
    }
    const services = await load();
    try {
      const out = await createSession(services, user).handle(input);
      if (out) io.stdout.write(out);
      return 0;
    } finally {
      await services.diagnoser.close();
    }
  }
  const services = await load();
  const session = createSession(services, { ...user, terminal: user.terminal ?? terminalLayoutOf(io.stdout, { noColor: user.noColor ?? false }) });
  /** A message past the cap gets one line on stderr instead of an answer. */
  const answer = async (message: ReadMessage): Promise<string | null> => {
    if (message !== tooLong) return session.handle(message);
    io.stderr.write(`awaitbot console: ${tooLargeMessage('that message')}\n`);
    return '';
  };
  const say = cliMessages(user.locale ?? 'en');
  io.stdout.write(say.consoleBanner(services.rules.length) + '\n' + (user.logsTo ? say.consoleLogsTo(user.logsTo) + '\n' : ''));
  // Ask the terminal for bracketed paste, so a multi-line paste arrives as one message.
  io.stdout.write('\x1b[?2004h> ');
  const reader = new PasteReader();
  io.stdin.setEncoding?.('utf8');
  // A real terminal is read in raw mode, echoed by the console itself: in line mode the terminal
  // would echo the bracketed-paste markers as `^[[200~` (raw-terminal.ts).
  const raw = typeof io.stdin.setRawMode === 'function' ? new RawTerminal() : null;
  raw && io.stdin.setRawMode!(true);
  const chunks = io.stdin[Symbol.asyncIterator]() as AsyncIterator<string | Buffer>;
  /** Messages read and not answered yet: the lines of one burst are answered as one paste. */
  let burst: string[] = [];
  /** Answers the burst as one message; false when it said to leave. */
  const answerBurst = async (): Promise<boolean> => {
    if (burst.length === 0) return true;
    const message = burst.join('\n');
    burst = [];
    const out = await answer(message);
    if (out === null) return false;
    io.stdout.write(out);
    return true;
  };
  try {
    let next = chunks.next();
    for (;;) {
      // With lines waiting, the next chunk must come within the burst's quiet time to join them.
      const got = burst.length === 0 ? await next : await quietOr(next, burstQuietMs);
      if (got === quiet) {
        if (!(await answerBurst())) return 0;
        if (!reader.pasting) io.stdout.write('> ');
        continue;
      }
      if (got.done) break;
      next = chunks.next();
      let text = String(got.value);
      if (raw) {
        const typed = raw.feed(text);
        if (typed.echo) io.stdout.write(typed.echo);
        if (typed.leave) {
          io.stdout.write('\n');
          return 0;
        }
        text = typed.input;
      }
      for (const message of reader.feed(text)) {
        if (message !== tooLong) {
          burst.push(message);
          continue;
        }
        if (!(await answerBurst())) return 0;
        await answer(message);
      }
    }
    if (burst.length > 0) {
      if (!(await answerBurst())) return 0;
      io.stdout.write('> ');
    }
    const last = reader.end();
    if (last) {
      const out = await answer(last);
      if (out) io.stdout.write(out);
    }
    return 0;
  } finally {
    io.stdout.write('\x1b[?2004l');
    if (raw) io.stdin.setRawMode!(false);
    // Leaving before the input ended (exit, quit): let go of stdin so the process can end. Not awaited:
    // with a read still pending, the stream's iterator settles only once the stream closes.
    void chunks.return?.().catch(() => undefined);
    await services.diagnoser.close();
  }
}
