/**
 * The store's contract: what the core (app/) may ask of SQLite, over the
 * records the core owns (app/types.ts, re-exported here for the store's own
 * code and tests). Implemented in `src/store/` (issue 6). Every method is
 * asynchronous, so one interface covers SQLite (which answers at once) and a
 * database server (which has to be waited for). Every write is safe to call
 * on the reply path: it never rejects; on failure it resolves to null/false and
 * the store logs the failure once.
 */

import type { CaseSource, CaseOutcome, CaseInput, CaseReply, Vote, FaqEntry, FaqEntryInput, GuildSettings, RuleStats, RuleWeeks, RuleWeeksQuery, Stats, StatsQuery, StoredCase, ReviewItem, FaqWriteResult, FaqImportResult } from '../app/types.js';

export type { CaseSource, CaseOutcome, CaseInput, CaseReply, Vote, FaqEntry, FaqEntryInput, GuildSettings, RuleStats, RuleWeeks, RuleWeeksQuery, Stats, StatsQuery, StoredCase, ReviewItem, FaqWriteResult, FaqImportResult };

export interface CaseLog {
  /** Commits the case and returns its id, or null if the database failed (the reply must still go out). */
  logCase(input: CaseInput): Promise<number | null>;
  /** One vote per user per case; a second vote by the same user replaces the first. */
  recordFeedback(caseId: number, userId: string, vote: Vote): Promise<boolean>;
  /** Records the message that answered the case (a message answers one case: an edited answer moves to its new case). */
  attachReply(caseId: number, reply: CaseReply & { messageId: string }): Promise<boolean>;
  /**
   * The case a message of the bot answered, or null (none, unknown, or the database failed). A message not yet
   * attached is found by `interactionId`, the interaction Discord says it answers (CaseInput.answersInteraction).
   */
  caseForReply(messageId: string, interactionId?: string | null): Promise<StoredCase | null>;
  /**
   * Counts one explanation for `userId` against a sliding window shared by every process on this store:
   * 0 when allowed (and counted), else the seconds to wait (not counted). 0 when the database fails: a
   * store fault must not silence the bot.
   */
  takeRateLimit(userId: string, limit: number, windowMs: number, now?: number): Promise<number>;
}

/* ---- Added by the case-log issue (6): everything the bot, console and CLI may ask of the store. ---- */

export interface StoreOptions {
  /** How long a write waits for another connection's lock before giving up (ms). Default 500: the reply path must not stall. */
  busyTimeoutMs?: number;
  /** After a failure other than a busy lock, how long to wait before reopening the file (ms). Default 30 s. */
  reopenAfterMs?: number;
  /** Retention for cases outside a server or in a server without its own setting. Default 90 (the CLI passes RETENTION_DAYS). */
  defaultRetentionDays?: number;
  /** Caps the database file (rounded down to whole pages); writes past it fail as "disk full". Default: no cap. */
  maxSizeBytes?: number;
  /** Create the file when there is none (default). `awaitbot health` says false: a missing file is the fault to report, not to paper over. */
  create?: boolean;
}

export interface StoreHealth {
  ok: boolean;
  path: string;
  /** Why the store cannot answer, when ok is false. */
  error?: string;
  schemaVersion?: number;
  cases?: number;
  /** Last gateway heartbeat the bot recorded, if any. */
  gatewayHeartbeat?: string | null;
  /** Each shard's last gateway heartbeat (a bot without shards is shard 0 of 1). */
  shardHeartbeats?: ShardHeartbeat[];
}

/** One shard's last gateway heartbeat, and how many shards it was one of. */
export interface ShardHeartbeat {
  shard: number;
  shardCount: number;
  at: string;
}

/**
 * The whole store. Writes never reject (they resolve to null/false and the failure
 * is logged once); reads for moderators (stats, review, export, FAQ lists)
 * reject with StoreUnavailableError when the database cannot answer.
 */
export interface Store extends CaseLog {
  readonly path: string;
  getCase(id: number): Promise<StoredCase | null>;

  listFaq(guildId: string): Promise<FaqEntry[]>;
  getFaq(guildId: string, name: string): Promise<FaqEntry | null>;
  addFaq(entry: FaqEntryInput): Promise<FaqWriteResult>;
  /** Changes only the fields given (triggers: [] removes them all; language: null removes it). */
  editFaq(entry: Partial<FaqEntryInput> & Pick<FaqEntryInput, 'guildId' | 'name' | 'authorId'>): Promise<FaqWriteResult>;
  removeFaq(guildId: string, name: string): Promise<FaqWriteResult>;
  /**
   * Adds or replaces (keeping use counts) every entry in one transaction: all
   * are written or none. Returns how many were added and replaced, or null when
   * the database failed. Entries must be validated first (src/faq/entry.ts).
   */
  /**
   * Every entry in one transaction, replacing same-named ones (their use counts kept). With `prune`, the
   * server's entries that are not among `entries` are removed in the same transaction: the files are the FAQ.
   */
  importFaq(guildId: string, entries: readonly Omit<FaqEntryInput, 'guildId'>[], options?: { prune?: boolean }): Promise<FaqImportResult | null>;
  /** Changes whenever the server's entries change (added, edited, removed): when to rebuild its trigger index. */
  faqRevision(guildId: string): Promise<string>;
  /** Records that a moderator made the FAQ entry `faqName` from this case; false when the case is gone or the database failed. */
  markCaseAnswered(caseId: number, faqName: string): Promise<boolean>;
  /** Counts one use of a FAQ entry (for /faq); false when missing or the database failed. */
  recordFaqUse(guildId: string, name: string): Promise<boolean>;

  getSettings(guildId: string): Promise<GuildSettings>;
  updateSettings(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>): Promise<GuildSettings | null>;
  /** Servers with auto-reply on and at least one watched help channel (the bot asks for message content only if there are any). */
  watchedGuildIds(): Promise<string[]>;

  /** Deletes cases older than their server's retention (default 90 days); returns how many, or null on failure. */
  purgeExpired(now?: Date): Promise<number | null>;
  /** Calls purgeExpired now and then every intervalMs (default 6 h) on an unref'd timer; returns a stop function. */
  startRetention(intervalMs?: number): () => void;
  /** Erases a user's cases (with their matches and votes) and the votes they cast. */
  forgetUser(userId: string): Promise<{ cases: number; feedback: number } | null>;

  stats(query: StatsQuery): Promise<Stats>;
  /** The top rules' cases week by week (the /stats chart), counted like `stats` counts top rules. */
  ruleWeeks(query: RuleWeeksQuery): Promise<RuleWeeks>;
  review(query: { limit: number; guildId?: string | null }): Promise<ReviewItem[]>;
  /** Cases created at or after `since` (all when absent), oldest first. */
  exportCases(query: { since?: Date }): AsyncIterable<StoredCase>;

  /** The Discord layer calls this on each gateway heartbeat ack, for each shard it runs (default shard 0 of 1); `awaitbot health` checks every shard's is recent. */
  recordGatewayHeartbeat(now?: Date, shard?: { id: number; count: number }): Promise<boolean>;
  lastGatewayHeartbeat(): Promise<Date | null>;

  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
