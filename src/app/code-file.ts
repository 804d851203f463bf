/**
 * A file of code read whole (`awaitbot explain bot.py`, an attached `bot.py`)
 * is code, whatever its first lines look like: a script that opens with a
 * `#` comment, a shebang or a docstring would otherwise be read as a question
 * in prose and answered from its words alone, without the snippet detectors
 * or a fix. Its extension says what it is, so it is fenced as that language.
 * Text, logs and Markdown (`.txt`, `.log`, `.md`) stay as they are: they hold
 * tracebacks and prose.
 */
import { extname } from 'node:path';

/** Extensions of code files → the fence tag that says their language. */
const codeFileLanguages: Record<string, string> = {
  '.py': 'py', '.pyw': 'py',
  '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx',
  '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx',
};

/** The fence tag for a file name (`py` for `bot.py`), or null when the file is not code by its name. */
export function codeFileLanguage(fileName: string): string | null {
  return codeFileLanguages[extname(fileName).toLowerCase()] ?? null;
}

/** The fence opening and closing a code file: longer than any run of backticks inside it, so none of them ends it. */
function fenceFor(text: string, language: string): { open: string; close: string } {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const marker = '`'.repeat(Math.max(3, longest + 1));
  return { open: `${marker}${language}\n`, close: `\n${marker}\n` };
}

/** `text` of the file `fileName` as a paste: fenced as its language when the name says it is code, else unchanged. */
export function codeFilePaste(text: string, fileName: string): string {
  const language = codeFileLanguage(fileName);
  if (language === null || text.trim() === '') return text;
  const { open, close } = fenceFor(text, language);
  return open + text + close;
}

/** The same for bytes not decoded yet (the CLI reads files as bytes; the engine decodes them). */
export function codeFilePasteBytes(bytes: Uint8Array, fileName: string): Uint8Array {
  const language = codeFileLanguage(fileName);
  if (language === null || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) return bytes;
  // Backticks are ASCII: their runs are the same in the bytes as in the decoded text.
  const { open, close } = fenceFor(Buffer.from(bytes).toString('latin1'), language);
  return Buffer.concat([Buffer.from(open, 'utf8'), bytes, Buffer.from(close, 'utf8')]);
}
