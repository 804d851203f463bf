/**
 * The real bot (`node bin/awaitbot.js start`, discord.js 14) against the fake
 * Discord: what it sends back for each kind of interaction, and that it
 * survives garbage. Assertions are on the HTTP requests the bot makes.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { FakeDiscord } from '../fake-discord/server.mjs';
import { everythingSent, root, startBot, type RunningBot } from './harness.js';

const unknownInteraction = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt'), 'utf8');
const unknownInteractionTitle = loadKnowledge().find((r) => r.id === 'js/discord-unknown-interaction')!.title;
const EPHEMERAL = 64;
const MANAGE_MESSAGES = String(1 << 13);

let bot: RunningBot;
let fake: FakeDiscord;

beforeAll(async () => {
  bot = await startBot({ AWAITBOT_RATE_LIMIT: '4/60' });
  fake = bot.fake;
});

afterAll(async () => {
  const code = await bot.stop();
  // SIGTERM → client.destroy() → exit 0.
  expect(code).toBe(0);
});

function text(value: string) {
  return [{ name: 'text', type: 3, value }];
}

describe('startup', () => {
  it('asks only for the Guilds intent when no server watches a channel', () => {
    expect(fake.identifies[0].intents).toBe(1);
  });
});

describe('/explain', () => {
  it('answers a known error with an embed and buttons, pinging nobody, within 3 seconds', async () => {
    const it = fake.slash('explain', text(unknownInteraction));
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(4);
    expect(cb.latencyMs).toBeLessThan(3000);
    expect((cb.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(cb.data.allowed_mentions).toEqual({ parse: [] });
    const embed = cb.data.embeds[0];
    expect(embed.title).toBe(unknownInteractionTitle);
    expect(embed.footer.text).toContain('js/discord-unknown-interaction');
    const labels = cb.data.components.flatMap((r: { components: { label: string }[] }) => r.components.map((c) => c.label));
    expect(labels).toEqual(expect.arrayContaining(['Show fix', 'Helpful', 'Wrong', 'Delete']));
  });

  it('says "no known async error" ephemerally and points to /faq when nothing matches', async () => {
    const it = fake.slash('explain', text('KeyError: "name"\n'));
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(4);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.data.content).toMatch(/no known async error/i);
    expect(cb.data.content).toContain('/faq');
    expect(cb.data.embeds ?? []).toEqual([]);
  });

  it('opens a modal with one 4,000-character paragraph input when given neither text nor file, and answers its submit', async () => {
    const it = fake.slash('explain', []);
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(9);
    const inputs = cb.data.components.map((c: { type: number; component?: unknown; components?: unknown[] }) => (c.type === 18 ? c.component : c.components?.[0]));
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ type: 4, style: 2, max_length: 4000 });
    const submit = fake.modalSubmit(cb.data.custom_id, { [inputs[0].custom_id]: unknownInteraction });
    const answer = await fake.firstCallback(submit.token);
    expect(answer.type).toBe(4);
    expect(answer.data.embeds[0].title).toBe(unknownInteractionTitle);
  });

  it('reads an attached message.txt that has no content type: defers, then edits the reply', async () => {
    const file = fake.addAttachment('message.txt', unknownInteraction, { contentType: null });
    const it = fake.slash('explain', [{ name: 'file', type: 11, value: file.id }], { resolved: { attachments: { [file.id]: file } } });
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(5);
    await fake.waitFor(() => fake.requestsFor(it.token).some((r) => r.method === 'PATCH'), 5000, 'edit of the deferred reply');
    const edit = fake.requestsFor(it.token).find((r) => r.method === 'PATCH')!;
    expect(edit.path).toContain('/messages/@original');
    expect(edit.body.embeds[0].title).toBe(unknownInteractionTitle);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('never echoes a Discord token and warns the user ephemerally to reset it', async () => {
    const token = `${Buffer.from('123456789012345678').toString('base64url')}.${Buffer.from([0x67, 0x00, 0x00, 0x01]).toString('base64url')}Zx.${'aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU'}`;
    const paste = `client.login('${token}')\n${unknownInteraction}`;
    const it = fake.slash('explain', text(paste));
    const cb = await fake.firstCallback(it.token);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.data.content).toMatch(/reset/i);
    await fake.allHandled();
    expect(everythingSent(fake)).not.toContain(token);
  });

  it('stays within Discord limits for a 6,000-character paste of long lines', async () => {
    const long = unknownInteraction + '\n' + ('    at async x (/very/long/' + 'p'.repeat(300) + '.js:1:1)\n').repeat(15);
    const it = fake.slash('explain', text(long.slice(0, 6000)));
    const cb = await fake.firstCallback(it.token);
    expect([4]).toContain(cb.type);
    expect(fake.violations).toEqual([]);
  });
});

describe('garbage never crashes the bot', () => {
  it('survives an unknown command, an empty text option and a command without data options', async () => {
    const a = fake.slash('no-such-command', []);
    const b = fake.slash('explain', text(''));
    const c = fake.interaction({ type: 2, data: { id: '1100000000000000099', name: 'faq', type: 1 } });
    for (const x of [a, b, c]) expect((await fake.firstCallback(x.token)).type).toBeGreaterThan(0);
    expect(bot.exitCode()).toBeNull();
  });

  it('answers a handler error with a short ephemeral apology and keeps running', async () => {
    // An option of the wrong type makes discord.js throw inside the /faq handler.
    const broken = fake.slash('faq', [{ name: 'topic', type: 4, value: 7 }]);
    const cb = await fake.firstCallback(broken.token);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(cb.data)).toContain('Sorry, something went wrong');
    const next = fake.slash('explain', text(unknownInteraction));
    expect((await fake.firstCallback(next.token)).type).toBe(4);
    expect(bot.exitCode()).toBeNull();
  });

  it('answers a context menu on a message whose attachment 404s, is binary, or is 5 MB', async () => {
    const missing = fake.addAttachment('message.txt', 'gone', { status: 404 });
    const binary = fake.addAttachment('crash.log', Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 7]));
    const huge = fake.addAttachment('message.txt', ('x'.repeat(99) + '\n').repeat(50_000) + unknownInteraction);
    for (const attachment of [missing, binary, huge]) {
      const target = fake.messagePayload({ content: '', attachments: [attachment] });
      const it = fake.contextMenu('Explain async error', target);
      await fake.firstCallback(it.token);
      await fake.waitFor(() => fake.requestsFor(it.token).length >= 2, 8000, 'answer after the defer');
      const answer = fake.requestsFor(it.token)[1]!;
      expect(answer.body.content ?? answer.body.embeds?.[0]?.title).toBeTruthy();
    }
    expect(bot.exitCode()).toBeNull();
    expect(fake.violations).toEqual([]);
  });
});

describe('context menu "Explain async error"', () => {
  it('shows a confident explanation of the message text in the channel', async () => {
    const target = fake.messagePayload({ content: '```\n' + unknownInteraction + '\n```' });
    const it = fake.contextMenu('Explain async error', target);
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(4);
    expect(cb.data.embeds[0].title).toBe(unknownInteractionTitle);
    expect((cb.data.flags ?? 0) & EPHEMERAL).toBe(0);
  });
});

describe('/faq', () => {
  it('autocompletes at most 25 topics, and finds a rule by a pasted error string', async () => {
    const empty = fake.autocomplete('faq', 'topic', '');
    const cb = await fake.firstCallback(empty.token);
    expect(cb.type).toBe(8);
    expect(cb.data.choices.length).toBeGreaterThan(0);
    expect(cb.data.choices.length).toBeLessThanOrEqual(25);
    const typed = fake.autocomplete('faq', 'topic', 'Unknown interaction');
    const found = await fake.firstCallback(typed.token);
    expect(found.data.choices[0].value).toBe('js/discord-unknown-interaction');
  });

  it('addresses the answer to the chosen user and lets only that user be pinged', async () => {
    const target = fake.user(undefined, 'newcomer');
    const it = fake.slash('faq', [
      { name: 'topic', type: 3, value: 'js/discord-unknown-interaction' },
      { name: 'user', type: 6, value: target.id },
    ], { resolved: { users: { [target.id]: target } } });
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(4);
    expect(cb.data.content).toContain(`<@${target.id}>`);
    expect(cb.data.allowed_mentions).toEqual({ parse: [], users: [target.id] });
    expect(cb.data.embeds[0].title).toBe(unknownInteractionTitle);
  });
});

describe('/faq-admin', () => {
  it('refuses members without Manage Messages even if Discord let the command through', async () => {
    const it = fake.slash('faq-admin', [{ name: 'add', type: 1, options: [{ name: 'name', type: 3, value: 'token-leak' }] }], { permissions: '0' });
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(4);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.data.content).toMatch(/Manage Messages/);
  });

  it('adds an entry through a modal; /faq autocomplete and /faq then serve it', async () => {
    const it = fake.slash('faq-admin', [{ name: 'add', type: 1, options: [{ name: 'name', type: 3, value: 'token-leak' }] }], { permissions: MANAGE_MESSAGES });
    const modal = await fake.firstCallback(it.token);
    expect(modal.type).toBe(9);
    const saved = fake.modalSubmit(modal.data.custom_id, { title: 'I leaked my bot token', body: 'Reset it in the Developer Portal right away.' }, { permissions: MANAGE_MESSAGES });
    expect((await fake.firstCallback(saved.token)).data.content).toMatch(/Saved/);
    const ac = fake.autocomplete('faq', 'topic', 'token-le');
    expect((await fake.firstCallback(ac.token)).data.choices[0].value).toBe('token-leak');
    const ask = fake.slash('faq', [{ name: 'topic', type: 3, value: 'token-leak' }]);
    expect((await fake.firstCallback(ask.token)).data.embeds[0].title).toBe('I leaked my bot token');
  });
});

describe('/stats', () => {
  it('shows moderators the summary, and the pastes to review with show:unmatched', async () => {
    const unknown = 'my bot says: Zorblax failure 0x42 in the flux capacitor';
    await fake.firstCallback(fake.slash('explain', text(unknown)).token);
    // The summary is deferred (its chart takes a moment to draw), privately, then filled in.
    const asked = fake.slash('stats', [], { permissions: MANAGE_MESSAGES });
    expect((await fake.firstCallback(asked.token)).data.flags & EPHEMERAL).toBe(EPHEMERAL);
    await fake.waitFor(() => fake.answerMessage(asked.token) !== null, 10_000, 'the /stats summary');
    expect(fake.answerMessage(asked.token).embeds[0].description).toMatch(/\*\*\d+\*\* pastes/);
    const review = await fake.firstCallback(fake.slash('stats', [{ name: 'show', type: 3, value: 'unmatched' }], { permissions: MANAGE_MESSAGES }).token);
    expect(review.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const fields = review.data.embeds[0].fields as { name: string; value: string }[];
    expect(fields.some((f) => f.name.includes('no rule matched') && f.value.includes('Zorblax failure'))).toBe(true);
    expect(review.data.allowed_mentions).toEqual({ parse: [] });
    const refused = await fake.firstCallback(fake.slash('stats', [{ name: 'show', type: 3, value: 'unmatched' }], { permissions: '0' }).token);
    expect(JSON.stringify(refused.data)).not.toContain('Zorblax');
  });
});

describe('buttons', () => {
  /** A public answer to a fresh user, and the message it became. */
  async function explained() {
    const asker = fake.user();
    const it = fake.slash('explain', text(unknownInteraction), { user: asker });
    await fake.firstCallback(it.token);
    return { asker, message: fake.answerMessage(it.token) };
  }

  it('stores Helpful and Wrong votes with the case in SQLite', async () => {
    const { message } = await explained();
    const voter = fake.user();
    const down = fake.press(message, 'Wrong', { user: voter });
    const cb = await fake.firstCallback(down.token);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const db = new Database(bot.databasePath, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[];
      const feedback = tables.find((t) => /feedback|vote/.test(t.name))!.name;
      const rows = db.prepare(`SELECT * FROM ${feedback}`).all() as Record<string, unknown>[];
      expect(rows.some((r) => Object.values(r).includes(voter.id))).toBe(true);
    } finally {
      db.close();
    }
  });

  it('/forget-me erases the caller\'s own cases and votes, and nobody else\'s', async () => {
    const { asker, message } = await explained();
    const other = await explained();
    await fake.firstCallback(fake.press(message, 'Helpful', { user: asker }).token);
    const count = (userId: string) => {
      const db = new Database(bot.databasePath, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM cases WHERE user_id = ?').get(userId) as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(count(asker.id)).toBeGreaterThan(0);
    const forget = fake.slash('forget-me', [], { user: asker });
    const cb = await fake.firstCallback(forget.token);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(cb.data)).toMatch(/1 vote/);
    expect(count(asker.id)).toBe(0);
    expect(count(other.asker.id)).toBeGreaterThan(0);
  });

  it('Show fix answers ephemerally with how to fix it', async () => {
    const { message } = await explained();
    const it = fake.press(message, 'Show fix');
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(4);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.data.embeds[0].title).toMatch(/How to fix/);
  });

  it('Delete works for the asker only (or a moderator)', async () => {
    const { asker, message } = await explained();
    const stranger = fake.press(message, 'Delete');
    const refused = await fake.firstCallback(stranger.token);
    expect(refused.type).toBe(4);
    expect(refused.data.content).toMatch(/Only the person who asked/);
    const own = fake.press(message, 'Delete', { user: asker });
    expect((await fake.firstCallback(own.token)).type).toBe(6);
    await fake.waitFor(() => fake.requestsFor(own.token).some((r) => r.method === 'DELETE'), 5000, 'delete of the answer');
    expect(fake.messages.has(message.id)).toBe(false);
  });
});

