/**
 * How much code the snippet analysers are given, so that every paste is
 * analysed in time linear in its size with a small constant, and the
 * diagnosis budget (the worker pool's) is a safety net rather than the
 * normal path. The analysers check the shape of a block (nesting, parser
 * work) themselves, before calling their parser; the pipeline checks sizes.
 */

let enforced = true;

/**
 * Turns every limit below off or on again (process-wide). Only for testing
 * the diagnosis budget, which must stop the engine even when these bounds
 * fail to: the worker pool turns them off when AWAITBOT_ANALYSIS_LIMITS=off.
 */
export function enforceAnalysisLimits(on: boolean): void {
  enforced = on;
}

export function analysisLimitsEnforced(): boolean {
  return enforced;
}

/** Brackets plus indentation levels a block may nest: real code stays under 30; parsers recurse once per level. */
export const MAX_NESTING = 100;

/**
 * Characters of code analysed per paste, all blocks together. Beyond it a
 * block is cut at a line (its rest is kept, unread, for the fix) and later
 * blocks are not analysed. Parsing, the model and a fixer's re-parse cost a
 * few milliseconds per kilobyte; this keeps a 512 KB attachment within its
 * half-second goal.
 */
export const MAX_ANALYSED_CHARS = 48 * 1024;

/** Code blocks analysed per paste: each costs a parse, however small it is. */
export const MAX_ANALYSED_BLOCKS = 24;

/** Where to cut: lines before `maxChars`, at the last line that starts at column 0 (a top-level statement) when one is near. */
export function cutAtLine(code: string, maxChars: number): { head: string; rest: string } {
  if (code.length <= maxChars || !enforced) return { head: code, rest: '' };
  let cut = code.lastIndexOf('\n', maxChars);
  if (cut <= 0) return { head: '', rest: code };
  // Prefer a top-level line within the last quarter, so the analysed part ends between statements.
  for (let at = cut; at > maxChars * 0.75; at = code.lastIndexOf('\n', at - 1)) {
    const next = code.charCodeAt(at + 1);
    if (next !== 32 && next !== 9 && next !== 10 && next !== 125 /* } */ && next !== 41 /* ) */) {
      cut = at;
      break;
    }
    if (at <= 0) break;
  }
  return { head: code.slice(0, cut + 1), rest: code.slice(cut + 1) };
}
