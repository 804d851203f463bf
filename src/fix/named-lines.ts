/**
 * Lines of code a question names in its own words, for a paste with no code block and no traceback
 * line to fix: "`time.sleep(3)` in line 71 needs to be changed", "asyncio.sleep(delay) is called
 * directly without using the await keyword". The fixer still decides whether the line is the one
 * the paste's error or warning is about; these are only the candidates, in the order they appear.
 */
import type { Evidence } from '../evidence/types.js';

/** Longest line taken from a sentence: a statement, not a paragraph. */
const MAX_LINE = 200;

// CPython's warning (Lib/warnings.py, _warn_unawaited_coroutine): f"coroutine '{coro.__qualname__}' was never awaited".
const NEVER_AWAITED = /coroutine '([\w.<>]+)' was never awaited/;

/** One inline code span per match (`` `x` ``), on one line: a span never holds a backtick, so nothing backtracks. */
export const INLINE_SPAN = /`([^`\n]{3,200})`/g;

const NAME_CHAR = /[\w.]/;

/** A span quoting an error line (`TypeError: …`), not code. */
const ERROR_LINE = /^\w*(Error|Exception|Warning):/;

/** A span naming a function, not a line that calls it: `time.sleep()` in "`time.sleep()` blocks the loop". */
const MENTION = /^[A-Za-z_][\w.]{0,100}\(\)$/;

/**
 * The call `name(…)` written at `at` in a sentence, with the dotted receiver before it
 * (`asyncio.sleep(delay)`): walked by hand, character by character, so a long run of word
 * characters costs one pass, and cut off when its parentheses do not close on the line.
 */
function callAt(text: string, at: number, name: string): string | null {
  let start = at;
  while (start > 0 && NAME_CHAR.test(text[start - 1]!) && at - start < MAX_LINE) start--;
  if (start < at && text[start] === '.') return null;
  let depth = 0;
  for (let i = at + name.length; i < text.length && i - start <= MAX_LINE; i++) {
    const c = text[i]!;
    if (c === '\n') return null;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** A line of carets (and tildes) only: what Python 3.11+ prints under the source line of a frame. */
export const CARETS = /^[ \t]*[\^~]+[ \t]*$/;

/**
 * The source lines a traceback pasted without its `File …` line still quotes: each line printed
 * right above a row of carets (`close_tasks, _ = await asyncio.wait([...])` over `^^^^^^`).
 */
function caretQuoted(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const above = lines[i - 1]!;
    if (CARETS.test(lines[i]!) && above.trim() !== '' && !CARETS.test(above) && above.length <= MAX_LINE) out.push(above);
  }
  return out;
}

/** A line the program printed, not code: a traceback's header or rule, a warning or error line, a path. */
export const OUTPUT_LINE = /^\s*(?:Traceback \(most recent call last\)|-{5,}|[\w.]*(?:Error|Exception|Warning)\b|[A-Za-z]:\\|\/|<ipython-input|File "|Cell In\b|Input In\b)/;

/**
 * A block that opens with one line of code and then shows what running it printed (a notebook
 * cell's line, then its warnings and traceback): that first line, the one the output is about.
 */
function codeAboveOutput(text: string): string | null {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const head = lines[0];
  if (head === undefined || lines.length < 2 || head.length > MAX_LINE || OUTPUT_LINE.test(head) || !OUTPUT_LINE.test(lines[1]!)) return null;
  return head;
}

/**
 * The candidates, in this order: in the paste's other blocks, the first line of a block whose next
 * line is output and the lines a caret row points at; every inline code span that holds a call; then
 * every call, in the sentences, of a coroutine a never-awaited warning of the paste names
 * (`coroutine 'sleep' was never awaited` and "asyncio.sleep(delay) is called directly"). A span that
 * is an error line itself is not code.
 */
export function namedLines(prose: readonly string[], evidence: Evidence, quoted: readonly string[] = []): string[] {
  const out: string[] = [];
  const add = (line: string) => {
    const t = line.trim();
    if (t.length >= 3 && !out.includes(t)) out.push(t);
  };
  for (const text of quoted) {
    for (const line of caretQuoted(text)) add(line);
    const head = codeAboveOutput(text);
    if (head !== null) add(head);
  }
  for (const text of prose) {
    for (const m of text.matchAll(INLINE_SPAN)) {
      const span = m[1]!;
      if (span.includes('(') && !ERROR_LINE.test(span.trim()) && !MENTION.test(span.trim())) add(span);
    }
  }
  const messages = [...evidence.warnings.map((w) => w.message), ...evidence.errors.map((e) => e.message)];
  const names = new Set(messages.map((msg) => NEVER_AWAITED.exec(msg)?.[1]?.split('.').at(-1)).filter((n): n is string => !!n && /^\w+$/.test(n)));
  for (const name of names) {
    for (const text of prose) {
      let from = 0;
      for (let i = 0; i < 20; i++) {
        const at = text.indexOf(`${name}(`, from);
        if (at < 0) break;
        from = at + name.length;
        const before = at > 0 ? text[at - 1]! : ' ';
        if (/\w/.test(before)) continue;
        const call = callAt(text, at, name);
        if (call && !MENTION.test(call)) add(call);
      }
    }
  }
  return out;
}
