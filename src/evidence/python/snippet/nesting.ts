/**
 * How deep a Python block nests (open brackets plus indentation levels),
 * counted in one linear pass before tree-sitter and the scope model, which
 * both walk the tree once per level, see it. Strings and comments are
 * skipped so a `"("` does not count; the count errs on the high side.
 */

/** Deepest nesting of the code: indentation levels plus unclosed brackets at any point. */
export function nestingDepth(code: string): number {
  const indents: number[] = [0];
  let brackets = 0;
  let max = 0;
  let quote = ''; // the open string's delimiter: ', ", ''' or """
  let lineStart = true;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (quote !== '') {
      if (c === '\\') i++;
      else if (code.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
      } else if (c === '\n' && quote.length === 1) quote = ''; // an unclosed one-line string ends with its line
      continue;
    }
    if (lineStart) {
      lineStart = false;
      if (brackets === 0) {
        // Indentation opens a level only outside brackets (inside them, lines just continue).
        let width = 0;
        while (code[i + width] === ' ' || code[i + width] === '\t') width++;
        const next = code[i + width];
        if (next !== undefined && next !== '\n' && next !== '#') {
          while (width < indents[indents.length - 1]!) indents.pop();
          if (width > indents[indents.length - 1]!) indents.push(width);
        }
        if (width > 0) {
          i += width - 1;
          continue;
        }
      }
    }
    switch (c) {
      case '\n':
        lineStart = true;
        break;
      case '#':
        while (i + 1 < code.length && code[i + 1] !== '\n') i++;
        break;
      case '"':
      case "'":
        quote = code.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
        i += quote.length - 1;
        break;
      case '(':
      case '[':
      case '{':
        brackets++;
        break;
      case ')':
      case ']':
      case '}':
        if (brackets > 0) brackets--;
        break;
    }
    const depth = indents.length - 1 + brackets;
    if (depth > max) max = depth;
  }
  return max;
}