describe('replies in the user\'s language', () => {
  const nestedRun =
    'Traceback (most recent call last):\n  File "/app/main.py", line 9, in <module>\n    asyncio.run(main())\n' +
    'RuntimeError: asyncio.run() cannot be called from a running event loop\n';
  const nested = loadKnowledge().find((r) => r.id === 'py/asyncio-run-nested')!;
  const zhTitle = nested.i18n!['zh-CN']!.title;

  /** Sends what `send` dispatches as if from a Discord client set to `locale` (the fake always says en-US). */
  function as<T>(locale: string, send: () => T): T {
    const dispatch = fake.dispatch;
    fake.dispatch = (t: string, d: unknown) => {
      if (t === 'INTERACTION_CREATE') (d as { locale: string }).locale = locale;
      dispatch.call(fake, t, d);
    };
    try {
      return send();
    } finally {
      fake.dispatch = dispatch;
    }
  }
  const labelsOf = (cb: { data: { components: { components: { label: string }[] }[] } }) => cb.data.components.flatMap((r) => r.components.map((c) => c.label));

  it('/explain answers a zh-CN client in Chinese and an en-US one in English', async () => {
    const zh = await fake.firstCallback(as('zh-CN', () => fake.slash('explain', text(nestedRun))).token);
    expect(zh.data.embeds[0].title).toBe(zhTitle);
    expect(zh.data.embeds[0].description).toContain(nested.i18n!['zh-CN']!.summary);
    expect(labelsOf(zh)).toEqual(expect.arrayContaining(['查看修复方法', '有帮助', '不对', '删除']));
    const en = await fake.firstCallback(as('en-US', () => fake.slash('explain', text(nestedRun))).token);
    expect(en.data.embeds[0].title).toBe(nested.title);
    expect(labelsOf(en)).toEqual(expect.arrayContaining(['Show fix', 'Helpful', 'Wrong', 'Delete']));
    // Traditional Chinese has no translation yet: English.
    const tw = await fake.firstCallback(as('zh-TW', () => fake.slash('explain', text(nestedRun))).token);
    expect(tw.data.embeds[0].title).toBe(nested.title);
  });

  it('the context menu and /faq follow the locale too; Show fix answers in Chinese', async () => {
    const target = fake.messagePayload({ content: '```\n' + nestedRun + '```' });
    const menuToken = as('zh-CN', () => fake.contextMenu('Explain async error', target)).token;
    const menu = await fake.firstCallback(menuToken);
    expect(menu.data.embeds[0].title).toBe(zhTitle);
    const faq = await fake.firstCallback(as('zh-CN', () => fake.slash('faq', [{ name: 'topic', type: 3, value: 'py/asyncio-run-nested' }])).token);
    expect(faq.data.embeds[0].title).toBe(zhTitle);
    const faqEn = await fake.firstCallback(fake.slash('faq', [{ name: 'topic', type: 3, value: 'py/asyncio-run-nested' }]).token);
    expect(faqEn.data.embeds[0].title).toBe(nested.title);
    const message = fake.answerMessage(menuToken);
    const fix = await fake.firstCallback(as('zh-CN', () => fake.press(message, '查看修复方法')).token);
    expect(fix.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(fix.data.embeds[0].title).toBe(`怎么修复：${zhTitle}`);
  });
});

describe('safety', () => {
  it('rate-limits one user politely', async () => {
    const user = fake.user();
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const it = fake.slash('explain', text('KeyError: 1'), { user });
      answers.push(await fake.firstCallback(it.token));
    }
    expect(answers[4]!.data.content).toMatch(/try again in \d+ second/);
    expect(answers[4]!.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('waits out a 429 with Retry-After and still delivers the edit', async () => {
    const file = fake.addAttachment('error.log', unknownInteraction);
    fake.rateLimitNext('/webhooks/', 1, 0.2);
    const it = fake.slash('explain', [{ name: 'file', type: 11, value: file.id }], { resolved: { attachments: { [file.id]: file } } });
    await fake.waitFor(() => fake.requestsFor(it.token).filter((r) => r.method === 'PATCH').length >= 2, 8000, 'retried edit');
    const edits = fake.requestsFor(it.token).filter((r) => r.method === 'PATCH');
    expect(edits[0]!.rateLimited).toBe(true);
    expect(edits[1]!.at - edits[0]!.at).toBeGreaterThanOrEqual(180);
  });

  it('resumes after the gateway drops and keeps answering', async () => {
    fake.dropGateway(4000);
    await fake.waitFor(() => fake.resumes > 0, 8000, 'resume');
    const it = fake.slash('explain', text(unknownInteraction));
    expect((await fake.firstCallback(it.token)).type).toBe(4);
  });

  it('never acknowledged an interaction twice and never sent anything over the limits', () => {
    expect(fake.violations).toEqual([]);
    expect(bot.exitCode()).toBeNull();
  });
});
