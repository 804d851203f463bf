/**
 * The records every layer speaks of — a case, a vote, a FAQ entry, a
 * server's settings, the stats and review lists — owned by the core (app/).
 * The store keeps them (src/store/types.ts implements its contract over
 * them), the shells show them, render/ draws them; none of those owns them.
 * Types only: importing this file loads nothing.
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
  /**
   * Set when `paste` is intake's own output (a Diagnosis's paste, or what the worker handed over for a paste
   * stopped over budget), which intake has redacted: the store then does not redact it a second time (on
   * the reply path that second pass cost more than the rest of logging the case). Unset, the store redacts.
   */
  pasteFromIntake?: true;
  fixShown: boolean;
  /** Short machine summary of the evidence, e.g. "py-error:RuntimeError; finding:py.unawaited-coroutine". */
  evidenceSummary: string;
  latencyMs: number;
  /** The case's id outside the database (random, 128 bits). The store makes one when not given. */
  publicId?: string;
  /** Default 'diagnosed'. */
  outcome?: CaseOutcome;
  /**
   * The interaction the case's answer is sent for, when that answer is the interaction's response (the
   * HTTP endpoint): Discord stamps the message with it, so a button pressed on any copy finds the case.
   */
  answersInteraction?: string | null;
}

/** The Discord message a case was answered with, and whether everyone in its channel could see it. */
export interface CaseReply {
  /** Null while only the interaction it answers is known (an answer sent as the HTTP endpoint's response). */
  messageId: string | null;
  /** Null while only the interaction is known: the message's own flags then say (Discord sends them with a press). */
  public: boolean | null;
}

export type Vote = 'helpful' | 'wrong';

export interface FaqEntry {
  guildId: string;
  /** lower-case-with-dashes; must not shadow a rule id or alias. */
  name: string;
  title: string;
  body: string;
  /** Literal error strings or phrases that make the entry answer a paste by itself (checked by src/faq/triggers.ts). */
  triggers: string[];
  /** When set, the triggers answer only pastes in this language (or of unknown language). */
  language: 'python' | 'javascript' | null;
  authorId: string;
  uses: number;
  createdAt: string;
  updatedAt: string;
}

/** What a moderator writes of an entry; the store adds the use count and times. */
export interface FaqEntryInput {
  guildId: string;
  name: string;
  title: string;
  body: string;
  triggers?: string[];
  language?: 'python' | 'javascript' | null;
  authorId: string;
}

export interface GuildSettings {
  guildId: string;
  /** Channel ids where help-channel watching is on. */
  watchChannels: string[];
  autoReply: boolean;
  retentionDays: number;
  /** `/settings language:`: the language of unasked answers (`en`, `zh-CN`); null → each paste's own language. */
  language: string | null;
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
  /** Cases answered by one of the server's own FAQ entries (its triggers): repeats nobody had to answer by hand. */
  answeredByFaq: number;
}

/** Week by week, how often each of a period's top rules was the best match: what the /stats chart draws. */
export interface RuleWeeks {
  /** ISO times bounding the period: [since, until), a whole number of weeks ending now. */
  since: string;
  until: string;
  /** ISO time each week starts at, oldest first; a week is 7 days counted back from `until`. */
  weeks: string[];
  /** The period's top rules (at most 5), most cases first; `counts[i]` is the cases of week i. */
  rules: { rule: string; counts: number[] }[];
}

export interface RuleWeeksQuery {
  weeks: number;
  guildId?: string | null;
  /** End of the period; default now. */
  now?: Date;
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
  /** The server FAQ entry a moderator made from this case (it then leaves the review list). */
  answeredBy: string | null;
}

export interface ReviewItem extends StoredCase {
  /** Why a moderator should look: nothing matched, or someone voted "wrong". */
  reason: 'unmatched' | 'wrong';
  /** When it became worth a look: the case's time when unmatched, the latest "wrong" vote otherwise. */
  flaggedAt: string;
}

/** What an FAQ import changed. */
export interface FaqImportResult {
  added: number;
  replaced: number;
  /** Entries removed because `prune` was asked and no file had them. */
  removed: number;
}

export type FaqWriteResult =
  | { ok: true; entry: FaqEntry }
  | { ok: false; reason: 'exists' | 'missing' | 'unavailable' };
