/**
 * Help-channel watching, the core every front end applies: which messages are
 * pastes, which places a server watches, and what is said unasked — a sure
 * answer in the channel naming the user's own call, a reset notice alone for
 * a paste holding a secret, silence when unsure. Real pastes, the real engine
 * in its worker pool, a real SQLite case log.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RecentCases, explainText } from '../../src/app/cases.js';
import type { Services } from '../../src/app/services.js';
import { isWatchedPlace, looksLikePaste, unaskedReply } from '../../src/app/watch.js';
import { DiagnosisPool } from '../../src/engine-pool/pool.js';
import { createEngine } from '../../src/engine.js';
import { openStore } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'awaitbot-watch-'));
const engine = await createEngine();
const diagnoser = new DiagnosisPool(engine.rules, { budgetMs: 10_000, threads: 1, filename: fileURLToPath(new URL('../../dist/engine-pool/worker.js', import.meta.url)) });
const store = openStore(join(dir, 'cases.db'));
const services: Services = { engine, diagnoser, rules: engine.rules, store };
const recent = new RecentCases();
afterAll(async () => {
  await diagnoser.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const fixture = (path: string) => readFileSync(new URL(`../fixtures/cases/${path}`, import.meta.url), 'utf8');
const ctxSend = fixture('py/coroutine-never-awaited/discord_ctx_send.paste.md');
const where = { askerId: '222222222222222222', channelId: '333333333333333333' };
const explain = (text: string) =>
  explainText(services, recent, text, { source: 'discord', trigger: 'watch', guildId: '111111111111111111', channelId: where.channelId, userId: where.askerId }, { serverFaq: { confidentAt: 0.8, unasked: true } });

describe('what counts as a paste', () => {
  it.each([ctxSend, 'Traceback (most recent call last):\n  File "x.py", line 1', 'TypeError: x.then is not a function', "RuntimeWarning: coroutine 'main' was never awaited"])('reads %#', (text) => {
    expect(looksLikePaste(text)).toBe(true);
  });

  it.each(['hi all, how do I await two things at once?', 'thanks, that fixed it!', 'the error went away after I restarted'])('leaves chat alone: %s', (text) => {
    expect(looksLikePaste(text)).toBe(false);
  });
});

describe('where the server watches', () => {
  const watching = { autoReply: true, watchChannels: ['help'] };
  const place = (channelId: string, thread: { parentId: string; ownerId: string } | null = null) => ({ channelId, authorId: 'asker', thread });

  it('a watched channel, and its threads for their owner only', () => {
    expect(isWatchedPlace(watching, place('help'))).toBe(true);
    expect(isWatchedPlace(watching, place('thread-1', { parentId: 'help', ownerId: 'asker' }))).toBe(true);
    expect(isWatchedPlace(watching, place('thread-1', { parentId: 'help', ownerId: 'someone-else' }))).toBe(false);
  });

  it('nowhere else, and nowhere with auto-reply off', () => {
    expect(isWatchedPlace(watching, place('general'))).toBe(false);
    expect(isWatchedPlace(watching, place('thread-2', { parentId: 'general', ownerId: 'asker' }))).toBe(false);
    expect(isWatchedPlace({ autoReply: false, watchChannels: ['help'] }, place('help'))).toBe(false);
  });
});

describe('the unasked answer', () => {
  it('answers a sure paste in the channel, about the user’s own call, with buttons that act on its case', async () => {
    const explained = await explain(ctxSend);
    const out = unaskedReply(explained, { ...where, serverLanguage: null, guildLocale: null })!;
    expect(out.reply.ephemeral).toBe(false);
    expect(out.reply.embeds[0]!.description).toContain('`await ctx.send()`');
    expect(out.answer).toMatchObject({ askerId: where.askerId, channelId: where.channelId, public: true, ruleId: 'py/coroutine-never-awaited' });
    expect(out.answer!.caseId).not.toBeNull();
  });

  it('speaks the server’s chosen language, else the paste’s, else the server’s Discord locale', async () => {
    const explained = await explain(ctxSend);
    const title = (o: ReturnType<typeof unaskedReply>) => o!.reply.embeds[0]!.title;
    expect(title(unaskedReply(explained, { ...where, serverLanguage: 'zh-CN', guildLocale: 'en-US' }))).toBe('调用了异步函数，却没有 await 它');
    expect(title(unaskedReply(explained, { ...where, serverLanguage: null, guildLocale: 'zh-CN' }))).toBe('调用了异步函数，却没有 await 它');
    const chinese = await explain(fixture('py/coroutine-never-awaited/script_exits_at_once.paste.md'));
    expect(title(unaskedReply(chinese, { ...where, serverLanguage: null, guildLocale: 'en-US' }))).toBe('调用了异步函数，却没有 await 它');
  });

  it('gives a paste holding a token the reset notice alone: no code, no answer, no buttons', async () => {
    const token = `${Buffer.from('123456789012345678').toString('base64url')}.${Buffer.from([0x66, 0x0f, 0x4c, 0x80]).toString('base64url')}.${'aB3_x-9Qz'.repeat(3)}`;
    const explained = await explain(ctxSend.replace('bot.run(TOKEN)', `bot.run("${token}")`));
    const out = unaskedReply(explained, { ...where, serverLanguage: null, guildLocale: null })!;
    expect(out.answer).toBeNull();
    expect(out.reply.embeds).toEqual([]);
    expect(out.reply.components).toEqual([]);
    expect(JSON.stringify(out.reply)).not.toContain('ctx.send');
    expect(JSON.stringify(out.reply)).not.toContain(token.split('.')[2]);
  });

  it('stays silent when nothing is sure', async () => {
    const explained = await explain(fixture('../negatives/python/attribute_error_none.out.txt'));
    expect(unaskedReply(explained, { ...where, serverLanguage: null, guildLocale: null })).toBeNull();
  });
});
