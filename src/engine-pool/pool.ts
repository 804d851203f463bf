/**
 * Diagnosis off the main thread: the Discord gateway and every other user's
 * interaction live on the main thread's event loop, so a paste that takes
 * seconds to analyse must not run there. Pastes go to a small pool of worker
 * threads (piscina); each has a time budget counted from the moment a worker
 * starts on it. Past the budget the worker is terminated (piscina replaces
 * it) and the answer is "too complex to analyse".
 */
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Diagnosis } from '../diagnosis.js';
import type { Redaction } from '../intake/types.js';
import type { Rule } from '../knowledge/schema.js';
import { log } from '../log.js';
import { fromPortable, type PortableDiagnosis } from './portable.js';
import type { DiagnoseTask, WorkerNote, WorkerSettings } from './worker.js';

export type DiagnosisOutcome =
  | { kind: 'diagnosis'; diagnosis: Diagnosis }
  | {
      kind: 'too-complex';
      /** The normalised, redacted paste and what was redacted, when intake finished before the stop; null otherwise (nothing unredacted is kept). */
      paste: { text: string; redactions: Redaction[] } | null;
      /** Time the worker spent on it before it was stopped. */
      elapsedMs: number;
    };

/** What the bot and the console diagnose through. */
export interface Diagnoser {
  diagnose(input: string | Uint8Array): Promise<DiagnosisOutcome>;
  /** Resolves once a worker has loaded its engine and answered (the bot waits for it before going online). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Milliseconds a worker may spend on one paste. */
  budgetMs: number;
  threads: number;
  /** False turns off the engine's own per-step bounds in the workers (AWAITBOT_ANALYSIS_LIMITS=off; tests only). Default true. */
  analysisLimits?: boolean;
  /** The worker module; defaults to worker.js beside this file (tests running the TypeScript sources point at dist/). */
  filename?: string;
}


export class DiagnosisPool implements Diagnoser {
  private readonly piscina: Piscina<DiagnoseTask, PortableDiagnosis>;
  private readonly ruleById: Map<string, Rule>;

  constructor(
    rules: readonly Rule[],
    private readonly options: PoolOptions,
  ) {
    this.ruleById = new Map(rules.map((r) => [r.id, r]));
    this.piscina = new Piscina<DiagnoseTask, PortableDiagnosis>({
      filename: options.filename ?? fileURLToPath(new URL('./worker.js', import.meta.url)),
      minThreads: options.threads,
      maxThreads: options.threads,
      idleTimeout: Infinity,
      workerData: { analysisLimits: options.analysisLimits ?? true } satisfies WorkerSettings,
      // A paste that makes the engine allocate without end fails its worker, not the bot.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    // A worker that fails to start (a broken rule file) is reported; piscina starts another.
    this.piscina.on('error', (err: unknown) => log.error({ err }, 'a diagnosis worker failed'));
  }

  async diagnose(input: string | Uint8Array): Promise<DiagnosisOutcome> {
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let startedAt: number | null = null;
    let paste: { text: string; redactions: Redaction[] } | null = null;
    let timer: NodeJS.Timeout | undefined;
    port1.on('message', (note: WorkerNote) => {
      if (note.kind === 'started') {
        startedAt = performance.now();
        timer = setTimeout(() => abort.abort(), this.options.budgetMs);
      } else paste = { text: note.text, redactions: note.redactions };
    });
    try {
      const portable = await this.piscina.run({ input, port: port2 }, { transferList: [port2], signal: abort.signal });
      return { kind: 'diagnosis', diagnosis: fromPortable(portable, this.ruleById) };
    } catch (err) {
      if (!abort.signal.aborted) throw err;
      const elapsedMs = startedAt === null ? 0 : performance.now() - startedAt;
      log.warn({ budgetMs: this.options.budgetMs, elapsedMs: Math.round(elapsedMs) }, 'a paste ran over the diagnosis budget; its worker was stopped');
      return { kind: 'too-complex', paste, elapsedMs };
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  async ready(): Promise<void> {
    await this.diagnose('');
  }

  /** Stops every worker at once (the bot is shutting down; unfinished pastes are dropped). */
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
