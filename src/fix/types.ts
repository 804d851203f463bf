/** The contract between the pipeline and the fixers (`src/fix/python`, `src/fix/javascript`). */
import type { Evidence, Language, SnippetFinding } from '../evidence/types.js';

export interface FixInput {
  /** The user's code block, normalised (what the finding's line numbers refer to). */
  code: string;
  language: Language;
  /** The findings, in this block, that made the rule match (may be empty when a traceback alone matched). */
  findings: SnippetFinding[];
  evidence: Evidence;
}

export interface FixOutput {
  /** The whole block, rewritten. */
  code: string;
  /** One line in plain words: what the fix changed ("added `await` before `fetch_data()`"). */
  note: string;
}

/** Returns null when it cannot fix this code safely; the rule's own corrected example is shown instead. */
export type Fixer = (input: FixInput) => FixOutput | null;
