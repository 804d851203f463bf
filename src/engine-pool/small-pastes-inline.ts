/**
 * Small pastes diagnosed on the calling thread, the rest in the worker pool.
 *
 * Handing a paste to a worker costs more than diagnosing an ordinary one: the
 * task and the Diagnosis are copied across threads (about 5 KB for a
 * 1 KB traceback), both threads wake each other, and every worker compiles the
 * engine's hot code for itself. Measured under `bench/serve.mjs` (/explain, a
 * 1 KB traceback), the pool took about 1.8 ms of CPU per answer across all
 * threads and in-thread diagnosis about 1.4 ms, with the main thread's own
 * share nearly the same either way: its messaging cost as much as the engine.
 *
 * What the pool gives is the budget: a worker stuck on a paste is stopped.
 * On this thread nothing can stop the engine, so only pastes it finishes
 * quickly come here: at most `maxChars` characters, and only while the
 * engine's own step bounds are on (they keep every paste linear in its size;
 * the worst of `bench/hostile.mjs`'s shapes cut to 2,000 characters takes
 * about 6 ms). Longer pastes, attachments past the size and every paste when
 * the bounds are off (tests of the budget) go to the pool as before.
 */
import type { Engine } from '../engine.js';
import type { DiagnosisOutcome, Diagnoser } from './pool.js';
import { warmUpPaste } from './warm-up.js';

/** Pastes up to this many characters (or bytes) are diagnosed inline: a long traceback or a short snippet. */
export const inlineMaxChars = 2_000;

export class SmallPastesInline implements Diagnoser {
  private warmed = false;

  constructor(
    private readonly engine: Engine,
    private readonly pool: Diagnoser,
    private readonly maxChars = inlineMaxChars,
  ) {}

  async diagnose(input: string | Uint8Array): Promise<DiagnosisOutcome> {
    if (input.length > this.maxChars) return this.pool.diagnose(input);
    this.warmUp();
    return { kind: 'diagnosis', diagnosis: this.engine.diagnose(input) };
  }

  /** The pool's workers have loaded their engines, and this thread's engine has run each analyser once. */
  async ready(): Promise<void> {
    await this.pool.ready();
    this.warmUp();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** TypeScript and the grammars load on first use: here, not during somebody's paste. */
  private warmUp(): void {
    if (this.warmed) return;
    this.warmed = true;
    this.engine.diagnose(warmUpPaste);
  }
}
