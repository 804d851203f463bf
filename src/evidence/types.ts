/**
 * Evidence: what the paste shows, as plain data. Produced by `src/evidence`,
 * read by `src/match` (rules) and `src/fix` (fixers). Knows languages, not rules.
 */
import type { SnippetHints } from './snippet.js';

import type { WordKey } from '../render/messages.js';

export type Language = 'python' | 'javascript';

/**
 * Words for a person, as data: a key of the catalog (render/messages.ts
 * `engineWords`) and the user's own names and facts it speaks of. The engine
 * says what it saw; render says it in the reader's language. A param may be
 * words itself (a phrase inside the sentence) or a list of phrases.
 */
export interface Words {
  key: WordKey;
  params?: Record<string, string | number | Words | Phrase[]>;
}

/** Words from the catalog, or an English sentence not yet moved into it (shown as it is in every language). */
export type Phrase = Words | string;

/** Shorthand for a detector or fixer: `words('py.unawaited', { call })`. */
export function words(key: WordKey, params?: Words['params']): Words {
  if (!params) return { key };
  const quoted: NonNullable<Words['params']> = {};
  for (const [name, value] of Object.entries(params)) quoted[name] = typeof value === 'string' ? spanSafe(value) : value;
  return { key, params: quoted };
}

/**
 * User code as a sentence quotes it, inside a `code span`: a backtick in it (a JavaScript template
 * literal, `reply(`Hi ${name}`)`) would end the span early and turn the rest into broken Markdown,
 * so a call keeps its name and drops its arguments (`reply(…)`), and anything else is cut before
 * the first backtick.
 */
