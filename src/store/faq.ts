/** A server's own FAQ entries: listed and looked up on the reply path (never throwing), written by moderators. */
import type { GuardedDb } from './guarded.js';
import type { FaqEntry, FaqEntryInput, FaqImportResult, FaqWriteResult } from './types.js';

export interface FaqRow {
  guild_id: string;
  name: string;
  title: string;
  body: string;
  triggers: string;
  language: string | null;
  author_id: string;
  uses: number;
  created_at: number;
  updated_at: number;
}

/** A row's triggers; a damaged column reads as none (the entry still answers /faq). */
function parseTriggers(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function toFaqEntry(row: FaqRow): FaqEntry {
  return {
    guildId: row.guild_id,
    name: row.name,
    title: row.title,
    body: row.body,
    triggers: parseTriggers(row.triggers),
    language: row.language === 'python' || row.language === 'javascript' ? row.language : null,
    authorId: row.author_id,
    uses: row.uses,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

const unavailable: FaqWriteResult = { ok: false, reason: 'unavailable' };

export class FaqStore {
  constructor(private readonly db: GuardedDb) {}

  listFaq(guildId: string): FaqEntry[] {
    return this.db.lookupBesideQueue('listFaq', [] as FaqEntry[], (c) =>
      c
        .sql<[string], FaqRow>('SELECT * FROM faq_entries WHERE guild_id = ? ORDER BY name')
        .all(guildId)
        .map(toFaqEntry),
    );
  }

  getFaq(guildId: string, name: string): FaqEntry | null {
    return this.db.lookupBesideQueue('getFaq', null, (c) => {
      const row = c.sql<[string, string], FaqRow>('SELECT * FROM faq_entries WHERE guild_id = ? AND name = ?').get(guildId, name);
      return row ? toFaqEntry(row) : null;
    });
  }

  addFaq(entry: FaqEntryInput): FaqWriteResult {
    return this.db.write('addFaq', unavailable, (c) => {
      const now = Date.now();
      const row = c
        .sql<unknown[], FaqRow>(
          `INSERT INTO faq_entries (guild_id, name, title, body, triggers, language, author_id, uses, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING RETURNING *`,
        )
        .get(entry.guildId, entry.name, entry.title, entry.body, JSON.stringify(entry.triggers ?? []), entry.language ?? null, entry.authorId, now, now);
      return row ? { ok: true, entry: toFaqEntry(row) } : { ok: false, reason: 'exists' };
    });
  }

  editFaq(entry: Partial<FaqEntryInput> & Pick<FaqEntryInput, 'guildId' | 'name' | 'authorId'>): FaqWriteResult {
    return this.db.write('editFaq', unavailable, (c) => {
      const row = c
        .sql<unknown[], FaqRow>(
          `UPDATE faq_entries SET title = coalesce(?, title), body = coalesce(?, body), triggers = coalesce(?, triggers),
             language = CASE WHEN ? THEN ? ELSE language END, author_id = ?, updated_at = ?
           WHERE guild_id = ? AND name = ? RETURNING *`,
        )
        .get(
          entry.title ?? null,
          entry.body ?? null,
          entry.triggers ? JSON.stringify(entry.triggers) : null,
          entry.language !== undefined ? 1 : 0,
          entry.language ?? null,
          entry.authorId,
          Date.now(),
          entry.guildId,
          entry.name,
        );
      return row ? { ok: true, entry: toFaqEntry(row) } : { ok: false, reason: 'missing' };
    });
  }

  importFaq(guildId: string, entries: readonly Omit<FaqEntryInput, 'guildId'>[], { prune = false } = {}): FaqImportResult | null {
    return this.db.write('importFaq', null, (c) =>
      c.db
        .transaction(() => {
          const now = Date.now();
          const exists = c.sql<[string, string], { n: number }>('SELECT count(*) AS n FROM faq_entries WHERE guild_id = ? AND name = ?');
          const upsert = c.sql(
            `INSERT INTO faq_entries (guild_id, name, title, body, triggers, language, author_id, uses, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
             ON CONFLICT (guild_id, name) DO UPDATE SET title = excluded.title, body = excluded.body, triggers = excluded.triggers,
               language = excluded.language, author_id = excluded.author_id, updated_at = excluded.updated_at`,
          );
          let added = 0;
          for (const e of entries) {
            if (exists.get(guildId, e.name)!.n === 0) added++;
            upsert.run(guildId, e.name, e.title, e.body, JSON.stringify(e.triggers ?? []), e.language ?? null, e.authorId, now, now);
          }
          const removed = prune
            ? c.sql('DELETE FROM faq_entries WHERE guild_id = ? AND name NOT IN (SELECT value FROM json_each(?))').run(guildId, JSON.stringify(entries.map((e) => e.name))).changes
            : 0;
          return { added, replaced: entries.length - added, removed };
        })
        .immediate(),
    );
  }

  faqRevision(guildId: string): string {
    return this.db.lookupBesideQueue('faqRevision', '', (c) => {
      const row = c
        .sql<[string], { n: number; at: number | null }>('SELECT count(*) AS n, max(updated_at) AS at FROM faq_entries WHERE guild_id = ?')
        .get(guildId)!;
      return `${row.n}:${row.at ?? 0}`;
    });
  }

  removeFaq(guildId: string, name: string): FaqWriteResult {
    return this.db.write('removeFaq', unavailable, (c) => {
      const row = c
        .sql<[string, string], FaqRow>('DELETE FROM faq_entries WHERE guild_id = ? AND name = ? RETURNING *')
        .get(guildId, name);
      return row ? { ok: true, entry: toFaqEntry(row) } : { ok: false, reason: 'missing' };
    });
  }

  recordFaqUse(guildId: string, name: string): boolean {
    return this.db.write('recordFaqUse', false, (c) =>
      c.sql('UPDATE faq_entries SET uses = uses + 1 WHERE guild_id = ? AND name = ?').run(guildId, name).changes === 1,
    );
  }
}
