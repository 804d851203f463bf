/**
 * Diagnosis off the main thread: the Discord gateway and every other user's
 * interaction live on the main thread's event loop, so a paste that takes
 * seconds to analyse must not run there. Pastes go to a small pool of worker
 * threads (piscina); each has a time budget counted from the moment a worker
 * starts on it. Past the budget the worker is terminated (piscina replaces
 * it) and the answer is "too complex to analyse".
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Diagnosis } from '../diagnosis.js';
import type { Redaction } from '../intake/types.js';
import type { Rule } from '../knowledge/schema.js';
import { log } from '../log.js';
import { fromPortable, type PortableDiagnosis } from './portable.js';
import { isProgressRecord, SharedProgress } from './progress.js';
import type { DiagnoseTask, WorkerSettings } from './worker.js';
import { workerExecArgv } from './worker-exec-argv.js';

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


/** Task numbers fit the progress record's Int32 and wrap long before two pastes in flight could share one. */
const maxTaskId = 0x7fffffff;

export class DiagnosisPool implements Diagnoser {
  private readonly piscina: Piscina<DiagnoseTask, PortableDiagnosis>;
  private readonly ruleById: Map<string, Rule>;
  /** Each live worker's progress record, by thread id. */
  private readonly progress = new Map<number, SharedProgress>();
  private lastTaskId = 0;

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
      execArgv: workerExecArgv(),
      workerData: { analysisLimits: options.analysisLimits ?? true } satisfies WorkerSettings,
      // A paste that makes the engine allocate without end fails its worker, not the bot.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
      // Nobody reads piscina's run and wait time histograms: not recorded.
      recordTiming: false,
    });
    // A worker that fails to start (a broken rule file) is reported; piscina starts another.
    this.piscina.on('error', (err: unknown) => log.error({ err }, 'a diagnosis worker failed'));
    this.piscina.on('message', (message: unknown) => {
      if (!isProgressRecord(message)) return;
      // A new worker replaces a stopped one: the records of workers that are gone go with them.
      const live = new Set(this.piscina.threads.map((t) => t.threadId));
      for (const id of this.progress.keys()) if (!live.has(id)) this.progress.delete(id);
      this.progress.set(message.threadId, new SharedProgress(message));
    });
  }

  /** Which worker is on task `taskId`, and since when (Date.now() time); null while it waits its turn. */
  private startedOn(taskId: number): { worker: SharedProgress; at: number } | null {
    for (const worker of this.progress.values()) {
      const at = worker.startedAtOf(taskId);
      if (at !== null) return { worker, at };
    }
    return null;
  }

  async diagnose(input: string | Uint8Array): Promise<DiagnosisOutcome> {
    const taskId = (this.lastTaskId = (this.lastTaskId % maxTaskId) + 1);
    const { budgetMs } = this.options;
    const abort = new AbortController();
    let stopped: { elapsedMs: number; paste: { text: string; redactions: Redaction[] } | null } | null = null;
    // The budget counts from when a worker starts on the paste: checked when it could have run out, then again until it has.
    const check = () => {
      const started = this.startedOn(taskId);
      const now = Date.now();
      const left = started ? started.at + budgetMs - now : budgetMs;
      if (left > 0) {
        timer = setTimeout(check, left);
        return;
      }
      stopped = { elapsedMs: now - started!.at, paste: started!.worker.pasteOf(taskId) };
      abort.abort();
    };
    let timer: NodeJS.Timeout = setTimeout(check, budgetMs);
    try {
      const portable = await this.piscina.run({ input, taskId }, { signal: abort.signal });
      return { kind: 'diagnosis', diagnosis: fromPortable(portable, this.ruleById) };
    } catch (err) {
      if (!abort.signal.aborted || !stopped) throw err;
      const { elapsedMs, paste } = stopped as { elapsedMs: number; paste: { text: string; redactions: Redaction[] } | null };
      log.warn({ budgetMs, elapsedMs: Math.round(elapsedMs) }, 'a paste ran over the diagnosis budget; its worker was stopped');
      return { kind: 'too-complex', paste, elapsedMs };
    } finally {
      clearTimeout(timer);
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
