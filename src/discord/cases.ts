/**
 * One paste → a Diagnosis, logged as a case BEFORE anyone sees the reply.
 * Shared by the Discord bot and the console. Logging never breaks a reply.
 */
import type { Diagnosis, Match } from '../diagnosis.js';
import { log } from '../log.js';
import type { CaseSource } from '../store/types.js';
import type { Services } from './services.js';

export interface CaseMeta {
  source: CaseSource;
  trigger: string;
  guildId?: string | null;
  channelId?: string | null;
  userId?: string | null;
}

export interface ExplainedCase {
  diagnosis: Diagnosis;
  /** The store's case id, or null when logging failed. */
  caseId: number | null;
  /** What buttons carry to find this case again: the case id, or a memory key when the store failed. */
  caseKey: string;
}

/** Recent diagnoses by case key, so "Show fix" can show the user's own fix. Bounded. */
export class RecentCases {
  private map = new Map<string, Match>();
  private memoryKeys = 0;
  constructor(private readonly max = 2000) {}
  nextMemoryKey(): string {
    this.memoryKeys += 1;
    return `m${this.memoryKeys}`;
  }
  remember(key: string, match: Match | undefined): void {
    if (!match) return;
    this.map.set(key, match);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  get(key: string): Match | null {
    return this.map.get(key) ?? null;
  }
}

function evidenceSummary(d: Diagnosis): string {
  const e = d.evidence;
  const parts: string[] = [];
  for (const err of e.errors.slice(0, 3)) parts.push(`error:${err.type}`);
  for (const w of e.warnings.slice(0, 3)) parts.push(`warning:${w.category}`);
  for (const t of e.tsDiagnostics.slice(0, 3)) parts.push(`ts:${t.code}`);
  for (const x of e.discordApiErrors.slice(0, 3)) parts.push(`discord:${x.code}`);
  for (const f of e.findings.slice(0, 5)) parts.push(`finding:${f.detector}`);
  return parts.join('; ').slice(0, 500);
}

export function explainText(services: Services, recent: RecentCases, text: string, meta: CaseMeta): ExplainedCase {
  const started = performance.now();
  const diagnosis = services.engine.diagnose(text);
  const best = diagnosis.matches[0];
  let caseId: number | null = null;
  try {
    caseId = services.store.logCase({
      source: meta.source,
      guildId: meta.guildId ?? null,
      channelId: meta.channelId ?? null,
      userId: meta.userId ?? null,
      trigger: meta.trigger,
      language: best?.rule.language ?? diagnosis.evidence.languages[0] ?? null,
      matches: diagnosis.matches.map((m) => ({ rule: m.rule.id, confidence: m.confidence })),
      paste: diagnosis.paste.text,
      fixShown: !!best?.fix,
      evidenceSummary: evidenceSummary(diagnosis),
      latencyMs: Math.round(performance.now() - started),
    });
  } catch (e) {
    log.error({ err: e }, 'logging a case failed; replying anyway');
  }
  const caseKey = caseId !== null ? String(caseId) : recent.nextMemoryKey();
  recent.remember(caseKey, best);
  return { diagnosis, caseId, caseKey };
}
