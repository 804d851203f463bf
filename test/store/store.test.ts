import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { latestSchemaVersion, openStore } from '../../src/store/index.js';
import { ruleWeeksSql, topRulesSql, votesByRuleSql } from '../../src/store/insight.js';
import type { Store } from '../../src/store/types.js';
import { storeBackends, useStoreBackends } from './backends.js';
import { collect, rawRows, sampleCase, tempDir } from './helpers.js';

const day = 86_400_000;
let dir: string;
let cleanup: () => void;
let store: Store;
/** Where this test's store is: the SQLite file's path or the PostgreSQL database's URL. */
let location: string;
const backends = useStoreBackends();

/** Logs a case as if it happened `daysAgo` days before `now`. */
async function logAt(now: number, daysAgo: number, overrides: Parameters<typeof sampleCase>[0] = {}): Promise<number> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now - daysAgo * day);
  const id = await store.logCase(sampleCase(overrides));
  vi.useRealTimers();
  expect(id).not.toBeNull();
  return id!;
}

describe.each(storeBackends)('the store on %s', (backend) => {
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    location = await backends.location(backend, dir);
    store = openStore(location);
  });

  afterEach(async () => {
    await store.close();
    vi.useRealTimers();
    cleanup();
  });

  describe('cases and the messages that answered them', () => {
    it('gives every case a random public id, its own when the caller brings one', async () => {
      const a = (await store.getCase((await store.logCase(sampleCase()))!))!;
      const b = (await store.getCase((await store.logCase(sampleCase({ publicId: 'Q2FzZUlkRnJvbUNhbGxlcg' })))!))!;
      expect(a.publicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(b.publicId).toBe('Q2FzZUlkRnJvbUNhbGxlcg');
      expect(a.reply).toBeNull();
    });

    it('finds a case by the message that answered it; an edited answer moves to its new case', async () => {
      const first = (await store.logCase(sampleCase({ paste: 'first' })))!;
      expect(await store.caseForReply('900000000000000001')).toBeNull();
      expect(await store.attachReply(first, { messageId: '900000000000000001', public: false })).toBe(true);
      expect(await store.caseForReply('900000000000000001')).toMatchObject({ id: first, paste: 'first', reply: { messageId: '900000000000000001', public: false } });
      const second = (await store.logCase(sampleCase({ paste: 'second' })))!;
      expect(await store.attachReply(second, { messageId: '900000000000000001', public: true })).toBe(true);
      expect(await store.caseForReply('900000000000000001')).toMatchObject({ id: second, reply: { public: true } });
      expect((await store.getCase(first))!.reply).toBeNull();
      expect(await store.attachReply(999_999, { messageId: '900000000000000002', public: true })).toBe(false);
    });
  });

  // The file itself: only SQLite has one.
  if (backend === 'sqlite') describe('opening', () => {
    it('creates the directory and a WAL database at the given path', async () => {
      expect(existsSync(join(dir, 'nested', 'awaitbot.db'))).toBe(true);
      const db = new Database(join(dir, 'nested', 'awaitbot.db'), { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      expect(await store.health()).toMatchObject({ ok: true, schemaVersion: latestSchemaVersion, cases: 0, gatewayHeartbeat: null });
    });

    it('opens the file DATABASE_PATH names, creating its directory', async () => {
      const s = openStore(parseConfig({ DATABASE_PATH: join(dir, 'from-env', 'cases.db') }).databasePath);
      expect(s.path).toBe(join(dir, 'from-env', 'cases.db'));
      expect(await s.logCase(sampleCase())).toBe(1);
      await s.close();
      expect(existsSync(join(dir, 'from-env', 'cases.db'))).toBe(true);
    });
  });

  describe('the case log', () => {
    it('reads back what was logged, matches best first', async () => {
      const id = (await store.logCase(
        sampleCase({
          matches: [
            { rule: 'py/discordpy-load-extension-not-awaited', confidence: 0.95 },
            { rule: 'py/coroutine-never-awaited', confidence: 0.7 },
          ],
        }),
      ))!;
      const stored = (await store.getCase(id))!;
      expect(stored).toMatchObject({
        id,
        source: 'discord',
        trigger: 'explain',
        language: 'python',
        fixShown: true,
        paste: 'async def main():\n    asyncio.sleep(1)\n',
        matches: [
          { rule: 'py/discordpy-load-extension-not-awaited', confidence: 0.95 },
          { rule: 'py/coroutine-never-awaited', confidence: 0.7 },
        ],
        votes: { helpful: 0, wrong: 0 },
      });
      expect(Date.now() - Date.parse(stored.createdAt)).toBeLessThan(60_000);
      expect(await store.getCase(id + 1)).toBeNull();
    });

    it('keeps a paste stopped as too complex apart from an unknown error, and lists it for review', async () => {
      const unmatched = (await store.logCase(sampleCase({ matches: [] })))!;
      const tooComplex = (await store.logCase(sampleCase({ matches: [], language: null, fixShown: false, outcome: 'too-complex' })))!;
      expect((await store.getCase(unmatched))!.outcome).toBe('diagnosed');
      expect((await store.getCase(tooComplex))!.outcome).toBe('too-complex');
      expect((await store.review({ limit: 10 })).map((r) => [r.id, r.outcome])).toEqual(
        expect.arrayContaining([
          [unmatched, 'diagnosed'],
          [tooComplex, 'too-complex'],
        ]),
      );
    });

    it('logs console cases without ids and unmatched cases with no matches', async () => {
      const id = (await store.logCase(sampleCase({ source: 'console', guildId: null, channelId: null, userId: null, trigger: 'console', matches: [] })))!;
      expect(await store.getCase(id)).toMatchObject({ source: 'console', guildId: null, userId: null, matches: [] });
    });

    it('never writes a Discord token to the database file, even when the caller forgot to redact', async () => {
      // Shape of a real bot token (base64 user id . timestamp . hmac); not a live one.
      const token = ['MTA4NzY1NDMyMTA5ODc2NTQzMg', 'GkXz7Q', 'q8Vw3nLr5TyUi9OpAsDfGhJkLzXcVbNm12345'].join('.');
      const id = (await store.logCase(sampleCase({ paste: `import discord\nbot.run("${token}")\n` })))!;
      expect((await store.getCase(id))!.paste).toContain('[REDACTED discord token]');
      await store.close();
      if (backend === 'postgres') {
        // Read back raw, past the store's own mapping.
        const raw = await rawRows(location, 'SELECT paste FROM cases');
        expect(JSON.stringify(raw)).not.toContain('q8Vw3nLr5TyUi9OpAsDfGhJkLzXcVbNm12345');
        return;
      }
      const bytes = Buffer.concat(
        ['', '-wal', '-shm'].map((s) => join(dir, 'nested', `awaitbot.db${s}`)).filter(existsSync).map((f) => readFileSync(f)),
      );
      expect(bytes.includes('GkXz7Q')).toBe(false);
      expect(bytes.includes('q8Vw3nLr5TyUi9OpAsDfGhJkLzXcVbNm12345')).toBe(false);
    });

    it('keeps one vote per user per case; a second vote replaces the first', async () => {
      const id = (await store.logCase(sampleCase()))!;
      expect(await store.recordFeedback(id, 'u1', 'helpful')).toBe(true);
      expect(await store.recordFeedback(id, 'u2', 'helpful')).toBe(true);
      expect(await store.recordFeedback(id, 'u1', 'wrong')).toBe(true);
      expect((await store.getCase(id))!.votes).toEqual({ helpful: 1, wrong: 1 });
    });

    it('refuses a vote for a case that does not exist, without throwing', async () => {
      expect(await store.recordFeedback(999, 'u1', 'helpful')).toBe(false);
      expect(await store.logCase(sampleCase())).not.toBeNull();
    });
  });

  describe('FAQ entries and settings', () => {
    it('adds, refuses duplicates, edits, counts uses and removes per server', async () => {
      const added = await store.addFaq({ guildId: 'g1', name: 'event-loop', title: 'The event loop', body: 'One thread…', authorId: 'mod' });
      expect(added).toMatchObject({ ok: true, entry: { name: 'event-loop', uses: 0 } });
      expect(await store.addFaq({ guildId: 'g1', name: 'event-loop', title: 'x', body: 'y', authorId: 'mod' })).toEqual({ ok: false, reason: 'exists' });
      expect((await store.addFaq({ guildId: 'g2', name: 'event-loop', title: 'Other server', body: 'z', authorId: 'mod2' })).ok).toBe(true);

      expect(await store.editFaq({ guildId: 'g1', name: 'event-loop', body: 'Still one thread.', authorId: 'mod3' })).toMatchObject({
        ok: true,
        entry: { title: 'The event loop', body: 'Still one thread.', authorId: 'mod3' },
      });
      expect(await store.editFaq({ guildId: 'g1', name: 'nope', body: 'b', authorId: 'm' })).toEqual({ ok: false, reason: 'missing' });
      expect(await store.recordFaqUse('g1', 'event-loop')).toBe(true);
      expect(await store.recordFaqUse('g1', 'event-loop')).toBe(true);
      expect(await store.recordFaqUse('g1', 'nope')).toBe(false);
      expect((await store.getFaq('g1', 'event-loop'))!.uses).toBe(2);
      expect((await store.listFaq('g1')).map((e) => e.name)).toEqual(['event-loop']);

      expect((await store.removeFaq('g1', 'event-loop')).ok).toBe(true);
      expect(await store.removeFaq('g1', 'event-loop')).toEqual({ ok: false, reason: 'missing' });
      expect(await store.getFaq('g1', 'event-loop')).toBeNull();
      expect((await store.getFaq('g2', 'event-loop'))!.title).toBe('Other server');
    });

    it('answers defaults for an unknown server and keeps what a moderator set', async () => {
      expect(await store.getSettings('g1')).toEqual({ guildId: 'g1', watchChannels: [], autoReply: false, retentionDays: 90, language: null });
      expect(await store.updateSettings('g1', { watchChannels: ['c1', 'c2', 'c1'], retentionDays: 30 })).toEqual({
        guildId: 'g1',
        watchChannels: ['c1', 'c2'],
        autoReply: false,
        retentionDays: 30,
        language: null,
      });
      expect(await store.watchedGuildIds()).toEqual([]);
      await store.updateSettings('g1', { autoReply: true });
      expect(await store.getSettings('g1')).toEqual({ guildId: 'g1', watchChannels: ['c1', 'c2'], autoReply: true, retentionDays: 30, language: null });
      expect(await store.watchedGuildIds()).toEqual(['g1']);
      await store.updateSettings('g2', { retentionDays: 14, autoReply: true });
      expect(await store.watchedGuildIds()).toEqual(['g1']);
      expect(await store.updateSettings('g1', { retentionDays: 0 })).toBeNull();
      expect((await store.getSettings('g1')).retentionDays).toBe(30);
      // The language of unasked answers: set, kept across other changes, and cleared back to "each paste's own".
      expect((await store.updateSettings('g1', { language: 'zh-CN' }))?.language).toBe('zh-CN');
      await store.updateSettings('g1', { retentionDays: 31 });
      expect(await store.getSettings('g1')).toMatchObject({ language: 'zh-CN', retentionDays: 31 });
      expect((await store.updateSettings('g1', { language: null }))?.language).toBeNull();
    });
  });

  describe('retention and forgetting', () => {
    it('deletes cases older than 90 days, or than the server’s own retention', async () => {
      const now = Date.parse('2025-06-01T12:00:00Z');
      const old = await logAt(now, 91, { guildId: null });
      const recent = await logAt(now, 89, { guildId: null });
      const shortOld = await logAt(now, 8, { guildId: 'short' });
      const shortNew = await logAt(now, 6, { guildId: 'short' });
      const defaultGuild = await logAt(now, 60, { guildId: 'plain' });
      await store.recordFeedback(old, 'voter', 'helpful');
      await store.updateSettings('short', { retentionDays: 7 });

      expect(await store.purgeExpired(new Date(now))).toBe(2);
      expect(await store.getCase(old)).toBeNull();
      expect(await store.getCase(shortOld)).toBeNull();
      for (const kept of [recent, shortNew, defaultGuild]) expect(await store.getCase(kept)).not.toBeNull();
      expect(await store.purgeExpired(new Date(now))).toBe(0);
    });

    it('startRetention purges expired cases at once', async () => {
      const old = await logAt(Date.now(), 120);
      const fresh = await logAt(Date.now(), 1);
      const stop = store.startRetention(60_000);
      stop();
      expect(await store.getCase(old)).toBeNull();
      expect(await store.getCase(fresh)).not.toBeNull();
    });

    it('forgets a user’s cases and votes, and the paste bytes leave the file', async () => {
      const marker = 'zebra_marker_only_in_this_paste_7731';
      const mine = (await store.logCase(sampleCase({ userId: 'leaver', paste: `def ${marker}():\n    pass\n` })))!;
      const theirs = (await store.logCase(sampleCase({ userId: 'stayer' })))!;
      await store.recordFeedback(theirs, 'leaver', 'wrong');
      await store.recordFeedback(mine, 'stayer', 'helpful');

      expect(await store.forgetUser('leaver')).toEqual({ cases: 1, feedback: 1 });
      expect(await store.getCase(mine)).toBeNull();
      expect((await store.getCase(theirs))!.votes).toEqual({ helpful: 0, wrong: 0 });
      await store.close();
      if (backend === 'postgres') {
        expect(JSON.stringify(await rawRows(location, 'SELECT paste FROM cases'))).not.toContain(marker);
        return;
      }
      const bytes = Buffer.concat(
        ['', '-wal'].map((s) => join(dir, 'nested', `awaitbot.db${s}`)).filter(existsSync).map((f) => readFileSync(f)),
      );
      expect(bytes.includes(marker)).toBe(false);
    });
  });

  describe('moderator insight', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');

    async function seed(): Promise<{ wrongId: number; unmatchedId: number }> {
      const never = { rule: 'py/coroutine-never-awaited', confidence: 0.9 };
      const sleep = { rule: 'py/time-sleep-in-async', confidence: 0.85 };
      const a = await logAt(now, 1, { matches: [never], channelId: 'help' });
      await logAt(now, 2, { matches: [never, sleep], channelId: 'help' });
      const c = await logAt(now, 3, { matches: [sleep], channelId: 'python' });
      const unmatchedId = await logAt(now, 1, { matches: [], channelId: 'help', paste: 'mystery paste' });
      await logAt(now, 20, { matches: [sleep], channelId: 'old' }); // outside a 7-day window
      await logAt(now, 1, { matches: [sleep], guildId: 'other', channelId: 'elsewhere' });
      await store.recordFeedback(a, 'u1', 'helpful');
      await store.recordFeedback(a, 'u2', 'helpful');
      await store.recordFeedback(c, 'u1', 'wrong');
      return { wrongId: c, unmatchedId };
    }

    it('stats: cases, share matched, top rules with votes, busiest channels, 👎 rate', async () => {
      await seed();
      const stats = await store.stats({ days: 7, now: new Date(now), guildId: '100000000000000001' });
      expect(stats).toMatchObject({
        days: 7,
        cases: 4,
        matched: 3,
        matchedShare: 0.75,
        topRules: [
          { rule: 'py/coroutine-never-awaited', cases: 2, helpful: 2, wrong: 0 },
          { rule: 'py/time-sleep-in-async', cases: 1, helpful: 0, wrong: 1 },
        ],
        busiestChannels: [
          { channelId: 'help', cases: 3 },
          { channelId: 'python', cases: 1 },
        ],
        votes: { helpful: 2, wrong: 1 },
      });
      expect(stats.wrongRate).toBeCloseTo(1 / 3);
      // Every server together:
      expect((await store.stats({ days: 7, now: new Date(now) })).cases).toBe(5);
      expect((await store.stats({ days: 30, now: new Date(now) })).cases).toBe(6);
      expect(await store.stats({ days: 7, now: new Date(now + 60 * day) })).toMatchObject({ cases: 0, matchedShare: 0, wrongRate: 0, topRules: [] });
    });

    it('ruleWeeks: the top rules week by week, for the /stats chart', async () => {
      await seed();
      const weeks = await store.ruleWeeks({ weeks: 4, now: new Date(now), guildId: '100000000000000001' });
      expect(weeks.weeks).toEqual(['2025-05-04T12:00:00.000Z', '2025-05-11T12:00:00.000Z', '2025-05-18T12:00:00.000Z', '2025-05-25T12:00:00.000Z']);
      expect(weeks.until).toBe('2025-06-01T12:00:00.000Z');
      // The best match counts, as in stats: the case with [never, sleep] is never's; the unmatched one is nobody's.
      expect(weeks.rules).toEqual([
        { rule: 'py/coroutine-never-awaited', counts: [0, 0, 0, 2] },
        { rule: 'py/time-sleep-in-async', counts: [0, 1, 0, 1] },
      ]);
      // Every server together: the other server's case makes time.sleep the top rule.
      expect((await store.ruleWeeks({ weeks: 4, now: new Date(now) })).rules[0]).toEqual({ rule: 'py/time-sleep-in-async', counts: [0, 1, 0, 2] });
      // One week: only the last 7 days.
      expect((await store.ruleWeeks({ weeks: 1, now: new Date(now), guildId: '100000000000000001' })).rules).toEqual([
        { rule: 'py/coroutine-never-awaited', counts: [2] },
        { rule: 'py/time-sleep-in-async', counts: [1] },
      ]);
    });

    it('ruleWeeks charts at most five rules, the busiest', async () => {
      const rules = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `py/rule-${x}`);
      for (const [i, rule] of rules.entries()) {
        for (let n = 0; n <= i; n++) await logAt(now, 1, { matches: [{ rule, confidence: 0.9 }] });
      }
      expect((await store.ruleWeeks({ weeks: 2, now: new Date(now) })).rules.map((r) => r.rule)).toEqual(['py/rule-f', 'py/rule-e', 'py/rule-d', 'py/rule-c', 'py/rule-b']);
    });

    // SQLite's query plans; PostgreSQL's planner chooses its own (pg-schema.ts, step 3).
    if (backend === 'sqlite') it('top rules and votes per rule never scan the whole log', () => {
      const db = new Database(store.path, { readonly: true });
      for (const byGuild of [false, true]) {
        const params = byGuild ? { guild: 'g', since: 0, until: 1 } : { since: 0, until: 1 };
        const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail);
        const top = plan(topRulesSql(byGuild));
        // Every access to case_matches is an index seek on a covering index, and nothing sorts every match.
        expect(top.filter((d) => /case_matches|\bm\b/.test(d)).every((d) => d.startsWith('SEARCH') && d.includes('COVERING INDEX'))).toBe(true);
        expect(top.join('\n')).not.toContain('GROUP BY');
        const votes = plan(votesByRuleSql(byGuild));
        expect(votes[0]).toMatch(/^SEARCH f USING COVERING INDEX feedback_case_time/);
        expect(votes[1]).toMatch(/^SEARCH m USING PRIMARY KEY \(case_id=\? AND rank=\?\)/);
        // The /stats chart reads only the period's matches, from a covering index.
        expect(plan(ruleWeeksSql(byGuild))[0]).toMatch(/^SEARCH case_matches USING COVERING INDEX case_matches_(guild_)?time_rule \(.*created_at>\? AND created_at<\?\)/);
      }
      db.close();
    });

    it('review: latest unmatched and wrong-flagged pastes, most recently flagged first', async () => {
      const { wrongId, unmatchedId } = await seed();
      const items = await store.review({ limit: 10 });
      // The "wrong" vote came after the unmatched case was logged.
      expect(items.map((i) => [i.id, i.reason])).toEqual([
        [wrongId, 'wrong'],
        [unmatchedId, 'unmatched'],
      ]);
      expect(items[1]!.paste).toBe('mystery paste');
      expect(items[0]!.votes.wrong).toBe(1);
      expect(Date.parse(items[0]!.flaggedAt)).toBeGreaterThan(Date.parse(items[0]!.createdAt));
      expect(await store.review({ limit: 1 })).toHaveLength(1);
      expect((await store.review({ limit: 10, guildId: '100000000000000001' })).map((i) => i.id)).toEqual([wrongId, unmatchedId]);
      expect(await store.review({ limit: 10, guildId: 'other' })).toEqual([]);
    });

    it('export: every case since a date, oldest first', async () => {
      await seed();
      const all = await collect(store.exportCases({}));
      expect(all).toHaveLength(6);
      expect(all.map((c) => c.createdAt)).toEqual([...all.map((c) => c.createdAt)].sort());
      const recent = await collect(store.exportCases({ since: new Date(now - 2.5 * day) }));
      expect(recent).toHaveLength(4);
      expect(recent.every((c) => Date.parse(c.createdAt) >= now - 2.5 * day)).toBe(true);
    });
  });

  describe('gateway heartbeat', () => {
    it('remembers the last heartbeat and health reports it', async () => {
      expect(await store.lastGatewayHeartbeat()).toBeNull();
      const at = new Date('2025-06-01T12:00:00Z');
      expect(await store.recordGatewayHeartbeat(at)).toBe(true);
      expect(await store.lastGatewayHeartbeat()).toEqual(at);
      expect((await store.health()).gatewayHeartbeat).toBe(at.toISOString());
    });

    it('keeps each shard\'s own last heartbeat, for health to check every shard', async () => {
      const early = new Date('2025-06-01T12:00:00Z');
      const late = new Date('2025-06-01T12:00:30Z');
      expect(await store.recordGatewayHeartbeat(early, { id: 1, count: 2 })).toBe(true);
      expect(await store.recordGatewayHeartbeat(late, { id: 0, count: 2 })).toBe(true);
      const beats = (await store.health()).shardHeartbeats!.sort((a, b) => a.shard - b.shard);
      expect(beats).toEqual([
        { shard: 0, shardCount: 2, at: late.toISOString() },
        { shard: 1, shardCount: 2, at: early.toISOString() },
      ]);
      expect(await store.lastGatewayHeartbeat()).toEqual(late);
    });
  });

  describe('answers known by the interaction they answer (the HTTP endpoint)', () => {
    it('finds a case by the interaction its answer was sent for, until another message claims it', async () => {
      const id = (await store.logCase(sampleCase({ paste: 'over http', answersInteraction: '800000000000000001' })))!;
      expect(await store.caseForReply('900000000000000005')).toBeNull();
      expect(await store.caseForReply('900000000000000005', '800000000000000002')).toBeNull();
      expect(await store.caseForReply('900000000000000005', '800000000000000001')).toMatchObject({ id, paste: 'over http', reply: { messageId: null, public: null } });
      expect(await store.attachReply(id, { messageId: '900000000000000005', public: true })).toBe(true);
      expect(await store.caseForReply('900000000000000006', '800000000000000001')).toBeNull();
      expect(await store.caseForReply('900000000000000005', '800000000000000001')).toMatchObject({ id, reply: { messageId: '900000000000000005', public: true } });
    });
  });

  describe('the per-user rate limit', () => {
    it('lets `limit` explanations through per window, says how long to wait, and frees the user as the window slides', async () => {
      const t = 1_700_000_000_000;
      for (let n = 0; n < 3; n++) expect(await store.takeRateLimit('u1', 3, 30_000, t + n * 1000)).toBe(0);
      expect(await store.takeRateLimit('u1', 3, 30_000, t + 5000)).toBe(25);
      expect(await store.takeRateLimit('u2', 3, 30_000, t + 5000)).toBe(0);
      // The refused one was not counted: the first hit leaves the window at t + 30 s.
      expect(await store.takeRateLimit('u1', 3, 30_000, t + 30_000)).toBe(0);
      expect(await store.takeRateLimit('u1', 3, 30_000, t + 30_500)).toBe(1);
    });

    it('is one count for every process on the same file, and forgetting a user forgets their count', async () => {
      const other = openStore(location);
      try {
        const t = Date.now();
        expect(await store.takeRateLimit('u1', 2, 30_000, t)).toBe(0);
        expect(await other.takeRateLimit('u1', 2, 30_000, t + 1)).toBe(0);
        expect(await store.takeRateLimit('u1', 2, 30_000, t + 2)).toBeGreaterThan(0);
        expect(await other.forgetUser('u1')).not.toBeNull();
        expect(await store.takeRateLimit('u1', 2, 30_000, t + 3)).toBe(0);
      } finally {
        await other.close();
      }
    });
  });
});
