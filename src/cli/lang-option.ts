/** `--lang`, the option `explain` and `console` share. */
import { UsageError } from './command.js';
import { chooseLocale, localeFromPosix } from '../app/language.js';
import type { Config } from '../config.js';
import { localeFromTag, supportedLocales, type Locale } from '../render/messages.js';

/** Takes `--lang X` / `--lang=X` out of `args`; the JSON output is the same in every language. */
export function takeLang(args: string[]): { rest: string[]; locale: Locale | null } {
  const rest: string[] = [];
  let tag: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--lang') {
      tag = args[++i];
      if (tag === undefined || tag.startsWith('--')) throw new UsageError((m) => m.errors.langMissing(supportedLocales));
    } else if (a.startsWith('--lang=')) tag = a.slice('--lang='.length);
    else rest.push(a);
  }
  if (tag === undefined) return { rest, locale: null };
  const locale = localeFromTag(tag);
  if (!locale) throw new UsageError((m) => m.errors.langUnknown(tag, supportedLocales));
  return { rest, locale };
}

/** A command's language: `--lang`, else LC_ALL/LANG, else English; and its arguments without `--lang`. */
export function commandLocale(args: string[], config: Pick<Config, 'systemLocale'>): { rest: string[]; locale: Locale } {
  const { rest, locale } = takeLang(args);
  return { rest, locale: chooseLocale(locale, localeFromPosix(config.systemLocale)) };
}
