/**
 * The case log: writing a case with its matches, votes, the message that
 * answered it, and reading cases back. Writes and lookups run on the reply
 * path, so none of them throws (see guarded.ts).
 */
import { redactSecrets } from '../intake/redact.js';
import type { GuardedDb } from './guarded.js';
import { newPublicId } from './migrations.js';
import type { CaseInput, CaseOutcome, CaseReply, CaseSource, StoredCase, Vote } from './types.js';

/** Larger pastes are cut: intake caps them well below this, so it only guards the file. */
export const maxPasteChars = 100_000;
export const maxMatches = 25;

export interface CaseRow {
  id: number;
  created_at: number;
  source: string;
  guild_id: string | null;
  channel_id: string | null;
  user_id: string | null;
  trigger: string;
  language: string | null;
  matched: number;
  paste: string;
  fix_shown: number;
  evidence_summary: string;
  latency_ms: number;
  public_id: string;
  reply_message_id: string | null;
  reply_public: number | null;
  reply_interaction_id: string | null;
  outcome: string;
  answered_by: string | null;
  matches_json: string;
  helpful: number;
  wrong: number;
}

/** The columns of a CaseRow, for `SELECT ${caseColumns} FROM cases c …`. */
export const caseColumns = `
  c.id, c.created_at, c.source, c.guild_id, c.channel_id, c.user_id, c.trigger, c.language, c.matched,
  c.paste, c.fix_shown, c.evidence_summary, c.latency_ms, c.public_id, c.reply_message_id, c.reply_public, c.reply_interaction_id, c.outcome, c.answered_by,
  (SELECT json_group_array(json_object('rule', m.rule_id, 'confidence', m.confidence) ORDER BY m.rank)
     FROM case_matches m WHERE m.case_id = c.id) AS matches_json,
  (SELECT count(*) FROM feedback f WHERE f.case_id = c.id AND f.vote = 'helpful') AS helpful,
  (SELECT count(*) FROM feedback f WHERE f.case_id = c.id AND f.vote = 'wrong') AS wrong`;

export const caseByIdSql = `SELECT ${caseColumns} FROM cases c WHERE c.id = ?`;

export function toStoredCase(row: CaseRow): StoredCase {
  return {
    id: row.id,
    publicId: row.public_id,
    reply:
      row.reply_message_id === null && row.reply_interaction_id === null
        ? null
        : { messageId: row.reply_message_id, public: row.reply_public === null ? null : row.reply_public === 1 },
    createdAt: new Date(row.created_at).toISOString(),
    source: row.source as CaseSource,
    guildId: row.guild_id,
    channelId: row.channel_id,
    userId: row.user_id,
    trigger: row.trigger,
    language: row.language as StoredCase['language'],
    matches: JSON.parse(row.matches_json) as StoredCase['matches'],
    paste: row.paste,
    fixShown: row.fix_shown === 1,
    evidenceSummary: row.evidence_summary,
    latencyMs: row.latency_ms,
    outcome: row.outcome as CaseOutcome,
    votes: { helpful: row.helpful, wrong: row.wrong },
    answeredBy: row.answered_by,
  };
}

