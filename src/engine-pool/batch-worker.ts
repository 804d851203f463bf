/**
 * A worker thread of `awaitbot batch` (run by piscina, see batch-pool.ts): its own engine, one
 * line at a time, answered as the finished JSON line, so the main thread only reads, hands out
 * and writes. No time budget, as in one process: every paste of a batch gets its full answer.
 */
import { createEngine } from '../engine.js';
import { answerBatchLine, RecentAnswers } from './batch-line.js';

export interface BatchTask {
  text: string;
  lineNo: number;
}

const engine = await createEngine();
const recent = new RecentAnswers();

export default function answer(task: BatchTask): string {
  return JSON.stringify(answerBatchLine(task.text, task.lineNo, (paste) => engine.diagnose(paste), recent).out) + '\n';
}
