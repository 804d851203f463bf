/** A Diagnosis: plain data the renderers (text, JSON, Discord) turn into replies. */
import type { Evidence, Language, Phrase, SnippetFinding } from './evidence/types.js';
import type { Paste } from './intake/types.js';
import type { Rule } from './knowledge/schema.js';

export interface UserLocation {
  file: string | null;
  line: number | null;
  /** The user's own source line, as the traceback or snippet shows it. */
  source: string | null;
}

export interface Fix {
  language: Language;
  /** The user's code block rewritten. */
  code: string;
  /** Unified diff from the user's code to `code`. */
  diff: string;
  /** 1-based lines of `code` that changed or were added. */
  changedLines: number[];
  /** What the fix changed, in the user's names ("added `await` before `fetch_data()`"). */
  note: Phrase;
}

export interface Match {
  rule: Rule;
  /** 0..1 */
  confidence: number;
  /** Named from a question's words rather than from evidence (src/match/prose.ts): shown as a likely match, never posted unasked. */
  likely?: boolean;
  /** Which evidence made the rule match, in plain words (for logs and "why this answer"). */
  reasons: string[];
  /** The user's line the mistake is on, when the paste shows it. */
  where: UserLocation | null;
  /** Snippet findings of this rule, with the user's names in `message`. */
  findings: SnippetFinding[];
  /** The user's own code fixed, when a fixer applies. */
  fix: Fix | null;
  /** Context-specific advice (Jupyter, FastAPI…) that applies to this paste. */
  variants: string[];
  /** The mistake sits where an event loop already runs (an `async def`, a discord.py handler, a notebook): advice to start one does not apply. */
  onLoop?: boolean;
}

export interface Diagnosis {
  /** What the bot presents, best first. Empty means "no known async error". */
  matches: Match[];
  paste: Paste;
  evidence: Evidence;
  /** Milliseconds spent in the engine. */
  elapsedMs: number;
}
