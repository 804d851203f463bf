/**
 * What the Discord layer and the console need from the rest of awaitbot: the
 * engine (text → Diagnosis), the rules (for /faq) and the store (case log,
 * feedback, FAQ entries, settings). Loaded once at start.
 */
import { createEngine, type Engine } from '../engine.js';
import type { Rule } from '../knowledge/schema.js';
import { log } from '../log.js';
import { openStore } from '../store/index.js';
import type { CaseInput, FaqEntry, FaqWriteResult, GuildSettings, Stats, StatsQuery, Store, Vote } from '../store/types.js';

export type { Engine };

/** The part of the store the shells use. */
export type ShellStore = Pick<
  Store,
  | 'logCase'
  | 'recordFeedback'
  | 'listFaq'
  | 'getFaq'
  | 'addFaq'
  | 'editFaq'
  | 'removeFaq'
  | 'recordFaqUse'
  | 'getSettings'
  | 'updateSettings'
  | 'stats'
  | 'recordGatewayHeartbeat'
  | 'close'
> & {
  /** Guild ids with help-channel watching on (optional in the store; used to pick intents). */
  watchedGuildIds?(): string[];
};

export interface Services {
  engine: Engine;
  rules: Rule[];
  store: ShellStore;
}

/** Opens the SQLite store; falls back to an in-memory store (logged) if it cannot open at all. */
export function loadStore(path = process.env.DATABASE_PATH || 'data/awaitbot.db'): ShellStore {
  try {
    return openStore(path);
  } catch (e) {
    log.error({ err: e, path }, 'case log unavailable; keeping cases in memory for this run');
    return new MemoryStore();
  }
}

export async function loadServices(): Promise<Services> {
  const engine = await createEngine();
  return { engine, rules: engine.rules, store: loadStore() };
}

/** Stand-in used only when the SQLite store cannot open: the bot keeps answering. */
export class MemoryStore implements ShellStore {
  private cases: (CaseInput & { id: number; at: number })[] = [];
  private votes = new Map<string, Vote>();
  private faq = new Map<string, FaqEntry>();
  private settings = new Map<string, GuildSettings>();

  logCase(input: CaseInput): number | null {
    const id = this.cases.length + 1;
    this.cases.push({ ...input, id, at: Date.now() });
    if (this.cases.length > 10_000) this.cases.shift();
    return id;
  }
  recordFeedback(caseId: number, userId: string, vote: Vote): boolean {
    this.votes.set(`${caseId}:${userId}`, vote);
    return true;
  }
  listFaq(guildId: string): FaqEntry[] {
    return [...this.faq.values()].filter((e) => e.guildId === guildId);
  }
  getFaq(guildId: string, name: string): FaqEntry | null {
    return this.faq.get(`${guildId}:${name}`) ?? null;
  }
  addFaq(e: { guildId: string; name: string; title: string; body: string; authorId: string }): FaqWriteResult {
    const key = `${e.guildId}:${e.name}`;
    if (this.faq.has(key)) return { ok: false, reason: 'exists' };
    const now = new Date().toISOString();
    const entry: FaqEntry = { ...e, uses: 0, createdAt: now, updatedAt: now };
    this.faq.set(key, entry);
    return { ok: true, entry };
  }
  editFaq(e: { guildId: string; name: string; title?: string; body?: string; authorId: string }): FaqWriteResult {
    const old = this.faq.get(`${e.guildId}:${e.name}`);
    if (!old) return { ok: false, reason: 'missing' };
    const entry: FaqEntry = { ...old, title: e.title ?? old.title, body: e.body ?? old.body, updatedAt: new Date().toISOString() };
    this.faq.set(`${e.guildId}:${e.name}`, entry);
    return { ok: true, entry };
  }
  removeFaq(guildId: string, name: string): FaqWriteResult {
    const old = this.faq.get(`${guildId}:${name}`);
    if (!old) return { ok: false, reason: 'missing' };
    this.faq.delete(`${guildId}:${name}`);
    return { ok: true, entry: old };
  }
  recordFaqUse(guildId: string, name: string): boolean {
    const e = this.faq.get(`${guildId}:${name}`);
    if (e) e.uses += 1;
    return !!e;
  }
  getSettings(guildId: string): GuildSettings {
    return this.settings.get(guildId) ?? { guildId, watchChannels: [], autoReply: false, retentionDays: 90 };
  }
  updateSettings(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>): GuildSettings | null {
    const next = { ...this.getSettings(guildId), ...patch, guildId };
    this.settings.set(guildId, next);
    return next;
  }
  stats(q: StatsQuery): Stats {
    const until = q.now ?? new Date();
    const since = new Date(until.getTime() - q.days * 86_400_000);
    const rows = this.cases.filter((c) => c.at >= since.getTime() && (!q.guildId || c.guildId === q.guildId));
    const matched = rows.filter((c) => c.matches.length > 0).length;
    const byRule = new Map<string, number>();
    for (const c of rows) if (c.matches[0]) byRule.set(c.matches[0].rule, (byRule.get(c.matches[0].rule) ?? 0) + 1);
    return {
      since: since.toISOString(),
      until: until.toISOString(),
      days: q.days,
      guildId: q.guildId ?? null,
      cases: rows.length,
      matched,
      matchedShare: rows.length ? matched / rows.length : 0,
      topRules: [...byRule].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([rule, cases]) => ({ rule, cases, helpful: 0, wrong: 0 })),
      busiestChannels: [],
      votes: { helpful: [...this.votes.values()].filter((v) => v === 'helpful').length, wrong: [...this.votes.values()].filter((v) => v === 'wrong').length },
      wrongRate: 0,
    };
  }
  recordGatewayHeartbeat(): boolean {
    return true;
  }
  watchedGuildIds(): string[] {
    return [...this.settings.values()].filter((s) => s.watchChannels.length > 0 && s.autoReply).map((s) => s.guildId);
  }
  close(): void {}
}
