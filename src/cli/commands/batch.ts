import { once } from 'node:events';
import { UsageError, type CliCommand } from '../command.js';
import { readLines, tooLargeMessage } from '../../app/input.js';
import type { Config } from '../../config.js';

/** Answers read ahead of the one being written: enough to keep every worker busy, few enough to hold in memory. */
const maxWaiting = 64;

/**
 * Answers written in input order, each as soon as it and every answer before it are ready (a
 * caller may wait for one before sending the next paste), pausing when the reader of the output
 * is slower than we are.
 */
class InOrderWriter {
  private readonly waiting: { line: string | null }[] = [];
  private drained: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly out: NodeJS.WritableStream) {}

  add(answer: Promise<string>): void {
    const slot: { line: string | null } = { line: null };
    this.waiting.push(slot);
    void answer.then((line) => {
      slot.line = line;
      this.flush();
    });
  }

  private flush(): void {
    while (this.waiting.length > 0 && this.waiting[0]!.line !== null) {
      const { line } = this.waiting.shift()!;
      if (!this.out.write(line!) && !this.drained) this.drained = once(this.out, 'drain').then(() => void (this.drained = null));
    }
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Resolves once fewer than `limit` answers wait and the output takes more. */
  async room(limit: number): Promise<void> {
    while (this.waiting.length >= limit) await new Promise<void>((resolve) => (this.wake = resolve));
    while (this.drained) await this.drained;
  }
}

/**
 * Answers one line at a time in this process; with `log`, logs each case before its answer is
 * written (`--log`). Also the path without worker threads (`config.batchThreads` below 2).
 */
async function inProcessAnswerer(config: Config, log: boolean): Promise<{ answer(text: string, lineNo: number): Promise<string>; close(): Promise<void> }> {
  const [{ createEngine }, { answerBatchLine, batchLineError, RecentAnswers }, { caseInputFrom }] = await Promise.all([
    import('../../engine.js'),
    import('../../engine-pool/batch-line.js'),
    import('../../app/case-record.js'),
  ]);
  const engine = await createEngine();
  // The store (and with it the SQLite and PostgreSQL clients, a third of start-up) only when logging.
  const store = log ? (await import('../../app/store.js')).openConfiguredStore(config) : null;
  // A logged case needs its own diagnosis (its time, its paste); otherwise a paste seen before is answered as it was.
  const recent = log ? undefined : new RecentAnswers();
  return {
    async answer(text, lineNo) {
      const { out, diagnosis } = answerBatchLine(text, lineNo, (paste) => engine.diagnose(paste), recent);
      if (!diagnosis || !store) return JSON.stringify(out) + '\n';
      try {
        await store.logCase(caseInputFrom(diagnosis, { source: 'cli', trigger: 'batch' }, diagnosis.elapsedMs));
        return JSON.stringify(out) + '\n';
      } catch (e) {
        return JSON.stringify(batchLineError((out as { id: unknown }).id, lineNo, e)) + '\n';
      }
    },
    close: async () => store?.close(),
  };
}

/**
 * JSON lines in (`{"id","text"}`), one JSON line out per input, in order. A bad
 * line (not JSON, no text, longer than the input cap) gets an error object; the
 * batch goes on. Lines are answered on every core (worker threads, started at
 * the first line to answer) when there are cores to spare; with `--log`, or on
 * a machine of two cores or fewer, in this process, one at a time.
 */
export const batchCommand: CliCommand = {
  name: 'batch',
  async run(args, io, config) {
    const unknown = args.find((a) => a !== '--log');
    if (unknown) throw new UsageError((m) => m.errors.unknownOption(unknown));
    const logging = args.includes('--log');
    const threaded = !logging && config.batchThreads >= 2;
    // piscina (the worker threads) only when threads answer: loading it is start-up time a batch in this process would waste.
    const answerer = threaded ? new (await import('../../engine-pool/batch-pool.js')).BatchPool(config.batchThreads) : await inProcessAnswerer(config, logging);
    const writer = new InOrderWriter(io.stdout);
    let lineNo = 0;
    try {
      for await (const read of readLines(io.stdin)) {
        lineNo++;
        if ('text' in read && read.text.trim() === '') continue;
        // Logged cases go one at a time, in order; otherwise as many as keep the workers busy.
        await writer.room(threaded ? maxWaiting : 1);
        // A line past the cap is reported as soon as it passes it; its id is in the part that was not kept.
        writer.add('text' in read ? answerer.answer(read.text, lineNo) : Promise.resolve(JSON.stringify({ id: null, line: lineNo, error: tooLargeMessage(`line ${lineNo}`) }) + '\n'));
      }
      await writer.room(1);
    } finally {
      await answerer.close();
    }
    return 0;
  },
};
