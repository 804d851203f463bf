/**
 * rich's tracebacks (typer and other rich CLIs) show each frame's source with numbered lines
 * around the one that ran, marked `❱`: `│   187 │   "asyncio.run() cannot be called from a
 * running event loop")` is asyncio.run's own check, printed because the frame passed line 190.
 * The lines above the `❱` are code shown for context, not output: an error message written in
 * them was not raised. From the `❱` on, the listing is the statement that ran (a multi-line
 * `raise BaseExceptionGroup(` with its message on the next line).
 */

/** `│   187 │ …` or `│ ❱ 190 │ …`: a numbered line of a frame's listing (the box's code column). */
const listingLine = /^\s*│\s{0,3}(❱)?\s{0,8}\d{1,6}(?:\s|$)/;

/** 0-based indices of listing lines that come before their frame's `❱` line. */
export function richContextLines(lines: readonly string[]): number[] {
  const context: number[] = [];
  let block: number[] = [];
  const close = () => {
    context.push(...block);
    block = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = line.includes('│') ? listingLine.exec(line) : null;
    if (!m) {
      close();
      continue;
    }
    if (m[1]) {
      // The line that ran: what came before it in this listing is context, what follows is its statement.
      close();
      while (i + 1 < lines.length && listingLine.test(lines[i + 1]!)) i++;
      continue;
    }
    block.push(i);
  }
  close();
  return context;
}
