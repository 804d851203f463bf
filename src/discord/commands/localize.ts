/**
 * Adds Discord's `name_localizations` / `description_localizations` to a command
 * definition from render's words, walking its subcommands, options and choices by
 * path. A path with no words keeps the English alone (a test holds that none is missing).
 */
import { commandWordsZhCN, type LocalizedWords } from '../../render/command-words.js';

interface Localizable {
  name: string;
  description?: string;
  name_localizations?: Record<string, string> | null;
  description_localizations?: Record<string, string> | null;
  options?: Localizable[];
  choices?: { name: string; value: unknown; name_localizations?: Record<string, string> | null }[];
}

function apply(node: Localizable, words: LocalizedWords | undefined): void {
  if (!words) return;
  node.name_localizations = { ...node.name_localizations, 'zh-CN': words.name };
  if (words.description && node.description !== undefined) node.description_localizations = { ...node.description_localizations, 'zh-CN': words.description };
}

function walk(node: Localizable, path: string): void {
  apply(node, commandWordsZhCN[path]);
  for (const c of node.choices ?? []) {
    const words = commandWordsZhCN[`${path}:${String(c.value)}`];
    if (words) c.name_localizations = { ...c.name_localizations, 'zh-CN': words.name };
  }
  for (const o of node.options ?? []) walk(o, `${path}/${o.name}`);
}

/** A copy of `data` carrying the Chinese names and descriptions. */
export function localizeCommand<T extends object>(data: T): T {
  const copy = structuredClone(data) as T & Localizable;
  walk(copy, copy.name);
  return copy;
}

/** Every path a command definition has (for the test that none lacks words). */
export function commandPaths(data: object): string[] {
  const out: string[] = [];
  const visit = (node: Localizable, path: string) => {
    out.push(path);
    for (const c of node.choices ?? []) out.push(`${path}:${String(c.value)}`);
    for (const o of node.options ?? []) visit(o, `${path}/${o.name}`);
  };
  visit(data as Localizable, (data as Localizable).name);
  return out;
}
