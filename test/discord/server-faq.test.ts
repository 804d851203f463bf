/**
 * Issue 12 through the real bot (bin/awaitbot.js start, discord.js) and the
 * fake Discord: a paste nothing knows, its review and the FAQ entry a
 * moderator makes from its case (`awaitbot review`, `awaitbot faq add
 * --from-case`, another process on the bot's database), and the same paste
 * answered by that entry the next time, by /explain and by help-channel
 * watching; plain chat holding the trigger stays unanswered.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../fake-discord/server.mjs';
import { openStore } from '../../src/store/index.js';
import { root, startBot, type RunningBot } from './harness.js';

const EPHEMERAL = 64;
const MANAGE_GUILD = String(1 << 5);
const MANAGE_GUILD_AND_MESSAGES = String((1 << 5) | (1 << 13));
const paste = [
  'Traceback (most recent call last):',
  '  File "/home/bot/main.py", line 8, in <module>',
  '    settings = load_settings("settings.toml")',
  '  File "/home/bot/mybot/settings.py", line 31, in load_settings',
  '    raise ConfigMissing(path)',
  'mybot.errors.ConfigMissing: settings.toml',
].join('\n');

let bot: RunningBot;
let fake: FakeDiscord;

beforeAll(async () => {
  bot = await startBot({ AWAITBOT_WATCH: '1' });
  fake = bot.fake;
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
});

const explain = (text: string) => fake.slash('explain', [{ name: 'text', type: 3, value: text }]);
const channelPosts = (channelId: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
const labels = (components: { components: { label: string }[] }[]) => components.flatMap((r) => r.components.map((c) => c.label));

describe('a server FAQ entry made from a reviewed case answers the same paste the next time', () => {
  it('closes the loop: unmatched, reviewed, entry made, answered by itself via /explain and watching', async () => {
    const first = await fake.firstCallback(explain(paste).token);
    expect(first.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(first.data.content).toMatch(/no known async error/i);

    // A moderator reviews the case and makes an entry from it with the CLI, in another process than the bot.
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/awaitbot.js', ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: bot.dir, DATABASE_PATH: bot.databasePath, LOG_LEVEL: 'warn' } });
    const review = cli('review', '--json', '--guild', fake.guildId);
    expect(review.status).toBe(0);
    const item = (JSON.parse(review.stdout) as { id: number; reason: string; paste: string }[]).find((i) => i.paste.includes('ConfigMissing'));
    expect(item?.reason).toBe('unmatched');
    const added = cli('faq', 'add', '--from-case', String(item!.id), '--answer', 'Copy `settings.example.toml` to `settings.toml`, then restart.');
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Added "config-missing"');
    expect(added.stdout).toContain('  - mybot.errors.ConfigMissing\n');

    const again = await fake.firstCallback(explain(paste).token);
    expect(again.data.flags ?? 0).toBe(0);
    expect(again.data.allowed_mentions).toEqual({ parse: [] });
    const embed = again.data.embeds[0];
    expect(embed.author.name).toBe("From this server's FAQ");
    expect(embed.title).toBe('mybot.errors.ConfigMissing: settings.toml');
    expect(embed.description).toContain('settings.example.toml');
    expect(embed.footer.text).toMatch(/^server FAQ: config-missing · matched "mybot\.errors\.ConfigMissing/);
    expect(labels(again.data.components)).toEqual(['Helpful', 'Wrong', 'Delete']);

    // Help-channel watching: on for the help channel, then plain chat naming the error, then the paste.
    const options = [{ name: 'watch', type: 1, options: [{ name: 'channel', type: 7, value: fake.helpChannelId }, { name: 'on', type: 5, value: true }] }];
    const resolved = { channels: { [fake.helpChannelId]: { id: fake.helpChannelId, type: 0, name: 'help', permissions: '0' } } };
    await fake.firstCallback(fake.slash('settings', options, { resolved, permissions: MANAGE_GUILD }).token);
    fake.messageCreate(fake.messagePayload({ content: 'does anyone else get mybot.errors.ConfigMissing every morning?', channelId: fake.helpChannelId }));
    const watched = fake.messagePayload({ content: 'it crashed again:\n```\n' + paste + '\n```', channelId: fake.helpChannelId });
    fake.messageCreate(watched);
    // Gateway events are handled in order: once the paste is answered, the chat before it was read and left alone.
    await fake.waitFor(() => channelPosts(fake.helpChannelId).length >= 1, 10_000, 'watched reply');
    const posts = channelPosts(fake.helpChannelId);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.message_reference.message_id).toBe(watched.id);
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(posts[0]!.body.embeds[0].author.name).toBe("From this server's FAQ");

    const asked = fake.slash('stats', [], { permissions: MANAGE_GUILD_AND_MESSAGES });
    await fake.waitFor(() => fake.answerMessage(asked.token) !== null, 10_000, 'the /stats summary');
    expect(fake.answerMessage(asked.token).embeds[0].description).toContain("**2** answered by this server's FAQ entries by themselves.");

    // /stats counts the repeats the entry answered; the reviewed case left the review list.
    const after = openStore(bot.databasePath);
    try {
      expect((await after.stats({ days: 1, guildId: fake.guildId })).answeredByFaq).toBe(2);
      expect((await after.review({ limit: 10, guildId: fake.guildId })).some((i) => i.paste.includes('ConfigMissing'))).toBe(false);
    } finally {
      await after.close();
    }
  });
});

describe('/faq-admin with triggers', () => {
  const MANAGE_MESSAGES = String(1n << 13n);
  const add = (name: string) => fake.slash('faq-admin', [{ name: 'add', type: 1, options: [{ name: 'name', type: 3, value: name }] }], { permissions: MANAGE_MESSAGES });

  it('the form has a triggers field; unsafe triggers are refused on the server, naming each, and nothing is saved', async () => {
    const modal = await fake.firstCallback(add('shard-lost').token);
    expect(modal.type).toBe(9);
    const inputs = modal.data.components.map((row: { components: { custom_id: string }[] }) => row.components[0]!.custom_id);
    expect(inputs).toEqual(['title', 'body', 'triggers']);
    const refused = fake.modalSubmit(modal.data.custom_id, { title: 'Shard lost', body: 'Restart the shard.', triggers: 'thanks\nerr\nsrvlib.ShardHeartbeatLost' }, { permissions: MANAGE_MESSAGES });
    const cb = await fake.firstCallback(refused.token);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.data.content).toMatch(/Not saved/);
    expect(cb.data.content).toMatch(/triggers\.0: .*everyday chat words/);
    expect(cb.data.content).toMatch(/triggers\.1: .*shorter than 6/);
    const store = openStore(bot.databasePath);
    try {
      expect(await store.getFaq(fake.guildId, 'shard-lost')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('saves safe triggers, which then answer a paste holding one, and refuses a member without Manage Messages', async () => {
    const modal = await fake.firstCallback(add('shard-lost').token);
    const denied = fake.modalSubmit(modal.data.custom_id, { title: 'Shard lost', body: 'Restart the shard.', triggers: 'srvlib.ShardHeartbeatLost' }, { permissions: '0' });
    expect((await fake.firstCallback(denied.token)).data.content).toMatch(/Manage Messages/);
    const saved = fake.modalSubmit(modal.data.custom_id, { title: 'Shard lost', body: 'Restart the shard.', triggers: '  srvlib.ShardHeartbeatLost  \n' }, { permissions: MANAGE_MESSAGES });
    expect((await fake.firstCallback(saved.token)).data.content).toMatch(/Saved/);
    const answer = await fake.firstCallback(explain('```\nsrvlib.ShardHeartbeatLost: shard 3 missed 5 heartbeats\n```').token);
    expect(answer.data.embeds[0].author.name).toBe("From this server's FAQ");
    expect(answer.data.embeds[0].title).toBe('Shard lost');
  });
});

describe('/faq-admin preview', () => {
  const MANAGE_MESSAGES = String(1n << 13n);
  const preview = (name: string, permissions = MANAGE_MESSAGES) => fake.slash('faq-admin', [{ name: 'preview', type: 1, options: [{ name: 'name', type: 3, value: name }] }], { permissions });

  it('shows the entry exactly as /faq posts it, to the moderator only, with its triggers named above', async () => {
    const shown = await fake.firstCallback(preview('shard-lost').token);
    expect(shown.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(shown.data.content).toContain('"srvlib.ShardHeartbeatLost"');
    const posted = await fake.firstCallback(fake.slash('faq', [{ name: 'topic', type: 3, value: 'shard-lost' }]).token);
    expect((posted.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(shown.data.embeds).toEqual(posted.data.embeds);
    expect(shown.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('is for moderators only, and says so for an entry that does not exist', async () => {
    const denied = await fake.firstCallback(preview('shard-lost', '0').token);
    expect(denied.data.content).toMatch(/Manage Messages/);
    expect(denied.data.embeds ?? []).toEqual([]);
    expect((await fake.firstCallback(preview('no-such-entry').token)).data.content).toMatch(/no entry/);
  });
});

describe('/stats show:unmatched: an FAQ entry from a case in one step', () => {
  const MANAGE_MESSAGES = String(1n << 13n);
  const meltdown = '```\nTraceback (most recent call last):\n  File "/srv/bot.py", line 4, in <module>\n    warm()\nsrvlib.cache.CacheMeltdown: cache 7 melted\n```';

  it('each listed case has a button opening the form pre-filled from its error line; saving answers the paste next time', async () => {
    await fake.firstCallback(explain(meltdown).token);
    const list = fake.slash('stats', [{ name: 'show', type: 3, value: 'unmatched' }], { permissions: MANAGE_MESSAGES });
    await fake.firstCallback(list.token);
    const message = fake.answerMessage(list.token);
    const label = message.components.flatMap((r: { components: { label: string }[] }) => r.components.map((c) => c.label)).find((l: string) => l.startsWith('FAQ entry from #'));
    expect(label).toBeDefined();

    const refused = await fake.firstCallback(fake.press(message, label, { permissions: '0' }).token);
    expect(refused.data.content).toMatch(/Manage Messages/);

    const form = await fake.firstCallback(fake.press(message, label, { permissions: MANAGE_MESSAGES }).token);
    expect(form.type).toBe(9);
    const values = Object.fromEntries(form.data.components.map((row: { components: { custom_id: string; value?: string }[] }) => [row.components[0]!.custom_id, row.components[0]!.value ?? '']));
    expect(values).toEqual({
      name: 'cache-meltdown',
      title: 'srvlib.cache.CacheMeltdown: cache 7 melted',
      body: '',
      triggers: 'srvlib.cache.CacheMeltdown: cache 7 melted\nsrvlib.cache.CacheMeltdown',
    });
    const saved = fake.modalSubmit(form.data.custom_id, { ...values, triggers: 'srvlib.cache.CacheMeltdown', body: 'Lower the cache size in config.toml.' }, { permissions: MANAGE_MESSAGES });
    expect((await fake.firstCallback(saved.token)).data.content).toMatch(/Saved `cache-meltdown`/);

    const answer = await fake.firstCallback(explain(meltdown).token);
    expect(answer.data.embeds[0].author.name).toBe("From this server's FAQ");
    const store = openStore(bot.databasePath);
    try {
      expect((await store.review({ limit: 20, guildId: fake.guildId })).some((i) => i.paste.includes('CacheMeltdown'))).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('a form naming another server\'s case, or none, saves nothing', async () => {
    const store = openStore(bot.databasePath);
    let other: number;
    try {
      other = (await store.logCase({ source: 'discord', guildId: '999999999999999999', channelId: null, userId: null, trigger: 'explain', language: null, matches: [], paste: 'srvlib.Other', fixShown: false, evidenceSummary: '', latencyMs: 1 }))!;
    } finally {
      await store.close();
    }
    for (const id of [String(other), 'x']) {
      const forged = fake.modalSubmit(`faq-admin:from-case:${id}`, { name: 'stolen', title: 'T', body: 'B', triggers: '' }, { permissions: MANAGE_MESSAGES });
      expect((await fake.firstCallback(forged.token)).data.content).toMatch(/no longer in the log/);
    }
    const after = openStore(bot.databasePath);
    try {
      expect(await after.getFaq(fake.guildId, 'stolen')).toBeNull();
      expect((await after.getCase(other))!.answeredBy).toBeNull();
    } finally {
      await after.close();
    }
  });
});

describe('context menu "Explain async error" with a server entry', () => {
  it('answers a message holding a trigger with the entry, in the channel, pinging nobody; a message without one is not', async () => {
    const target = fake.messagePayload({ content: 'look:\n```\nsrvlib.ShardHeartbeatLost: shard 5 missed 3 heartbeats\n```' });
    const cb = await fake.firstCallback(fake.contextMenu('Explain async error', target).token);
    expect((cb.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(cb.data.embeds[0].author.name).toBe("From this server's FAQ");
    expect(cb.data.embeds[0].title).toBe('Shard lost');
    expect(cb.data.allowed_mentions).toEqual({ parse: [] });
    const other = fake.messagePayload({ content: '```\nsrvlib.ShardHeartbeatFine: shard 5 ok\n```' });
    const none = await fake.firstCallback(fake.contextMenu('Explain async error', other).token);
    expect(none.data.embeds ?? []).toEqual([]);
    expect(none.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });
});

describe('/faq-admin forms name their entry themselves', () => {
  it('a submitted form cannot take a built-in topic\'s name, whichever way it was made', async () => {
    const MANAGE_MESSAGES = String(1n << 13n);
    const forged = fake.modalSubmit('faq-admin:add:await-outside-async', { title: 'Mine now', body: 'B', triggers: '' }, { permissions: MANAGE_MESSAGES });
    expect((await fake.firstCallback(forged.token)).data.content).toMatch(/already a built-in topic/);
    const store = openStore(bot.databasePath);
    try {
      expect(await store.getFaq(fake.guildId, 'await-outside-async')).toBeNull();
    } finally {
      await store.close();
    }
  });
});
