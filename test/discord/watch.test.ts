/**
 * Help-channel watching (AWAITBOT_WATCH=1, then /settings watch): only the
 * asker's own confident paste gets a reply, once; edits update it; bots and
 * unsure messages get nothing. Also `awaitbot deploy-commands`, and the
 * event receipts the tests wait on.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, snowflake } from '../fake-discord/server.mjs';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { root, startBot, type RunningBot } from './harness.js';

const unknownInteraction = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt'), 'utf8');
const MANAGE_GUILD = String(1 << 5);

let bot: RunningBot;
let fake: FakeDiscord;

beforeAll(async () => {
  bot = await startBot({ AWAITBOT_WATCH: '1' });
  fake = bot.fake;
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
});

function channelPosts(channelId: string) {
  return fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
}

// The bot tells the fake when it has finished with an event, after everything it sent for it; these tests
// (and every check below that nothing was sent) wait on that signal instead of a time, so it must never come early.
describe('event receipts', () => {
  it('are sent for the start-up events once the bot has handled them', () => {
    const startup = fake.dispatched.map((e) => [e.t, e.handled]);
    expect(startup).toEqual([
      ['READY', true],
      ['GUILD_CREATE', true],
    ]);
  });

  it('come only after the last message the bot sent for the event: a deferred answer\'s edit is already there', async () => {
    const file = fake.addAttachment('message.txt', unknownInteraction);
    const it = fake.slash('explain', [{ name: 'file', type: 11, value: file.id }], { resolved: { attachments: { [file.id]: file } } });
    await fake.allHandled();
    // No wait for the edit itself: the receipt promised the bot was done.
    expect(fake.callbacksOf(it.token).map((c) => c.type)).toEqual([5]);
    expect(fake.requestsFor(it.token).filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(fake.dispatched.at(-1)).toMatchObject({ t: 'INTERACTION_CREATE', handled: true });
  });

  it('come for an event that made the bot send nothing, so "nothing was sent" is checked after the bot decided', async () => {
    const before = fake.requests.length;
    fake.messageCreate(fake.messagePayload({ content: '```\n' + unknownInteraction + '\n```', channelId: fake.channelId }));
    await fake.allHandled();
    expect(fake.dispatched.at(-1)).toMatchObject({ t: 'MESSAGE_CREATE', handled: true });
    expect(fake.requests.length).toBe(before);
  });

  it('come for events the bot only caches (a guild update)', async () => {
    fake.dispatch('GUILD_UPDATE', { ...fake.guildPayload(), name: 'Renamed Guild' });
    await fake.allHandled();
    expect(fake.dispatched.at(-1)).toMatchObject({ t: 'GUILD_UPDATE', handled: true });
  });
});

describe('help-channel watching', () => {
  it('asks for message content only because watching is on', () => {
    expect(fake.identifies[0].intents).toBe(1 | 512 | 32768);
  });

  it('stays silent in a channel nobody chose to watch', async () => {
    fake.messageCreate(fake.messagePayload({ content: '```\n' + unknownInteraction + '\n```', channelId: fake.channelId }));
    await fake.allHandled();
    expect(channelPosts(fake.channelId)).toHaveLength(0);
  });

  it('/settings watch turns a channel on (Manage Server only)', async () => {
    const options = [{ name: 'watch', type: 1, options: [{ name: 'channel', type: 7, value: fake.helpChannelId }, { name: 'on', type: 5, value: true }] }];
    const resolved = { channels: { [fake.helpChannelId]: { id: fake.helpChannelId, type: 0, name: 'help', permissions: '0' } } };
    const denied = fake.slash('settings', options, { resolved, permissions: '0' });
    expect((await fake.firstCallback(denied.token)).data.content).toMatch(/Manage Server/);
    const ok = fake.slash('settings', options, { resolved, permissions: MANAGE_GUILD });
    const cb = await fake.firstCallback(ok.token);
    expect(cb.data.content).toContain(`<#${fake.helpChannelId}>`);
  });

  it('answers the asker\'s confident paste once, as a reply that pings nobody', async () => {
    const message = fake.messagePayload({ content: 'my bot says this:\n```\n' + unknownInteraction + '\n```', channelId: fake.helpChannelId });
    fake.messageCreate(message);
    await fake.waitFor(() => channelPosts(fake.helpChannelId).length === 1, 5000, 'watched reply');
    fake.messageCreate(message); // the same message again (a replayed event): still one reply
    await fake.allHandled();
    const posts = channelPosts(fake.helpChannelId);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.message_reference.message_id).toBe(message.id);
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(posts[0]!.body.embeds[0].footer.text).toContain('js/discord-unknown-interaction');
  });

  it('updates its reply when the asker edits the message, and withdraws it when the error is gone', async () => {
    const message = fake.messagePayload({ content: '```\n' + unknownInteraction + '\n```', channelId: fake.helpChannelId });
    const before = channelPosts(fake.helpChannelId).length;
    fake.messageCreate(message);
    await fake.waitFor(() => channelPosts(fake.helpChannelId).length === before + 1, 5000, 'watched reply');
    fake.messageUpdate({ ...message, content: '```\n' + unknownInteraction + '\n```\nedit: added the whole log' });
    await fake.waitFor(() => fake.requests.some((r) => r.method === 'PATCH' && r.path.startsWith(`/channels/${fake.helpChannelId}/messages/`)), 5000, 'edited reply');
    fake.messageUpdate({ ...message, content: 'never mind, solved it' });
    await fake.waitFor(() => fake.requests.some((r) => r.method === 'DELETE' && r.path.startsWith(`/channels/${fake.helpChannelId}/messages/`)), 5000, 'withdrawn reply');
    expect(channelPosts(fake.helpChannelId)).toHaveLength(before + 1);
  });

  it('an edit that arrives while the first answer is still on its way updates it, never a second reply', async () => {
    const message = fake.messagePayload({ content: '```\n' + unknownInteraction + '\n```', channelId: fake.helpChannelId });
    const before = channelPosts(fake.helpChannelId).length;
    const patchesBefore = fake.requests.filter((r) => r.method === 'PATCH' && r.path.startsWith(`/channels/${fake.helpChannelId}/messages/`)).length;
    fake.messageCreate(message);
    fake.messageUpdate({ ...message, content: '```\n' + unknownInteraction + '\n```\nedit: same error, more context' });
    await fake.waitFor(() => fake.requests.filter((r) => r.method === 'PATCH' && r.path.startsWith(`/channels/${fake.helpChannelId}/messages/`)).length === patchesBefore + 1, 5000, 'edited reply');
    expect(channelPosts(fake.helpChannelId)).toHaveLength(before + 1);
  });

  it('an edited answer\'s buttons act on its new case; the first version\'s buttons are refused', async () => {
    const asker = fake.user();
    const message = fake.messagePayload({ author: asker, content: '```\n' + unknownInteraction + '\n```', channelId: fake.helpChannelId });
    const before = channelPosts(fake.helpChannelId).length;
    fake.messageCreate(message);
    await fake.waitFor(() => channelPosts(fake.helpChannelId).length === before + 1, 5000, 'watched reply');
    const answer = [...fake.messages.values()].filter((m) => m.channel_id === fake.helpChannelId && m.author.id === fake.botUser.id).at(-1);
    const firstVersion = structuredClone(answer);
    const edited = () => fake.messages.get(answer.id).edited_timestamp !== null;
    fake.messageUpdate({ ...message, content: '```\n' + unknownInteraction + '\n```\nedit: it happens on every command' });
    await fake.waitFor(edited, 5000, 'edited reply');
    const now = fake.messages.get(answer.id);
    const fix = await fake.firstCallback(fake.press(now, 'Show fix', { user: asker }).token);
    expect(fix.data.embeds[0].title).toMatch(/How to fix/);
    const stale = await fake.firstCallback(fake.press(now, 'Show fix', { user: asker, customId: firstVersion.components[0].components[0].custom_id }).token);
    expect(stale.data.content).toBe('That button does not belong to this answer, so I did nothing.');
  });

  it('in a help thread (or forum post) of a watched channel, answers only the person who opened it', async () => {
    const owner = fake.user();
    const helper = fake.user(undefined, 'helper');
    const threadId = snowflake();
    fake.dispatch('THREAD_CREATE', {
      id: threadId,
      type: 11,
      guild_id: fake.guildId,
      parent_id: fake.helpChannelId,
      owner_id: owner.id,
      name: 'my bot says unknown interaction',
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 2,
      flags: 0,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      newly_created: true,
    });
    await fake.allHandled();
    const paste = '```\n' + unknownInteraction + '\n```';
    fake.messageCreate(fake.messagePayload({ content: paste, channelId: threadId, author: helper }));
    await fake.allHandled();
    expect(channelPosts(threadId)).toHaveLength(0);
    fake.messageCreate(fake.messagePayload({ content: paste, channelId: threadId, author: owner }));
    await fake.waitFor(() => channelPosts(threadId).length === 1, 5000, 'reply in the thread');
    const reply = channelPosts(threadId)[0]!;
    expect(reply.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(reply.body.allowed_mentions.replied_user).not.toBe(true);
  });

  it('answers in the server\'s preferred language when the rule has that translation', async () => {
    const zhTitle = loadKnowledge().find((r) => r.id === 'py/asyncio-run-nested')!.i18n?.['zh-CN']?.title;
    expect(zhTitle).toBeTruthy();
    fake.dispatch('GUILD_UPDATE', { ...fake.guildPayload(), preferred_locale: 'zh-CN' });
    await fake.allHandled();
    try {
      const before = channelPosts(fake.helpChannelId).length;
      const paste = '```\nTraceback (most recent call last):\n  File "/app/bot.py", line 9, in <module>\n    asyncio.run(main())\nRuntimeError: asyncio.run() cannot be called from a running event loop\n```';
      fake.messageCreate(fake.messagePayload({ content: paste, channelId: fake.helpChannelId }));
      await fake.waitFor(() => channelPosts(fake.helpChannelId).length === before + 1, 5000, 'zh reply');
      expect(channelPosts(fake.helpChannelId).at(-1)!.body.embeds[0].title).toBe(zhTitle);
    } finally {
      fake.dispatch('GUILD_UPDATE', { ...fake.guildPayload(), preferred_locale: 'en-US' });
      await fake.allHandled();
    }
  });

  it('/settings language: sets the language of unasked answers; "each paste\'s own" goes back to the paste', async () => {
    const rule = loadKnowledge().find((r) => r.id === 'py/asyncio-run-nested')!;
    const paste = '```\nTraceback (most recent call last):\n  File "/app/bot.py", line 9, in <module>\n    asyncio.run(main())\nRuntimeError: asyncio.run() cannot be called from a running event loop\n```';
    const setLanguage = async (value: string) => {
      const call = fake.slash('settings', [{ name: 'language', type: 1, options: [{ name: 'language', type: 3, value }] }], { permissions: MANAGE_GUILD });
      return (await fake.firstCallback(call.token)).data.content as string;
    };
    const answerTitle = async () => {
      const before = channelPosts(fake.helpChannelId).length;
      fake.messageCreate(fake.messagePayload({ content: paste, channelId: fake.helpChannelId }));
      await fake.waitFor(() => channelPosts(fake.helpChannelId).length === before + 1, 5000, 'watched reply');
      return channelPosts(fake.helpChannelId).at(-1)!.body.embeds[0].title as string;
    };
    try {
      expect(await setLanguage('zh-CN')).toContain('Language of unasked answers: 简体中文');
      expect(await answerTitle()).toBe(rule.i18n!['zh-CN']!.title);
    } finally {
      expect(await setLanguage('auto')).toContain("Language of unasked answers: each paste's own");
    }
    expect(await answerTitle()).toBe(rule.title);
  });

  it('never answers bots, itself, a helper\'s quote, or chat without a paste', async () => {
    const before = channelPosts(fake.helpChannelId).length;
    const paste = '```\n' + unknownInteraction + '\n```';
    fake.messageCreate(fake.messagePayload({ content: paste, channelId: fake.helpChannelId, bot: true }));
    fake.messageCreate(fake.messagePayload({ content: paste, channelId: fake.helpChannelId, author: fake.botUser }));
    fake.messageCreate(fake.messagePayload({ content: `> ${unknownInteraction.split('\n')[0]}\nthat means you replied too late`, channelId: fake.helpChannelId }));
    fake.messageCreate(fake.messagePayload({ content: 'anyone know why my bot is slow?', channelId: fake.helpChannelId }));
    fake.messageCreate(fake.messagePayload({ content: '```\nKeyError: 1\n```', channelId: fake.helpChannelId }));
    await fake.allHandled();
    expect(channelPosts(fake.helpChannelId)).toHaveLength(before);
    expect(fake.violations).toEqual([]);
  });
});

describe('awaitbot deploy-commands', () => {
  it('registers the seven commands (slash and context menu) to DISCORD_GUILD_ID', async () => {
    // The application id is read from the token's first part, as in real tokens.
    const applicationId = '1100000000000000777';
    const token = `${Buffer.from(applicationId).toString('base64url')}.AAAAAA.${'x1y2z3'.repeat(5)}`;
    const other = await new FakeDiscord({ applicationId, token }).start();
    try {
      const child = new Promise<{ status: number | null; stdout: string }>((resolve) => {
        // spawnSync would block the fake's event loop: run it asynchronously.
        import('node:child_process').then(({ execFile }) =>
          execFile(process.execPath, ['bin/awaitbot.js', 'deploy-commands'], { cwd: root, env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: token, DISCORD_API_URL: other.apiUrl, DISCORD_GUILD_ID: other.guildId } }, (err, stdout) =>
            resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }),
          ),
        );
      });
      const result = await child;
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/Registered 7 commands/);
      expect(other.registered!.guildId).toBe(other.guildId);
      const names = other.registered!.commands.map((c: { name: string; type?: number }) => `${c.type ?? 1}:${c.name}`).sort();
      expect(names).toEqual(['1:explain', '1:faq', '1:faq-admin', '1:forget-me', '1:settings', '1:stats', '3:Explain async error']);
      const explain = other.registered!.commands.find((c: { name: string }) => c.name === 'explain');
      expect(explain.options.find((o: { name: string }) => o.name === 'text').max_length).toBe(6000);
      // What Discord shows to clients set to 中文 travels with the registration.
      expect(explain.name_localizations).toEqual({ 'zh-CN': '解释' });
      expect(explain.description_localizations['zh-CN']).toMatch(/异步错误/);
    } finally {
      await other.close();
    }
  });

  it('refuses to run without a token', () => {
    const r = spawnSync(process.execPath, ['bin/awaitbot.js', 'deploy-commands'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/DISCORD_TOKEN/);
  });
});
