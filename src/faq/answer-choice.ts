/**
 * Which answer a paste gets when the server's FAQ entries may answer too.
 * Precision first:
 * - a confident built-in rule always comes first; a server entry the paste
 *   also triggers is named under it as "see also";
 * - otherwise an entry whose trigger the paste holds answers, ahead of a
 *   built-in rule that is only a guess (the moderators wrote the entry for
 *   exactly this text);
 * - unasked (help-channel watching), an entry answers only a paste that
 *   shows code or error output, never plain chat that happens to hold a
 *   trigger.
 */
import type { Diagnosis } from '../diagnosis.js';
import type { TriggerHit } from './triggers.js';

export type AnswerChoice<E> =
  | { kind: 'rule'; seeAlso: E[] }
  | { kind: 'entry'; entry: E; trigger: string }
  | { kind: 'none' };

export interface ChoiceOptions {
  /** A built-in match at least this sure is confident (answer.ts's `confidentAt`). */
  confidentAt: number;
  /** True for an answer nobody asked for (help-channel watching). */
  unasked: boolean;
}

/**
 * True when the paste shows code or error output: an error, a warning, a
 * compiler diagnostic, a Discord API error, or a code block. What is left is
 * people talking, which a server entry never answers unasked.
 */
export function showsCodeOrErrors(d: Pick<Diagnosis, 'evidence' | 'paste'>): boolean {
  const e = d.evidence;
  if (e.errors.length || e.warnings.length || e.tsDiagnostics.length || e.discordApiErrors.length || e.codeBlocks.length) return true;
  return d.paste.blocks.some((b) => b.kind === 'code');
}

/**
 * The answer for `d`, given the server entries its text triggered (best
 * first, as TriggerIndex.match returns them) and `entryOf` to look their
 * entries up. 'rule' means: answer as before (the best built-in match, if any).
 */
export function chooseAnswer<E>(d: Pick<Diagnosis, 'matches' | 'evidence' | 'paste'>, hits: readonly TriggerHit[], entryOf: (name: string) => E | null, options: ChoiceOptions): AnswerChoice<E> {
  const found = hits.flatMap((h) => {
    const entry = entryOf(h.name);
    return entry ? [{ entry, trigger: h.trigger }] : [];
  });
  const best = d.matches[0];
  if (best && best.confidence >= options.confidentAt) return { kind: 'rule', seeAlso: found.map((f) => f.entry) };
  const first = found[0];
  if (first && (!options.unasked || showsCodeOrErrors(d))) return { kind: 'entry', entry: first.entry, trigger: first.trigger };
  return best ? { kind: 'rule', seeAlso: [] } : { kind: 'none' };
}
