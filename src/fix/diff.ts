/**
 * The unified diff people see under a fix, computed over the changed region
 * only. A fix touches a line or two of what can be a 500 KB file, and the
 * line diff (Myers, O(N·D)) over the whole file took 35 s on a 184 KB
 * attachment; the lines both texts share at the start and at the end are cut
 * off first (linear), the middle is diffed, and the hunks are moved back to
 * the file's line numbers.
 */
import { formatPatch, structuredPatch, type StructuredPatch } from 'diff';

/** Unchanged lines shown around each change. */
const CONTEXT = 2;
/**
 * The shortest-edit search costs (lines in the middle) × (edits); past this
 * much work the middle is shown as one replaced block instead. No fixer edits
 * more than a few lines, so only a rewrite of a whole long file gets there.
 */
const MAX_SEARCH_WORK = 2_000_000;

export interface LineDiff {
  /** `--- your code` / `+++ fixed` unified diff. */
  text: string;
  /** 1-based lines of the new text that the diff adds. */
  addedLines: number[];
  /** 1-based lines of the old text that the diff removes (or replaces). */
  removedLines: number[];
}

/**
 * 1-based lines a patch touches, read off its hunks (no second diff): on the new side the lines it
 * adds, on the old side the lines it removes (or replaces).
 */
function changedLines(patch: StructuredPatch, side: 'new' | 'old'): number[] {
  const [mark, startOf] = side === 'new' ? ['+', (h: StructuredPatch['hunks'][number]) => h.newStart] : ['-', (h: StructuredPatch['hunks'][number]) => h.oldStart];
  const lines: number[] = [];
  for (const hunk of patch.hunks) {
    let line = startOf(hunk);
    for (const l of hunk.lines) {
      if (l.startsWith(mark)) lines.push(line++);
      else if (l.startsWith(' ')) line++;
    }
  }
  return lines;
}

/** One hunk replacing every line of the middle: what the diff is when the edit search gives up. */
function replaceAll(before: string[], after: string[]): StructuredPatch['hunks'] {
  return [
    {
      oldStart: 1,
      oldLines: before.length,
      newStart: 1,
      newLines: after.length,
      lines: [...before.map((l) => '-' + l), ...after.map((l) => '+' + l)],
    },
  ];
}

/** The line diff from `before` to `after` (both end with a newline or get one). */
export function diffLines(before: string, after: string): LineDiff {
  const a = (before.endsWith('\n') ? before : before + '\n').split('\n');
  const b = (after.endsWith('\n') ? after : after + '\n').split('\n');
  // Both end with '' after the split: the final newline is part of the shared suffix.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  // Keep CONTEXT shared lines on each side inside the diffed middle, so hunks show their context.
  const from = Math.max(0, head - CONTEXT);
  const keepTail = Math.max(1, tail - CONTEXT); // always keep the final '' outside, so the middle ends with a newline
  const oldMiddle = a.slice(from, a.length - keepTail);
  const newMiddle = b.slice(from, b.length - keepTail);
  const maxEdits = Math.max(20, Math.floor(MAX_SEARCH_WORK / (oldMiddle.length + newMiddle.length + 1)));
  const join = (lines: string[]) => (lines.length ? lines.join('\n') + '\n' : '');
  const patch =
    structuredPatch('your code', 'fixed', join(oldMiddle), join(newMiddle), undefined, undefined, { context: CONTEXT, maxEditLength: maxEdits }) ??
    ({ oldFileName: 'your code', newFileName: 'fixed', oldHeader: undefined, newHeader: undefined, hunks: [] } as StructuredPatch);
  if (patch.hunks.length === 0 && (oldMiddle.length || newMiddle.length) && join(oldMiddle) !== join(newMiddle)) {
    patch.hunks = replaceAll(oldMiddle, newMiddle);
  }
  for (const hunk of patch.hunks) {
    hunk.oldStart += from;
    hunk.newStart += from;
  }
  return { text: formatPatch(patch), addedLines: changedLines(patch, 'new'), removedLines: changedLines(patch, 'old') };
}
