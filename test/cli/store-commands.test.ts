/**
 * `awaitbot stats | review | export | forget | health` against a real SQLite
 * file at DATABASE_PATH, through the same dispatcher the binary uses.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMain } from './run-main.js';
import { latestSchemaVersion, openStore } from '../../src/store/index.js';
import { sampleCase, tempDir } from '../store/helpers.js';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

let dir: string;
let cleanup: () => void;
let dbPath: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  dbPath = join(dir, 'awaitbot.db');
  vi.stubEnv('DATABASE_PATH', dbPath);
  vi.stubEnv('DISCORD_TOKEN', ''); // set (empty) so a developer's .env cannot switch health to bot mode
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
  cleanup();
});

const run = runMain;

/** Two recent matched cases (one voted wrong), one unmatched, one from 40 days ago. */
async function seed(): Promise<{ wrongId: number; unmatchedId: number }> {
  const store = openStore(dbPath);
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now - 40 * 86_400_000);
  await store.logCase(sampleCase({ userId: '111111111111111111', channelId: 'old-channel', matches: [{ rule: 'py/time-sleep-in-async', confidence: 0.8 }] }));
  vi.setSystemTime(now - 3_600_000);
  const ok = (await store.logCase(sampleCase({ userId: '111111111111111111' })))!;
  const wrongId = (await store.logCase(sampleCase({ userId: '222222222222222222', matches: [{ rule: 'py/time-sleep-in-async', confidence: 0.8 }] })))!;
  const unmatchedId = (await store.logCase(sampleCase({ userId: '111111111111111111', matches: [], paste: 'Traceback (most recent call last):\n  something odd\n' })))!;
  vi.useRealTimers();
  await store.recordFeedback(ok, '333333333333333333', 'helpful');
  await store.recordFeedback(wrongId, '111111111111111111', 'wrong');
  await store.close();
  return { wrongId, unmatchedId };
}

describe('awaitbot stats', () => {
  it('--json gives the numbers for the last 7 days by default', async () => {
    await seed();
    const { code, stdout } = await run('stats', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      days: 7,
      cases: 3,
      matched: 2,
      topRules: [
        { rule: 'py/coroutine-never-awaited', cases: 1, helpful: 1, wrong: 0 },
        { rule: 'py/time-sleep-in-async', cases: 1, helpful: 0, wrong: 1 },
      ],
      votes: { helpful: 1, wrong: 1 },
      wrongRate: 0.5,
    });
  });

  it('--days widens the period; the text report names the rules and channels', async () => {
    await seed();
    const { code, stdout } = await run('stats', '--days', '60');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Last 60 days/);
    expect(stdout).toMatch(/cases\s+4\b/);
    expect(stdout).toMatch(/py\/time-sleep-in-async\s+2\s+0\s+1/);
    expect(stdout).toContain('old-channel');
  });

  it('--chart draws the top rules week by week into a PNG and prints its numbers', async () => {
    await seed();
    const file = join(dir, 'top-rules.png');
    const { code, stdout, stderr } = await run('stats', '--days', '60', '--chart', file, '--lang', 'en');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    // 60 days → 9 weeks; time.sleep (2 cases) before never-awaited (1); the case 40 days ago is in week 4 of 9.
    expect(stdout).toContain('Per week (the chart in numbers)');
    expect(stdout).toMatch(/1 {2}py\/time-sleep-in-async\n\s+2 {2}py\/coroutine-never-awaited/);
    const rows = stdout.split('\n').filter((l) => /^\s+\d{4}-\d\d-\d\d /.test(l)).map((l) => l.trim().split(/\s+/).slice(1).join(' '));
    expect(rows).toEqual(['0 0', '0 0', '0 0', '1 0', '0 0', '0 0', '0 0', '0 0', '1 1']);
    expect(stdout).toContain(`The chart of the last 9 weeks is in ${file}`);
  });

  it('--lang zh-CN gives the report, the chart and its numbers in Chinese', async () => {
    await seed();
    const { code, stdout } = await run('stats', '--chart', join(dir, 'zh.png'), '--lang', 'zh-CN');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^最近 7 天（.* UTC），所有服务器和控制台\n {2}案例 {6}3\n {2}已识别 {4}2 \(67%\)\n {2}投票 {6}1 有帮助，1 不对（👎 50%）\n/);
    expect(stdout).toContain('每周数字（即图表内容）');
    expect(stdout).toContain('起始日期');
    expect(stdout).toContain(`最近 4 周的图表已写入 ${join(dir, 'zh.png')}`);
    await run('stats', '--chart', join(dir, 'en.png'), '--lang', 'en');
    expect(readFileSync(join(dir, 'zh.png')).equals(readFileSync(join(dir, 'en.png')))).toBe(false);
  });

  it('--chart into a folder that does not exist says so and exits 1', async () => {
    await seed();
    const { code, stderr } = await run('stats', '--chart', join(dir, 'no-such-folder', 'chart.png'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Could not write the chart to .*chart\.png: ENOENT\n$/);
  });

  it('rejects a bad --days with a usage error', async () => {
    const { code, stderr } = await run('stats', '--days', 'lots');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--days wants a whole number/);
  });
});

