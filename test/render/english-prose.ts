/**
 * The check that a Chinese text holds no English sentence: what is left once
 * code, links and quoted error text are gone, and the runs of plain English
 * words in it. Shared by every test of Chinese output (rules, replies, the
 * command line).
 */

/**
 * What is left of a text once code, links and quoted error text are gone:
 * fenced blocks, indented code lines (the terminal's way of showing a block),
 * backtick spans, URLs and "double-quoted" text. Each becomes a line break, so
 * words on either side never join into one run.
 */
export function proseOf(text: string): string {
  return text
    .replace(/```[^]*?```/g, '\n')
    .replace(/^ {4,}.*$/gm, '\n')
    .replace(/`[^`\n]*`/g, '\n')
    .replace(/https?:\/\/\S+/g, '\n')
    .replace(/"[^"\n]*"|“[^”\n]*”/g, '\n');
}

/** A plain English word (not an identifier: no digits, dots, underscores or slashes inside, no camelCase). */
const englishWord = /^[A-Za-z][a-z'’-]*$|^[A-Z][A-Z]?[a-z'’-]*$/;

/**
 * Runs of three or more English words in a row, separated by spaces only:
 * sentences left untranslated. Chinese characters, full-width punctuation and
 * anything that is not a plain word (an identifier, a version, a slash) end a run.
 */
export function englishRuns(text: string): string[] {
  const runs: string[] = [];
  for (const piece of proseOf(text).split(/[\n\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/)) {
    let run: string[] = [];
    const flush = () => {
      if (run.length >= 3) runs.push(run.join(' '));
      run = [];
    };
    for (const token of piece.split(/[ \t]+/)) {
      const word = token.replace(/^[(\[*'’]+|[)\]*,.;:!?'’]+$/g, '');
      if (word && englishWord.test(word)) run.push(word);
      else flush();
    }
    flush();
  }
  return runs;
}

