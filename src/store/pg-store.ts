/**
 * The store in PostgreSQL (DATABASE_URL=postgres://…), for several copies of
 * the bot or of the HTTP endpoint on more than one host. Same interface, same
 * records and the same schema steps as the SQLite store (pg-schema.ts); the
 * queries here are the dialect's. Every query goes through the guarded pool
 * (pg-guarded.ts), which keeps replies going when the server is away.
 *
 * Case ids while the server is away: a reply's buttons carry the case's
 * public id, which is made here, so they always work. The numeric id (which
 * records the answering message and votes against the case) is taken from
 * a block of ids reserved from the table's sequence while the server answers
 * (`nextval`, so copies never share one). A case written during an outage is
 * queued with its reserved id, so the reply, its message and its votes all
 * point at the row that will exist once the queue is written. When the block
 * runs out during an outage, the case is still queued (the sequence numbers
 * it later) and logCase resolves to null: the buttons then work from memory.
 */
import { caseColumnValues, maxMatches, storedPaste, toStoredCase, type CaseRow } from './cases.js';
import { defaultRetentionDays } from './defaults.js';
import { toFaqEntry, type FaqRow } from './faq.js';
import { ruleWeeksFrom, statsFrom, statsPeriod, weekMs } from './insight.js';
import { latestSchemaVersion } from './migrations.js';
import { PgGuard, type PgGuardOptions } from './pg-guarded.js';
import { pgSchemaVersion } from './pg-schema.js';
import { defaultSettings, patchedSettings, settingsFromRow, type SettingsRow } from './settings.js';
import type { FaqWriteResult, GuildSettings, ReviewItem, Store, StoreHealth, StoredCase } from './types.js';

const dayMs = 86_400_000;
const heartbeatKey = 'gateway-heartbeat';
/** Each shard's own heartbeat row, as in SQLite (liveness.ts): `gateway-heartbeat:shard:<id>`, its value the shard count. */
const shardKeyPrefix = `${heartbeatKey}:shard:`;
/**
 * Ids reserved per round trip; a refill starts when fewer than half are left, so an outage starts with
 * at least 128 ids in hand (a gap of at most this many ids is left when a process stops).
 */
const idBlock = 256;
/** Rows per page of the export. */
const exportPage = 500;
const sweepEveryMs = 60_000;
const unavailable: FaqWriteResult = { ok: false, reason: 'unavailable' };

/** The columns of a CaseRow (cases.ts), matches as JSON text like SQLite's. */
const caseColumns = `
  c.id, c.created_at, c.source, c.guild_id, c.channel_id, c.user_id, c.trigger, c.language, c.matched,
  c.paste, c.fix_shown, c.evidence_summary, c.latency_ms, c.public_id, c.reply_message_id, c.reply_public, c.reply_interaction_id, c.outcome, c.answered_by,
  (SELECT coalesce(json_agg(json_build_object('rule', m.rule_id, 'confidence', m.confidence) ORDER BY m.rank), '[]'::json)::text
     FROM case_matches m WHERE m.case_id = c.id) AS matches_json,
  (SELECT count(*) FROM feedback f WHERE f.case_id = c.id AND f.vote = 'helpful') AS helpful,
  (SELECT count(*) FROM feedback f WHERE f.case_id = c.id AND f.vote = 'wrong') AS wrong`;

/** A case and its matches in one statement (so one round trip, and atomic); the id given, or the sequence's next. */
const insertCaseSql = `
  WITH c AS (
    INSERT INTO cases (id, created_at, source, guild_id, channel_id, user_id, trigger, language, matched,
                       paste, fix_shown, evidence_summary, latency_ms, public_id, outcome, reply_interaction_id)
    VALUES (coalesce($1::bigint, nextval(pg_get_serial_sequence('cases', 'id'))), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $18)
    RETURNING id
  ), m AS (
    INSERT INTO case_matches (case_id, rank, rule_id, confidence, created_at, guild_id)
    SELECT c.id, x.n - 1, x.rule_id, x.confidence, $2, $4 FROM c, unnest($16::text[], $17::float8[]) WITH ORDINALITY AS x(rule_id, confidence, n)
  )
  SELECT id FROM c`;