describe('awaitbot review', () => {
  it('lists unmatched and wrong-flagged pastes, most recently flagged first', async () => {
    const { wrongId, unmatchedId } = await seed();
    const json = await run('review', '--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { id: number; reason: string }[]).map((i) => [i.id, i.reason])).toEqual([
      [wrongId, 'wrong'],
      [unmatchedId, 'unmatched'],
    ]);
    const text = await run('review');
    expect(text.stdout).toContain(`#${unmatchedId}`);
    expect(text.stdout).toContain('  | Traceback (most recent call last):');
    expect(text.stdout).toMatch(/wrong ×1 \(matched py\/time-sleep-in-async\)/);
  });

  it('says so when there is nothing to review', async () => {
    const { code, stdout } = await run('review');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Nothing to review/);
  });
});

describe('awaitbot export', () => {
  it('prints every case as one JSON line, or those since a date', async () => {
    await seed();
    const all = await run('export');
    expect(all.code).toBe(0);
    const rows = all.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; createdAt: string; paste: string });
    expect(rows).toHaveLength(4);
    expect(rows[0]!.paste).toContain('asyncio.sleep');

    const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const recent = await run('export', '--since', since);
    expect(recent.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('rejects a date it cannot read', async () => {
    const { code, stderr } = await run('export', '--since', 'last tuesday');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--since wants a date/);
  });
});

describe('awaitbot forget', () => {
  it("erases a user's cases and votes and reports how many", async () => {
    await seed();
    const { code, stdout } = await run('forget', '111111111111111111');
    expect(code).toBe(0);
    expect(stdout).toBe('Erased 3 cases and 1 vote of user 111111111111111111.\n');
    const left = (await run('export')).stdout.trim().split('\n').map((l) => JSON.parse(l) as { userId: string; votes: { wrong: number } });
    expect(left.map((c) => c.userId)).toEqual(['222222222222222222']);
    expect(left[0]!.votes.wrong).toBe(0);
  });

  it('wants a user id', async () => {
    expect((await run('forget')).code).toBe(2);
    expect((await run('forget', 'someone')).stderr).toMatch(/not a Discord user id/);
  });
});

describe('awaitbot health', () => {
  it('is healthy when the database opens and answers (console mode)', async () => {
    openStore(dbPath).close();
    const { code, stdout } = await run('health');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^ok: database .*awaitbot\\.db \\(schema ${latestSchemaVersion}, 0 cases\\), console mode`));
  });

  it('in bot mode, wants a recent gateway heartbeat', async () => {
    process.env.DISCORD_TOKEN = 'not-a-real-token';
    openStore(dbPath).close();
    const none = await run('health');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no Discord gateway heartbeat recorded yet/);

    const store = openStore(dbPath);
    await store.recordGatewayHeartbeat(new Date(Date.now() - 10 * 60_000));
    const stale = await run('health');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/no Discord gateway heartbeat for 600 s/);

    await store.recordGatewayHeartbeat(new Date());
    await store.close();
    const fresh = await run('health');
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/gateway heartbeat \d+ s ago/);
  });

  it('with shards, wants every shard of the latest run to have a recent heartbeat, and names the one that has not', async () => {
    process.env.DISCORD_TOKEN = 'not-a-real-token';
    const store = openStore(dbPath);
    // An earlier run without shards left its own heartbeat; the latest run has 4 shards.
    await store.recordGatewayHeartbeat(new Date(Date.now() - 60 * 60_000));
    for (const id of [0, 1, 3]) await store.recordGatewayHeartbeat(new Date(), { id, count: 4 });
    const missing = await run('health');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^unhealthy: no Discord gateway heartbeat from shard 2 of 4 recorded yet \(limit 120 s\)/);

    await store.recordGatewayHeartbeat(new Date(Date.now() - 10 * 60_000), { id: 2, count: 4 });
    const stale = await run('health');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/no Discord gateway heartbeat from shard 2 of 4 for 600 s/);

    await store.recordGatewayHeartbeat(new Date(), { id: 2, count: 4 });
    await store.close();
    const fresh = await run('health');
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/gateway heartbeats from all 4 shards, the oldest \d+ s ago/);
  });

  it('names a missing database file instead of creating an empty one', async () => {
    openStore(dbPath).close();
    rmSync(dbPath);
    const { code, stderr, logged } = await run('health');
    expect(code).toBe(1);
    expect(logged).toEqual(['database failed; replies go on, cases are not logged until it recovers']);
    expect(stderr).toBe(`unhealthy: database ${dbPath}: ENOENT: there is no database file at ${dbPath} (deleted? awaitbot creates it when the bot or console starts)\n`);
    expect(existsSync(dbPath)).toBe(false);
  });

  it('is unhealthy when the file is not a database', async () => {
    writeFileSync(dbPath, 'garbage, not SQLite\n'.repeat(100));
    const { code, stderr, logged } = await run('health');
    expect(code).toBe(1);
    expect(logged).toEqual(['database failed; replies go on, cases are not logged until it recovers']);
    expect(stderr).toMatch(/^unhealthy: database .*SQLITE_NOTADB/);
  });
});
