/**
 * What moderators read: stats over a period, the review list (unmatched and
 * "wrong"-voted cases) and the export of every case. These throw
 * StoreUnavailableError when the database cannot answer (see guarded.ts).
 */
import { caseByIdSql, caseColumns, toStoredCase, type CaseRow } from './cases.js';
import type { GuardedDb } from './guarded.js';
import type { ReviewItem, RuleWeeks, RuleWeeksQuery, Stats, StatsQuery, StoredCase } from './types.js';

const dayMs = 86_400_000;
export const weekMs = 7 * dayMs;
/** Rules a chart can tell apart by colour; the rest of the period's cases are left out of it. */
const chartedRules = 5;

/**
 * Top rules over a period without sorting every match in it: walk the distinct
 * rule ids with one index seek each (a loose index scan), count each rule's
 * range in the period from the (rank, rule_id, created_at) index, keep the 10
 * largest. Parameters: [guildId,] since, until.
 */
export function topRulesSql(byGuild: boolean): string {
  const g = byGuild ? 'guild_id = :guild AND' : '';
  return `
    WITH RECURSIVE seen(rule_id) AS (
      SELECT (SELECT min(rule_id) FROM case_matches WHERE ${g} rank = 0)
      UNION ALL
      SELECT (SELECT min(rule_id) FROM case_matches WHERE ${g} rank = 0 AND rule_id > seen.rule_id)
        FROM seen WHERE seen.rule_id IS NOT NULL
    ),
    counted AS MATERIALIZED (
      SELECT rule_id, (SELECT count(*) FROM case_matches m
                        WHERE ${g ? 'm.guild_id = :guild AND' : ''} m.rank = 0 AND m.rule_id = seen.rule_id
                          AND m.created_at >= :since AND m.created_at < :until) AS cases
        FROM seen WHERE rule_id IS NOT NULL
    )
    SELECT rule_id AS rule, cases FROM counted WHERE cases > 0 ORDER BY cases DESC, rule_id LIMIT 10`;
}

/**
 * Helpful/wrong per best-matched rule over a period, driven by the period's
 * votes (few) rather than its matches (many). Parameters: [guild,] since, until.
 */
export function votesByRuleSql(byGuild: boolean): string {
  return `
    SELECT m.rule_id AS rule, sum(f.vote = 'helpful') AS helpful, sum(f.vote = 'wrong') AS wrong
      FROM feedback f INDEXED BY feedback_case_time
      CROSS JOIN case_matches m ON m.case_id = f.case_id AND m.rank = 0 -- CROSS JOIN: the votes drive the loop
     WHERE f.case_created_at >= :since AND f.case_created_at < :until ${byGuild ? 'AND m.guild_id = :guild' : ''}
     GROUP BY m.rule_id`;
}

/**
 * Each rule's best-match cases per week of a period, from one range seek on a
 * covering (time, rule) index: a year's chart reads that year's matches, never
 * the whole log (left to itself, SQLite picks the (rank, rule, time) index and
 * reads every best match ever logged). :since is bound as a JavaScript number (a REAL to SQLite):
 * cast, so the week number is a whole one. Parameters: [guild,] since, until.
 */
export function ruleWeeksSql(byGuild: boolean): string {
  return `
    SELECT rule_id AS rule, (created_at - CAST(:since AS INTEGER)) / ${weekMs} AS week, count(*) AS cases
      FROM case_matches INDEXED BY ${byGuild ? 'case_matches_guild_time_rule' : 'case_matches_time_rule'}
     WHERE ${byGuild ? 'guild_id = :guild AND' : ''} rank = 0 AND created_at >= :since AND created_at < :until
     GROUP BY rule_id, week`;
}

