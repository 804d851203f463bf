/**
 * `awaitbot batch` on every core: lines go to worker threads (piscina), each with its own engine,
 * and come back as finished JSON lines. The caller keeps them in input order (see cli/commands/batch.ts).
 * This side loads no engine: the main thread only reads, hands out and writes.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { BatchTask } from './batch-worker.js';
import { workerExecArgv } from './worker-exec-argv.js';

export class BatchPool {
  /** Started at the first line to answer: a batch of nothing (or of lines too long to read) starts no engine. */
  private piscina: Piscina<BatchTask, string> | null = null;

  constructor(
    private readonly threads: number,
    private readonly filename = fileURLToPath(new URL('./batch-worker.js', import.meta.url)),
  ) {}

  /** The JSON line (with its newline) answering input line `lineNo`; never rejects (a failed worker answers with an error object). */
  async answer(text: string, lineNo: number): Promise<string> {
    this.piscina ??= new Piscina<BatchTask, string>({
      filename: this.filename,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: Infinity,
      execArgv: workerExecArgv(),
      // A paste that makes the engine allocate without end fails its worker and its line, not the batch.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    try {
      return await this.piscina.run({ text, lineNo });
    } catch (e) {
      // The worker died with the line (out of memory, say): its id is unknown here.
      return JSON.stringify({ id: null, line: lineNo, error: (e as Error).message.split('\n')[0] }) + '\n';
    }
  }

  async close(): Promise<void> {
    await this.piscina?.destroy();
  }
}
