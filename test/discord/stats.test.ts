/**
 * /stats against the fake Discord with the real bot: the summary carries the
 * chart of the top rules week by week as a PNG attachment shown in its embed,
 * the same numbers as text, and both in the reader's language.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { FakeDiscord } from '../fake-discord/server.mjs';
import { sampleCase } from '../store/helpers.js';
import { startBot, type RunningBot } from './harness.js';

const MANAGE_MESSAGES = String(1 << 13);
const day = 86_400_000;

let bot: RunningBot;
let fake: FakeDiscord;

/** The case log as the bot left it, plus cases logged `daysAgo` days ago in this server. */
async function logCases(rule: string, daysAgo: number, count: number): Promise<void> {
  const store = openStore(bot.databasePath);
  try {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - daysAgo * day);
    for (let i = 0; i < count; i++) expect(await store.logCase(sampleCase({ guildId: fake.guildId, matches: [{ rule, confidence: 0.9 }] }))).not.toBeNull();
  } finally {
    vi.useRealTimers();
    await store.close();
  }
}

/** Asks /stats as a moderator and waits for the filled-in answer and the request that carried it. */
async function askStats(options: { days?: number; locale?: string } = {}) {
  const asked = fake.slash('stats', options.days ? [{ name: 'days', type: 4, value: options.days }] : [], {
    permissions: MANAGE_MESSAGES,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  await fake.waitFor(() => fake.answerMessage(asked.token) !== null, 15_000, 'the /stats summary');
  const sent = fake.requestsFor(asked.token).find((r) => r.method === 'PATCH' && r.path.endsWith('/@original'))!;
  return { message: fake.answerMessage(asked.token), sent };
}

/** Width and height from a PNG's header (its IHDR chunk). */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

beforeAll(async () => {
  bot = await startBot();
  fake = bot.fake;
  await logCases('py/coroutine-never-awaited', 1, 3);
  await logCases('py/coroutine-never-awaited', 8, 2);
  await logCases('py/blocking-call-in-async', 9, 4);
});

afterAll(async () => {
  await bot.stop();
});

describe('/stats chart', () => {
  it('attaches the top rules week by week as a PNG shown in the summary, with the numbers as text', async () => {
    const { message, sent } = await askStats({ days: 28 });
    expect(message.embeds[0].title).toBe('awaitbot — last 28 days');
    expect(message.embeds[0].image.url).toBe('attachment://top-rules.png');

    expect(sent.files.map((f) => f.name)).toEqual(['top-rules.png']);
    expect(pngSize(sent.files[0]!.data)).toEqual({ width: 1200, height: 630 });
    expect(sent.body.attachments[0].description).toBe('Bar chart: cases of the top rules in each of the last 4 weeks');

    // The chart in numbers: the busiest rule first, then one row per week, oldest first.
    const numbers = message.embeds[1].description as string;
    expect(message.embeds[1].title).toBe('Per week (the chart in numbers)');
    expect(numbers).toMatch(/1 {2}py\/coroutine-never-awaited\n\s*2 {2}py\/blocking-call-in-async/);
    const rows = numbers.split('\n').filter((l) => /^\d{4}-\d\d-\d\d /.test(l)).map((l) => l.trim().split(/\s+/).slice(1).map(Number));
    expect(rows).toEqual([
      [0, 0],
      [0, 0],
      [2, 4],
      [3, 0],
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('speaks the reader’s language: a Chinese moderator gets Chinese titles and labels', async () => {
    const { message, sent } = await askStats({ days: 28, locale: 'zh-CN' });
    expect(message.embeds[0].title).toBe('awaitbot — 最近 28 天');
    expect(message.embeds[0].fields[0].name).toBe('最常见的错误');
    expect(message.embeds[1].description).toContain('起始日期');
    expect(sent.body.attachments[0].description).toBe('柱状图：最近 4 周里，每周最常见规则的案例数');
    const english = (await askStats({ days: 28 })).sent.files[0]!.data;
    // Same numbers, other words: the picture differs.
    expect(sent.files[0]!.data.equals(english)).toBe(false);
  });

  it('lists the pastes to review in the reader’s language, each with its FAQ button', async () => {
    const store = openStore(bot.databasePath);
    const caseId = await store.logCase(sampleCase({ guildId: fake.guildId, matches: [], paste: 'Zorblax failure 0x42' }));
    await store.close();
    const asked = fake.slash('stats', [{ name: 'show', type: 3, value: 'unmatched' }], { permissions: MANAGE_MESSAGES, locale: 'zh-CN' });
    const reply = (await fake.firstCallback(asked.token)).data;
    expect(reply.embeds[0].title).toBe('awaitbot — 待复查的粘贴');
    const field = (reply.embeds[0].fields as { name: string; value: string }[]).find((f) => f.value.includes('Zorblax failure'))!;
    expect(field.name).toContain(`#${caseId} · 没有匹配的规则`);
    expect(reply.components.flatMap((r: { components: { label: string }[] }) => r.components.map((b) => b.label))).toContain(`用 #${caseId} 创建 FAQ 条目`);
  });
});
