/** The JSON contract of DESIGN.md: `{"matches":[{"rule","title","confidence","fix"?:{"code","diff"}}…], …}`. Add fields; never rename. */
import type { Diagnosis, Match } from '../diagnosis.js';
import { say } from './messages.js';

export interface JsonMatch {
  rule: string;
  title: string;
  confidence: number;
  /** Present (true) when the rule was named from a question's words, not from evidence. */
  likely?: true;
  severity: string;
  language: string;
  where?: { file: string | null; line: number | null; source: string | null };
  fix?: { code: string; diff: string; note: string; changedLines: number[] };
}

export function matchToJson(m: Match): JsonMatch {
  const out: JsonMatch = { rule: m.rule.id, title: m.rule.title, confidence: m.confidence, severity: m.rule.severity, language: m.rule.language };
  if (m.likely) out.likely = true;
  if (m.where) out.where = m.where;
  if (m.fix) out.fix = { code: m.fix.code, diff: m.fix.diff, note: say(m.fix.note), changedLines: m.fix.changedLines };
  return out;
}

export function diagnosisToJson(d: Diagnosis) {
  return {
    matches: d.matches.map(matchToJson),
    languages: d.evidence.languages,
    context: d.evidence.context,
    redactions: d.paste.redactions.map((r) => r.kind),
    truncated: d.paste.truncated,
    binary: d.paste.binary,
  };
}
