import { createInterface } from 'node:readline';
import type { CliCommand } from '../command.js';
import { createEngine } from '../../engine.js';
import { matchToJson } from '../../render/json.js';

/** JSON lines in (`{"id","text"}`), one JSON line out per input, in order. A bad line gets an error object; the batch goes on. */
export const batchCommand: CliCommand = {
  name: 'batch',
  summary: 'Diagnose JSON lines {"id","text"} from stdin; one JSON line out per input.',
  usage: 'awaitbot batch < pastes.jsonl',
  async run(_args, io) {
    const engine = await createEngine();
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
        out = { id, matches: engine.diagnose(text).matches.map(matchToJson) };
      } catch (e) {
        out = { id, line: lineNo, error: (e as Error).message.split('\n')[0] };
      }
      io.stdout.write(JSON.stringify(out) + '\n');
    }
    return 0;
  },
};
