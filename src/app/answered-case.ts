/**
 * What an answer's buttons may do, decided by the case the answer belongs to
 * (never by what a button carries): who asked, where, whether everyone could
 * see it, and the rule it was about. The gateway bot keeps these in memory
 * and in the case log; the HTTP endpoint, which may run as several copies,
 * only in the case log.
 */
import type { DiagnosedCase } from './cases.js';
import type { StoredCase } from './types.js';

export interface AnsweredCase {
  /** The case's public id: a button of this message must carry this one. */
  caseKey: string;
  /** The store's id; null when the case could not be logged (its buttons then work from memory only). */
  caseId: number | null;
  askerId: string | null;
  channelId: string | null;
  /** Everyone in the channel could see the answer (false: only the asker). */
  public: boolean;
  /** The rule the answer was about (its best match), for Show fix. */
  ruleId: string | null;
  /** The answer's message, once known. */
  messageId: string | null;
}

/** What an answer to `explained`, asked by `who`, lets its buttons do. */
export function answerOf(explained: DiagnosedCase, who: { askerId: string | null; channelId: string | null }, isPublic: boolean): AnsweredCase {
  return {
    caseKey: explained.caseKey,
    caseId: explained.caseId,
    askerId: who.askerId,
    channelId: who.channelId,
    public: isPublic,
    // An answer from the server's FAQ has no built-in rule, so no Show fix.
    ruleId: explained.serverFaq.entry ? null : (explained.diagnosis.matches[0]?.rule.id ?? null),
    messageId: null,
  };
}

/**
 * The answer a logged case records, or null when no answer of it was recorded. `publicWhenUnknown`: whether
 * everyone can see the answer, as Discord reports it with a press, for an answer the store knows only by its
 * interaction (its message was never attached).
 */
export function answeredFromStore(stored: StoredCase | null, publicWhenUnknown = false): AnsweredCase | null {
  if (!stored?.reply) return null;
  return {
    caseKey: stored.publicId,
    caseId: stored.id,
    askerId: stored.userId,
    channelId: stored.channelId,
    public: stored.reply.public ?? publicWhenUnknown,
    ruleId: stored.matches[0]?.rule ?? null,
    messageId: stored.reply.messageId,
  };
}
