/**
 * A rule's words as a reply about one match reads them: the summary that fits
 * where the mistake sits (`summaryInLoop` inside a running event loop, where
 * "start it with `asyncio.run(…)`" would be wrong advice), and the rule's
 * example names (`fetch_data`) replaced by the user's own (`ctx.send`) in the
 * summary and the context advice, in every locale.
 */
import type { Match } from '../diagnosis.js';
import { ruleText, type Locale, type RuleText } from './messages.js';

/**
 * A name from the user's code that may stand in a code span of the bot's own
 * Markdown: dotted identifiers only (letters of any script), so nothing a
 * paste holds (a backtick, a link, a mention) can reach the reply this way.
 */
const plainName = /^[\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}_$][\p{L}\p{N}_$]*){0,5}$/u;

/** The function a line of code calls first (`message.channel.send(errs)` → `message.channel.send`), or null. */
const calledName = /^(?:await\s+)?([\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}_$][\p{L}\p{N}_$]*)*)\s*\(/u;

/**
 * The user's names a reply may use: the match's first snippet finding's data
 * (`callee`, `name`, `receiver`…); without a finding, the `callee` of the
 * user's line the error output shows (Python prints it under the warning).
 */
function factsOf(m: Pick<Match, 'findings' | 'where'>): Record<string, string> {
  const data = m.findings[0]?.data;
  if (data) return data;
  const callee = m.where?.source ? calledName.exec(m.where.source.trim())?.[1] : undefined;
  return callee ? { callee } : {};
}

/** The rule's example names → the user's (empty when the paste does not show them). */
export function userNames(m: Pick<Match, 'rule' | 'findings' | 'where'>): Map<string, string> {
  const out = new Map<string, string>();
  const data = factsOf(m);
  for (const [example, field] of Object.entries(m.rule.names ?? {})) {
    const name = data[field];
    if (name && name !== example && name.length <= 80 && plainName.test(name)) out.set(example, name);
  }
  return out;
}

/**
 * `text` with each example name inside a code span replaced by the user's name.
 * Only whole names in spans: prose that happens to hold the same word, and a
 * longer name that contains it (`fetch_data_all`, `self.fetch_data`), stay as written.
 */
export function withUserNames(text: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return text;
  const parts = text.split('`');
  for (let i = 1; i < parts.length - 1; i += 2) {
    let span = parts[i]!;
    for (const [example, name] of names) span = span.replace(new RegExp(`(?<![\\p{L}\\p{N}_$.])${example}(?![\\p{L}\\p{N}_$])`, 'gu'), name);
    parts[i] = span;
  }
  return parts.join('`');
}

/** The rule's words for a reply about `m`, in `locale` (English where untranslated). */
export function matchText(m: Pick<Match, 'rule' | 'findings' | 'where' | 'onLoop'>, locale: Locale): RuleText {
  const words = ruleText(m.rule, locale);
  const names = userNames(m);
  const inLoop = m.onLoop ? (words.locale === 'en' ? m.rule.summaryInLoop : m.rule.i18n?.[words.locale]?.summaryInLoop) : undefined;
  return {
    ...words,
    summary: withUserNames(inLoop ?? words.summary, names),
    variant: (say) => withUserNames(words.variant(say), names),
  };
}
