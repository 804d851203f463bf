import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { UsageError, type CliCommand } from '../command.js';
import { caseInputFrom } from '../../case-record.js';
import { createEngine } from '../../engine.js';
import { matchToJson } from '../../render/json.js';

/** JSON lines in (`{"id","text"}`), one JSON line out per input, in order. A bad line gets an error object; the batch goes on. */
export const batchCommand: CliCommand = {
  name: 'batch',
  summary: 'Diagnose JSON lines {"id","text"} from stdin; one JSON line out per input.',
  usage: 'awaitbot batch [--log] < pastes.jsonl   (--log: record each case in DATABASE_PATH)',
  async run(args, io) {
    const unknown = args.find((a) => a !== '--log');
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    const engine = await createEngine();
    const store = args.includes('--log') ? (await import('../../store/index.js')).openStore() : null;
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      let id: unknown = null;
      let out: unknown;
      try {
        const item = JSON.parse(line) as unknown;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('expected an object {"id","text"}');
        id = (item as { id?: unknown }).id ?? null;
        const text = (item as { text?: unknown }).text;
        if (typeof text !== 'string') throw new Error('"text" must be a string');
        const diagnosis = engine.diagnose(text);
        store?.logCase(caseInputFrom(diagnosis, { source: 'cli', trigger: 'batch' }, diagnosis.elapsedMs));
        out = { id, matches: diagnosis.matches.map(matchToJson) };
      } catch (e) {
        out = { id, line: lineNo, error: (e as Error).message.split('\n')[0] };
      }
      // One answer per line as soon as it is ready (a caller may wait for it before sending the next
      // paste), pausing when the reader is slower than we are.
      if (!io.stdout.write(JSON.stringify(out) + '\n')) await once(io.stdout, 'drain');
    }
    store?.close();
    return 0;
  },
};