export interface PgStoreOptions extends Omit<PgGuardOptions, 'connectionString'> {
  defaultRetentionDays?: number;
}

export class PgStore implements Store {
  readonly path: string;
  private readonly db: PgGuard;
  private readonly retentionDays: number;
  private ids: number[] = [];
  private refilling: Promise<void> | null = null;
  private lastSweep = 0;

  constructor(connectionString: string, options: PgStoreOptions = {}) {
    this.db = new PgGuard({ connectionString, ...options });
    this.path = this.db.path;
    this.retentionDays = options.defaultRetentionDays ?? defaultRetentionDays;
  }

  /** Writes waiting for the server (tests and `health`). */
  get pendingWrites(): number {
    return this.db.pending;
  }

  /** Writes the waiting ones now; true when none is left. */
  flush(): Promise<boolean> {
    return this.db.flush();
  }

  /** Reserves another block of ids from the sequence (never rejects; on failure the block stays as it is). */
  private refillIds(): Promise<void> {
    this.refilling ??= this.db
      .lookup('reserveCaseIds', [] as number[], async (q) => {
        const { rows } = await q.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id FROM generate_series(1, $1)`, [idBlock]);
        return rows.map((r) => r.id);
      })
      .then((ids) => {
        this.ids.push(...ids);
      })
      .finally(() => {
        this.refilling = null;
      });
    return this.refilling;
  }

  private async takeId(): Promise<number | null> {
    if (this.ids.length === 0) await this.refillIds();
    else if (this.ids.length < idBlock / 2) void this.refillIds();
    return this.ids.shift() ?? null;
  }

  // The case log

  logCase: Store['logCase'] = async (input) => {
    const paste = storedPaste(input);
    const at = Date.now();
    const matches = input.matches.slice(0, maxMatches);
    const id = await this.takeId();
    const params = [
      id,
      ...caseColumnValues(input, paste, at),
      matches.map((m) => m.rule),
      matches.map((m) => m.confidence),
      input.answersInteraction ?? null,
    ];
    let written: number | null = null;
    const outcome = await this.db.record('logCase', paste.length, async (q) => {
      // Named: each connection parses and plans it once, not on every case.
      const { rows } = await q.query<{ id: number }>({ name: 'awaitbot-insert-case', text: insertCaseSql, values: params });
      written = rows[0]!.id;
    });
    if (outcome === 'written') return written;
    return outcome === 'queued' ? id : null;
  };

  recordFeedback: Store['recordFeedback'] = async (caseId, userId, vote) => {
    let saved = true;
    const outcome = await this.db.record('recordFeedback', 0, async (q) => {
      // Nothing is inserted when the case is gone (expired or forgotten).
      const r = await q.query(
        `INSERT INTO feedback (case_id, user_id, vote, created_at, case_created_at)
         SELECT id, $1, $2, $3, created_at FROM cases WHERE id = $4
         ON CONFLICT (case_id, user_id) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
        [userId, vote, Date.now(), caseId],
      );
      saved = (r.rowCount ?? 0) > 0;
    });
    // A queued vote is taken: it is written once the server answers.
    return outcome === 'queued' || (outcome === 'written' && saved);
  };

  attachReply: Store['attachReply'] = async (caseId, reply) => {
    let attached = true;
    const outcome = await this.db.record('attachReply', 0, () =>
      this.db.transaction(async (client) => {
        // An edited answer is the same message answering a new case: the old case lets go of it.
        await client.query('UPDATE cases SET reply_message_id = NULL, reply_public = NULL WHERE reply_message_id = $1 AND id <> $2', [reply.messageId, caseId]);
        const r = await client.query('UPDATE cases SET reply_message_id = $1, reply_public = $2 WHERE id = $3', [reply.messageId, reply.public ? 1 : 0, caseId]);
        attached = (r.rowCount ?? 0) > 0;
      }),
    );
    return outcome === 'queued' || (outcome === 'written' && attached);
  };

  caseForReply: Store['caseForReply'] = (messageId, interactionId = null) =>
    this.db.lookup('caseForReply', null as StoredCase | null, async (q) => {
      const byMessage = await q.query<CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.reply_message_id = $1`, [messageId]);
      if (byMessage.rows[0] || interactionId === null) return byMessage.rows[0] ? toStoredCase(byMessage.rows[0]) : null;
      const byInteraction = await q.query<CaseRow>(
        `SELECT ${caseColumns} FROM cases c WHERE c.reply_interaction_id = $1 AND (c.reply_message_id IS NULL OR c.reply_message_id = $2)`,
        [interactionId, messageId],
      );
      return byInteraction.rows[0] ? toStoredCase(byInteraction.rows[0]) : null;
    });

  getCase: Store['getCase'] = (id) =>
    this.db.lookup('getCase', null as StoredCase | null, async (q) => {
      const { rows } = await q.query<CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.id = $1`, [id]);
      return rows[0] ? toStoredCase(rows[0]) : null;
    });

  markCaseAnswered: Store['markCaseAnswered'] = (caseId, faqName) =>
    this.db.write('markCaseAnswered', false, async (q) => (await q.query('UPDATE cases SET answered_by = $1 WHERE id = $2', [faqName, caseId])).rowCount === 1);

  // Per-user rate limits: one transaction per take, serialised per user across every copy by an advisory lock.

  takeRateLimit: Store['takeRateLimit'] = (userId, limit, windowMs, now = Date.now()) =>
    this.db.write('takeRateLimit', 0, async () => {
      const wait = await this.db.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rate:${userId}`]);
        await client.query('DELETE FROM rate_limit_hits WHERE user_id = $1 AND at <= $2', [userId, now - windowMs]);
        const hits = (await client.query<{ n: number; oldest: number | null }>('SELECT count(*) AS n, min(at) AS oldest FROM rate_limit_hits WHERE user_id = $1', [userId])).rows[0]!;
        if (hits.n >= limit) return Math.max(1, Math.ceil((hits.oldest! + windowMs - now) / 1000));
        await client.query('INSERT INTO rate_limit_hits (user_id, at) VALUES ($1, $2)', [userId, now]);
        return 0;
      });
      if (now - this.lastSweep >= sweepEveryMs) {
        this.lastSweep = now;
        await this.db.pool.query('DELETE FROM rate_limit_hits WHERE at <= $1', [now - windowMs]);
      }
      return wait;
    });

  // FAQ entries

  listFaq: Store['listFaq'] = (guildId) =>
    this.db.lookup('listFaq', [], async (q) => (await q.query<FaqRow>('SELECT * FROM faq_entries WHERE guild_id = $1 ORDER BY name', [guildId])).rows.map(toFaqEntry));

  getFaq: Store['getFaq'] = (guildId, name) =>
    this.db.lookup('getFaq', null, async (q) => {
      const { rows } = await q.query<FaqRow>('SELECT * FROM faq_entries WHERE guild_id = $1 AND name = $2', [guildId, name]);
      return rows[0] ? toFaqEntry(rows[0]) : null;
    });

  addFaq: Store['addFaq'] = (entry) =>
    this.db.write('addFaq', unavailable, async (q) => {
      const now = Date.now();
      const { rows } = await q.query<FaqRow>(
        `INSERT INTO faq_entries (guild_id, name, title, body, triggers, language, author_id, uses, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8) ON CONFLICT DO NOTHING RETURNING *`,
        [entry.guildId, entry.name, entry.title, entry.body, JSON.stringify(entry.triggers ?? []), entry.language ?? null, entry.authorId, now],
      );
      return rows[0] ? { ok: true, entry: toFaqEntry(rows[0]) } : { ok: false, reason: 'exists' };
    });

  editFaq: Store['editFaq'] = (entry) =>
    this.db.write('editFaq', unavailable, async (q) => {
      const { rows } = await q.query<FaqRow>(
        `UPDATE faq_entries SET title = coalesce($1, title), body = coalesce($2, body), triggers = coalesce($3, triggers),
           language = CASE WHEN $4::boolean THEN $5 ELSE language END, author_id = $6, updated_at = $7
         WHERE guild_id = $8 AND name = $9 RETURNING *`,
        [
          entry.title ?? null,
          entry.body ?? null,
          entry.triggers ? JSON.stringify(entry.triggers) : null,
          entry.language !== undefined,
          entry.language ?? null,
          entry.authorId,
          Date.now(),
          entry.guildId,
          entry.name,
        ],
      );
      return rows[0] ? { ok: true, entry: toFaqEntry(rows[0]) } : { ok: false, reason: 'missing' };
    });

  removeFaq: Store['removeFaq'] = (guildId, name) =>
    this.db.write('removeFaq', unavailable, async (q) => {
      const { rows } = await q.query<FaqRow>('DELETE FROM faq_entries WHERE guild_id = $1 AND name = $2 RETURNING *', [guildId, name]);
      return rows[0] ? { ok: true, entry: toFaqEntry(rows[0]) } : { ok: false, reason: 'missing' };
    });

  importFaq: Store['importFaq'] = (guildId, entries, { prune = false } = {}) =>
    this.db.write('importFaq', null, () =>
      this.db.transaction(async (client) => {
        const now = Date.now();
        let added = 0;
        for (const e of entries) {
          // xmax is 0 only for a row this statement inserted (not one it updated).
          const { rows } = await client.query<{ inserted: boolean }>(
            `INSERT INTO faq_entries (guild_id, name, title, body, triggers, language, author_id, uses, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8)
             ON CONFLICT (guild_id, name) DO UPDATE SET title = excluded.title, body = excluded.body, triggers = excluded.triggers,
               language = excluded.language, author_id = excluded.author_id, updated_at = excluded.updated_at
             RETURNING (xmax = 0) AS inserted`,
            [guildId, e.name, e.title, e.body, JSON.stringify(e.triggers ?? []), e.language ?? null, e.authorId, now],
          );
          if (rows[0]?.inserted) added++;
        }
        const removed = prune
          ? ((await client.query('DELETE FROM faq_entries WHERE guild_id = $1 AND NOT (name = ANY($2::text[]))', [guildId, entries.map((e) => e.name)])).rowCount ?? 0)
          : 0;
        return { added, replaced: entries.length - added, removed };
      }),
    );

  faqRevision: Store['faqRevision'] = (guildId) =>
    this.db.lookup('faqRevision', '', async (q) => {
      const row = (await q.query<{ n: number; at: number | null }>('SELECT count(*) AS n, max(updated_at) AS at FROM faq_entries WHERE guild_id = $1', [guildId])).rows[0]!;
      return `${row.n}:${row.at ?? 0}`;
    });

  recordFaqUse: Store['recordFaqUse'] = (guildId, name) =>
    this.db.write('recordFaqUse', false, async (q) => (await q.query('UPDATE faq_entries SET uses = uses + 1 WHERE guild_id = $1 AND name = $2', [guildId, name])).rowCount === 1);

  // Settings

  getSettings: Store['getSettings'] = (guildId) =>
    this.db.lookup('getSettings', defaultSettings(guildId, this.retentionDays), async (q) =>
      settingsFromRow(guildId, (await q.query<SettingsRow>('SELECT * FROM guild_settings WHERE guild_id = $1', [guildId])).rows[0], this.retentionDays),
    );

  updateSettings: Store['updateSettings'] = async (guildId, patch) => {
    const next = patchedSettings(await this.getSettings(guildId), patch);
    if (!next) return null;
    return this.db.write('updateSettings', null as GuildSettings | null, async (q) => {
      await q.query(
        `INSERT INTO guild_settings (guild_id, watch_channels, auto_reply, retention_days, language, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (guild_id) DO UPDATE SET watch_channels = excluded.watch_channels, auto_reply = excluded.auto_reply,
           retention_days = excluded.retention_days, language = excluded.language, updated_at = excluded.updated_at`,
        [guildId, JSON.stringify(next.watchChannels), next.autoReply ? 1 : 0, next.retentionDays, next.language, Date.now()],
      );
      return next;
    });
  };

  watchedGuildIds: Store['watchedGuildIds'] = () =>
    this.db.lookup('watchedGuildIds', [] as string[], async (q) =>
      (await q.query<{ guild_id: string }>("SELECT guild_id FROM guild_settings WHERE watch_channels <> '[]' AND auto_reply = 1 ORDER BY guild_id")).rows.map((r) => r.guild_id),
    );

  // Retention and erasure

  purgeExpired: Store['purgeExpired'] = (now = new Date()) =>
    this.db.write('purgeExpired', null as number | null, async (q) => {
      const at = now.getTime();
      // In chunks, each its own statement, so a first purge of a large backlog never holds locks for long.
      const chunked = async (sql: string, params: unknown[]): Promise<number> => {
        let total = 0;
        for (;;) {
          const n = (await q.query(sql, params)).rowCount ?? 0;
          total += n;
          if (n === 0) return total;
        }
      };
      let deleted = await chunked(
        `DELETE FROM cases WHERE id IN (
           SELECT id FROM cases WHERE created_at < $1
             AND (guild_id IS NULL OR guild_id NOT IN (SELECT guild_id FROM guild_settings WHERE retention_days IS NOT NULL))
           LIMIT 2000)`,
        [at - this.retentionDays * dayMs],
      );
      const guilds = (await q.query<{ guild_id: string; retention_days: number }>('SELECT guild_id, retention_days FROM guild_settings WHERE retention_days IS NOT NULL')).rows;
      for (const g of guilds) {
        deleted += await chunked('DELETE FROM cases WHERE id IN (SELECT id FROM cases WHERE guild_id = $1 AND created_at < $2 LIMIT 2000)', [g.guild_id, at - g.retention_days * dayMs]);
      }
      return deleted;
    });

  startRetention: Store['startRetention'] = (intervalMs = 6 * 3_600_000) => {
    void this.purgeExpired();
    const timer = setInterval(() => void this.purgeExpired(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  };

  forgetUser: Store['forgetUser'] = async (userId) => {
    // Cases still waiting for the server are written first, so none of this user's lands after the erasure.
    if (!(await this.db.flush())) return null;
    return this.db.write('forgetUser', null, () =>
      this.db.transaction(async (client) => {
        const feedback = (await client.query('DELETE FROM feedback WHERE user_id = $1', [userId])).rowCount ?? 0;
        const cases = (await client.query('DELETE FROM cases WHERE user_id = $1', [userId])).rowCount ?? 0;
        await client.query('DELETE FROM rate_limit_hits WHERE user_id = $1', [userId]);
        return { cases, feedback };
      }),
    );
  };

  // Moderator insight

  stats: Store['stats'] = (query) => {
    const period = statsPeriod(query);
    const { since, until, guildId } = period;
    return this.db.read('stats', async (q) => {
      // $3 is the server, or NULL for all of them.
      const params = [since, until, guildId];
      const g = '($3::text IS NULL OR guild_id = $3)';
      const totals = (await q.query<{ cases: number; matched: number | null }>(`SELECT count(*) AS cases, sum(matched) AS matched FROM cases WHERE ${g} AND created_at >= $1 AND created_at < $2`, params)).rows[0]!;
      const topRules = (
        await q.query<{ rule: string; cases: number }>(
          `SELECT rule_id AS rule, count(*) AS cases FROM case_matches WHERE ${g} AND rank = 0 AND created_at >= $1 AND created_at < $2
           GROUP BY rule_id ORDER BY cases DESC, rule_id LIMIT 10`,
          params,
        )
      ).rows;
      const votesByRule = new Map(
        (
          await q.query<{ rule: string; helpful: number; wrong: number }>(
            `SELECT m.rule_id AS rule, count(*) FILTER (WHERE f.vote = 'helpful') AS helpful, count(*) FILTER (WHERE f.vote = 'wrong') AS wrong
               FROM feedback f JOIN case_matches m ON m.case_id = f.case_id AND m.rank = 0
              WHERE f.case_created_at >= $1 AND f.case_created_at < $2 AND ($3::text IS NULL OR m.guild_id = $3)
              GROUP BY m.rule_id`,
            params,
          )
        ).rows.map((r) => [r.rule, r]),
      );
      const busiestChannels = (
        await q.query<{ channelId: string; cases: number }>(
          `SELECT channel_id AS "channelId", count(*) AS cases FROM cases
            WHERE ${g} AND created_at >= $1 AND created_at < $2 AND channel_id IS NOT NULL
            GROUP BY channel_id ORDER BY cases DESC, channel_id LIMIT 5`,
          params,
        )
      ).rows;
      const answeredByFaq = (
        await q.query<{ n: number }>(
          `SELECT count(*) AS n FROM case_matches WHERE ${g} AND rank = 0 AND rule_id >= 'faq:' AND rule_id < 'faq;' AND created_at >= $1 AND created_at < $2`,
          params,
        )
      ).rows[0]!.n;
      return statsFrom(query, period, { totals, topRules, votesByRule, busiestChannels, answeredByFaq });
    });
  };

  ruleWeeks: Store['ruleWeeks'] = (query) => {
    const until = query.now ? query.now.getTime() : Date.now() + 1;
    const weeks = Math.max(1, Math.floor(query.weeks));
    const since = until - weeks * weekMs;
    const guildId = query.guildId ?? null;
    return this.db.read('ruleWeeks', async (q) => {
      const { rows } = await q.query<{ rule: string; week: number; cases: number }>(
        `SELECT rule_id AS rule, ((created_at - $1) / ${weekMs})::int AS week, count(*) AS cases FROM case_matches
          WHERE ($3::text IS NULL OR guild_id = $3) AND rank = 0 AND created_at >= $1 AND created_at < $2
          GROUP BY rule_id, week`,
        [since, until, guildId],
      );
      return ruleWeeksFrom(rows, since, until, weeks);
    });
  };

  review: Store['review'] = (query) => {
    const limit = Math.max(1, Math.floor(query.limit));
    const guildId = query.guildId ?? null;
    return this.db.read('review', async (q) => {
      const g = '($2::text IS NULL OR c.guild_id = $2)';
      const unmatched = (
        await q.query<CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.matched = 0 AND c.answered_by IS NULL AND ${g} ORDER BY c.created_at DESC, c.id DESC LIMIT $1`, [limit, guildId])
      ).rows.map((row): ReviewItem => {
        const stored = toStoredCase(row);
        return { ...stored, reason: 'unmatched', flaggedAt: stored.createdAt };
      });
      // Each case once, at its newest "wrong" vote; a case a moderator made an FAQ entry from has left the list.
      const flagged = (
        await q.query<{ id: number; at: number }>(
          `SELECT f.case_id AS id, max(f.created_at) AS at FROM feedback f JOIN cases c ON c.id = f.case_id
            WHERE f.vote = 'wrong' AND c.answered_by IS NULL AND ${g} GROUP BY f.case_id ORDER BY at DESC LIMIT $1`,
          [limit, guildId],
        )
      ).rows;
      const at = new Map(flagged.map((f) => [f.id, f.at]));
      const rows = flagged.length ? (await q.query<CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.id = ANY($1::bigint[])`, [flagged.map((f) => f.id)])).rows : [];
      const wrong = rows.map((row): ReviewItem => ({ ...toStoredCase(row), reason: 'wrong', flaggedAt: new Date(at.get(row.id)!).toISOString() }));
      return [...unmatched, ...wrong].sort((a, b) => b.flaggedAt.localeCompare(a.flaggedAt) || b.id - a.id).slice(0, limit);
    });
  };

  /** Page by page on (created_at, id), so a large log is never held in memory nor a transaction kept open. */
  exportCases: Store['exportCases'] = (query) => {
    const db = this.db;
    return (async function* () {
      let after: [number, number] = [query.since?.getTime() ?? Number.MIN_SAFE_INTEGER, -1];
      for (;;) {
        const rows = await db.read('exportCases', async (q) =>
          (
            await q.query<CaseRow>(
              `SELECT ${caseColumns} FROM cases c WHERE (c.created_at, c.id) > ($1, $2) ORDER BY c.created_at, c.id LIMIT ${exportPage}`,
              // The first page includes cases at exactly `since`.
              after[1] === -1 ? [after[0] - 1, Number.MAX_SAFE_INTEGER] : after,
            )
          ).rows,
        );
        for (const row of rows) yield toStoredCase(row);
        if (rows.length < exportPage) return;
        const last = rows[rows.length - 1]!;
        after = [last.created_at, last.id];
      }
    })();
  };

  // Liveness

  recordGatewayHeartbeat: Store['recordGatewayHeartbeat'] = async (now = new Date(), shard = { id: 0, count: 1 }) =>
    (await this.db.write('recordGatewayHeartbeat', false, async (q) => {
      await q.query(
        `INSERT INTO runtime_state (key, value, updated_at) VALUES ($1, $2, $3), ($4, $5, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [heartbeatKey, now.toISOString(), now.getTime(), `${shardKeyPrefix}${shard.id}`, String(shard.count)],
      );
      return true;
    })) === true;

  lastGatewayHeartbeat: Store['lastGatewayHeartbeat'] = () =>
    this.db.lookup('lastGatewayHeartbeat', null as Date | null, async (q) => {
      const row = (await q.query<{ updated_at: number }>('SELECT updated_at FROM runtime_state WHERE key = $1', [heartbeatKey])).rows[0];
      return row ? new Date(row.updated_at) : null;
    });

  health: Store['health'] = async () => {
    const path = this.path;
    const result = await this.db.attempt('health', async (): Promise<StoreHealth> => {
      const client = await this.db.pool.connect();
      try {
        const schemaVersion = await pgSchemaVersion(client);
        const cases = (await client.query<{ n: number }>('SELECT count(*) AS n FROM cases')).rows[0]!.n;
        // A write proves the database is neither read-only nor out of space.
        await client.query(
          `INSERT INTO runtime_state (key, value, updated_at) VALUES ('health-check', 'ok', $1) ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at`,
          [Date.now()],
        );
        const heartbeat = (await client.query<{ updated_at: number }>('SELECT updated_at FROM runtime_state WHERE key = $1', [heartbeatKey])).rows[0];
        const shardRows = (await client.query<{ key: string; value: string; updated_at: number | string }>('SELECT key, value, updated_at FROM runtime_state WHERE key LIKE $1', [`${shardKeyPrefix}%`])).rows;
        const behind = this.db.pending > 0 ? `${this.db.pending} writes still wait for the database` : null;
        const problem = schemaVersion !== latestSchemaVersion ? `schema version ${schemaVersion}, expected ${latestSchemaVersion}` : behind;
        return {
          ok: problem === null,
          path,
          ...(problem ? { error: problem } : {}),
          schemaVersion,
          cases,
          gatewayHeartbeat: heartbeat ? new Date(heartbeat.updated_at).toISOString() : null,
          shardHeartbeats: shardRows.map((r) => ({ shard: Number(r.key.slice(shardKeyPrefix.length)), shardCount: Number(r.value), at: new Date(Number(r.updated_at)).toISOString() })),
        };
      } finally {
        client.release();
      }
    });
    return result.ok ? result.value : { ok: false, path, error: result.error };
  };

  async close(): Promise<void> {
    await this.db.close();
  }
}

