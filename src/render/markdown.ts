/**
 * Discord Markdown built from text the bot did not write: file and function
 * names from a traceback, a detector's message quoting the user's code, the
 * user's code itself, a server's FAQ entry, a /faq topic someone typed.
 * Everything from outside reaches a Discord reply through these functions, so
 * no paste can open a link, mention anyone, start a heading or close one of
 * the bot's code blocks.
 *
 * Each function takes a length budget and cuts at a point where nothing is
 * left open (no half escape, no unclosed code span or block): cutting
 * escaped or fenced text with a plain `slice` could leave a lone backtick that
 * pairs with a later one and turns the user's text back into live Markdown.
 */

const ellipsis = '…';
const zwsp = '\u200b';

/** Characters Discord leaves out at the end of a bare URL. */
const trailing = '.,:;"\')]';

/**
 * Bare URLs, where Discord finds them: from `http://` or `https://` to the
 * next whitespace or `<`, less trailing `.,:;"')]`. Discord makes the whole
 * stretch one link, so nothing inside it formats anything, and a backslash
 * put there would not escape but join the link (browsers read `\` as `/`):
 * URLs are kept as written. A scan, not a regex, so it stays linear however
 * many `http://` a paste repeats.
 */
function bareUrls(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('http', from);
    if (start === -1) return out;
    const end = urlEnd(text, start);
    if (end === -1) from = start + 4;
    else {
      out.push([start, end]);
      from = end;
    }
  }
}

/** Where a bare URL starting at `start` ends, or -1 when Discord would see none there. */
function urlEnd(text: string, start: number): number {
  const scheme = text.startsWith('https://', start) ? 8 : text.startsWith('http://', start) ? 7 : 0;
  if (!scheme) return -1;
  let end = start + scheme;
  while (end < text.length && !/[\s<]/.test(text[end]!)) end++;
  while (end > start + scheme && trailing.includes(text[end - 1]!)) end--;
  // Discord's pattern needs two characters after "//", the last not trailing punctuation.
  return end - (start + scheme) >= 2 ? end : -1;
}

/** True when Markdown ending here would still be inside a bare URL: Discord's link would run on into what comes next. */
function endsInUrl(md: string): boolean {
  let i = md.length;
  while (i > 0 && !/[\s<]/.test(md[i - 1]!)) i--;
  return md.indexOf('http://', i) !== -1 || md.indexOf('https://', i) !== -1;
}

/** Anywhere in a line: emphasis, strike, spoiler, code, escapes, masked links. */
const inlineSpecial = new Set(['\\', '*', '_', '~', '|', '`', '[', ']']);
/** At the start of a line (after spaces): headings `#`, subtext `-#`, quotes `>`/`>>>`, lists `-`/`*`/`+`. */
const lineStartSpecial = new Set(['#', '>', '-', '+']);

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `max` characters of `text` or fewer, never splitting a surrogate pair. */
function sliceWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : Math.max(0, max);
  return text.slice(0, end);
}

/** Cuts plain text (no Markdown meaning) to `max` characters, marking the cut; never splits a surrogate pair. */
export function truncatePlain(text: string, max: number, marker = ellipsis): string {
  if (text.length <= max) return text;
  if (max <= marker.length) return sliceWhole(marker, Math.max(0, max));
  return sliceWhole(text, max - marker.length) + marker;
}

/**
 * The pieces of escaped text, one per source character (a surrogate pair is
 * one piece), so a cut can fall only between whole pieces.
 */
function escapedPieces(text: string): string[] {
  const urls = bareUrls(text);
  const pieces: string[] = [];
  let url = 0;
  let lineStart = true;
  let digitsOnly = false;
  for (let i = 0; i < text.length; i++) {
    while (url < urls.length && urls[url]![1] <= i) url++;
    const inUrl = url < urls.length && urls[url]![0] <= i;
    const c = text[i]!;
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      pieces.push(c + text[++i]!);
      lineStart = false;
      digitsOnly = false;
      continue;
    }
    if (c === '\n' || c === '\r') {
      pieces.push(c);
      lineStart = true;
      digitsOnly = false;
      continue;
    }
    if (inUrl) {
      pieces.push(c);
      lineStart = false;
      digitsOnly = false;
      continue;
    }
    if (c === '<') {
      // Mentions, channels, emoji, timestamps and <url> all start with "<": a zero-width space after it
      // breaks every one. Not a backslash: right after a bare URL, Discord would read it as part of the link.
      pieces.push('<' + zwsp);
      lineStart = false;
      digitsOnly = false;
      continue;
    }
    if (c === '@' && /^@(?:everyone|here)/i.test(text.slice(i, i + 9))) {
      // allowed_mentions already stops the ping; the zero-width space also stops the highlight.
      pieces.push('@' + zwsp);
      lineStart = false;
      digitsOnly = false;
      continue;
    }
    if (lineStart && (c === ' ' || c === '\t')) {
      pieces.push(c);
      continue;
    }
    if ((lineStart || digitsOnly) && c >= '0' && c <= '9') {
      pieces.push(c);
      lineStart = false;
      digitsOnly = true;
      continue;
    }
    if (digitsOnly && c === '.') pieces.push('\\.'); // "1. " would start a numbered list
    else if (inlineSpecial.has(c) || (lineStart && lineStartSpecial.has(c))) pieces.push('\\' + c);
    else pieces.push(c);
    lineStart = false;
    digitsOnly = false;
  }
  return pieces;
}

