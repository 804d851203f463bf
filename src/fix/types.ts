/** The contract between the pipeline and the fixers (`src/fix/python`, `src/fix/javascript`). */
import type { Evidence, Language, Phrase, SnippetFinding } from '../evidence/types.js';

export interface FixInput {
  /** The user's code block, normalised (what the finding's line numbers refer to). */
  code: string;
  language: Language;
  /** The findings, in this block, that made the rule match (may be empty when a traceback alone matched). */
  findings: SnippetFinding[];
  evidence: Evidence;
  /**
   * Set when the paste has no code block and `code` is the one line of the user's code that a
   * traceback or warning quotes (`File "bot.py", line 12, in on_message` and the line under it):
   * a fragment cut from somewhere the fixer cannot see. `function` is the frame's function when
   * the traceback names it (`<module>` for top-level code), null for a warning, which does not.
   * `named` is set when no traceback or warning quotes the line and the question's own words name
   * it instead (an inline code span, or the call a never-awaited warning names, written in a
   * sentence): the line is tied to the paste's errors and warnings by what they say, not by where
   * they were printed.
   */
  excerpt?: { function: string | null; named?: boolean };
  /**
   * The id of the rule the fix is for: a fixer two rules share reads a block with no finding the
   * way the matching rule's evidence says (`js/promise-used-as-value` matched on a printed
   * `Promise { <pending> }`: the call whose value is shown).
   */
  rule?: string;
  /**
   * The paste's sentences, where a message quoted without its tool's prefix stands (TypeScript's
   * "Property 'name' does not exist on type 'Promise<User>'."): a fixer with no finding reads what
   * that message names.
   */
  prose?: readonly string[];
}

export interface FixOutput {
  /** The whole block, rewritten. */
  code: string;
  /** One line in plain words: what the fix changed ("added `await` before `fetch_data()`"). */
  note: Phrase;
  /**
   * Set when `code` rewrites another code block of the paste than the one given (its
   * `blockIndex`): the mistake the finding shows in this block is made in a sibling block, such as
   * a function declared there that forgot to return its promise.
   */
  blockIndex?: number;
}

/** Returns null when it cannot fix this code safely; the rule's own corrected example is shown instead. */
export type Fixer = (input: FixInput) => FixOutput | null;
