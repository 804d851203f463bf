import { UsageError, type CliCommand } from '../command.js';
import { readInput } from '../read-input.js';
import { codeFilePasteBytes } from '../../app/code-file.js';
import { caseInputFrom } from '../../app/case-record.js';
import { diagnosisToJson } from '../../render/json.js';
import { chooseLocale, localeFromPosix, pasteLocale } from '../../app/language.js';
import { takeLang } from '../lang-option.js';
import { terminalLayoutOf, type TerminalLayout } from '../../render/terminal.js';
import { renderText } from '../../render/text.js';

/** Terminal layout when a person reads the answer (stdout is a TTY); NO_COLOR keeps the wrapping without styles. */
function terminalOption(stream: unknown, noColor: boolean): { terminal?: TerminalLayout } {
  const layout = terminalLayoutOf(stream, { noColor });
  return layout ? { terminal: layout } : {};
}


export const explainCommand: CliCommand = {
  name: 'explain',
  async run(args, io, config) {
    const json = args.includes('--json');
    const { rest: withoutLang, locale } = takeLang(args);
    const rest = withoutLang.filter((a) => a !== '--json' && a !== '--log');
    const unknown = rest.find((a) => a.startsWith('--'));
    if (unknown) throw new UsageError((m) => m.errors.unknownOption(unknown));
    if (rest.length > 1) throw new UsageError((m) => m.errors.oneFile);
    const file = rest[0];
    // A code file is code from its first line (a script opening with a comment is no question in prose).
    const read = await readInput(file, io);
    const input = file && file !== '-' ? codeFilePasteBytes(read, file) : read;
    // Loaded only once the input is read: input past the cap is refused without paying for the parsers.
    const { createEngine } = await import('../../engine.js');
    const engine = await createEngine();
    const diagnosis = engine.diagnose(input);
    if (args.includes('--log')) {
      // Only on request: a one-off `explain` is not a case unless the user says so.
      const { openConfiguredStore } = await import('../../app/store.js');
      const store = openConfiguredStore(config);
      await store.logCase(caseInputFrom(diagnosis, { source: 'cli', trigger: 'cli' }, diagnosis.elapsedMs));
      await store.close();
    }
    // --lang, then the terminal's LC_ALL/LANG, then the language the paste is written in, then English.
    const answerIn = chooseLocale(locale, localeFromPosix(config.systemLocale), pasteLocale(diagnosis.paste.text));
    io.stdout.write(json ? JSON.stringify(diagnosisToJson(diagnosis)) + '\n' : renderText(diagnosis, { locale: answerIn, ...terminalOption(io.stdout, config.noColor) }));
    return 0;
  },
};
