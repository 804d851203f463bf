/**
 * Where a SyntaxError's caret points. Python prints the offending line without its indentation and
 * the caret under the offending token (Python 2.7 to 3.7: under its last character; 3.8+: under its
 * start). The words that matter for "invalid syntax" are that token and the one before it: on 3.5
 * and 3.6 `await foo()` outside an async function fails at `foo`, right after `await`, while the same
 * line failing on an f-string fails at the string, far from it.
 */

const caretOnly = /^\s*\^+\s*$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * The source from the start of the word before the caret's word to the end of the line, or null
 * when `caretLine` is not a caret line or points outside the source.
 */
export function pointedAt(sourceLine: string, caretLine: string): string | null {
  if (!caretOnly.test(caretLine)) return null;
  const source = sourceLine.trim();
  // Python puts four spaces before both lines; a paste often loses them on the source line alone
  // (the first line of a code block), never on the caret line only.
  const lead = indentOf(sourceLine) || Math.min(4, indentOf(caretLine));
  const at = caretLine.indexOf('^') - lead;
  if (at < 0 || at >= source.length) return null;
  // Whitespace-separated words: back to the start of the caret's word, then over the one before it.
  let start = at;
  while (start > 0 && source[start - 1] !== ' ') start--;
  while (start > 0 && source[start - 1] === ' ') start--;
  while (start > 0 && source[start - 1] !== ' ') start--;
  return source.slice(start);
}
