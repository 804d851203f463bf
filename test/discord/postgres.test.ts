/**
 * The real bot with DATABASE_URL=postgres://… against the fake Discord and a
 * real PostgreSQL server: its cases, answers and votes land in PostgreSQL, and
 * when the server restarts while people ask, every answer still goes out and
 * every case is there once it is back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../fake-discord/server.mjs';
import { useStoreBackends } from '../store/backends.js';
import { rawRows, tempDir } from '../store/helpers.js';
import { root, startBot, type RunningBot } from './harness.js';

const paste = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt'), 'utf8');
const backends = useStoreBackends();
let bot: RunningBot;
let fake: FakeDiscord;
let url: string;
let cleanup: () => void;

beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  url = await backends.location('postgres', dir);
  bot = await startBot({ DATABASE_URL: url });
  fake = bot.fake;
}, 120_000);

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  cleanup();
});

async function explain(n: number) {
  const asker = fake.user();
  const it = fake.slash('explain', [{ name: 'text', type: 3, value: `${paste}\n# ask ${n}\n` }], { user: asker });
  const cb = await fake.firstCallback(it.token);
  return { asker, cb, message: fake.answerMessage(it.token) };
}

/** Rows of `sql`, once `done(rows)` holds (the bot writes what waited as soon as the server is back). */
async function rowsOnce<T>(sql: string, done: (rows: T[]) => boolean): Promise<T[]> {
  for (;;) {
    const rows = (await rawRows(url, sql)) as T[];
    if (done(rows)) return rows;
    await new Promise((r) => setImmediate(r));
  }
}

describe('the bot on PostgreSQL', () => {
  it('logs the case with its answer message, and a vote on it', async () => {
    const { cb, message } = await explain(0);
    expect(cb.type).toBe(4);
    const voter = fake.user();
    await fake.firstCallback(fake.press(message, 'Wrong', { user: voter }).token);
    // The answer's message id is written once Discord has returned it, which may come after the vote's own
    // reply on a loaded machine: wait for the row to carry it (the test's timeout bounds the wait).
    const cases = await rowsOnce<{ id: string; reply_message_id: string | null }>('SELECT id, reply_message_id FROM cases', (rows) => rows.some((r) => r.reply_message_id !== null));
    expect(cases).toHaveLength(1);
    expect(cases[0]!.reply_message_id).toBe(message.id);
    expect(await rowsOnce('SELECT user_id, vote FROM feedback', (rows) => rows.length > 0)).toEqual([{ user_id: voter.id, vote: 'wrong' }]);
  });

  it('answers everyone while the server restarts, and every case and vote is in it afterwards', async () => {
    backends.server().pause();
    let during;
    try {
      during = [];
      for (let n = 1; n <= 5; n++) during.push(await explain(n));
      expect(during.map((d) => d.cb.type)).toEqual([4, 4, 4, 4, 4]);
      // A vote on an answer given during the outage is taken too.
      await fake.firstCallback(fake.press(during[2]!.message, 'Helpful', { user: during[2]!.asker }).token);
    } finally {
      backends.server().resume();
    }
    const cases = await rowsOnce<{ user_id: string }>('SELECT user_id FROM cases', (rows) => rows.length >= 6);
    expect(during.filter((d) => !cases.some((c) => c.user_id === d.asker.id))).toEqual([]);
    expect(cases).toHaveLength(6);
    await rowsOnce('SELECT vote FROM feedback', (rows) => rows.length >= 2);
    expect(bot.stderr()).toMatch(/database failed; replies go on/);
  });
});
