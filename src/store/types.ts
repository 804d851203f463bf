/**
 * The store's contract: what the Discord layer, the console and the CLI may ask
 * of SQLite. Implemented in `src/store/` (issue 6). Every write is safe to call
 * on the reply path: it never throws; on failure it returns null/false and the
 * store logs the failure once.
 */

export type CaseSource = 'discord' | 'console' | 'cli';

/** How a case ended: diagnosed (matched or not), or stopped as too complex to analyse (over the diagnosis budget, or its code turned away by the step limits). */
export type CaseOutcome = 'diagnosed' | 'too-complex';

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
  /** The case's id outside the database (random, 128 bits). The store makes one when not given. */
  publicId?: string;
  /** Default 'diagnosed'. */
  outcome?: CaseOutcome;
}

/** The Discord message a case was answered with, and whether everyone in its channel could see it. */
export interface CaseReply {
  messageId: string;
  public: boolean;
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
  /** Records the message that answered the case (a message answers one case: an edited answer moves to its new case). */
  attachReply(caseId: number, reply: CaseReply): boolean;
  /** The case a message of the bot answered, or null (none, unknown, or the database failed). */
  caseForReply(messageId: string): StoredCase | null;
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

export interface RuleStats {
  rule: string;
  /** Cases where this rule was the best presented match. */
  cases: number;
  helpful: number;
  wrong: number;
}

export interface Stats {
  /** ISO times bounding the period: [since, until). */
  since: string;
  until: string;
  days: number;
  guildId: string | null;
  cases: number;
  matched: number;
  /** matched / cases, 0 when there are no cases. */
  matchedShare: number;
  /** Best-first by cases, at most 10. */
  topRules: RuleStats[];
  /** Channels with the most cases, at most 5. */
  busiestChannels: { channelId: string; cases: number }[];
  votes: { helpful: number; wrong: number };
  /** wrong / (helpful + wrong): the 👎 rate; 0 when nobody voted. */
  wrongRate: number;
}

export interface StatsQuery {
  days: number;
  guildId?: string | null;
  /** End of the period; default now. */
  now?: Date;
}

/** A case as the log holds it: what was logged, plus its id, time and votes. */
export interface StoredCase extends CaseInput {
  id: number;
  publicId: string;
  /** The Discord message that answered it, once known. */
  reply: CaseReply | null;
  createdAt: string;
  votes: { helpful: number; wrong: number };
}

export interface ReviewItem extends StoredCase {
  /** Why a moderator should look: nothing matched, or someone voted "wrong". */
  reason: 'unmatched' | 'wrong';
  /** When it became worth a look: the case's time when unmatched, the latest "wrong" vote otherwise. */
  flaggedAt: string;
}

export type FaqWriteResult =
  | { ok: true; entry: FaqEntry }
  | { ok: false; reason: 'exists' | 'missing' | 'unavailable' };

export interface StoreHealth {
  ok: boolean;
  path: string;
  /** Why the store cannot answer, when ok is false. */
  error?: string;
  schemaVersion?: number;
  cases?: number;
  /** Last gateway heartbeat the bot recorded, if any. */
  gatewayHeartbeat?: string | null;
}

/**
 * The whole store. Writes never throw (they return null/false and the failure
 * is logged once); reads for moderators (stats, review, export, FAQ lists)
 * throw StoreUnavailableError when the database cannot answer.
 */
export interface Store extends CaseLog {
  readonly path: string;
  getCase(id: number): StoredCase | null;

  listFaq(guildId: string): FaqEntry[];
  getFaq(guildId: string, name: string): FaqEntry | null;
  addFaq(entry: { guildId: string; name: string; title: string; body: string; authorId: string }): FaqWriteResult;
  editFaq(entry: { guildId: string; name: string; title?: string; body?: string; authorId: string }): FaqWriteResult;
  removeFaq(guildId: string, name: string): FaqWriteResult;
  /** Counts one use of a FAQ entry (for /faq); false when missing or the database failed. */
  recordFaqUse(guildId: string, name: string): boolean;

  getSettings(guildId: string): GuildSettings;
  updateSettings(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>): GuildSettings | null;
  /** Servers with auto-reply on and at least one watched help channel (the bot asks for message content only if there are any). */
  watchedGuildIds(): string[];

  /** Deletes cases older than their server's retention (default 90 days); returns how many, or null on failure. */
  purgeExpired(now?: Date): number | null;
  /** Calls purgeExpired now and then every intervalMs (default 6 h) on an unref'd timer; returns a stop function. */
  startRetention(intervalMs?: number): () => void;
  /** Erases a user's cases (with their matches and votes) and the votes they cast. */
  forgetUser(userId: string): { cases: number; feedback: number } | null;

  stats(query: StatsQuery): Stats;
  review(query: { limit: number; guildId?: string | null }): ReviewItem[];
  /** Cases created at or after `since` (all when absent), oldest first. */
  exportCases(query: { since?: Date }): IterableIterator<StoredCase>;

  /** The Discord layer calls this on each gateway heartbeat ack; `awaitbot health` checks it is recent. */
  recordGatewayHeartbeat(now?: Date): boolean;
  lastGatewayHeartbeat(): Date | null;

  health(): StoreHealth;
  close(): void;
}
