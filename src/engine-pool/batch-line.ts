/**
 * One line of `awaitbot batch`: JSON `{"id","text"}` in, the JSON object to print out: `{"id","matches"}`,
 * or `{"id","line","error"}` when the line is not a usable paste (not JSON, no text). Shared by the
 * worker threads that answer a batch and by the in-process path that also logs each case.
 */
import { LRUCache } from 'lru-cache';
import type { Diagnosis } from '../diagnosis.js';
import { matchToJson } from '../render/json.js';

export interface BatchAnswer {
  out: unknown;
  /** The diagnosis behind `out`; null when the line was not a usable paste, or was answered from `RecentAnswers`. */
  diagnosis: Diagnosis | null;
}

export function batchLineError(id: unknown, lineNo: number, error: unknown): unknown {
  return { id, line: lineNo, error: (error as Error).message.split('\n')[0] };
}

/**
 * The answers to the pastes a batch has seen lately, by text. A batch often holds one paste many
 * times over (a case log's export, a corpus scored in rounds), and the engine answers the same text
 * the same way every time, so a paste seen before costs a lookup instead of a diagnosis. Bounded by
 * the characters of the pastes it keeps; the least recently used go first.
 */
export class RecentAnswers extends LRUCache<string, unknown[]> {
  /** `maxPasteChars`: a huge attachment is not kept, or it would push out hundreds of ordinary pastes. */
  constructor(maxChars = 16 * 1024 * 1024, maxPasteChars = 1024 * 1024) {
    // An empty paste still takes a place: lru-cache counts every entry as at least 1.
    super({ maxSize: maxChars, maxEntrySize: maxPasteChars, sizeCalculation: (_answers, paste) => Math.max(1, paste.length) });
  }
}

/**
 * `recent`: answers to reuse for a paste seen before, and to keep this one's in; then `diagnosis`
 * is null for a paste answered from it (only a batch that logs its cases needs each diagnosis, and
 * it passes none).
 */
export function answerBatchLine(text: string, lineNo: number, diagnose: (paste: string) => Diagnosis, recent?: RecentAnswers): BatchAnswer {
  let id: unknown = null;
  try {
    const item = JSON.parse(text) as unknown;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('expected an object {"id","text"}');
    id = (item as { id?: unknown }).id ?? null;
    const paste = (item as { text?: unknown }).text;
    if (typeof paste !== 'string') throw new Error('"text" must be a string');
    const known = recent?.get(paste);
    if (known) return { out: { id, matches: known }, diagnosis: null };
    const diagnosis = diagnose(paste);
    const matches = diagnosis.matches.map(matchToJson);
    recent?.set(paste, matches);
    return { out: { id, matches }, diagnosis };
  } catch (e) {
    return { out: batchLineError(id, lineNo, e), diagnosis: null };
  }
}
