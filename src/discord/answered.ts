/**
 * Which case each of the bot's answer messages belongs to. A button acts only
 * on the case of the message it was pressed on: Discord says which message
 * that is (`interaction.message`), and this module maps it to its case, from
 * memory or, after a restart, from the case log. Nothing a button carries
 * chooses a case.
 *
 * An answer's message id is known only once Discord has answered the send, so
 * a press can arrive first. Discord also stamps an answer to an interaction
 * with that interaction's id (`message.interactionMetadata`), which is known
 * before sending: answers are remembered under it too.
 */
import { log } from '../log.js';
import type { StoredCase } from '../app/types.js';
import type { DiagnosedCase } from '../app/cases.js';
import type { Services } from '../app/services.js';

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
  /** The answer's message, once Discord has said which it is. */
  messageId: string | null;
}

/** A bounded map, oldest out first. */
class Recent<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  get(key: string): V | null {
    return this.map.get(key) ?? null;
  }
}

/** The most recent answers by message id, and by the id of the interaction they answer. */
export class AnsweredMessages {
  readonly byMessage: Recent<AnsweredCase>;
  readonly byInteraction: Recent<AnsweredCase>;
  constructor(max = 5000) {
    this.byMessage = new Recent(max);
    this.byInteraction = new Recent(max);
  }
}

export interface AnswerContext extends Pick<Services, 'store'> {
  answered: AnsweredMessages;
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

/** Before an interaction is answered: its answer message (whatever its id turns out to be) belongs to `answer`. */
export function expectAnswer(ctx: AnswerContext, interactionId: string, answer: AnsweredCase): void {
  ctx.answered.byInteraction.set(interactionId, answer);
}

/** Records that `messageId` answers `answer`'s case (in memory at once, then with the case in the log). Never rejects. */
export async function recordAnswer(ctx: AnswerContext, answer: AnsweredCase, messageId: string): Promise<void> {
  // The same object is in byInteraction: from now on it stands for this message only.
  answer.messageId = messageId;
  ctx.answered.byMessage.set(messageId, answer);
  if (answer.caseId === null) return;
  try {
    await ctx.store.attachReply(answer.caseId, { messageId, public: answer.public });
  } catch (e) {
    log.warn({ err: e }, 'recording the answer message failed; its buttons work until the bot restarts');
  }
}

function fromStore(stored: StoredCase | null): AnsweredCase | null {
  if (!stored?.reply) return null;
  return {
    caseKey: stored.publicId,
    caseId: stored.id,
    askerId: stored.userId,
    channelId: stored.channelId,
    public: stored.reply.public,
    ruleId: stored.matches[0]?.rule ?? null,
    messageId: stored.reply.messageId,
  };
}

/** The pressed message, as Discord describes it in a button interaction. */
export interface PressedMessage {
  id: string;
  interactionMetadata?: { id: string } | null;
}

/** The case `message` answers, or null when it is not an answer of this bot (or one too old to know). */
export async function answeredCase(ctx: AnswerContext, message: PressedMessage): Promise<AnsweredCase | null> {
  const remembered = ctx.answered.byMessage.get(message.id);
  if (remembered) return remembered;
  let stored: AnsweredCase | null = null;
  try {
    stored = fromStore(await ctx.store.caseForReply(message.id));
  } catch (e) {
    log.warn({ err: e }, 'looking up an answer message failed');
  }
  if (stored) return stored;
  // Pressed before the send returned: the message is known by the interaction it answers, until its id is.
  const origin = message.interactionMetadata?.id;
  const pending = origin ? ctx.answered.byInteraction.get(origin) : null;
  return pending && (pending.messageId === null || pending.messageId === message.id) ? pending : null;
}
