/**
 * Two rewrites of the same code joined into one, line by line: the fixes of several mistakes in one
 * block shown as a single rewrite (fix/index.ts, withOtherFixes).
 */
import { diffArrays } from 'diff';

/** Per line of the original: the lines put before it, and whether it is kept (index `length`: the lines added at the end). */
interface LineEdits {
  before: Map<number, string[]>;
  dropped: Set<number>;
}

function lineEditsOf(original: string[], rewritten: string[]): LineEdits {
  const edits: LineEdits = { before: new Map(), dropped: new Set() };
  let at = 0;
  // Lines added right after lines removed replace them: they go where the removed run began.
  let removedFrom = -1;
  for (const part of diffArrays(original, rewritten)) {
    if (part.added) {
      const where = removedFrom >= 0 ? removedFrom : at;
      edits.before.set(where, [...(edits.before.get(where) ?? []), ...part.value]);
      removedFrom = -1;
    } else if (part.removed) {
      removedFrom = at;
      for (let i = 0; i < part.value.length; i++) edits.dropped.add(at++);
    } else {
      at += part.value.length;
      removedFrom = -1;
    }
  }
  return edits;
}

/**
 * Two rewrites of one text, made into one: each line-level change of either is kept, when no
 * line of the original is changed by both and they do not add lines at the same place. Null when
 * they overlap (which one is right is not ours to guess).
 */
export function mergeRewrites(original: string, a: string, b: string): string | null {
  const lines = original.split('\n');
  const ea = lineEditsOf(lines, a.split('\n'));
  const eb = lineEditsOf(lines, b.split('\n'));
  for (const i of eb.dropped) if (ea.dropped.has(i) || ea.before.has(i)) return null;
  for (const i of eb.before.keys()) if (ea.before.has(i) || ea.dropped.has(i)) return null;
  for (const i of ea.before.keys()) if (eb.dropped.has(i)) return null;
  const out: string[] = [];
  for (let i = 0; i <= lines.length; i++) {
    out.push(...(ea.before.get(i) ?? []), ...(eb.before.get(i) ?? []));
    if (i < lines.length && !ea.dropped.has(i) && !eb.dropped.has(i)) out.push(lines[i]!);
  }
  return out.join('\n');
}
