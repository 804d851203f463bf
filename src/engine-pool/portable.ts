/**
 * A Diagnosis as it crosses from a worker thread to the main thread. Every
 * part is plain data the structured clone copies as is, except the Rule
 * objects on each match: those are the knowledge base's, which the main
 * thread has too, so only their ids travel and the main thread puts its own
 * Rule back (no copy of rule bodies and examples per answer).
 */
import type { Diagnosis, Match } from '../diagnosis.js';
import type { Rule } from '../knowledge/schema.js';

export interface PortableMatch extends Omit<Match, 'rule'> {
  rule: string;
}

export interface PortableDiagnosis extends Omit<Diagnosis, 'matches'> {
  matches: PortableMatch[];
}

export function toPortable(d: Diagnosis): PortableDiagnosis {
  return { ...d, matches: d.matches.map((m) => ({ ...m, rule: m.rule.id })) };
}

/** Puts the main thread's Rule objects back; a rule id the main thread does not know is a mismatch of knowledge bases and throws. */
export function fromPortable(p: PortableDiagnosis, ruleById: ReadonlyMap<string, Rule>): Diagnosis {
  return {
    ...p,
    matches: p.matches.map((m) => {
      const rule = ruleById.get(m.rule);
      if (!rule) throw new Error(`the diagnosis worker matched rule ${m.rule}, which this process's knowledge base does not have`);
      return { ...m, rule };
    }),
  };
}
