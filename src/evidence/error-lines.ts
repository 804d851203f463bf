/**
 * Error lines pasted on their own or inside a sentence ("I get RuntimeError:
 * asyncio.run() cannot be called from a running event loop when…"): the last
 * line of a traceback someone cut, or an error quoted in chat.
 */
import { pointedAt } from './python/caret.js';
import { isLibraryPath } from './python/traceback.js';
import type { Frame, Language, RaisedError } from './types.js';

// A dotted module path (lower-case parts) then a class name ending like an exception class.
const errorType = /^(?:[a-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Interrupt|Exit|Required|Cancelled|Group|Replied|Rejection)(?:\[\d{1,7}\])?$/;

/** Finds `SomeError: message` anywhere in a line: the token before each ": " is checked on its own. */
function findBareError(line: string): { type: string; message: string } | null {
  let from = 0;
  for (let n = 0; n < 20; n++) {
    const at = line.indexOf(': ', from);
    if (at < 0) return null;
    let start = at;
    while (start > 0 && /[\w.[\]]/.test(line[start - 1]!)) start--;
    let type = line.slice(start, at);
    let message = line.slice(at + 2).trim();
    // Markdown italics around a quoted error (`_AttributeError: 'str' object has no attribute 'loop'_`): the
    // underscores are emphasis, not part of the type's name nor of the message.
    const emphasis = /^_{1,2}(?=[A-Z])/.exec(type)?.[0];
    if (emphasis && (start === 0 || /\s/.test(line[start - 1]!))) {
      type = type.slice(emphasis.length);
      if (message.endsWith(emphasis)) message = message.slice(0, -emphasis.length).trimEnd();
    }
    if (start > 0) message = withinQuote(line[start - 1]!, message);
    if (type.length <= 120 && errorType.test(type) && message) return { type, message };
    from = at + 2;
  }
  return null;
}

/** The closing mark of each opening mark a sentence quotes an error between. */
const closers: ReadonlyMap<string, string> = new Map([
  ['"', '"'], ['`', '`'], ['\u201c', '\u201d'], ['\u00ab', '\u00bb'], ['(', ')'], ['[', ']'], ['\u300c', '\u300d'],
]);

/**
 * An error quoted in a sentence (`results in "AttributeError: __aexit__" when…`, `` I get `X: y` ``):
 * the message ends at the quote that closes the one opened before its type, not at the line's end, so
 * the closing quote and the words after it are not read as the message. The closing mark is the first
 * one that leaves the message's own marks balanced (`"Error: "x" is bad"` keeps `"x"`) and ends a word
 * (end of line, a space or punctuation after it). A single quote is not taken for an opener:
 * Python's messages are full of them ('NoneType' object…).
 */
function withinQuote(opener: string, message: string): string {
  const closer = closers.get(opener);
  if (!closer) return message;
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i]!;
    if (c === closer && depth === 0) {
      const after = message[i + 1];
      if (after === undefined || /[\s.,;:!?)\]\u3002\uff0c]/.test(after)) return message.slice(0, i).trimEnd();
      if (opener === closer) depth++;
    } else if (c === closer) depth--;
    else if (c === opener) depth++;
  }
  return message;
}

const pythonOnly = new Set([
  'RuntimeError', 'NameError', 'AttributeError', 'ValueError', 'KeyError', 'IndexError', 'ImportError',
  'ModuleNotFoundError', 'IndentationError', 'TabError', 'ZeroDivisionError', 'OSError', 'FileNotFoundError',
  'ConnectionError', 'TimeoutError', 'CancelledError', 'ExceptionGroup', 'BaseExceptionGroup', 'KeyboardInterrupt',
  'UnboundLocalError', 'NotImplementedError', 'RecursionError', 'StopIteration', 'StopAsyncIteration', 'AssertionError',
]);
const javascriptOnly = new Set(['ReferenceError', 'RangeError', 'EvalError', 'URIError', 'AggregateError', 'UnhandledPromiseRejection']);

