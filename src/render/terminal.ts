/**
 * The text reply laid out for a terminal that a person reads (the CLI and the
 * console on a TTY): Markdown's `**bold**` and `code` become terminal styles
 * instead of showing their markers, and prose wraps to the window's width,
 * counting Chinese characters as two columns and breaking between them. Lines
 * indented three spaces or more (the user's line, code blocks, the fix) are
 * left exactly as they are. Runs after `terminalSafe`, so every escape
 * sequence in the result is one written here.
 */
export interface TerminalLayout {
  /** The window's width in columns. */
  columns: number;
  /** Bold and colour (a TTY that takes ANSI styles); false keeps only the wrapping, with the markers dropped from bold. */
  color: boolean;
}

const bold = ['\u001b[1m', '\u001b[22m'] as const;
const codeStyle = ['\u001b[36m', '\u001b[39m'] as const;
/** Wide characters: CJK ideographs and punctuation, full-width forms, Hangul. */
const wide = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const ansi = /\u001b\[[0-9;]*m/y;
/** Chinese closing punctuation never starts a line (it stays with the word before it, a little past the edge). */
const noBreakBefore = /^[。，、；：！？）」』】》〉”’]$/;

/** Columns `text` takes in a monospace font: two for each wide character. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += wide.test(ch) ? 2 : 1;
  return width;
}

function styleInline(line: string, color: boolean): string {
  const bolded = line.replace(/\*\*([^*\n]{1,400})\*\*/g, (_, inner: string) => (color ? `${bold[0]}${inner}${bold[1]}` : inner));
  return color ? bolded.replace(/`([^`\n]{1,400})`/g, (_, inner: string) => `${codeStyle[0]}${inner}${codeStyle[1]}`) : bolded;
}

/** Display units of a line: an escape sequence (no width), a wide character, a space, or a run of other characters. */
function units(line: string): { text: string; width: number; space: boolean }[] {
  const out: { text: string; width: number; space: boolean }[] = [];
  let i = 0;
  while (i < line.length) {
    ansi.lastIndex = i;
    const esc = ansi.exec(line);
    if (esc) {
      out.push({ text: esc[0], width: 0, space: false });
      i += esc[0].length;
      continue;
    }
    const ch = line[i]!;
    if (ch === ' ') {
      out.push({ text: ' ', width: 1, space: true });
      i++;
    } else if (wide.test(ch)) {
      out.push({ text: ch, width: 2, space: false });
      i++;
    } else {
      let j = i + 1;
      while (j < line.length && line[j] !== ' ' && line[j] !== '\u001b' && !wide.test(line[j]!)) j++;
      out.push({ text: line.slice(i, j), width: j - i, space: false });
      i = j;
    }
  }
  return out;
}

/** One prose line wrapped to `columns`; a bullet's continuation lines hang under its text. */
function wrap(line: string, columns: number): string {
  const hang = /^(\s*(?:[-*+]|\d+[.)])\s+)/.exec(line)?.[1]?.length ?? 0;
  const lines: string[] = [];
  let current = '';
  let width = 0;
  for (const u of units(line)) {
    if (u.space && width === 0 && lines.length) continue;
    if (width + u.width > columns && width > hang && !u.space && !noBreakBefore.test(u.text)) {
      lines.push(current.trimEnd());
      current = ' '.repeat(hang);
      width = hang;
    }
    if (u.space && width >= columns) continue;
    current += u.text;
    width += u.width;
  }
  lines.push(current.trimEnd());
  return lines.join('\n');
}

export function layoutForTerminal(text: string, layout: TerminalLayout): string {
  const columns = Math.max(40, Math.min(layout.columns, 200));
  return text
    .split('\n')
    .map((line) => (line.startsWith('   ') || line.trim() === '' ? line : wrap(styleInline(line, layout.color), columns)))
    .join('\n');
}

/**
 * The layout for `stream` when a person reads it (a TTY), else null: pipes and
 * files get plain text. `noColor` (NO_COLOR, https://no-color.org) keeps the
 * wrapping and drops the styles.
 */
export function terminalLayoutOf(stream: unknown, { noColor }: { noColor: boolean }): TerminalLayout | null {
  const tty = stream as { isTTY?: boolean; columns?: number };
  return tty.isTTY ? { columns: tty.columns ?? 80, color: !noColor } : null;
}
