/**
 * loguru's tracebacks (`diagnose=True`, its default) and better_exceptions annotate each frame's
 * source line with the values its names held, one per line under it:
 *
 *     result = await self.awaitable(*args, **kwargs)
 *                    │    │          └ {}
 *                    │    └ <function ListBadges.get at 0x7f6508cbb670>
 *                    └ <asgiref.sync.AsyncToSync object at 0x7f6508c371c0>
 *
 * A `└ <coroutine object f at 0x…>` there is what a variable held when the error passed (often one
 * being awaited, as it should be), not something the program printed: a value shown for context.
 */

/** Spaces and `│` columns, then `└ ` and the value. */
const annotationLine = /^[ \t│]*└ /;

/** 0-based indices of the value-annotation lines. */
export function valueAnnotationLines(lines: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i]!.includes('└') && annotationLine.test(lines[i]!)) out.push(i);
  return out;
}