/** Joins pieces up to `max` characters, with `…` when some were left out. */
function joinPieces(pieces: string[], max: number): string {
  let total = 0;
  for (const p of pieces) total += p.length;
  if (total <= max) return pieces.join('');
  let out = '';
  for (const p of pieces) {
    if (out.length + p.length > max - ellipsis.length) break;
    out += p;
  }
  return max >= ellipsis.length ? out + ellipsis : out;
}

/**
 * Text shown as written: every character Discord would read as Markdown is
 * backslash-escaped (which Discord displays as the bare character), mentions
 * of everyone/here are broken with a zero-width space, and bare URLs stay
 * clickable. At most `max` characters.
 */
export function escapeText(text: string, max = Number.POSITIVE_INFINITY): string {
  return joinPieces(escapedPieces(text), max);
}

/** Like `escapeText`, on one line: line breaks become spaces (a file name, a function name). */
export function escapeInline(text: string, max = Number.POSITIVE_INFINITY): string {
  return escapeText(text.replace(/[\r\n]+/g, ' '), max);
}

/**
 * `code` made fit to sit between two single backticks (one line; backticks,
 * which would end the span, become `ˋ`), at most `max` characters. For short
 * names a bot message quotes, such as an attachment's file name.
 */
export function spanContent(code: string, max = Number.POSITIVE_INFINITY): string {
  const content = code.replace(/[\r\n]+/g, ' ').replace(/`/g, 'ˋ');
  // Discord reads a span of only spaces differently; show something visible.
  return truncatePlain(content.trim() ? content : 'ˋ', max);
}

/**
 * A message the bot composed with the user's code quoted in backtick spans
 * ("`fetch_data()` is never awaited"). The user's code may itself hold
 * backticks, so which backtick closes which span cannot be known; the
 * backticks are paired left to right, each pair's content is emitted as a
 * span of our own (its content has no backtick, so it cannot end early), and
 * everything between spans is escaped. Whatever the pairing, no user text is
 * left as live Markdown. At most `max` characters.
 */
export function textWithCode(message: string, max = Number.POSITIVE_INFINITY): string {
  const parts = message.split('`');
  const pieces: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const isSpan = i % 2 === 1 && i < parts.length - 1;
    if (isSpan) {
      const content = part.replace(/[\r\n]+/g, ' ');
      // Discord reads "``" (empty) and spans of only spaces differently; show those backticks escaped instead.
      if (content.trim()) {
        // A bare URL runs to the next space: without one it would swallow this span's opening backtick.
        if (endsInUrl(pieces.join(''))) pieces.push(' ');
        pieces.push('`' + content + '`');
        continue;
      }
      pieces.push('\\`', ...escapedPieces(part), '\\`');
      continue;
    }
    if (i % 2 === 1) pieces.push('\\`'); // an unpaired backtick at the end
    pieces.push(...escapedPieces(part));
  }
  return joinWithSpans(pieces, max);
}

/** Joins pieces up to `max` characters; a span piece that does not fit is cut inside, keeping its closing backtick. */
function joinWithSpans(pieces: string[], max: number): string {
  let total = 0;
  for (const p of pieces) total += p.length;
  if (total <= max) return pieces.join('');
  let out = '';
  for (const p of pieces) {
    const room = max - ellipsis.length - out.length;
    if (p.length <= room) {
      out += p;
      continue;
    }
    if (p.length > 2 && p.startsWith('`') && room >= 3) return out + '`' + sliceWhole(p.slice(1, -1), room - 2) + ellipsis + '`';
    break;
  }
  return out + ellipsis;
}

/**
 * Breaks every run of three or more backticks: a zero-width space after each
 * second backtick, so at most two touch. Discord closes a code block at the
 * first ``` whatever precedes it, and has no longer fence or escape inside a
 * block, so the run itself has to go. Chosen over look-alike characters
 * because the code still reads and copies the same, apart from an invisible
 * character inside what is almost always a string or comment (a Markdown
 * fence the user's own bot sends); fixed code holding such a run is attached
 * as a file instead (see `hasFenceRun`), which keeps it exact.
 */
