/**
 * One line of `awaitbot batch`: JSON `{"id","text"}` in, the JSON object to print out: `{"id","matches"}`,
 * or `{"id","line","error"}` when the line is not a usable paste (not JSON, no text). Shared by the
 * worker threads that answer a batch and by the in-process path that also logs each case.
 */
import type { Diagnosis } from '../diagnosis.js';
import { matchToJson } from '../render/json.js';

export interface BatchAnswer {
  out: unknown;
  /** The diagnosis behind `out`; null when the line was not a usable paste. */
  diagnosis: Diagnosis | null;
}

export function batchLineError(id: unknown, lineNo: number, error: unknown): unknown {
  return { id, line: lineNo, error: (error as Error).message.split('\n')[0] };
}

export function answerBatchLine(text: string, lineNo: number, diagnose: (paste: string) => Diagnosis): BatchAnswer {
  let id: unknown = null;
  try {
    const item = JSON.parse(text) as unknown;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('expected an object {"id","text"}');
    id = (item as { id?: unknown }).id ?? null;
    const paste = (item as { text?: unknown }).text;
    if (typeof paste !== 'string') throw new Error('"text" must be a string');
    const diagnosis = diagnose(paste);
    return { out: { id, matches: diagnosis.matches.map(matchToJson) }, diagnosis };
  } catch (e) {
    return { out: batchLineError(id, lineNo, e), diagnosis: null };
  }
}
