/**
 * Which language to answer in. Every shell has an explicit choice first (Discord:
 * the user's client language; CLI and console: `--lang`), then a default (Discord:
 * the server's; CLI and console: `LC_ALL`/`LANG`), then the language the paste
 * itself is written in (a question asked in Chinese is answered in Chinese), then
 * English.
 */
import { localeFromTag, type Locale } from '../render/messages.js';

/** A POSIX locale (`zh_CN.UTF-8`, `en_US`, `C.UTF-8`) → ours; `C`/`POSIX` say nothing about a language. */
export function localeFromPosix(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const lang = value.trim().replace(/[.@].*$/, '');
  if (!lang || /^(?:c|posix)$/i.test(lang)) return null;
  return localeFromTag(lang);
}

const han = /\p{Script=Han}/gu;
const latinWord = /\b[A-Za-z]{2,}\b/g;

/**
 * The language the asker writes in: Chinese when some line outside code fences is written in
 * Chinese (at least four Chinese characters, and no more English words than Chinese characters:
 * `用 asyncio.run 报错了` counts, an English log line quoting one Chinese name does not). A long
 * English traceback beside that line does not change it: the traceback is the program's, the
 * line is the person's. Null when the paste says nothing either way.
 */
export function pasteLocale(text: string): Locale | null {
  // Lines inside ``` fences are code: their comments and strings are not the asker's language.
  let inFence = false;
  for (const line of text.slice(0, 20_000).split('\n')) {
    if (line.trimStart().startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const hanChars = line.match(han)?.length ?? 0;
    if (hanChars >= 4 && hanChars >= (line.match(latinWord)?.length ?? 0)) return 'zh-CN';
  }
  return null;
}

/** The first choice that names a language we have, else English. */
export function chooseLocale(...choices: (Locale | null | undefined)[]): Locale {
  return choices.find((c): c is Locale => !!c) ?? 'en';
}
