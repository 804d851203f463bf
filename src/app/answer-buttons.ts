/**
 * The answer's buttons: Show fix, Helpful, Wrong (feedback to the store),
 * Delete — what a press does, for every front end (the gateway bot and the
 * HTTP endpoint send the outcome their own way). A press acts only on the
 * case of the message it was pressed on (the caller finds it), and the
 * button's custom_id must name that same case; anything else (a forged id,
 * one copied from another message, garbage) is refused.
 * Who may press what is decided from the case, never from the custom_id:
 * - Show fix: the asker, or anyone when the answer was public;
 * - Helpful / Wrong: whoever can see the answer (anyone in its channel when it
 *   was public, else only the asker); one vote per user per case;
 * - Full explanation (the rule's page, when no published copy is linked): whoever can see the answer;
 * - Delete: the asker, or a member with Manage Messages.
 * Every refusal is one polite ephemeral reply.
 */
import type { Match } from '../diagnosis.js';
import type { Rule } from '../knowledge/schema.js';
import { log } from '../log.js';
import { decodeButton } from '../render/button-ids.js';
import { renderFixDetails, renderNotice, renderRulePageReply, type DiscordReply } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';
import type { AnsweredCase } from './answered-case.js';
import type { RecentCases } from './cases.js';
import type { Services } from './services.js';

export interface ButtonDeps extends Pick<Services, 'store' | 'diagnoser' | 'rulePagesUrl'> {
  recent: RecentCases;
  ruleById: ReadonlyMap<string, Rule>;
}

/** Who pressed, where, and what Discord says they may do there. */
export interface ButtonPresser {
  userId: string;
  channelId: string | null;
  canManageMessages: boolean;
  locale?: string | null;
}

export type ButtonOutcome =
  | { kind: 'reply'; reply: DiscordReply }
  /** A refusal: the reply says why; `reason` is for the log (metadata only). */
  | { kind: 'refused'; reply: DiscordReply; reason: string }
  /** Delete the message the button is on. */
  | { kind: 'delete' };

/** Every rule by its id and by each of its aliases (Show fix names the rule an answer was about). */
export function rulesById(rules: readonly Rule[]): Map<string, Rule> {
  const byId = new Map<string, Rule>();
  for (const rule of rules) {
    byId.set(rule.id, rule);
    for (const alias of rule.aliases) byId.set(alias, rule);
  }
  return byId;
}

/**
 * After a restart (or on another copy of the endpoint) the in-memory fixes are
 * not there, but the case log holds the (redacted) paste and the engine is
 * deterministic: diagnosing it again gives the same match and the same fix.
 */
async function rediagnose(caseId: number | null, ruleId: string, deps: ButtonDeps): Promise<Match | null> {
  if (caseId === null) return null;
  const stored = await deps.store.getCase(caseId);
  if (!stored) return null;
  // Through the worker pool, like every diagnosis: never on the thread that answers Discord.
  const outcome = await deps.diagnoser.diagnose(stored.paste);
  return outcome.kind === 'diagnosis' ? (outcome.diagnosis.matches.find((m) => m.rule.id === ruleId) ?? null) : null;
}

/** What pressing the button `customId` on the answer `findAnswered` names does for `presser`. */
export async function pressAnswerButton(deps: ButtonDeps, customId: string, findAnswered: () => Promise<AnsweredCase | null>, presser: ButtonPresser): Promise<ButtonOutcome> {
  const m = messages(resolveLocale(presser.locale));
  const refuse = (notice: string, reason: string): ButtonOutcome => ({ kind: 'refused', reply: renderNotice(notice), reason });
  const action = decodeButton(customId);
  if (!action) return refuse(m.buttonInactive, 'not a button of this bot');
  const answered = await findAnswered();
  if (!answered) return refuse(m.buttonInactive, 'the message answers no known case');
  if (answered.caseKey !== action.caseKey) return refuse(m.buttonNotForThisMessage, 'the button names another case than its message');
  const isAsker = answered.askerId !== null && presser.userId === answered.askerId;

  if (action.kind === 'fix') {
    if (!answered.public && !isAsker) return refuse(m.fixOnlyForAsker, 'fix of a private answer');
    const rule = answered.ruleId ? deps.ruleById.get(answered.ruleId) : undefined;
    if (!rule) return { kind: 'reply', reply: renderNotice(m.explanationGone) };
    const remembered = deps.recent.get(answered.caseKey);
    const match = remembered?.rule.id === rule.id ? remembered : await rediagnose(answered.caseId, rule.id, deps);
    return { kind: 'reply', reply: renderFixDetails(rule, match, presser.locale, deps.rulePagesUrl) };
  }

  const canSee = answered.public ? answered.channelId === null || answered.channelId === presser.channelId : isAsker;

  if (action.kind === 'full') {
    if (!canSee) return refuse(m.explanationOnlyOnVisible, 'full explanation of an answer the user cannot see');
    const rule = answered.ruleId ? deps.ruleById.get(answered.ruleId) : undefined;
    return { kind: 'reply', reply: rule ? renderRulePageReply(rule, presser.locale) : renderNotice(m.explanationGone) };
  }

  if (action.kind === 'vote') {
    if (!canSee) return refuse(m.voteOnlyOnVisible, 'vote on an answer the user cannot see');
    let saved = false;
    if (answered.caseId !== null) {
      try {
        saved = await deps.store.recordFeedback(answered.caseId, presser.userId, action.vote);
      } catch (e) {
        log.warn({ err: e }, 'recording feedback failed');
      }
    }
    const thanks = action.vote === 'helpful' ? m.thanksHelpful : m.thanksWrong;
    return { kind: 'reply', reply: renderNotice(saved ? thanks : `${thanks} ${m.voteNotSaved}`) };
  }

  if (!isAsker && !presser.canManageMessages) return refuse(m.deleteOnlyAskerOrModerator, 'delete by someone else');
  return { kind: 'delete' };
}
