/**
 * What a diagnosis worker shares with the pool about the paste it is on, in
 * shared memory rather than in messages: which task it started and when (the
 * budget counts from then), and the paste once intake has redacted it (so a
 * paste stopped over budget can still be logged without its secrets).
 *
 * A message channel per paste did the same job, but creating, transferring
 * and closing it, and two messages per paste, cost the main thread more than
 * anything else of an answer except the Ed25519 check: here a worker writes
 * its own record and the pool reads it only when a paste's budget runs out.
 *
 * Each worker makes one record when it starts and announces it once, before
 * it takes any task (piscina's 'message' event); the record outlives nothing
 * but its worker.
 */
import type { Redaction } from '../intake/types.js';

/** Int32 slots of the header, then the start time as a Float64 at byte 16. */
const startedTask = 0;
const pasteTask = 1;
const textBytes = 2;
const redactionBytes = 3;
const startedAtByte = 16;
const headerBytes = 24;
/**
 * Room for the redacted paste (UTF-16) and its redactions (JSON): intake keeps at most 1,000,000
 * characters of a paste (intake/normalize.ts). A paste that does not fit is not shared, and a stopped
 * one is then logged without its text, as when intake had not finished.
 */
const pasteBytes = 2_000_000 + 64 * 1024;

/** What a worker announces to the pool once, when it starts. */
export interface ProgressRecord {
  kind: 'awaitbot:progress';
  /** The worker's thread id (piscina's threads list names workers by it). */
  threadId: number;
  header: SharedArrayBuffer;
  paste: SharedArrayBuffer;
}

export function isProgressRecord(message: unknown): message is ProgressRecord {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'awaitbot:progress';
}

/** The worker's side: one record, rewritten for each task it runs. */
export class WorkerProgress {
  readonly record: ProgressRecord;
  private readonly ints: Int32Array;
  private readonly startedAt: Float64Array;
  private readonly bytes: Buffer;

  constructor(threadId: number) {
    this.record = { kind: 'awaitbot:progress', threadId, header: new SharedArrayBuffer(headerBytes), paste: new SharedArrayBuffer(pasteBytes) };
    this.ints = new Int32Array(this.record.header, 0, 4);
    this.startedAt = new Float64Array(this.record.header, startedAtByte, 1);
    this.bytes = Buffer.from(this.record.paste);
  }

  /** Task `taskId` starts now. The time is written before the id, which is what the pool checks for. */
  started(taskId: number): void {
    Atomics.store(this.ints, pasteTask, 0);
    this.startedAt[0] = Date.now();
    Atomics.store(this.ints, startedTask, taskId);
  }

  /** Intake has finished task `taskId`'s paste: shared when it fits. */
  pasteReady(taskId: number, paste: { text: string; redactions: Redaction[] }): void {
    const redactions = JSON.stringify(paste.redactions);
    if ((paste.text.length + redactions.length) * 2 > pasteBytes) return;
    const text = this.bytes.write(paste.text, 0, 'utf16le');
    this.ints[textBytes] = text;
    this.ints[redactionBytes] = this.bytes.write(redactions, text, 'utf16le');
    Atomics.store(this.ints, pasteTask, taskId);
  }
}

/** The pool's side: reads a worker's record. */
export class SharedProgress {
  private readonly ints: Int32Array;
  private readonly startedAt: Float64Array;
  private readonly bytes: Buffer;

  constructor(readonly record: ProgressRecord) {
    this.ints = new Int32Array(record.header, 0, 4);
    this.startedAt = new Float64Array(record.header, startedAtByte, 1);
    this.bytes = Buffer.from(record.paste);
  }

  /** When this worker started task `taskId` (Date.now() time), or null when it is not on that task. */
  startedAtOf(taskId: number): number | null {
    return Atomics.load(this.ints, startedTask) === taskId ? this.startedAt[0]! : null;
  }

  /** Task `taskId`'s redacted paste, when intake finished it and this worker is still on it; else null. */
  pasteOf(taskId: number): { text: string; redactions: Redaction[] } | null {
    if (Atomics.load(this.ints, pasteTask) !== taskId) return null;
    const text = this.bytes.toString('utf16le', 0, this.ints[textBytes]);
    const redactions = this.bytes.toString('utf16le', this.ints[textBytes], this.ints[textBytes]! + this.ints[redactionBytes]!);
    // Read again: had the worker moved on to another task meanwhile, what was read may be mixed.
    if (Atomics.load(this.ints, pasteTask) !== taskId || Atomics.load(this.ints, startedTask) !== taskId) return null;
    return { text, redactions: JSON.parse(redactions) as Redaction[] };
  }
}
