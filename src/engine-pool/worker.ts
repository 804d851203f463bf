/**
 * A diagnosis worker thread (run by piscina, see pool.ts): its own engine,
 * one paste at a time. It tells the main thread when it starts on a paste
 * (the budget counts from then, not from the time spent waiting in the
 * queue) and hands over the redacted paste as soon as intake is done, so a
 * paste stopped over budget can still be logged without its secrets.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { Redaction } from '../intake/types.js';
import { createEngine } from '../engine.js';
import { enforceAnalysisLimits } from '../evidence/limits.js';
import { toPortable, type PortableDiagnosis } from './portable.js';

export interface DiagnoseTask {
  input: string | Uint8Array;
  /** Where the worker reports progress (transferred with the task). */
  port: MessagePort;
}

export type WorkerNote = { kind: 'started' } | { kind: 'paste'; text: string; redactions: Redaction[] };

/** What the pool tells every worker at start (piscina's workerData). */
export interface WorkerSettings {
  analysisLimits: boolean;
}

// Test setups only: the budget must stop the engine even when the step bounds do not.
if ((workerData as WorkerSettings | undefined)?.analysisLimits === false) enforceAnalysisLimits(false);

const engine = await createEngine();
// Load TypeScript and run each analyser once now, so no paste spends its budget on loading them.
engine.diagnose('```js\nasync function f() { g(); }\n```\n```py\nasync def f():\n    g()\n```');

export default function diagnose(task: DiagnoseTask): PortableDiagnosis {
  const { port } = task;
  const note = (n: WorkerNote) => port.postMessage(n);
  note({ kind: 'started' });
  try {
    return toPortable(engine.diagnose(task.input, (paste) => note({ kind: 'paste', text: paste.text, redactions: paste.redactions })));
  } finally {
    port.close();
  }
}
