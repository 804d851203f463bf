/**
 * A rule's words as a reply about one match reads them: the summary that fits
 * where the mistake sits (`summaryInLoop` inside a running event loop, where
 * "start it with `asyncio.run(…)`" would be wrong advice, and without the "How
 * to fix" steps that start a loop), and the rule's example names (`fetch_data`)
 * replaced by the user's own (`ctx.send`) in the summary, what happened, why,
 * how to fix and the context advice shown, in every locale.
 */
import escapeStringRegexp from 'escape-string-regexp';
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

/** A fenced code block of a rule's Markdown: a whole example program, never rewritten. */
const fencedBlock = /^ *```[^\n]*\n[^]*?^ *```/gm;

/** A span quoting what a program printed (`RuntimeWarning: coroutine 'x' …`, `DiscordAPIError[10062]: …`): kept as printed. */
const printedOutput = /(?:Error|Exception|Warning|Rejection)(?:\[\d+\])?:/;

/**
 * `text` with each example name inside a code span replaced by the user's name.
 * Only whole names in spans of code: prose that happens to hold the same word,
 * a longer name that contains it (`fetch_data_all`, `self.fetch_data`), a name
 * in quotes or being defined (`'fetch_data'`, `async def fetch_data()`), quoted
 * error output and fenced example programs stay as written.
 */
export function withUserNames(text: string, names: ReadonlyMap<string, string>): string {
  // A text that defines the example name itself (`async def main(): …` then `asyncio.run(main())`) means its own function by it.
  const used = [...names].filter(([example]) => !new RegExp(`\\b(?:def|function|class)\\s+${escapeStringRegexp(example)}\\b`).test(text));
  if (used.length === 0) return text;
  const patterns = used.map(([example, name]) => [new RegExp(`(?<![\\p{L}\\p{N}_$.'"]|\\b(?:def|function|class)\\s+)${escapeStringRegexp(example)}(?![\\p{L}\\p{N}_$'"])`, 'gu'), name] as const);
  const inSpans = (prose: string): string => {
    const parts = prose.split('`');
    for (let i = 1; i < parts.length - 1; i += 2) {
      if (printedOutput.test(parts[i]!)) continue;
      // A function, not a string: `$$` or `$&` in a JavaScript name must not act as a replacement pattern.
      for (const [pattern, name] of patterns) parts[i] = parts[i]!.replace(pattern, () => name);
    }
    return parts.join('`');
  };
  let out = '';
  let last = 0;
  for (const block of text.matchAll(fencedBlock)) {
    out += inSpans(text.slice(last, block.index)) + block[0];
    last = block.index + block[0].length;
  }
  return out + inSpans(text.slice(last));
}

/** A step of a "How to fix" list that starts an event loop: wrong advice where one already runs. */
const startsALoop = /`[^`]*\basyncio\.run\([^`]*`/;

/**
 * `fix` without the list items that start a loop (`asyncio.run(…)`), for a mistake that sits
 * where a loop already runs. Paragraphs and other items stay; a list left empty keeps nothing.
 */
export function withoutLoopStarts(fix: string): string {
  const items: string[][] = [];
  for (const line of fix.split('\n')) {
    const continues = items.length > 0 && line !== '' && !/^[-*] /.test(line) && /^\s/.test(line);
    if (continues) items[items.length - 1]!.push(line);
    else items.push([line]);
  }
  return items.filter((item) => !(/^[-*] /.test(item[0]!) && startsALoop.test(item.join(' ')))).map((item) => item.join('\n')).join('\n');
}

/** The rule's words for a reply about `m`, in `locale` (English where untranslated). */
export function matchText(m: Pick<Match, 'rule' | 'findings' | 'where' | 'onLoop'>, locale: Locale): RuleText {
  const words = ruleText(m.rule, locale);
  const names = userNames(m);
  const inLoop = m.onLoop ? (words.locale === 'en' ? m.rule.summaryInLoop : m.rule.i18n?.[words.locale]?.summaryInLoop) : undefined;
  const sections: Record<string, string> = { ...words.sections };
  // "By context" speaks of other places than the user's (a Flask view, a notebook): its examples stay the rule's.
  for (const heading of ['What happened', 'Why', 'How to fix']) {
    const text = words.sections[heading];
    if (text === undefined) continue;
    // A rule with a summary for inside a loop advises starting one elsewhere: its fix steps that do are left out too.
    const fitting = heading === 'How to fix' && inLoop !== undefined ? withoutLoopStarts(text) : text;
    sections[heading] = withUserNames(fitting, names);
  }
  return {
    ...words,
    summary: withUserNames(inLoop ?? words.summary, names),
    sections,
    variant: (say) => withUserNames(words.variant(say), names),
  };
}
