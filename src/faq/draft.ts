/**
 * A first draft of a server FAQ entry from a reviewed case: the name, title
 * and triggers a moderator starts from (the answer is theirs to write).
 *
 * Triggers come from the paste's error line, the last error raised (the one
 * that ended the program): the whole line when it is safe as a trigger and
 * no built-in rule knows the paste, and the exception's type when that is
 * specific enough alone (a server library's `mybot.errors.ConfigMissing`,
 * not a bare `KeyError`). Parts
 * that change between runs (file paths, ids, addresses) are the moderator's
 * to cut; the draft never guesses at them.
 */
import type { Diagnosis } from '../diagnosis.js';
import { faqLimits, type FaqLanguage } from './entry.js';
import { checkTrigger, triggerLimits } from './triggers.js';

export interface FaqDraft {
  name: string;
  title: string;
  triggers: string[];
  language: FaqLanguage | null;
}

/**
 * `mybot.errors.ConfigMissing` → `config-missing`, `HTTPException` →
 * `http-exception`; at most 40 characters, never empty. A loop, not
 * regexes: splitting an acronym from the word after it by regex backtracks
 * quadratically on a long run of capitals, and the type comes from a paste.
 */
export function nameFrom(text: string): string {
  const last = (text.split('.').pop() ?? text).slice(0, 200);
  const isUpper = (c: string) => c >= 'A' && c <= 'Z';
  const isLower = (c: string) => c >= 'a' && c <= 'z';
  const isDigit = (c: string) => c >= '0' && c <= '9';
  let out = '';
  for (let i = 0; i < last.length; i++) {
    const c = last[i]!;
    if (!isUpper(c) && !isLower(c) && !isDigit(c)) {
      if (out && !out.endsWith('-')) out += '-';
      continue;
    }
    const prev = last[i - 1] ?? '';
    const next = last[i + 1] ?? '';
    // A new word starts at a capital after a lower-case letter or digit (configMissing), or at the last capital of an acronym (HTTPException).
    const startsWord = isUpper(c) && (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next)));
    if (startsWord && out && !out.endsWith('-')) out += '-';
    out += c.toLowerCase();
  }
  const name = out.slice(0, faqLimits.name).replace(/^-/, '');
  const trimmed = name.endsWith('-') ? name.slice(0, -1) : name;
  return trimmed || 'server-error';
}

/** The first line of `text` that says something, cut to `max`. */
function firstLine(text: string, max: number): string {
  const line = text.split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Whether an error message names something of its own: a quoted part (`'guild_id'`), a number, or a
 * dotted or snake_case name. "invalid syntax" or "list index out of range" after a builtin type is in
 * every paste with that mistake, so a trigger on it would answer pastes about anything.
 */
function isSpecific(message: string): boolean {
  return /['"`‘“]|\d|\w[._]\w/.test(message);
}

/**
 * The first line of prose that can serve as a trigger: not a markdown heading, which in a pasted issue is the
 * template's ("## Issue", "### Describe the bug") and is in every paste written from that template, and at least
 * three words, so that it names something of its own.
 */
function triggerLine(prose: string, max: number): string {
  const line = prose.split('\n').map((l) => l.trim()).find((l) => l.length > 0 && !/^#{1,6}(?:\s|$)/.test(l) && l.split(/\s+/).length >= 3) ?? '';
  return line.length > max ? line.slice(0, max) : line;
}

/** A type of Python's own async machinery (`asyncio.exceptions.TimeoutError`): the built-in rules' ground, and in every timeout. */
const stdlibAsyncType = /^(?:asyncio|concurrent\.futures)\./;

/**
 * A library type that names an HTTP status (`discord.errors.NotFound`, `...Forbidden`, `...HTTPException`): it says
 * what the server answered, not which request failed, so alone it would match every 404 of that library (an expired
 * interaction and a deleted webhook alike). Its message (the error code) is what tells them apart.
 */
const httpStatusType = /\.(?:NotFound|Forbidden|BadRequest|Unauthorized|HTTPException|HTTPError)$/;

export function draftFromDiagnosis(d: Pick<Diagnosis, 'evidence' | 'paste' | 'matches'>): FaqDraft {
  const error = d.evidence.errors.at(-1);
  const languages = d.evidence.languages;
  const language = error?.language ?? (languages.length === 1 ? languages[0]! : null);
  if (!error) {
    // Words people wrote, not code: a code line (or a fence's ```javascript) would match every paste of that language.
    const prose = d.paste.blocks.filter((b) => b.kind === 'prose').map((b) => b.text).join('\n');
    const line = firstLine(prose, faqLimits.title);
    const said = triggerLine(prose, triggerLimits.maxChars);
    const safe = checkTrigger(said);
    const title = line || firstLine(d.paste.text, faqLimits.title);
    return { name: nameFrom(title.split(/\s+/).slice(0, 4).join('-')), title: title || 'Server FAQ entry', triggers: safe.ok && said && d.matches.length === 0 ? [safe.trigger] : [], language };
  }
  const message = error.message.split('\n')[0]!.trim();
  const line = message ? `${error.type}: ${message}` : error.type;
  const triggers: string[] = [];
  const qualified = error.type.includes('.');
  // The whole line, unless it is a bare builtin type with no message ("TimeoutError" is in every timeout), or
  // wording a built-in rule already knows ("RuntimeError: Event loop is closed"): a server entry on that line would
  // answer every paste that shows it, whatever its cause. The moderator may still type such a trigger deliberately.
  const whole = checkTrigger(line);
  const ownType = qualified && !stdlibAsyncType.test(error.type);
  if (whole.ok && (ownType || (message && isSpecific(message))) && d.matches.length === 0) triggers.push(whole.trigger);
  // A module-qualified type names one library's error; a bare builtin (KeyError) would catch every paste with one.
  const type = checkTrigger(error.type);
  if (type.ok && ownType && !httpStatusType.test(error.type) && !triggers.includes(type.trigger)) triggers.push(type.trigger);
  return { name: nameFrom(error.type), title: firstLine(line, faqLimits.title), triggers, language };
}