export function defuseFences(code: string): string {
  return code.replace(/``(?=`)/g, '``' + zwsp);
}

/** True when `code` holds a run of three backticks and so cannot be shown verbatim in a code block. */
export function hasFenceRun(code: string): boolean {
  return code.includes('```');
}

/**
 * A fenced code block holding `code`, at most `max` characters in all. The
 * content cannot close the block (see `defuseFences`); a cut is marked with
 * a last line `…`. `label` is a language name (`py`, `js`, `diff`); anything
 * but Discord's label characters is dropped.
 */
export function codeBlock(code: string, label: string, max: number): string {
  const lang = /^[a-z0-9_+\-.#]{1,20}$/.test(label.toLowerCase()) ? label.toLowerCase() : '';
  const open = '```' + lang + '\n';
  const close = '\n```';
  const room = Math.max(0, max - open.length - close.length);
  let content = defuseFences(code.trimEnd());
  if (content.length > room) content = sliceWhole(content, Math.max(0, room - 2)) + '\n…';
  // Discord drops a block whose content is only blank lines; keep something visible.
  return open + (content.trim() ? content : '…') + close;
}

/**
 * Text written for Discord by someone else (a server's FAQ entry): its fenced
 * code blocks stay code blocks and its backtick spans stay code; everything
 * else is escaped, so it can show code but not links, mentions, headings or
 * formatting. A fence without a closing one is shown escaped. At most `max`
 * characters.
 */
export function escapeWithCode(text: string, max: number): string {
  const parts = text.split('```');
  const out: string[] = [];
  let used = 0;
  const room = () => max - used - (out.length ? 2 : 0);
  const push = (piece: string) => {
    used += piece.length + (out.length ? 2 : 0);
    out.push(piece);
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const isBlock = i % 2 === 1 && i < parts.length - 1;
    let piece: string;
    if (isBlock) {
      const newline = part.indexOf('\n');
      const label = newline === -1 ? '' : part.slice(0, newline).trim();
      const labelled = newline !== -1 && /^[A-Za-z0-9_+\-.#]{1,20}$/.test(label);
      const code = labelled ? part.slice(newline + 1) : part.replace(/^\n/, '');
      if (!code.trim()) continue;
      piece = codeBlock(code, labelled ? label : '', Number.POSITIVE_INFINITY);
      // Too little room for a useful block: stop here rather than show a stub.
      if (piece.length > room()) piece = room() >= 12 ? codeBlock(code, labelled ? label : '', room()) : '';
    } else {
      const prose = ((i % 2 === 1 ? '```' : '') + part).trim();
      if (!prose) continue;
      piece = room() >= 2 ? textWithCode(prose, room()) : '';
    }
    if (!piece) break;
    push(piece);
    if (used >= max) break;
  }
  return out.join('\n\n');
}

/** One stretch of Markdown as Discord reads it: plain text, an inline code span, or a code block. */
interface Region {
  kind: 'text' | 'span' | 'block';
  start: number;
  end: number;
  /** Backticks around a span's content, or the length of "```label\n" for a block. */
  open: number;
}

/**
 * Splits Markdown (the bot's own, or built by the functions above) into text,
 * spans and blocks, the way Discord pairs backticks: a block runs from ``` to
 * the next ```; a span from a run of backticks to the next run of the same
 * length; a backslash escapes the next punctuation outside code, and a bare
 * URL is text to its end. Linear: a failed search for a closing run is
 * remembered per run length, and a URL is skipped whole.
 */
function regions(md: string): Region[] {
  const out: Region[] = [];
  const noCloserFrom = new Map<number, number>();
  let textStart = 0;
  let i = 0;
  const flush = (to: number) => {
    if (to > textStart) out.push({ kind: 'text', start: textStart, end: to, open: 0 });
  };
  while (i < md.length) {
    const c = md[i]!;
    if (c === '\\' && i + 1 < md.length && /[^0-9A-Za-z\s]/.test(md[i + 1]!)) {
      i += 2;
      continue;
    }
    if (c === 'h') {
      // A bare URL is one link: a backtick inside it opens nothing.
      const end = urlEnd(md, i);
      i = end === -1 ? i + 1 : end;
      continue;
    }
    if (c !== '`') {
      i++;
      continue;
    }
    let run = 1;
    while (md[i + run] === '`') run++;
    if (run >= 3) {
      const close = md.indexOf('```', i + 3);
      if (close !== -1) {
        flush(i);
        const label = /^```[a-z0-9_+\-.#]*\n/.exec(md.slice(i, i + 40));
        out.push({ kind: 'block', start: i, end: close + 3, open: label ? label[0].length : 3 });
        i = textStart = close + 3;
        continue;
      }
    }
    const known = noCloserFrom.get(run);
    let close = -1;
    if (known === undefined || known > i) {
      let from = i + run;
      while ((close = md.indexOf('`', from)) !== -1) {
        let len = 1;
        while (md[close + len] === '`') len++;
        if (len === run) break;
        from = close + len;
        close = -1;
      }
      if (close === -1) noCloserFrom.set(run, i);
    }
    if (close === -1) {
      i += run;
      continue;
    }
    flush(i);
    out.push({ kind: 'span', start: i, end: close + run, open: run });
    i = textStart = close + run;
  }
  flush(md.length);
  return out;
}

/**
 * Cuts Markdown to `max` characters without leaving anything open: a cut in
 * text stops before a half escape; a cut in a code span or block closes it.
 * The last guard for whole descriptions and fields (`fitReply`).
 */
export function truncateMarkdown(md: string, max: number): string {
  if (md.length <= max) return md;
  if (max <= 0) return '';
  for (const r of regions(md)) {
    if (r.end <= max - ellipsis.length && r.kind !== 'text') continue;
    if (r.kind === 'text') {
      if (r.end < max - ellipsis.length) continue;
      let cut = Math.max(r.start, max - ellipsis.length);
      // Nothing but blank lines would be kept after a code block: end with the block, not "```…".
      if (r.start > 0 && md[r.start - 1] === '`' && !md.slice(r.start, cut).trim()) return md.slice(0, r.start);
      // Never end on the backslash of an escape pair (count the backslashes before the cut).
      let slashes = 0;
      while (cut - slashes - 1 >= r.start && md[cut - slashes - 1] === '\\') slashes++;
      if (slashes % 2 === 1) cut--;
      return sliceWhole(md, cut) + ellipsis;
    }
    const closer = r.kind === 'span' ? '`'.repeat(r.open) : '\n```';
    const keep = max - ellipsis.length - closer.length;
    const minimum = r.start + r.open + 1;
    if (keep >= minimum && keep < r.end) return sliceWhole(md, keep) + ellipsis + closer;
    let end = r.start;
    while (end > 0 && md[end - 1] === '\n') end--;
    // After a code block the cut shows anyway; "```…" would put text on the fence's line.
    return md.slice(0, end) + (md.endsWith('```', end) ? '' : ellipsis);
  }
  return sliceWhole(md, max - ellipsis.length) + ellipsis;
}

/** Chinese, Japanese and Korean characters and full-width punctuation: text written without spaces between words. */
const cjk = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Two wrapped lines of one paragraph joined: with a space, except where both sides are CJK (a space there would show as a gap). */
export function joinWrapped(before: string, after: string): string {
  const a = before.trimEnd();
  const b = after.trim();
  return cjk.test(a.slice(-1)) && cjk.test(b[0] ?? '') ? a + b : `${a} ${b}`;
}

const fenceLine = /^\s*(`{3,}|~{3,})/;
/** A line that starts a block of its own: a list item, a heading, a quote, a table row. */
const blockStart = /^\s*(?:[-*+]|\d+[.)]|#{1,6}|>|\|)\s/;

/**
 * A rule's Markdown as Discord should get it: the rule file wraps its prose at
 * 80 columns, and Discord shows every line break, so each paragraph and each
 * list item is joined onto one line (a list item keeps its own line and its
 * indentation). Blank lines, list items, headings and code blocks stay as written.
 */
export function unwrapMarkdown(md: string): string {
  const out: string[] = [];
  /** The line the next wrapped line continues, or -1 after a blank line, a code block or a heading. */
  let open = -1;
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = fenceLine.exec(line);
    if (fence) {
      // A code block is kept line for line, up to its closing fence (the same character, at least as long).
      const closer = new RegExp(`^\\s*${fence[1]![0]}{${fence[1]!.length},}\\s*$`);
      out.push(line);
      for (i++; i < lines.length; i++) {
        out.push(lines[i]!);
        if (closer.test(lines[i]!)) break;
      }
      open = -1;
      continue;
    }
    if (!line.trim()) {
      out.push(line);
      open = -1;
    } else if (open >= 0 && !blockStart.test(line)) {
      out[open] = joinWrapped(out[open]!, line);
    } else {
      out.push(line.trimEnd());
      open = /^\s*#{1,6}\s/.test(line) ? -1 : out.length - 1;
    }
  }
  return out.join('\n');
}
