/**
 * Python warning lines: `app.py:12: RuntimeWarning: coroutine 'f' was never
 * awaited` (plus the source line under it), `sys:1: RuntimeWarning: …`, and
 * bare `RuntimeWarning: …` lines as pytest's summary and loggers print them.
 */
import { nodePromiseWarning } from '../javascript/stack.js';
import type { WarningLine } from '../types.js';

const category = /^[A-Z]\w*Warning$/;
const lineNumber = /^\d{1,7}$/;
/** An installed package's file; the standard library (threading.py, unittest) is not one. */
const installedPackage = /[\\/](?:site|dist)-packages[\\/]/;

/** Cuts `file:line: CategoryWarning: message` around its fixed markers (no backtracking regex). */
function splitWarning(line: string): { file: string | null; line: number | null; category: string; message: string; prefix: string } | null {
  const at = line.indexOf('Warning: ');
  if (at < 0) return null;
  let start = at;
  while (start > 0 && /\w/.test(line[start - 1]!)) start--;
  const cat = line.slice(start, at + 7);
  if (!category.test(cat)) return null;
  // Python prints straight quotes; curly ones are the message retyped on a phone or pasted from a
  // rendered page (`coroutine ‘main’ was never awaited`), and read the same.
  const message = line.slice(at + 9).trim().replace(/[\u2018\u2019]/g, "'");
  const prefix = line.slice(0, start).trim();
  if (prefix.endsWith(':')) {
    const loc = prefix.slice(0, -1);
    const colon = loc.lastIndexOf(':');
    if (colon > 0 && lineNumber.test(loc.slice(colon + 1))) return { file: loc.slice(0, colon).trim(), line: Number(loc.slice(colon + 1)), category: cat, message, prefix: '' };
  }
  return { file: null, line: null, category: cat, message, prefix };
}

/**
 * A warning quoted in prose (`I get "app.py:9: RuntimeWarning: …` on one line, `  fetch()"` on
 * the next) keeps the quotes on its ends; a quote the line does not also close (or open) is the
 * sentence's, not the code's, and goes with the words before it. A source line holding a string
 * (`send("hi")`) keeps its balanced quotes.
 */
function unquote(text: string, end: 'start' | 'end'): string {
  if (end === 'end') {
    const mark = text[text.length - 1];
    if (mark !== '"' && mark !== "'" && mark !== '`') return text;
    return count(text, mark) % 2 === 1 ? text.slice(0, -1).trim() : text;
  }
  // The file: what the opening quote follows is the sentence around it (`I get "app.py:9: …`).
  for (const mark of ['"', '`']) {
    const at = text.lastIndexOf(mark);
    if (at >= 0 && count(text, mark) % 2 === 1) return text.slice(at + 1).trim();
  }
  return text;
}

/** Whether every `(` closes, in order: a statement, not the start of one cut by the line's end. */
function balancedParens(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function count(text: string, mark: string): number {
  let n = 0;
  for (const ch of text) if (ch === mark) n++;
  return n;
}

// CPython's coroutine origin (Lib/warnings.py, _formatwarnmsg_impl): "Coroutine created at (most recent call last)".
const ORIGIN_HEADER = /^Coroutine created at \(most recent call last\)\s*$/;
// CPython's messages that a source line can follow on the same line once a log joins them
// (Lib/warnings.py _warn_unawaited_coroutine; Lib/asyncio/events.py get_event_loop's deprecation).
const GLUED = /^(coroutine '[\w.<>]+' was never awaited|There is no current event loop)\s+(\S.*)$/;
/** A line that reads as a call or an assignment: what a bare warning's indented line must be to be its source. */
const CODE_LIKE = /[\w)\]]\s*\(|^\s*[\w.]+\s*=[^=]/;
/**
 * A whole statement that is one call (`asyncio.get_event_loop().run_until_complete(main())`, or
 * `x = f(…)`), written before the warning it printed on the same line (a title, a chat message):
 * a dotted name right against its `(`, the last `)` ending it, no words around it.
 */
const CALL_STATEMENT = /^(?:[A-Za-z_]\w*\s*=\s*)?(?:await\s+)?[A-Za-z_][\w.]*\([^\n]*\)$/;

/** The source line printed after a coroutine origin's frames: the first line indented by two that is not a frame's. */
function sourceAfterOrigin(lines: readonly string[], from: number): string | undefined {
  for (let j = from; j < lines.length && j < from + 200; j++) {
    const line = lines[j]!;
    if (/^ {2}File "/.test(line) || /^ {4}\S/.test(line)) continue;
    return /^ {2}\S/.test(line) ? line : undefined;
  }
  return undefined;
}

export function parsePythonWarnings(lines: readonly string[], skip: ReadonlySet<number>): WarningLine[] {
  const warnings: WarningLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (skip.has(i) || !line.includes('Warning: ') || line.includes('(node:')) continue;
    const split = splitWarning(line);
    // Node's promise warnings, quoted without their `(node:123)` prefix, are JavaScript's (javascript/stack.ts).
    if (!split || !split.message || nodePromiseWarning.test(line)) continue;
    const { prefix, ...w } = split;
    const next = lines[i + 1];
    // Python prints the offending source line indented under a located warning; a warning copied
    // without its `file:line:` keeps the line under it all the same. Under a never-awaited warning
    // with coroutine origin tracking on (asyncio debug mode), the line comes after the frames that
    // created the coroutine (`Coroutine created at (most recent call last)`).
    const under = next !== undefined && ORIGIN_HEADER.test(next) ? sourceAfterOrigin(lines, i + 2) : next;
    let source = under && /^\s{2,}\S/.test(under) && !under.includes('Warning: ') && (w.file || CODE_LIKE.test(under)) ? unquote(under.trim(), 'end') || null : null;
    // A log that joins a warning's two lines into one (`… was never awaited asyncio.sleep(1)`)
    // leaves the source line after CPython's own message.
    const glued = !source ? GLUED.exec(w.message) : null;
    if (glued && CODE_LIKE.test(glued[2]!)) {
      w.message = glued[1]!;
      source = unquote(glued[2]!.trim(), 'end') || null;
    }
    // The line that printed it, written first (`loop.run_until_complete(main()) DeprecationWarning: …`).
    if (!source && w.file === null && CALL_STATEMENT.test(prefix) && balancedParens(prefix)) source = prefix;
    const file = w.file === null ? null : unquote(w.file, 'start');
    const inPackage = file !== null && installedPackage.test(file);
    warnings.push({ language: 'python', ...w, file, source, ...(inPackage && { inPackage }), lineIndex: i });
  }
  return warnings;
}