/**
 * Messages only JavaScript engines write, for types both languages share (`SyntaxError`,
 * `TypeError`): V8's `AwaitNotInAsyncFunction` ("await is only valid in async function", and
 * "…functions and the top level bodies of modules" since V8 9.x), SpiderMonkey's ("await is only
 * valid in async functions, async generators and modules"), V8's `UnexpectedReserved` and
 * `ImportOutsideModule`, V8's property-load wordings and JavaScriptCore's "(evaluating '…')".
 * Python says `'await' outside function` and `invalid syntax` instead.
 */
const javascriptMessage = /^(?:await is only valid in async|Unexpected reserved word|Cannot use import statement outside a module|Cannot read propert(?:y|ies) |(?:undefined|null) is not an object \(evaluating ')/;

function languageOfError(type: string, message: string): Language | null {
  return languageOfErrorType(type) ?? (javascriptMessage.test(message) ? 'javascript' : null);
}

function languageOfErrorType(type: string): Language | null {
  const last = type.split('.').pop()!;
  if (type.includes('.') && /^[a-z_]/.test(type)) return 'python'; // asyncio.exceptions.TimeoutError
  if (pythonOnly.has(last)) return 'python';
  if (javascriptOnly.has(last) || last.startsWith('DiscordAPIError')) return 'javascript';
  return null;
}

/**
 * A SyntaxError pasted without its `File "…", line N` header still shows the offending line above
 * its caret line; that line is the error's one frame (`async with x:` / `^` / `SyntaxError: …`).
 */
function caretFrame(lines: readonly string[], i: number, type: string): Frame[] {
  if (!type.endsWith('SyntaxError') || i < 2 || !/^\s*\^+\s*$/.test(lines[i - 1]!)) return [];
  const source = lines[i - 2]!.trim();
  const pointed = pointedAt(lines[i - 2]!, lines[i - 1]!);
  return source ? [{ file: '', line: null, function: null, source, library: false, ...(pointed !== null && { pointed }) }] : [];
}

/** Babel's code frame under its SyntaxError: `> 5 | let x = await test();` then `    |               ^`. */
const babelSourceLine = /^\s*> ?(\d{1,7}) \| ?(.*)$/;
const babelCaretLine = /^\s*\| ?(\s*\^+)\s*$/;

/**
 * Babel (5 to 7, also behind bundlers) prints the offending line after its SyntaxError, framed by
 * line numbers, with a caret line under it; that line is the error's one frame.
 */
function babelFrame(lines: readonly string[], i: number, type: string): Frame[] {
  if (!type.endsWith('SyntaxError')) return [];
  for (let j = i + 1; j < Math.min(lines.length - 1, i + 8); j++) {
    const src = babelSourceLine.exec(lines[j]!);
    if (!src) continue;
    const caret = babelCaretLine.exec(lines[j + 1]!);
    const code = src[2]!;
    // Both lines lose the same frame prefix; four spaces before each keep pointedAt's columns aligned.
    const pointed = caret ? pointedAt('    ' + code, '    ' + caret[1]!) : null;
    return code.trim() ? [{ file: '', line: Number(src[1]), function: null, source: code.trim(), library: false, ...(pointed !== null && { pointed }) }] : [];
  }
  return [];
}

/**
 * Where a Python warning starts inside a line: at its `file:line: ` when one is written before its
 * category (`./pkg/session.py:448: RuntimeWarning: `), else at the category. Walked back from
 * `Warning: ` by hand, as a regex searched from every position would cost the square of the line.
 */
function warningStart(line: string): number {
  const at = line.indexOf('Warning: ');
  if (at < 0) return -1;
  let start = at;
  while (start > 0 && /\w/.test(line[start - 1]!)) start--;
  const head = /(?:^|\s)\S{1,300}:\d{1,7}: $/.exec(line.slice(Math.max(0, start - 320), start));
  return head ? start - head[0].trimStart().length : start;
}

/** VS Code's (debugpy's) exception popup, copied: `Exception has occurred: AttributeError` on a line of its own. */
const vscodeHeader = /^\s*Exception has occurred: ((?:[a-z_]\w*\.)*[A-Z]\w{0,80})\s*$/;
const vscodeFrame = /^\s*File "([^"\n]{1,500})", line (\d{1,7}), in (\S{1,200})\s*$/;

