/**
 * `awaitbot faq export|import|add`: a server's FAQ entries as Markdown files
 * (one per entry, src/faq/entry-file.ts), and an entry made from a reviewed
 * case. The file system is the CLI's; validation and the store's rules are
 * the same as /faq-admin's.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand, type CliIO } from '../command.js';
import { caseNumberOption, reviewedCase, withStore } from '../store-command.js';
import type { Config } from '../../config.js';
import { draftFromDiagnosis } from '../../faq/draft.js';
import { entryToFile, readEntryFiles, type EntryFile } from '../../faq/entry-file.js';
import { builtinTopicNames, validateFaqEntry, type EntryProblem } from '../../faq/entry.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { cliMessages, messages, type Locale } from '../../render/messages.js';
import { commandLocale } from '../lang-option.js';

/** Who the store records as the author of entries written from the command line. */
const cliAuthor = 'cli';
const guildIdPattern = /^\d{1,20}$/;

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/** One refused field, worded in the command's language. */
function fieldProblem(locale: Locale, p: { field: string; problem: EntryProblem }): string {
  const m = messages(locale);
  return m.faqFieldProblem(p.field, m.faqProblem(p.problem));
}

function parse<const O extends OptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function guildOption(value: unknown): string {
  if (typeof value !== 'string' || !guildIdPattern.test(value)) throw new UsageError((m) => m.errors.guildId);
  return value;
}

function dirArgument(positionals: string[], sub: string): string {
  if (positionals.length !== 1) throw new UsageError((m) => m.errors.oneDir(sub));
  return positionals[0]!;
}

async function exportEntries(args: string[], io: CliIO, config: Config, locale: Locale): Promise<number> {
  const { values, positionals } = parse(args, { guild: { type: 'string' } });
  const dir = dirArgument(positionals, 'export');
  const guildId = guildOption(values.guild);
  return withStore(config, async (store) => {
    const entries = await store.listFaq(guildId);
    mkdirSync(dir, { recursive: true });
    for (const e of entries) writeFileSync(join(dir, `${e.name}.md`), entryToFile(e));
    io.stdout.write(`${cliMessages(locale).reports.faqExported(entries.length, guildId, dir)}\n`);
    return 0;
  });
}

async function importEntries(args: string[], io: CliIO, config: Config, locale: Locale): Promise<number> {
  const say = cliMessages(locale).reports;
  const { values, positionals } = parse(args, { guild: { type: 'string' }, prune: { type: 'boolean' } });
  const dir = dirArgument(positionals, 'import');
  const guildId = guildOption(values.guild);
  let files: EntryFile[];
  try {
    files = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.md'))
      .map((d) => d.name)
      .sort()
      .map((name) => ({ path: name, text: readFileSync(join(dir, name), 'utf8') }));
  } catch (e) {
    throw new UsageError((m) => m.errors.cannotRead(dir, (e as Error).message.split('\n')[0]!));
  }
  const reserved = builtinTopicNames(loadKnowledge());
  // Every file first; the store is opened only when all of them are valid, so a failed import changes nothing.
  const read = readEntryFiles(files, { reserved: (name) => reserved.has(name) });
  if (!read.ok) {
    for (const p of read.problems) io.stderr.write(`${join(dir, p.path)}: ${fieldProblem(locale, p)}\n`);
    io.stderr.write(`${say.faqImportRefused(read.problems.length, new Set(read.problems.map((p) => p.path)).size, files.length)}\n`);
    return 1;
  }
  return withStore(config, async (store) => {
    const prune = values.prune === true;
    const result = await store.importFaq(guildId, read.entries.map((e) => ({ ...e, authorId: cliAuthor })), { prune });
    if (!result) {
      io.stderr.write(`${say.faqImportUnwritable}\n`);
      return 1;
    }
    io.stdout.write(`${say.faqImported(read.entries.length, guildId, result.added, result.replaced, prune ? result.removed : null)}\n`);
    return 0;
  });
}

async function addFromCase(args: string[], io: CliIO, config: Config, locale: Locale): Promise<number> {
  const say = cliMessages(locale).reports;
  const { values, positionals } = parse(args, {
    'from-case': { type: 'string' },
    answer: { type: 'string' },
    'answer-file': { type: 'string' },
    name: { type: 'string' },
    title: { type: 'string' },
    trigger: { type: 'string', multiple: true },
    guild: { type: 'string' },
  });
  if (positionals.length) throw new UsageError((m) => m.errors.unexpected(positionals[0]!));
  const caseId = caseNumberOption('from-case', values['from-case'] as string | undefined);
  if ((values.answer === undefined) === (values['answer-file'] === undefined)) throw new UsageError((m) => m.errors.oneAnswer);
  const body = values.answer ?? readFileSync(values['answer-file'] as string, 'utf8');
  const { createEngine } = await import('../../engine.js');
  const engine = await createEngine();
  return withStore(config, async (store) => {
    const stored = await reviewedCase(store, caseId, io, say);
    if (!stored) return 1;
    const guildId = values.guild !== undefined ? guildOption(values.guild) : stored.guildId;
    if (!guildId) throw new UsageError((m) => m.errors.caseNotInServer(caseId));
    // The stored paste is the redacted one: the draft can never carry a secret.
    const draft = draftFromDiagnosis(engine.diagnose(stored.paste));
    const checked = validateFaqEntry({
      name: values.name ?? draft.name,
      title: values.title ?? draft.title,
      triggers: (values.trigger as string[] | undefined) ?? draft.triggers,
      language: draft.language,
      body,
    });
    const reserved = builtinTopicNames(engine.rules);
    const problems = checked.ok ? [] : checked.problems.map((p) => fieldProblem(locale, p));
    if (checked.ok && reserved.has(checked.entry.name)) problems.push(messages(locale).faqFieldProblem('name', say.faqBuiltinName(checked.entry.name)));
    if (!checked.ok || problems.length) {
      for (const p of problems) io.stderr.write(`${p}\n`);
      io.stderr.write(`${say.faqNothingSaved}\n`);
      return 1;
    }
    const entry = checked.entry;
    const added = await store.addFaq({ guildId, ...entry, authorId: cliAuthor });
    if (!added.ok) {
      io.stderr.write(`${added.reason === 'exists' ? say.faqExists(guildId, entry.name) : say.faqUnwritable}\n`);
      return 1;
    }
    await store.markCaseAnswered(caseId, entry.name);
    io.stdout.write(
      `${say.faqAdded(entry.name, guildId, entry.title)}\n` +
        (entry.triggers.length ? `${say.faqTriggers}\n${entry.triggers.map((t) => `  - ${t}`).join('\n')}\n` : `${say.faqNoTriggers}\n`) +
        `${say.caseAnswered(caseId)}\n`,
    );
    return 0;
  });
}

export const faqCommand: CliCommand = {
  name: 'faq',
  async run(args, io, config) {
    const { rest: withoutLang, locale } = commandLocale(args, config);
    const [sub, ...rest] = withoutLang;
    if (sub === 'export') return exportEntries(rest, io, config, locale);
    if (sub === 'import') return importEntries(rest, io, config, locale);
    if (sub === 'add') return addFromCase(rest, io, config, locale);
    throw new UsageError((m) => m.errors.faqSubcommand);
  },
};
