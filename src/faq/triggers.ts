/**
 * Server FAQ triggers: literal error strings or phrases that make an entry
 * answer a paste by itself.
 *
 * - Matching is case-insensitive on normalised text (see `normaliseForTriggers`),
 *   all of a server's triggers in one pass (`TriggerAutomaton`).
 * - Literals only, never regular expressions: a literal cannot backtrack, so
 *   no trigger a moderator writes can slow the bot down.
 * - A trigger must be safe before it is stored (`checkTrigger`): not empty,
 *   at least 6 characters, matching at most 5 % of a sample of ordinary chat,
 *   and not made only of words that ordinary chat uses. The last one is ours,
 *   beyond the three: "thanks", "my bot" or "python" each match under
 *   5 % of chat lines, yet each would answer people talking, not pasting an
 *   error. A word the chat never uses (a class name, a module, an error's own
 *   wording) is what makes a trigger specific.
 */
import type { Language } from '../evidence/types.js';
import { ordinaryChat } from './ordinary-chat.js';
import { TriggerAutomaton } from './trigger-automaton.js';

export const triggerLimits = {
  /** Shorter triggers (after normalising) match too much by chance. */
  minChars: 6,
  /** An error line is rarely longer; longer text is a paste, not a trigger. */
  maxChars: 200,
  perEntry: 10,
  /** The share of ordinary chat lines a trigger may match. */
  maxChatShare: 0.05,
} as const;

/**
 * The form both triggers and pastes are compared in: lower case, typographic
 * quotes as plain ones (phones and some editors curl them), every run of
 * white space (newlines too) as one space, trimmed. An error copied from a
 * wrapped terminal line still matches its one-line trigger.
 */
export function normaliseForTriggers(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export type TriggerProblem = 'empty' | 'too-short' | 'too-long' | 'too-common' | 'chat-words';

export type TriggerCheck = { ok: true; trigger: string } | { ok: false; problem: TriggerProblem; chatShare?: number };

/** The ordinary chat sample, normalised once. */
let normalisedChat: readonly string[] | null = null;
function chatSample(): readonly string[] {
  normalisedChat ??= ordinaryChat.map(normaliseForTriggers);
  return normalisedChat;
}

/** Words as chat and errors spell them: letters, digits, underscores and apostrophes (`don't`). Linear: one class, no nesting. */
function wordsOf(normalised: string): string[] {
  return normalised.split(/[^\p{L}\p{N}_']+/u).filter((w) => w.length > 0);
}

const vocabularies = new WeakMap<readonly string[], ReadonlySet<string>>();
/** Every word the sample's lines use. */
function vocabularyOf(sample: readonly string[]): ReadonlySet<string> {
  let words = vocabularies.get(sample);
  if (!words) {
    words = new Set(sample.flatMap(wordsOf));
    vocabularies.set(sample, words);
  }
  return words;
}

/** The share (0..1) of `sample` lines (normalised) that contain `normalisedTrigger`. */
export function chatShare(normalisedTrigger: string, sample: readonly string[] = chatSample()): number {
  if (sample.length === 0) return 0;
  let hits = 0;
  for (const line of sample) if (line.includes(normalisedTrigger)) hits++;
  return hits / sample.length;
}

/**
 * Whether `raw` may be stored as a trigger; the trigger as stored (trimmed,
 * inner white space as written) when it may. `sample` (normalised chat lines)
 * defaults to the shipped one.
 */
export function checkTrigger(raw: string, sample: readonly string[] = chatSample()): TriggerCheck {
  const trigger = raw.trim();
  const normal = normaliseForTriggers(trigger);
  if (normal.length === 0) return { ok: false, problem: 'empty' };
  if (normal.length < triggerLimits.minChars) return { ok: false, problem: 'too-short' };
  if (trigger.length > triggerLimits.maxChars) return { ok: false, problem: 'too-long' };
  const share = chatShare(normal, sample);
  if (share > triggerLimits.maxChatShare) return { ok: false, problem: 'too-common', chatShare: share };
  const vocabulary = vocabularyOf(sample);
  if (wordsOf(normal).every((w) => vocabulary.has(w))) return { ok: false, problem: 'chat-words' };
  return { ok: true, trigger };
}

/** What the index needs of an entry. */
export interface TriggeredEntry {
  name: string;
  triggers: readonly string[];
  /** When set, the entry answers only pastes in this language (or whose language is unknown). */
  language?: Language | null;
}

export interface TriggerHit {
  /** The entry's name. */
  name: string;
  /** The trigger that matched, as stored. */
  trigger: string;
}

/**
 * All of one server's triggers, ready to match pastes. Built once per change
 * of the server's entries; `match` is one pass over the paste.
 */
export class TriggerIndex {
  private readonly automaton: TriggerAutomaton;
  /** Pattern id → its entry and trigger. */
  private readonly owners: { entry: TriggeredEntry; trigger: string; length: number }[] = [];

  constructor(entries: readonly TriggeredEntry[]) {
    const patterns: string[] = [];
    for (const entry of entries) {
      for (const trigger of entry.triggers) {
        const normal = normaliseForTriggers(trigger);
        // Stored triggers were checked; one that is not safe now (an old row, a hand-edited file) is left out, never matched.
        if (normal.length < triggerLimits.minChars) continue;
        patterns.push(normal);
        this.owners.push({ entry, trigger, length: normal.length });
      }
    }
    this.automaton = new TriggerAutomaton(patterns);
  }

  get size(): number {
    return this.owners.length;
  }

  /**
   * The entries whose triggers occur in `text`, best first: the longest
   * (most specific) matched trigger wins, then the name. `languages` are the
   * paste's languages as evidence saw them; an entry with a language skips a
   * paste known to be in another one.
   */
  match(text: string, languages: readonly Language[] = []): TriggerHit[] {
    if (this.owners.length === 0) return [];
    const best = new Map<string, { trigger: string; length: number }>();
    for (const id of this.automaton.matches(normaliseForTriggers(text))) {
      const owner = this.owners[id]!;
      const lang = owner.entry.language;
      if (lang && languages.length > 0 && !languages.includes(lang)) continue;
      const had = best.get(owner.entry.name);
      if (!had || owner.length > had.length) best.set(owner.entry.name, { trigger: owner.trigger, length: owner.length });
    }
    return [...best]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([name, hit]) => ({ name, trigger: hit.trigger }));
  }
}