/**
 * The popup's error: its type on the header line, the message on the next, then the frames, most
 * recent call first, each with its source line below it (as a traceback lists them, last first).
 */
function vscodeException(lines: readonly string[], i: number): RaisedError | null {
  const header = vscodeHeader.exec(lines[i]!);
  const message = lines[i + 1]?.trim() ?? '';
  if (!header || message === '' || vscodeFrame.test(lines[i + 1]!)) return null;
  const type = header[1]!;
  if (!errorType.test(type) && !pythonOnly.has(type)) return null;
  const frames: Frame[] = [];
  for (let j = i + 2; j < lines.length && frames.length < 50; j++) {
    const f = vscodeFrame.exec(lines[j]!);
    if (!f) break;
    // GitHub turns a Windows path into a link when the issue is pasted: `[C:\bot\main.py]()`.
    const file = f[1]!.replace(/^\[(.*)\]\(\)$/, '$1');
    const next = lines[j + 1];
    const source = next !== undefined && next.trim() !== '' && !vscodeFrame.test(next) ? next.trim() : null;
    frames.unshift({ file, line: Number(f[2]), function: f[3]!, source, library: isLibraryPath(file) });
    if (source !== null) j++;
  }
  return { language: frames.length ? 'python' : languageOfError(type, message), type, message, frames, chain: null, lineIndex: i };
}

/**
 * A console that wraps long lines at a space (rich, Textual, streamlit's error box) leaves that space at
 * the end of the error line and carries the message's last words to the next one, flush left:
 * `RuntimeError: There is no current event loop in thread ` / `'ScriptRunner.scriptThread'.`. The next
 * line is the message's tail when it goes on mid-sentence (a lower-case word, a quote, a digit or a
 * bracket first) and is no frame, no error and no traceback of its own; a line that starts a sentence
 * (`Task was destroyed but it is pending!`) is the next log line instead.
 */
function withWrappedTail(message: string, line: string, next: string | undefined): string {
  if (next === undefined || !/\S[ \t]$/.test(line) || /[.!?:]$/.test(message)) return message;
  if (!/^['"`(\[\d\p{Ll}]/u.test(next) || next.length > 300 || /^at\s|^(?:File|Traceback|During|The above) |^[\w.]{0,120}(?:Error|Exception|Warning): /.test(next)) return message;
  return `${message} ${next.trim()}`;
}

/**
 * `warningLines`: lines read as a warning that may hold an error before it, when a log or a web form
 * joined the lines of a crash ("RuntimeError: This event loop is already running ./app.py:448:
 * RuntimeWarning: coroutine 'f' was never awaited"); only the part before the warning is read here.
 */
export function parseErrorLines(lines: readonly string[], skip: ReadonlySet<number>, warningLines: ReadonlySet<number> = new Set()): RaisedError[] {
  const errors: RaisedError[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (!skip.has(i) && line.includes('Exception has occurred: ')) {
      const popup = vscodeException(lines, i);
      if (popup) {
        errors.push(popup);
        continue;
      }
    }
    if (warningLines.has(i)) {
      const at = warningStart(line);
      line = at > 0 ? line.slice(0, at) : '';
    } else if (skip.has(i)) continue;
    if (!line.includes(': ')) continue;
    const m = findBareError(line);
    if (!m) continue;
    const caret = caretFrame(lines, i, m.type);
    const frames = caret.length ? caret : babelFrame(lines, i, m.type);
    const message = line === lines[i] && !skip.has(i + 1) ? withWrappedTail(m.message, line, lines[i + 1]) : m.message;
    errors.push({ language: languageOfError(m.type, m.message), type: m.type, message, frames, chain: null, lineIndex: i });
  }
  return errors;
}
