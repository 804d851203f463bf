/**
 * One user's hostile paste must not stall anyone else (issue 9). The real bot
 * runs against the fake Discord with the engine's step bounds turned off
 * (AWAITBOT_ANALYSIS_LIMITS=off), so the issue's own 251-character paste
 * really runs for many seconds, as it did before the bounds: only the worker
 * pool and its budget stand between it and the gateway. While it is being
 * analysed, ten other users ask; every one is acknowledged within Discord's
 * 3 seconds, the hostile user is told the paste is too complex, and the case
 * log says so.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { messages } from '../../src/render/messages.js';
import type { FakeDiscord, SentInteraction } from '../fake-discord/server.mjs';
import { startBot, type RunningBot } from './harness.js';

const budgetMs = 6000;
const hostile = '```js\n' + '(async (x)\n'.repeat(22) + '```';
const ordinary = "```js\nclient.on('interactionCreate', async (interaction) => {\n  interaction.reply('Pong!');\n});\n```";

let bot: RunningBot;
let fake: FakeDiscord;

beforeAll(async () => {
  bot = await startBot({ AWAITBOT_ANALYSIS_LIMITS: 'off', AWAITBOT_DIAGNOSIS_BUDGET_MS: String(budgetMs) });
  fake = bot.fake;
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
});

function explain(value: string, name: string): SentInteraction {
  return fake.slash('explain', [{ name: 'text', type: 3, value }], { user: fake.user(undefined, name) });
}

/** The bot's answer after a deferral: a follow-up or an edit of the deferred message. */
function answerAfterDefer(token: string): string | null {
  const sent = fake.requestsFor(token).filter((r) => r.path.includes('/webhooks/') && r.method !== 'DELETE' && r.body);
  return sent.length ? JSON.stringify(sent.at(-1)!.body) : null;
}

it('acknowledges ten other users within 3 seconds while one paste runs over budget, then tells its author it is too complex and logs it so', async () => {
  expect(hostile.length).toBeLessThan(260);
  const asker = explain(hostile, 'hostile');
  // Deferred: the bot has been on this paste for a second and it is still being analysed.
  const deferred = await fake.firstCallback(asker.token, 5000);
  expect(deferred.type).toBe(5);

  const others = Array.from({ length: 10 }, (_, i) => explain(ordinary, `user${i}`));
  const acks = await Promise.all(others.map((it) => fake.firstCallback(it.token, 10_000)));
  for (const ack of acks) {
    expect(ack.latencyMs).toBeLessThan(3000);
    expect(ack.lateBy).toBeUndefined();
    expect([4, 5]).toContain(ack.type);
  }
  // All ten were acknowledged while the hostile paste was still being analysed.
  expect(answerAfterDefer(asker.token)).toBeNull();

  await fake.waitFor(() => answerAfterDefer(asker.token) !== null, budgetMs + 30_000, 'the too-complex answer');
  expect(answerAfterDefer(asker.token)).toContain(JSON.stringify(messages('en').tooComplex).slice(1, -1));
  // The others got their real answers.
  for (const it of others) {
    await fake.waitFor(() => fake.callbacksOf(it.token)[0]?.type === 4 || answerAfterDefer(it.token) !== null, 30_000, 'an answer');
    const body = fake.callbacksOf(it.token)[0]?.type === 4 ? JSON.stringify(fake.callbacksOf(it.token)[0]!.data) : answerAfterDefer(it.token)!;
    expect(body).toContain('await interaction.reply');
  }

  const db = new Database(bot.databasePath, { readonly: true });
  try {
    const row = db.prepare("SELECT outcome, matched, paste FROM cases WHERE user_id = ?").get(asker.user.id) as { outcome: string; matched: number; paste: string };
    expect(row).toEqual({ outcome: 'too-complex', matched: 0, paste: hostile });
    const rest = db.prepare("SELECT count(*) AS n FROM cases WHERE outcome = 'diagnosed' AND matched = 1").get() as { n: number };
    expect(rest.n).toBe(10);
  } finally {
    db.close();
  }
  expect(fake.violations).toEqual([]);
}, 120_000);