const insertCaseSql = `INSERT INTO cases (created_at, source, guild_id, channel_id, user_id, trigger, language, matched,
                                          paste, fix_shown, evidence_summary, latency_ms, public_id, outcome, reply_interaction_id)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/**
 * The paste as stored: cut to maxPasteChars, and redacted unless it is intake's own output (which is
 * redacted already), so a caller that forgot cannot put a secret in the database.
 */
export function storedPaste(input: CaseInput): string {
  const paste = input.paste.length > maxPasteChars ? input.paste.slice(0, maxPasteChars) : input.paste;
  return input.pasteFromIntake ? paste : redactSecrets(paste).text;
}

/** A case's columns from created_at to outcome, in the order both backends' inserts list them. */
export function caseColumnValues(input: CaseInput, paste: string, at: number): (string | number | null)[] {
  return [
    at,
    input.source,
    input.guildId,
    input.channelId,
    input.userId,
    input.trigger,
    input.language,
    input.matches.length > 0 ? 1 : 0,
    paste,
    input.fixShown ? 1 : 0,
    input.evidenceSummary,
    Number.isFinite(input.latencyMs) ? input.latencyMs : 0,
    input.publicId ?? newPublicId(),
    input.outcome ?? 'diagnosed',
  ];
}

const insertMatchSql = 'INSERT INTO case_matches (case_id, rank, rule_id, confidence, created_at, guild_id) VALUES (?, ?, ?, ?, ?, ?)';

export class CaseStore {
  constructor(private readonly db: GuardedDb) {}

  /** Committed with the other reply-path writes of this turn of the event loop (GuardedDb.writeSoon); resolves once committed. */
  logCase(input: CaseInput): Promise<number | null> {
    // The case's time is when it was logged, not when its batch commits.
    const at = Date.now();
    return this.db.writeSoon('logCase', null, (c) => {
      // Inside the queue's transaction: the case and its matches are committed together or not at all.
      const paste = storedPaste(input);
      const matches = input.matches.slice(0, maxMatches);
      const id = Number(c.sql(insertCaseSql).run(...caseColumnValues(input, paste, at), input.answersInteraction ?? null).lastInsertRowid);
      const insertMatch = c.sql(insertMatchSql);
      matches.forEach((m, rank) => insertMatch.run(id, rank, m.rule, m.confidence, at, input.guildId));
      return id;
    });
  }

  recordFeedback(caseId: number, userId: string, vote: Vote): boolean {
    return this.db.write('recordFeedback', false, (c) => {
      // Nothing is inserted when the case is gone (expired or forgotten).
      return (
        c
          .sql(
            `INSERT INTO feedback (case_id, user_id, vote, created_at, case_created_at)
             SELECT id, ?, ?, ?, created_at FROM cases WHERE id = ?
             ON CONFLICT (case_id, user_id) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
          )
          .run(userId, vote, Date.now(), caseId).changes > 0
      );
    });
  }

  attachReply(caseId: number, reply: CaseReply & { messageId: string }): boolean {
    return this.db.write('attachReply', false, (c) => {
      // An edited answer (help-channel watching) is the same message answering a new case: the old case lets go of it.
      const attachReplyTx = c.cached('attachReply', (db) =>
        db.transaction((caseId: number, reply: CaseReply & { messageId: string }): boolean => {
          c.sql('UPDATE cases SET reply_message_id = NULL, reply_public = NULL WHERE reply_message_id = ? AND id <> ?').run(reply.messageId, caseId);
          return c.sql('UPDATE cases SET reply_message_id = ?, reply_public = ? WHERE id = ?').run(reply.messageId, reply.public ? 1 : 0, caseId).changes > 0;
        }),
      );
      return attachReplyTx.immediate(caseId, reply);
    });
  }

  caseForReply(messageId: string, interactionId: string | null = null): StoredCase | null {
    return this.db.lookup('caseForReply', null, (c) => {
      const byMessage = c.sql<[string], CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.reply_message_id = ?`).get(messageId);
      if (byMessage || interactionId === null) return byMessage ? toStoredCase(byMessage) : null;
      // A message named by the interaction it answers counts only while no other message claimed that case.
      const byInteraction = c
        .sql<[string, string], CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.reply_interaction_id = ? AND (c.reply_message_id IS NULL OR c.reply_message_id = ?)`)
        .get(interactionId, messageId);
      return byInteraction ? toStoredCase(byInteraction) : null;
    });
  }

  markCaseAnswered(caseId: number, faqName: string): boolean {
    return this.db.write('markCaseAnswered', false, (c) => c.sql('UPDATE cases SET answered_by = ? WHERE id = ?').run(faqName, caseId).changes === 1);
  }

  getCase(id: number): StoredCase | null {
    return this.db.lookup('getCase', null, (c) => {
      const row = c.sql<[number], CaseRow>(caseByIdSql).get(id);
      return row ? toStoredCase(row) : null;
    });
  }
}
