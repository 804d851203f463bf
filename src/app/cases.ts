/**
 * One paste → a Diagnosis (from the worker pool), logged as a case BEFORE
 * anyone sees the reply; and the memory of recent cases that "Show fix"
 * reads. Shared by the Discord bot and the console. Logging
 * never breaks a reply.
 */
import { LRUCache } from 'lru-cache';
import type { Diagnosis, Match } from '../diagnosis.js';
import type { Redaction } from '../intake/types.js';
import { log } from '../log.js';
import { caseInputFrom, tooComplexCaseInput, type CaseMeta } from './case-record.js';
import { newPublicId } from '../store/index.js';
import type { CaseInput } from './types.js';
import type { Services } from './services.js';
import { faqCaseMatch, serverFaqAnswer, type ServerFaqAnswer, type ServerFaqOptions } from './server-faq.js';

export type { CaseMeta } from './case-record.js';

export type ExplainedCase =
  | {
      kind: 'diagnosis';
      diagnosis: Diagnosis;
      /** The store's case id, or null when logging failed. Internal: never shown or sent to Discord. */
      caseId: number | null;
      /** The case's public id (random, 128 bits), logged with it: what its buttons carry, and the key of its fix in memory. */
      caseKey: string;
      /** What the server's own FAQ entries say (nothing outside a server, or when not asked for). */
      serverFaq: ServerFaqAnswer;
    }
  | {
      /** Stopped over the diagnosis budget, or its code was turned away by the step limits and nothing else matched. */
      kind: 'too-complex';
      caseId: number | null;
      /** Secrets found in the paste (the user must be told to reset them). */
      redactions: Redaction[];
    };

/** A case that was diagnosed (the answers with buttons are made of these). */
export type DiagnosedCase = Extract<ExplainedCase, { kind: 'diagnosis' }>;

/** Recent diagnoses' best matches by case key, so "Show fix" can show the user's own fix. At most `max`, the least recently used out first. */
export class RecentCases extends LRUCache<string, Match> {
  constructor(max = 2000) {
    super({ max });
  }
}

/** Nothing matched and a code block was not read because of its shape: the honest answer is "too complex", not "no known error". */
function turnedAway(d: Diagnosis): boolean {
  return d.matches.length === 0 && d.evidence.skipped.some((s) => s.reason !== 'size');
}

async function logCase(services: Services, input: CaseInput): Promise<number | null> {
  try {
    return await services.store.logCase(input);
  } catch (e) {
    log.error({ err: e }, 'logging a case failed; replying anyway');
    return null;
  }
}

export interface ExplainOptions {
  /** Let the server's FAQ entries answer (the Discord shells); absent: built-in rules only. */
  serverFaq?: ServerFaqOptions;
}

export async function explainText(services: Services, recent: RecentCases, text: string, meta: CaseMeta, options: ExplainOptions = {}): Promise<ExplainedCase> {
  const started = performance.now();
  const outcome = await services.diagnoser.diagnose(text);
  const caseKey = newPublicId();
  if (outcome.kind === 'too-complex') {
    const why = `too-complex: over the ${Math.round(outcome.elapsedMs)} ms diagnosis budget`;
    const input = tooComplexCaseInput(outcome.paste?.text ?? null, { ...meta, publicId: caseKey }, performance.now() - started, why);
    return { kind: 'too-complex', caseId: await logCase(services, input), redactions: outcome.paste?.redactions ?? [] };
  }
  const diagnosis = outcome.diagnosis;
  const input = caseInputFrom(diagnosis, { ...meta, publicId: caseKey }, performance.now() - started);
  if (turnedAway(diagnosis)) {
    return { kind: 'too-complex', caseId: await logCase(services, { ...input, outcome: 'too-complex' }), redactions: diagnosis.paste.redactions };
  }
  const serverFaq = options.serverFaq ? await serverFaqAnswer(services.store, meta.guildId, diagnosis, options.serverFaq) : { entry: null, seeAlso: [] };
  // Logged with the entry as its best match, so /stats counts the repeats the server's FAQ answered.
  if (serverFaq.entry) input.matches = [faqCaseMatch(serverFaq.entry.entry.name), ...input.matches];
  const caseId = await logCase(services, input);
  const best = diagnosis.matches[0];
  if (best) recent.set(caseKey, best);
  return { kind: 'diagnosis', diagnosis, caseId, caseKey, serverFaq };
}
