import { UsageError, type CliCommand } from '../command.js';
import { readInput } from '../read-input.js';
import { caseInputFrom } from '../../case-record.js';
import { createEngine } from '../../engine.js';
import { diagnosisToJson } from '../../render/json.js';
import { renderText } from '../../render/text.js';

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain the async mistake in a paste (FILE or stdin).',
  usage: 'awaitbot explain [FILE] [--json] [--log]   (--log: record the case in DATABASE_PATH)',
  async run(args, io) {
    const json = args.includes('--json');
    const rest = args.filter((a) => a !== '--json' && a !== '--log');
    const unknown = rest.find((a) => a.startsWith('--'));
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    if (rest.length > 1) throw new UsageError('give at most one FILE');
    const input = await readInput(rest[0], io);
    const engine = await createEngine();
    const diagnosis = engine.diagnose(input);
    if (args.includes('--log')) {
      // Only on request: a one-off `explain` is not a case unless the user says so.
      const { openStore } = await import('../../store/index.js');
      const store = openStore();
      store.logCase(caseInputFrom(diagnosis, { source: 'cli', trigger: 'cli' }, diagnosis.elapsedMs));
      store.close();
    }
    io.stdout.write(json ? JSON.stringify(diagnosisToJson(diagnosis)) + '\n' : renderText(diagnosis));
    return 0;
  },
};
