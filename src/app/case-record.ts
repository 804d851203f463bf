/**
 * What a case row holds, built from a Diagnosis: one place, so the bot, the
 * console and `awaitbot explain --log` log the same thing. Only the redacted
 * paste is stored: the paste here is intake's, redacted already (pasteFromIntake).
 */
import type { Diagnosis } from '../diagnosis.js';
import type { CaseInput, CaseSource } from './types.js';

export interface CaseMeta {
  source: CaseSource;
  trigger: string;
  guildId?: string | null;
  channelId?: string | null;
  userId?: string | null;
  /** The case's public id, when the caller needs to know it before the case is logged (buttons carry it). */
  publicId?: string;
  /** The interaction the answer is sent for, when it is that interaction's response (see CaseInput). */
  answersInteraction?: string | null;
}

/** A short machine summary of the evidence, for review and stats. */
export function evidenceSummary(d: Diagnosis): string {
  const e = d.evidence;
  const parts: string[] = [];
  for (const err of e.errors.slice(0, 3)) parts.push(`error:${err.type}`);
  for (const w of e.warnings.slice(0, 3)) parts.push(`warning:${w.category}`);
  for (const t of e.tsDiagnostics.slice(0, 3)) parts.push(`ts:${t.code}`);
  for (const x of e.discordApiErrors.slice(0, 3)) parts.push(`discord:${x.code}`);
  for (const f of e.findings.slice(0, 5)) parts.push(`finding:${f.detector}`);
  return parts.join('; ').slice(0, 500);
}

/** Where a case came from and who sent it: the same for every way a case ends. */
function whoAndWhere(meta: CaseMeta): Pick<CaseInput, 'source' | 'guildId' | 'channelId' | 'userId' | 'trigger' | 'publicId' | 'answersInteraction'> {
  return {
    source: meta.source,
    guildId: meta.guildId ?? null,
    channelId: meta.channelId ?? null,
    userId: meta.userId ?? null,
    trigger: meta.trigger,
    ...(meta.publicId ? { publicId: meta.publicId } : {}),
    ...(meta.answersInteraction ? { answersInteraction: meta.answersInteraction } : {}),
  };
}

/**
 * A paste stopped as too complex to analyse. `paste` is the redacted paste
 * when intake finished before the stop, else null: then nothing of it is
 * stored, since only redacted text may be.
 */
export function tooComplexCaseInput(paste: string | null, meta: CaseMeta, latencyMs: number, why: string): CaseInput {
  return {
    ...whoAndWhere(meta),
    language: null,
    matches: [],
    paste: paste ?? '',
    pasteFromIntake: true,
    fixShown: false,
    evidenceSummary: why,
    latencyMs: Math.round(latencyMs),
    outcome: 'too-complex',
  };
}

export function caseInputFrom(diagnosis: Diagnosis, meta: CaseMeta, latencyMs: number): CaseInput {
  const best = diagnosis.matches[0];
  return {
    ...whoAndWhere(meta),
    language: best?.rule.language ?? diagnosis.evidence.languages[0] ?? null,
    matches: diagnosis.matches.map((m) => ({ rule: m.rule.id, confidence: m.confidence })),
    paste: diagnosis.paste.text,
    pasteFromIntake: true,
    fixShown: !!best?.fix,
    evidenceSummary: evidenceSummary(diagnosis),
    latencyMs: Math.round(latencyMs),
  };
}
