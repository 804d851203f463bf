/**
 * The secret-shape table (test/fixtures/secrets/shapes.yaml, fresh fakes each
 * run) through the real bot and the fake Discord, at LOG_LEVEL=trace: every
 * way a paste reaches the bot answers only the asker (ephemeral) and tells
 * them to reset it; a watched help channel, where no reply can be ephemeral,
 * gets a reset notice without the code. Then nothing of any shape may be in
 * what the bot sent, in its SQLite file with the WAL (raw bytes), or in its log.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../fake-discord/server.mjs';
import { leaks, secretShapes, type SecretShape } from '../intake/secret-shapes.js';
import { everythingSent, startBot, type RunningBot } from './harness.js';

const shapes = secretShapes();
const EPHEMERAL = 64;
const MANAGE_GUILD = String(1 << 5);

let bot: RunningBot;
let fake: FakeDiscord;

beforeAll(async () => {
  bot = await startBot({ LOG_LEVEL: 'trace', AWAITBOT_WATCH: '1', AWAITBOT_RATE_LIMIT: '1000/60' });
  fake = bot.fake;
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
});

/** Everything in one interaction answer: its JSON and the text of its files. */
function answerText(data: unknown, files: { text: string }[] = []): string {
  return JSON.stringify(data) + files.map((f) => f.text).join('');
}

/** Every few shapes, for the slower paths (each of these is one more download or modal). */
const sample = (every: number) => shapes.filter((_, i) => i % every === 0);

describe('/explain text:', () => {
  it.each(shapes)('$name: answered only to the asker, with a reset warning, repeating nothing', async (shape) => {
    const it = fake.slash('explain', [{ name: 'text', type: 3, value: shape.paste }]);
    const cb = await fake.firstCallback(it.token);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.data.content).toMatch(/reset it now/);
    expect(leaks(shape, answerText(cb.data, cb.files))).toEqual([]);
  });
});

describe('context menu "Explain async error" on a message holding a secret', () => {
  it.each(shapes)('$name: ephemeral, even though the same paste would be answered in the channel', async (shape) => {
    const it = fake.contextMenu('Explain async error', fake.messagePayload({ content: shape.paste }));
    const cb = await fake.firstCallback(it.token);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.data.content).toMatch(/reset it now/);
    expect(leaks(shape, answerText(cb.data, cb.files))).toEqual([]);
  });
});

describe('the /explain box (modal)', () => {
  it.each(sample(7))('$name: ephemeral, repeating nothing', async (shape) => {
    const submit = fake.modalSubmit('explain:paste', { text: shape.paste });
    const cb = await fake.firstCallback(submit.token);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.data.content).toMatch(/reset it now/);
    expect(leaks(shape, answerText(cb.data, cb.files))).toEqual([]);
  });
});

describe('/explain file: message.txt', () => {
  it.each(sample(9))('$name: the public "thinking…" gives way to an ephemeral answer', async (shape) => {
    const file = fake.addAttachment('message.txt', shape.paste, { contentType: null });
    const it = fake.slash('explain', [{ name: 'file', type: 11, value: file.id }], { resolved: { attachments: { [file.id]: file } } });
    await fake.firstCallback(it.token);
    const answered = () => fake.requestsFor(it.token).find((r) => /reset it now/.test(r.body?.content ?? ''));
    await fake.waitFor(() => answered() !== undefined, 8000, 'the answer after the defer');
    expect(answered()!.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(fake.requestsFor(it.token).some((r) => r.method === 'DELETE' && r.path.endsWith('/messages/@original'))).toBe(true);
    await fake.allHandled(); // everything the bot will ever send for it
    for (const r of fake.requestsFor(it.token)) expect(leaks(shape, answerText(r.body, r.files))).toEqual([]);
  });
});

describe('a watched help channel', () => {
  function postsReplyingTo(messageId: string) {
    return fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.helpChannelId}/messages` && r.body?.message_reference?.message_id === messageId);
  }

  it('is turned on with /settings', async () => {
    const options = [{ name: 'watch', type: 1, options: [{ name: 'channel', type: 7, value: fake.helpChannelId }, { name: 'on', type: 5, value: true }] }];
    const resolved = { channels: { [fake.helpChannelId]: { id: fake.helpChannelId, type: 0, name: 'help', permissions: '0' } } };
    const cb = await fake.firstCallback(fake.slash('settings', options, { resolved, permissions: MANAGE_GUILD }).token);
    expect(cb.data.content).toContain(`<#${fake.helpChannelId}>`);
  });

  it.each(shapes)('$name: a reset notice for the channel, without the code, the answer or the secret', async (shape: SecretShape) => {
    // Watching answers pastes: a code block, a traceback, an error line.
    const content = shape.paste.includes('```') ? shape.paste : '```\n' + shape.paste + '\n```';
    const message = fake.messagePayload({ content, channelId: fake.helpChannelId });
    fake.messageCreate(message);
    await fake.waitFor(() => postsReplyingTo(message.id).length > 0, 8000, 'the reset notice');
    const [notice] = postsReplyingTo(message.id);
    expect(notice!.body.content).toMatch(/reset it now/);
    expect(notice!.body.content).toMatch(/delete the message/);
    expect(notice!.body.embeds ?? []).toEqual([]);
    expect(notice!.body.components ?? []).toEqual([]);
    expect(notice!.files).toEqual([]);
    expect(notice!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(notice!.body.flags ?? 0).toBe(0);
    expect(leaks(shape, answerText(notice!.body))).toEqual([]);
  });
});

describe('after all of that', () => {
  it('sent nothing of any shape to Discord, within its limits', async () => {
    await fake.allHandled();
    const sent = everythingSent(fake);
    for (const shape of shapes) expect(leaks(shape, sent), shape.name).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('stored nothing of any shape: the database file and its WAL, byte for byte', () => {
    const bytes = ['', '-wal'].map((suffix) => {
      try {
        return readFileSync(bot.databasePath + suffix).toString('latin1');
      } catch {
        return '';
      }
    });
    const stored = bytes.join('\n');
    // The cases are there, redacted: the check below looks at real rows.
    expect(stored).toContain('[REDACTED');
    for (const shape of shapes) expect(leaks(shape, stored), shape.name).toEqual([]);
  });

  it('logged nothing of any shape at trace level', () => {
    const logs = bot.stderr();
    expect(logs).toContain('awaitbot is online');
    for (const shape of shapes) expect(leaks(shape, logs), shape.name).toEqual([]);
    expect(bot.exitCode()).toBeNull();
  });
});
