/**
 * Text clean-up before anything reads the paste: the same error must look the
 * same whether it came from a Windows terminal, a coloured Python 3.13
 * traceback, a Jupyter export or a phone keyboard.
 */

/** Above this many characters the paste is cut; errors sit at the end of logs, so the end is kept. */
export const maxPasteChars = 1_000_000;
/** Longer lines are cut: nothing a person pastes needs more, and it bounds every per-line scan. */
export const maxLineChars = 4_000;

// CSI sequences (colours, cursor moves) and OSC sequences (terminal titles, hyperlinks).
// Each alternative is a single pass over distinct character classes: no backtracking.
const ansiPattern = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
/**
 * Colour codes whose ESC was lost on the way: Windows' console shows it as `←` (`←[90m    at …←[39m`),
 * other copies as `?` or U+FFFD. What is left of an SGR sequence is one marker, `[`, digits, `m`.
 */
const brokenAnsi = /[\u2190?\ufffd]\[[0-9;]{0,15}m/g;
const zeroWidth = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const oddSpaces = /[\u00a0\u2007\u202f\u3000]/g;
// Half a surrogate pair (JSON can carry one): it cannot be encoded as UTF-8, so
// Discord, SQLite and files would each mangle it differently. One character of
// lookaround either side: linear.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export interface NormalizedText {
  text: string;
  truncated: boolean;
  binary: boolean;
}

/** True when the input is mostly not text (NUL bytes, many control characters). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 27) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

export function normalizeText(input: string): NormalizedText {
  let truncated = false;
  let text = input;
  if (text.length > maxPasteChars) {
    text = text.slice(text.length - maxPasteChars);
    truncated = true;
  }
  if (looksBinary(text)) return { text: '', truncated, binary: true };
  text = text
    .replace(/\r\n?/g, '\n')
    .replace(ansiPattern, '')
    .replace(brokenAnsi, '')
    .replace(zeroWidth, '')
    .replace(loneSurrogate, '\ufffd')
    .replace(oddSpaces, ' ')
    .replace(/\t/g, '    ');
  if (text.length > maxLineChars) {
    const lines = text.split('\n');
    let cut = false;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.length > maxLineChars) {
        lines[i] = lines[i]!.slice(0, maxLineChars) + ' …';
        cut = true;
      }
    }
    if (cut) {
      text = lines.join('\n');
      truncated = true;
    }
  }
  return { text, truncated, binary: false };
}

/** Decodes bytes as UTF-8, replacing invalid sequences rather than failing. */
export function decodeBytes(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
