/**
 * Server FAQ entries as files, in the spirit of `knowledge/`: one Markdown
 * file per entry, `NAME.md`, YAML front matter for the machine (`name`,
 * `title`, `triggers`, optional `language`) and the answer as the body. A
 * server can keep its FAQ in git and review changes like code.
 *
 * Import is all or nothing: `readEntryFiles` checks every file first and
 * returns either every entry or every problem (file and field), never a part.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { validateFaqEntry, type FaqEntryContent, type FieldProblem } from './entry.js';

export interface EntryFile {
  /** The file's name as shown in problems (relative to the directory). */
  path: string;
  text: string;
}

export interface FileProblem extends FieldProblem {
  path: string;
}

/** `entry` as a file: front matter, a blank line, the answer. Reading it back gives the same entry. */
export function entryToFile(entry: FaqEntryContent): string {
  const front: Record<string, unknown> = { name: entry.name, title: entry.title, triggers: [...entry.triggers] };
  if (entry.language) front.language = entry.language;
  // lineWidth 0: a long trigger stays on one line, as it is matched.
  return `---\n${stringifyYaml(front, { lineWidth: 0 })}---\n\n${entry.body.trim()}\n`;
}

/** One file → its entry, or what is wrong with it (each field). */
export function entryFromFile(file: EntryFile): { ok: true; entry: FaqEntryContent } | { ok: false; problems: FieldProblem[] } {
  const text = file.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) return { ok: false, problems: [{ field: 'front matter', problem: { kind: 'no-front-matter' } }] };
  const end = text.indexOf('\n---\n', 3);
  const endAtEof = text.endsWith('\n---') ? text.length - 4 : -1;
  const close = end >= 0 ? end : endAtEof;
  if (close < 0) return { ok: false, problems: [{ field: 'front matter', problem: { kind: 'unclosed-front-matter' } }] };
  let front: unknown;
  try {
    front = parseYaml(text.slice(4, close + 1));
  } catch (e) {
    return { ok: false, problems: [{ field: 'front matter', problem: { kind: 'bad-yaml', detail: (e as Error).message.split('\n')[0]! } }] };
  }
  if (front === null || typeof front !== 'object' || Array.isArray(front)) {
    return { ok: false, problems: [{ field: 'front matter', problem: { kind: 'not-a-mapping' } }] };
  }
  if ('body' in front) return { ok: false, problems: [{ field: 'body', problem: { kind: 'body-in-front-matter' } }] };
  return validateFaqEntry({ ...front, body: text.slice(close + 5) });
}

export interface ReadOptions {
  /** Names the entries may not take (built-in rule ids and aliases: /faq would show the rule instead). */
  reserved?: (name: string) => boolean;
}

/**
 * Every file checked before anything is used: the schema (with trigger
 * safety and Discord's limits), a name matching its file name, names unique
 * across files and not reserved. All the entries, or all the problems.
 */
export function readEntryFiles(files: readonly EntryFile[], options: ReadOptions = {}): { ok: true; entries: FaqEntryContent[] } | { ok: false; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const entries: FaqEntryContent[] = [];
  const firstFileOf = new Map<string, string>();
  for (const file of files) {
    const read = entryFromFile(file);
    if (!read.ok) {
      problems.push(...read.problems.map((p) => ({ path: file.path, ...p })));
      continue;
    }
    const { name } = read.entry;
    const base = file.path.split(/[\\/]/).pop()!.replace(/\.md$/i, '');
    if (base !== name) problems.push({ path: file.path, field: 'name', problem: { kind: 'name-not-file-name', name } });
    const earlier = firstFileOf.get(name);
    if (earlier !== undefined) problems.push({ path: file.path, field: 'name', problem: { kind: 'duplicate-name', name, firstFile: earlier } });
    else firstFileOf.set(name, file.path);
    if (options.reserved?.(name)) problems.push({ path: file.path, field: 'name', problem: { kind: 'builtin-name', name } });
    entries.push(read.entry);
  }
  return problems.length ? { ok: false, problems } : { ok: true, entries };
}
