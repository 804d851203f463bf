/**
 * A diagnosis worker thread (run by piscina, see pool.ts): its own engine,
 * one paste at a time. It writes in its progress record (progress.ts) when
 * it starts on a paste (the budget counts from then, not from the time spent
 * waiting in the queue) and the redacted paste as soon as intake is done, so
 * a paste stopped over budget can still be logged without its secrets.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { createEngine } from '../engine.js';
import { enforceAnalysisLimits } from '../evidence/limits.js';
import { WorkerProgress } from './progress.js';
import { toPortable, type PortableDiagnosis } from './portable.js';
import { warmUpPaste } from './warm-up.js';

export interface DiagnoseTask {
  input: string | Uint8Array;
  /** The pool's number for this paste, written in the progress record. */
  taskId: number;
}

/** What the pool tells every worker at start (piscina's workerData). */
export interface WorkerSettings {
  analysisLimits: boolean;
}

// Test setups only: the budget must stop the engine even when the step bounds do not.
if ((workerData as WorkerSettings | undefined)?.analysisLimits === false) enforceAnalysisLimits(false);

const engine = await createEngine();
// Load TypeScript and run each analyser once now, so no paste spends its budget on loading them.
engine.diagnose(warmUpPaste);

const progress = new WorkerProgress(threadId);
// Sent while the module loads, so before piscina says this worker is ready: the pool knows the record before any task comes.
parentPort?.postMessage(progress.record);

export default function diagnose(task: DiagnoseTask): PortableDiagnosis {
  progress.started(task.taskId);
  return toPortable(engine.diagnose(task.input, (paste) => progress.pasteReady(task.taskId, paste)));
}
