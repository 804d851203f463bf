/**
 * An explained paste as the reply a user is given for asking (`/explain`, its
 * form, the context menu), and what that reply's buttons may do: the same for
 * the gateway bot and the HTTP endpoint.
 */
import { renderDiagnosis, renderNoMatch, renderServerFaqAnswer, renderTooComplex, type DiscordReply } from '../render/discord.js';
import { answerOf, type AnsweredCase } from './answered-case.js';
import type { ExplainedCase } from './cases.js';

/** A match at least this sure is shown in the channel (context menu) or answered unasked (watching). */
export const confidentAt = 0.8;

export interface AskedReplyOptions {
  locale?: string | null;
  /** 'match': visible whenever something matched; 'confident': only when sure, else ephemeral. */
  visible: 'match' | 'confident';
  askerId: string | null;
  channelId: string | null;
  /** Where docs/rules/ is published (AWAITBOT_RULE_PAGES_URL): "Full explanation" opens the rule's own page there. */
  rulePages?: string | null;
}

/** The reply, and the answer record its buttons act on (null for a reply without them). */
export function askedReply(explained: ExplainedCase, options: AskedReplyOptions): { reply: DiscordReply; answer: AnsweredCase | null } {
  const { locale } = options;
  if (explained.kind === 'too-complex') return { reply: renderTooComplex(explained.redactions, locale), answer: null };
  const d = explained.diagnosis;
  const best = d.matches[0];
  const fromFaq = explained.serverFaq.entry;
  if (!best && !fromFaq) return { reply: renderNoMatch(d, locale), answer: null };
  let reply: DiscordReply;
  if (fromFaq) {
    // The server's moderators wrote this entry for exactly this text: shown like a confident answer.
    reply = renderServerFaqAnswer(fromFaq.entry, { caseKey: explained.caseKey, public: true, trigger: fromFaq.trigger, locale, redactions: d.paste.redactions });
  } else {
    const visible = options.visible === 'match' || best!.confidence >= confidentAt;
    reply = renderDiagnosis(d, { caseKey: explained.caseKey, public: visible, locale, seeAlso: explained.serverFaq.seeAlso, rulePages: options.rulePages });
  }
  // The answer's buttons find their case by the message they are on, never by what they carry.
  return { reply, answer: answerOf(explained, { askerId: options.askerId, channelId: options.channelId }, !reply.ephemeral) };
}
