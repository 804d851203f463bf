import { once } from 'node:events';
import { UsageError, type CliCommand } from '../command.js';
import { readLines, tooLargeMessage } from '../read-input.js';
import { caseInputFrom } from '../../app/case-record.js';
import { createEngine } from '../../engine.js';
import { matchToJson } from '../../render/json.js';

/**
 * JSON lines in (`{"id","text"}`), one JSON line out per input, in order. A bad
 * line (not JSON, no text, longer than the input cap) gets an error object; the
 * batch goes on.
 */
export const batchCommand: CliCommand = {
  name: 'batch',
  async run(args, io, config) {
    const unknown = args.find((a) => a !== '--log');
    if (unknown) throw new UsageError((m) => m.errors.unknownOption(unknown));
    const engine = await createEngine();
    const store = args.includes('--log') ? (await import('../../app/store.js')).openConfiguredStore(config) : null;
    /** The output object for one line's text (an error object when the line is not a usable paste). */
    const answer = async (text: string, lineNo: number): Promise<unknown> => {
      let id: unknown = null;
      try {
        const item = JSON.parse(text) as unknown;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('expected an object {"id","text"}');
        id = (item as { id?: unknown }).id ?? null;
        const paste = (item as { text?: unknown }).text;
        if (typeof paste !== 'string') throw new Error('"text" must be a string');
        const diagnosis = engine.diagnose(paste);
        await store?.logCase(caseInputFrom(diagnosis, { source: 'cli', trigger: 'batch' }, diagnosis.elapsedMs));
        return { id, matches: diagnosis.matches.map(matchToJson) };
      } catch (e) {
        return { id, line: lineNo, error: (e as Error).message.split('\n')[0] };
      }
    };
    let lineNo = 0;
    for await (const read of readLines(io.stdin)) {
      lineNo++;
      if ('text' in read && read.text.trim() === '') continue;
      // A line past the cap is reported as soon as it passes it; its id is in the part that was not kept.
      const out = 'text' in read ? await answer(read.text, lineNo) : { id: null, line: lineNo, error: tooLargeMessage(`line ${lineNo}`) };
      // One answer per line as soon as it is ready (a caller may wait for it before sending the next
      // paste), pausing when the reader is slower than we are.
      if (!io.stdout.write(JSON.stringify(out) + '\n')) await once(io.stdout, 'drain');
    }
    await store?.close();
    return 0;
  },
};