/** The weeks' counts per rule (rows: rule, week number from `since`, cases), the top rules first; shared by both stores. */
export function ruleWeeksFrom(rows: readonly { rule: string; week: number; cases: number }[], since: number, until: number, weeks: number): RuleWeeks {
  const byRule = new Map<string, number[]>();
  for (const r of rows) {
    const counts = byRule.get(r.rule) ?? new Array<number>(weeks).fill(0);
    counts[r.week] = r.cases;
    byRule.set(r.rule, counts);
  }
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    weeks: Array.from({ length: weeks }, (_, i) => new Date(since + i * weekMs).toISOString()),
    rules: [...byRule]
      .map(([rule, counts]) => ({ rule, counts }))
      .sort((a, b) => total(b.counts) - total(a.counts) || (a.rule < b.rule ? -1 : 1))
      .slice(0, chartedRules),
  };
}

/**
 * The period `stats` covers. It ends after the current millisecond: a case logged in the same
 * millisecond as the query (`< until`) is part of "the last N days", not left out.
 */
export function statsPeriod(query: StatsQuery): { since: number; until: number; guildId: string | null } {
  const until = query.now ? query.now.getTime() : Date.now() + 1;
  return { since: until - query.days * dayMs, until, guildId: query.guildId ?? null };
}

/** The Stats record from each backend's query results (votes summed over the period's rules). */
export function statsFrom(
  query: StatsQuery,
  period: { since: number; until: number; guildId: string | null },
  parts: {
    totals: { cases: number; matched: number | null };
    topRules: readonly { rule: string; cases: number }[];
    votesByRule: ReadonlyMap<string, { helpful: number; wrong: number }>;
    busiestChannels: { channelId: string; cases: number }[];
    answeredByFaq: number;
  },
): Stats {
  const { totals, votesByRule } = parts;
  let helpful = 0;
  let wrong = 0;
  for (const v of votesByRule.values()) {
    helpful += v.helpful;
    wrong += v.wrong;
  }
  const matched = totals.matched ?? 0;
  return {
    since: new Date(period.since).toISOString(),
    until: new Date(period.until).toISOString(),
    days: query.days,
    guildId: period.guildId,
    cases: totals.cases,
    matched,
    matchedShare: totals.cases === 0 ? 0 : matched / totals.cases,
    topRules: parts.topRules.map((r) => ({ rule: r.rule, cases: r.cases, helpful: votesByRule.get(r.rule)?.helpful ?? 0, wrong: votesByRule.get(r.rule)?.wrong ?? 0 })),
    busiestChannels: parts.busiestChannels,
    votes: { helpful, wrong },
    wrongRate: helpful + wrong === 0 ? 0 : wrong / (helpful + wrong),
    answeredByFaq: parts.answeredByFaq,
  };
}

export class InsightStore {
  constructor(private readonly db: GuardedDb) {}

  stats(query: StatsQuery): Stats {
    const period = statsPeriod(query);
    const { since, until, guildId } = period;
    return this.db.read('stats', (c) => {
      const g = guildId === null ? '' : 'guild_id = ? AND';
      const params = guildId === null ? [since, until] : [guildId, since, until];
      const totals = c
        .sql<unknown[], { cases: number; matched: number | null }>(
          `SELECT count(*) AS cases, sum(matched) AS matched FROM cases WHERE ${g} created_at >= ? AND created_at < ?`,
        )
        .get(...params)!;
      const topRules = c
        .sql<[Record<string, unknown>], { rule: string; cases: number }>(topRulesSql(guildId !== null))
        .all(guildId === null ? { since, until } : { guild: guildId, since, until });
      const votesByRule = new Map(
        c
          .sql<[Record<string, unknown>], { rule: string; helpful: number; wrong: number }>(votesByRuleSql(guildId !== null))
          .all(guildId === null ? { since, until } : { guild: guildId, since, until })
          .map((r) => [r.rule, r]),
      );
      const busiestChannels = c
        .sql<unknown[], { channelId: string; cases: number }>(
          `SELECT channel_id AS channelId, count(*) AS cases FROM cases
           WHERE ${g} created_at >= ? AND created_at < ? AND channel_id IS NOT NULL
           GROUP BY channel_id ORDER BY cases DESC, channel_id LIMIT 5`,
        )
        .all(...params);
      // Cases a server entry answered are logged with 'faq:<name>' as their best match (src/faq/case-match.ts).
      const answeredByFaq = c
        .sql<unknown[], { n: number }>(
          `SELECT count(*) AS n FROM case_matches WHERE ${g} rank = 0 AND rule_id >= 'faq:' AND rule_id < 'faq;' AND created_at >= ? AND created_at < ?`,
        )
        .get(...params)!.n;
      return statsFrom(query, period, { totals, topRules, votesByRule, busiestChannels, answeredByFaq });
    });
  }

