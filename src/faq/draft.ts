/**
 * A first draft of a server FAQ entry from a reviewed case: the name, title
 * and triggers a moderator starts from (the answer is theirs to write).
 *
 * Triggers come from the paste's error line, the last error raised (the one
 * that ended the program): the whole line when it is safe as a trigger, and
 * the exception's type when that is specific enough alone (a server
 * library's `mybot.errors.ConfigMissing`, not a bare `KeyError`). Parts
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

/** `mybot.errors.ConfigMissing` → `config-missing`; at most 40 characters, never empty. */
export function nameFrom(text: string): string {
  const last = text.split('.').pop() ?? text;
  const slug = last
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, faqLimits.name)
    .replace(/-+$/, '');
  return slug || 'server-error';
}

/** The first line of `text` that says something, cut to `max`. */
function firstLine(text: string, max: number): string {
  const line = text.split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function draftFromDiagnosis(d: Pick<Diagnosis, 'evidence' | 'paste'>): FaqDraft {
  const error = d.evidence.errors.at(-1);
  const languages = d.evidence.languages;
  const language = error?.language ?? (languages.length === 1 ? languages[0]! : null);
  if (!error) {
    const line = firstLine(d.paste.text, faqLimits.title);
    const safe = checkTrigger(line.slice(0, triggerLimits.maxChars));
    return { name: nameFrom(line.split(/\s+/).slice(0, 4).join('-')), title: line || 'Server FAQ entry', triggers: safe.ok ? [safe.trigger] : [], language };
  }
  const message = error.message.split('\n')[0]!.trim();
  const line = message ? `${error.type}: ${message}` : error.type;
  const triggers: string[] = [];
  const whole = checkTrigger(line);
  if (whole.ok) triggers.push(whole.trigger);
  // A module-qualified type names one library's error; a bare builtin (KeyError) would catch every paste with one.
  const type = checkTrigger(error.type);
  if (type.ok && error.type.includes('.') && !triggers.includes(type.trigger)) triggers.push(type.trigger);
  return { name: nameFrom(error.type), title: firstLine(line, faqLimits.title), triggers, language };
}
