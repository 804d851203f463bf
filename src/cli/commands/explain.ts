import { UsageError, type CliCommand } from '../command.js';
import { readInput } from '../read-input.js';
import { caseInputFrom } from '../../app/case-record.js';
import { diagnosisToJson } from '../../render/json.js';
import { localeFromTag, supportedLocales, type Locale } from '../../render/messages.js';
import { renderText } from '../../render/text.js';

/** Takes `--lang X` / `--lang=X` out of `args`; the JSON output is the same in every language. */
function takeLang(args: string[]): { rest: string[]; locale: Locale } {
  const rest: string[] = [];
  let tag: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--lang') {
      tag = args[++i];
      if (tag === undefined || tag.startsWith('--')) throw new UsageError(`--lang needs a language: ${supportedLocales.join(' or ')}`);
    } else if (a.startsWith('--lang=')) tag = a.slice('--lang='.length);
    else rest.push(a);
  }
  if (tag === undefined) return { rest, locale: 'en' };
  const locale = localeFromTag(tag);
  if (!locale) throw new UsageError(`--lang ${tag} is not available; use ${supportedLocales.join(' or ')}`);
  return { rest, locale };
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain the async mistake in a paste (FILE or stdin).',
  usage: `awaitbot explain [FILE] [--json] [--log] [--lang ${supportedLocales.join('|')}]   (--log: record the case in DATABASE_PATH; --lang: language of the text answer)`,
  async run(args, io, config) {
    const json = args.includes('--json');
    const { rest: withoutLang, locale } = takeLang(args);
    const rest = withoutLang.filter((a) => a !== '--json' && a !== '--log');
    const unknown = rest.find((a) => a.startsWith('--'));
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    if (rest.length > 1) throw new UsageError('give at most one FILE');
    const input = await readInput(rest[0], io);
    // Loaded only once the input is read: input past the cap is refused without paying for the parsers.
    const { createEngine } = await import('../../engine.js');
    const engine = await createEngine();
    const diagnosis = engine.diagnose(input);
    if (args.includes('--log')) {
      // Only on request: a one-off `explain` is not a case unless the user says so.
      const { openConfiguredStore } = await import('../../app/store.js');
      const store = openConfiguredStore(config);
      store.logCase(caseInputFrom(diagnosis, { source: 'cli', trigger: 'cli' }, diagnosis.elapsedMs));
      store.close();
    }
    io.stdout.write(json ? JSON.stringify(diagnosisToJson(diagnosis)) + '\n' : renderText(diagnosis, { locale }));
    return 0;
  },
};