  ruleWeeks(query: RuleWeeksQuery): RuleWeeks {
    // The same period end as `stats`, so a chart of N weeks agrees with `stats` over N × 7 days.
    const until = query.now ? query.now.getTime() : Date.now() + 1;
    const weeks = Math.max(1, Math.floor(query.weeks));
    const since = until - weeks * weekMs;
    const guildId = query.guildId ?? null;
    const rows = this.db.read('ruleWeeks', (c) =>
      c
        .sql<[Record<string, unknown>], { rule: string; week: number; cases: number }>(ruleWeeksSql(guildId !== null))
        .all(guildId === null ? { since, until } : { guild: guildId, since, until }),
    );
    return ruleWeeksFrom(rows, since, until, weeks);
  }

  review(query: { limit: number; guildId?: string | null }): ReviewItem[] {
    const limit = Math.max(1, Math.floor(query.limit));
    const guildId = query.guildId ?? null;
    return this.db.read('review', (c) => {
      const g = guildId === null ? '' : 'AND c.guild_id = ?';
      const params = guildId === null ? [limit] : [guildId, limit];
      const unmatched = c
        .sql<unknown[], CaseRow>(
          `SELECT ${caseColumns} FROM cases c WHERE c.matched = 0 AND c.answered_by IS NULL ${g} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
        )
        .all(...params)
        .map((row): ReviewItem => {
          const stored = toStoredCase(row);
          return { ...stored, reason: 'unmatched', flaggedAt: stored.createdAt };
        });
      // Newest "wrong" votes first, stopping as soon as `limit` distinct cases are found.
      // A case a moderator already made an FAQ entry from is done: it leaves the list.
      const flagged = new Map<number, number>();
      const votes = c
        .sql<unknown[], { id: number; at: number }>(
          `SELECT f.case_id AS id, f.created_at AS at FROM feedback f JOIN cases c ON c.id = f.case_id
           WHERE f.vote = 'wrong' AND c.answered_by IS NULL ${g} ORDER BY f.created_at DESC`,
        )
        .iterate(...params.slice(0, -1));
      for (const v of votes) {
        if (!flagged.has(v.id)) flagged.set(v.id, v.at);
        if (flagged.size >= limit) break;
      }
      const wrong = [...flagged].map(([id, at]): ReviewItem => ({
        ...toStoredCase(c.sql<[number], CaseRow>(caseByIdSql).get(id)!),
        reason: 'wrong',
        flaggedAt: new Date(at).toISOString(),
      }));
      return [...unmatched, ...wrong]
        .sort((a, b) => b.flaggedAt.localeCompare(a.flaggedAt) || b.id - a.id)
        .slice(0, limit);
    });
  }

  exportCases(query: { since?: Date }): IterableIterator<StoredCase> {
    const since = query.since?.getTime() ?? Number.MIN_SAFE_INTEGER;
    const rows = this.db.read('exportCases', (c) =>
      c
        .sql<[number], CaseRow>(`SELECT ${caseColumns} FROM cases c WHERE c.created_at >= ? ORDER BY c.created_at, c.id`)
        .iterate(since),
    );
    function* mapped(): IterableIterator<StoredCase> {
      for (const row of rows) yield toStoredCase(row);
    }
    return mapped();
  }
}
