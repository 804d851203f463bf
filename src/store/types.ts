/**
 * The store's contract: what the Discord layer, the console and the CLI may ask
 * of SQLite. Implemented in `src/store/` (issue 6). Every write is safe to call
 * on the reply path: it never throws; on failure it returns null/false and the
 * store logs the failure once.
 */

export type CaseSource = 'discord' | 'console' | 'cli';

export interface CaseInput {
  source: CaseSource;
  guildId: string | null;
  channelId: string | null;
  userId: string | null;
  /** How the case arrived: 'explain', 'context-menu', 'watch', 'modal', 'console', 'cli'. */
  trigger: string;
  language: 'python' | 'javascript' | null;
  /** Presented matches, best first; empty means unmatched. */
  matches: { rule: string; confidence: number }[];
  /** The paste AFTER intake's redaction. Never the raw text. */
  paste: string;
  fixShown: boolean;
  /** Short machine summary of the evidence, e.g. "py-error:RuntimeError; finding:py.unawaited-coroutine". */
  evidenceSummary: string;
  latencyMs: number;
}

export type Vote = 'helpful' | 'wrong';

export interface FaqEntry {
  guildId: string;
  /** lower-case-with-dashes; must not shadow a rule id or alias. */
  name: string;
  title: string;
  body: string;
  authorId: string;
  uses: number;
  createdAt: string;
  updatedAt: string;
}

export interface GuildSettings {
  guildId: string;
  /** Channel ids where help-channel watching is on. */
  watchChannels: string[];
  autoReply: boolean;
  retentionDays: number;
}

export interface CaseLog {
  /** Commits the case and returns its id, or null if the database failed (the reply must still go out). */
  logCase(input: CaseInput): number | null;
  /** One vote per user per case; a second vote by the same user replaces the first. */
  recordFeedback(caseId: number, userId: string, vote: Vote): boolean;
}
