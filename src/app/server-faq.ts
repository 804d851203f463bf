/**
 * A server's own FAQ entries answering pastes (issue 12): each server's
 * trigger index, built once and rebuilt only when its entries change (the
 * store's revision moves on any add, edit, remove or import, from this
 * process or `awaitbot faq import` in another), and the answer chosen for a
 * diagnosed paste. Nothing here may break a reply: a store that cannot
 * answer means no server entry answers.
 */
import type { Diagnosis } from '../diagnosis.js';
import { chooseAnswer } from '../faq/answer-choice.js';
import { TriggerIndex } from '../faq/triggers.js';
import { log } from '../log.js';
import type { FaqEntry } from './types.js';
import type { ShellStore } from './services.js';

type FaqStore = Pick<ShellStore, 'listFaq' | 'faqRevision'>;

interface GuildTriggers {
  revision: string;
  index: TriggerIndex;
  byName: Map<string, FaqEntry>;
}

/** One server's triggers, by store, so every shell sharing a store shares the indexes. Bounded by the servers the bot is in. */
const cache = new WeakMap<FaqStore, Map<string, GuildTriggers>>();

async function triggersOf(store: FaqStore, guildId: string): Promise<GuildTriggers | null> {
  let guilds = cache.get(store);
  if (!guilds) {
    guilds = new Map();
    cache.set(store, guilds);
  }
  const revision = await store.faqRevision(guildId);
  if (!revision) return null;
  const known = guilds.get(guildId);
  if (known?.revision === revision) return known;
  const entries = await store.listFaq(guildId);
  const built = { revision, index: new TriggerIndex(entries), byName: new Map(entries.map((e) => [e.name, e])) };
  guilds.set(guildId, built);
  return built;
}

export interface ServerFaqAnswer {
  /** The entry that answers the paste instead of a built-in rule, and the trigger it held. */
  entry: { entry: FaqEntry; trigger: string } | null;
  /** Entries the paste triggered, named as "see also" under a confident built-in answer. */
  seeAlso: FaqEntry[];
}

export interface ServerFaqOptions {
  /** A built-in match at least this sure answers first. */
  confidentAt: number;
  /** Help-channel watching: an entry answers only pastes showing code or errors. */
  unasked: boolean;
}

const none: ServerFaqAnswer = { entry: null, seeAlso: [] };

/** What the server's FAQ says about `d` in `guildId`. */
export async function serverFaqAnswer(store: FaqStore, guildId: string | null | undefined, d: Diagnosis, options: ServerFaqOptions): Promise<ServerFaqAnswer> {
  if (!guildId) return none;
  try {
    const triggers = await triggersOf(store, guildId);
    if (!triggers || triggers.index.size === 0) return none;
    const hits = triggers.index.match(d.paste.text, d.evidence.languages);
    if (hits.length === 0) return none;
    const choice = chooseAnswer(d, hits, (name) => triggers.byName.get(name) ?? null, options);
    if (choice.kind === 'entry') return { entry: { entry: choice.entry, trigger: choice.trigger }, seeAlso: [] };
    if (choice.kind === 'rule') return { entry: null, seeAlso: choice.seeAlso };
    return none;
  } catch (e) {
    log.warn({ err: e }, 'server FAQ triggers unavailable; answering from the built-in rules only');
    return none;
  }
}

/** How a case answered by a server entry is logged: `faq:<name>` as its best match (counted by /stats), then the built-in matches. */
export function faqCaseMatch(name: string): { rule: string; confidence: number } {
  return { rule: `faq:${name}`, confidence: 1 };
}
