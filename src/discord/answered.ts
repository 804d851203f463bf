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
import { LRUCache } from 'lru-cache';
import { log } from '../log.js';
import { answeredFromStore, type AnsweredCase } from '../app/answered-case.js';
import type { Services } from '../app/services.js';

/** The most recent answers by message id, and by the id of the interaction they answer: at most `max` of each, the least recently used out first. */
export class AnsweredMessages {
  readonly byMessage: LRUCache<string, AnsweredCase>;
  readonly byInteraction: LRUCache<string, AnsweredCase>;
  constructor(max = 5000) {
    this.byMessage = new LRUCache({ max });
    this.byInteraction = new LRUCache({ max });
  }
}

export interface AnswerContext extends Pick<Services, 'store'> {
  answered: AnsweredMessages;
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
    stored = answeredFromStore(await ctx.store.caseForReply(message.id, message.interactionMetadata?.id ?? null));
  } catch (e) {
    log.warn({ err: e }, 'looking up an answer message failed');
  }
  if (stored) return stored;
  // Pressed before the send returned: the message is known by the interaction it answers, until its id is.
  const origin = message.interactionMetadata?.id;
  const pending = origin ? ctx.answered.byInteraction.get(origin) : null;
  return pending && (pending.messageId === null || pending.messageId === message.id) ? pending : null;
}
