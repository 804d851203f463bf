/** `awaitbot migrate-store --from sqlite:PATH --to postgres://…` against a real SQLite file and a real PostgreSQL server. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMain } from './run-main.js';
import { openStore } from '../../src/store/index.js';
import { useStoreBackends } from '../store/backends.js';
import { collect, sampleCase, tempDir } from '../store/helpers.js';

const backends = useStoreBackends();
let dir: string;
let cleanup: () => void;
let sqlitePath: string;
let url: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  sqlitePath = join(dir, 'awaitbot.db');
  url = await backends.location('postgres', dir);
});

afterEach(() => cleanup());

const run = runMain;

describe('awaitbot migrate-store', () => {
  it('copies every case with its matches, votes and answer, the FAQ entries and settings, keeping ids; new cases continue after them', async () => {
    const sqlite = openStore(sqlitePath);
    const ids: number[] = [];
    for (let n = 0; n < 30; n++) ids.push((await sqlite.logCase(sampleCase({ paste: `case ${n}`, matches: n % 3 ? [{ rule: 'py/time-sleep-in-async', confidence: 0.8 }, { rule: 'py/coroutine-never-awaited', confidence: 0.5 }] : [] })))!);
    await sqlite.recordFeedback(ids[4]!, 'voter', 'wrong');
    await sqlite.attachReply(ids[5]!, { messageId: '900000000000000005', public: true });
    await sqlite.addFaq({ guildId: 'g1', name: 'config-missing', title: 'Config', body: 'Copy it.', triggers: ['mybot.errors.ConfigMissing'], language: 'python', authorId: 'm' });
    await sqlite.updateSettings('g1', { watchChannels: ['c1'], autoReply: true, retentionDays: 30 });
    const before = await collect(sqlite.exportCases({}));
    await sqlite.close();

    const copied = await run('migrate-store', '--from', `sqlite:${sqlitePath}`, '--to', url);
    expect(copied).toMatchObject({ code: 0, stdout: expect.stringContaining('Copied 30 cases (40 matches, 1 votes), 1 FAQ entries and 1 server settings') });

    const pg = openStore(url);
    try {
      expect(await collect(pg.exportCases({}))).toEqual(before);
      expect(await pg.caseForReply('900000000000000005')).toMatchObject({ id: ids[5], paste: 'case 5' });
      expect(await pg.getFaq('g1', 'config-missing')).toMatchObject({ title: 'Config', triggers: ['mybot.errors.ConfigMissing'], language: 'python' });
      expect(await pg.getSettings('g1')).toMatchObject({ watchChannels: ['c1'], autoReply: true, retentionDays: 30 });
      expect(await pg.logCase(sampleCase({ paste: 'after the copy' }))).toBeGreaterThan(Math.max(...ids));
    } finally {
      await pg.close();
    }

    // DATABASE_URL alone points the commands at it.
    vi.stubEnv('DATABASE_URL', url);
    vi.stubEnv('DISCORD_TOKEN', '');
    try {
      const stats = await runMain('stats', '--json', '--days', '3650');
      expect(stats.code).toBe(0);
      expect(JSON.parse(stats.stdout)).toMatchObject({ cases: 31, matched: 21 });
      expect(await runMain('health')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: database postgres:\/\/awaitbot@127\.0\.0\.1:\d+\/store_test_\d+ \(schema \d+, 31 cases\)/) });
    } finally {
      vi.unstubAllEnvs();
    }

    // A second copy would mix two logs: refused, nothing written, and the password never shown.
    const again = await run('migrate-store', '--from', `sqlite:${sqlitePath}`, '--to', url.replace('awaitbot@', 'awaitbot:pw-not-shown@'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds cases/);
    expect(again.stderr).not.toContain('pw-not-shown');
  });

  it('says what is wrong with its arguments, and with a missing file copies nothing', async () => {
    expect(await run('migrate-store', '--to', url)).toMatchObject({ code: 2, stderr: expect.stringContaining('--from sqlite:PATH') });
    expect(await run('migrate-store', '--from', `sqlite:${sqlitePath}`, '--to', 'mysql://db/x')).toMatchObject({ code: 2, stderr: expect.stringContaining('--to postgres://') });
    const missing = await run('migrate-store', '--from', `sqlite:${join(dir, 'none.db')}`, '--to', url);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*none\.db/);
    expect(missing.logged).toEqual(['database failed; replies go on, cases are not logged until it recovers']);
  });
});