function spanSafe(code: string): string {
  if (!code.includes('`')) return code;
  const call = /^([\p{L}_$][\p{L}\p{N}_$.]*)\(/u.exec(code);
  if (call) return `${call[1]}(…)`;
  const before = code.slice(0, code.indexOf('`')).trimEnd();
  return before ? `${before}…` : '…';
}

/** One frame of a traceback or stack: where the error passed through. */
export interface Frame {
  file: string;
  line: number | null;
  column?: number | null;
  function: string | null;
  /** The source line Python prints under the frame (trimmed), when shown. */
  source?: string | null;
  /** A SyntaxError's source from the word before the one its caret points at (see python/caret.ts), when a caret is shown. */
  pointed?: string;
  /** True for frames inside the runtime or site-packages/node_modules, not the user's code. */
  library: boolean;
}

/**
 * A raised error: the last line of a Python traceback (`RuntimeError: …`), a
 * Node error (`TypeError: x.then is not a function` with `at …` frames), or a
 * bare error line pasted alone.
 */
export interface RaisedError {
  /** Language the error came from; `null` when a bare line could be either. */
  language: Language | null;
  /** Exception class as printed, e.g. `asyncio.exceptions.TimeoutError`. */
  type: string;
  message: string;
  frames: Frame[];
  /** How this error relates to the one printed after it in a chained traceback. */
  chain?: 'cause' | 'context' | null;
  /** Sub-exception of an ExceptionGroup box (`+---- 1 ----`). */
  inGroup?: boolean;
  /** 0-based line index in the normalised paste where the error line sits. */
  lineIndex: number;
  /**
   * The traceback was cut before its error line: the type comes from IPython's header or a `raise`
   * line, and the message may be unknown. Its last frame's source line is what raised.
   */
  cut?: boolean;
  /**
   * Printed under `Exception ignored in: …` (3.14: `Exception ignored while …`): Python's unraisable
   * hook reporting an error from a destructor or at exit, after the program had already failed or finished.
   */
  ignored?: boolean;
  /**
   * A traceback pasted from the middle starts with the source line of a frame whose `File …` line
   * was cut off (`    loop.run_until_complete(main())` above the library's frames): most often
   * the user's own call, with no file or line to go with it.
   */
  cutSource?: string;
  /**
   * The traceback was cut before its error line and nothing in it names the error: its type is the one exception
   * class the paste's own words name ("Uncaught RuntimeError in events.py line 702" as an issue title). Less sure
   * than a type the traceback shows.
   */
  typeFromText?: boolean;
}

/**
 * A failure that stops a bot before it does any async work (a rejected token, privileged intents not
 * enabled), seen by its library's own message. While it shows, the asyncio noise of the dying
 * program (a loop closed at exit, unclosed sessions, a task's exception never retrieved) is not the answer.
 */
export interface FatalFailure {
  /** The exception class the library raises with that message. */
  type: string;
  message: string;
  lineIndex: number;
}

/**
 * A network failure (a refused connection, a certificate that does not verify) seen by its library's
 * own message. While it shows, the cleanup noise printed after it is a side effect, not the answer.
 */
export interface NetworkFailure {
  cause: 'connect' | 'dns' | 'certificate' | 'cors';
  lineIndex: number;
}

/** A warning line: Python `file.py:12: RuntimeWarning: …` or Node `(node:1) XWarning: …`. */
export interface WarningLine {
  language: Language;
  category: string;
  message: string;
  file?: string | null;
  line?: number | null;
  /** The source line Python prints under the warning, when shown. */
  source?: string | null;
  /** Printed from an installed package's file (site-packages): the package's code, not the user's. */
  inPackage?: boolean;
  lineIndex: number;
}

/** A TypeScript compiler diagnostic (`file(3,5): error TS1308: …` or `file:3:5 - error TS1308: …`). */
export interface TsDiagnostic {
  code: number;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  lineIndex: number;
}

/** `DiscordAPIError[10062]: Unknown interaction`. */
export interface DiscordApiError {
  code: number;
  message: string;
  lineIndex: number;
}

/**
 * A mistake a snippet detector saw in the user's code. `detector` ids are
 * referenced from rule files (`match: - finding: <id>`).
 */
export interface SnippetFinding {
  detector: string;
  language: Language;
  /** 1-based line in the code block it was found in. */
  line: number;
  column?: number;
  /** Index into Paste.blocks of the code block. */
  blockIndex: number;
  /** Plain-words detail in the user's own names, e.g. "`fetch_data()` is an async def called without await". */
  message: Phrase;
  /** 0..1: how sure the detector is that this is a mistake. */
  confidence: number;
  /** Names and facts a fixer or renderer may use (`{callee: 'fetch_data'}`). */
  data?: Record<string, string>;
}

/** What the paste tells about where it came from. */
export interface PasteContext {
  jupyter: boolean;
  fastapi: boolean;
  django: boolean;
  flask: boolean;
  discordPy: boolean;
  aiohttp: boolean;
  discordJs: boolean;
  windows: boolean;
  pythonVersion: string | null;
  nodeVersion: string | null;
}

export type ContextKey = Exclude<keyof PasteContext, 'pythonVersion' | 'nodeVersion'>;

export interface Evidence {
  errors: RaisedError[];
  /** Fatal failures the paste shows (absent in evidence built by hand: none). */
  fatal?: FatalFailure[];
  /** Network failures the paste shows (absent in evidence built by hand: none). */
  network?: NetworkFailure[];
  warnings: WarningLine[];
  /**
   * Lines a traceback shows for context, not output (absent in evidence built by hand: none): a rich
   * traceback's source listing above the line that ran (python/rich-listing.ts), and the values
   * loguru annotates its frames with (python/value-annotations.ts).
   */
  sourceListing?: number[];
  tsDiagnostics: TsDiagnostic[];
  discordApiErrors: DiscordApiError[];
  findings: SnippetFinding[];
  context: PasteContext;
  /** Which languages the paste seems to contain (from tracebacks, fences, code shape). */
  languages: Language[];
  /** The code blocks as the analysers read them (traceback lines blanked, line numbers kept). */
  codeBlocks: CodeBlock[];
  /** Code blocks the analysers did not read, or read only in part (see `limits.ts`). */
  skipped: { blockIndex: number; reason: SkipReason }[];
  /**
   * What the rest of the paste told the analysers (a notebook, top-level `await` refused), so a
   * fixer reads a block the way its findings were made (absent in evidence built by hand: none).
   */
  hints?: SnippetHints;
}

export interface CodeBlock {
  blockIndex: number;
  language: Language;
  /** What the analyser read. */
  code: string;
  /** The block's lines after `code` when it was cut to the size limit: not analysed, kept whole in a fix. */
  rest: string;
}

/** Why a code block was not analysed, or only in part: too deep, too much parser work for its size, or over the size limit. */
export type SkipReason = 'nesting' | 'parser-work' | 'size';
