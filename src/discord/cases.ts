/**
 * One paste → a Diagnosis, logged as a case BEFORE anyone sees the reply.
 * Shared by the Discord bot and the console. Logging never breaks a reply.
 */
import type { Diagnosis, Match } from '../diagnosis.js';
import { log } from '../log.js';
import { caseInputFrom, type CaseMeta } from '../case-record.js';
import { newPublicId } from '../store/index.js';
import type { Services } from './services.js';

export type { CaseMeta } from '../case-record.js';

export interface ExplainedCase {
  diagnosis: Diagnosis;
  /** The store's case id, or null when logging failed. Internal: never shown or sent to Discord. */
  caseId: number | null;
  /** The case's public id (random, 128 bits), logged with it: what its buttons carry, and the key of its fix in memory. */
  caseKey: string;
}

/** Recent diagnoses by case key, so "Show fix" can show the user's own fix. Bounded. */
export class RecentCases {
  private map = new Map<string, Match>();
  constructor(private readonly max = 2000) {}
  remember(key: string, match: Match | undefined): void {
    if (!match) return;
    this.map.set(key, match);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  get(key: string): Match | null {
    return this.map.get(key) ?? null;
  }
}

export function explainText(services: Services, recent: RecentCases, text: string, meta: CaseMeta): ExplainedCase {
  const started = performance.now();
  const diagnosis = services.engine.diagnose(text);
  const best = diagnosis.matches[0];
  const caseKey = newPublicId();
  let caseId: number | null = null;
  try {
    caseId = services.store.logCase(caseInputFrom(diagnosis, { ...meta, publicId: caseKey }, performance.now() - started));
  } catch (e) {
    log.error({ err: e }, 'logging a case failed; replying anyway');
  }
  recent.remember(caseKey, best);
  return { diagnosis, caseId, caseKey };
}
