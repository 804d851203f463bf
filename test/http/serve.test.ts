/**
 * `awaitbot serve`, started as users start it, answering requests signed with a test Ed25519 key
 * pair the way Discord signs them: valid requests get their answers, and a tampered body, a wrong
 * key, a stale timestamp, missing headers and an oversized body get their status without harm.
 * A slow answer may be deferred and edited in through REST; a capture server on 127.0.0.1 stands
 * in for Discord's REST API, so either path ends in the same answer.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { messages } from '../../src/render/messages.js';
import { startBot } from '../discord/harness.js';
import pg from 'pg';
import { startTempPostgres, type TempPostgres } from '../../scripts/temp-postgres.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-serve-'));
const databasePath = join(dir, 'cases.db');
const rules = loadKnowledge();
const title = (id: string) => rules.find((r) => r.id === id)!.title;
const paste = readFileSync(join(root, 'test/fixtures/cases/py/asyncio-run-nested/run_inside_async_def.out.txt'), 'utf8');

const rawHex = (key: KeyObject) => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
const discordKeys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');

let child: ChildProcess;
let url = '';
const children: ChildProcess[] = [];
let rest: Server;
/** PATCH bodies the endpoint sent to "Discord" for deferred answers, by interaction token. */
const edits = new Map<string, Record<string, unknown>>();
const editWaiters = new Map<string, (body: Record<string, unknown>) => void>();
/** Every call the endpoint made to "Discord's" REST API, in order. */
const restCalls: { method: string; token: string; path: string; body: Record<string, unknown> }[] = [];
const restWaiters: (() => void)[] = [];
let restUrl = '';

beforeAll(async () => {
  rest = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const [, token = '', rest = ''] = /\/webhooks\/\d+\/([^/]+)(.*)$/.exec(req.url ?? '') ?? [];
      const body = await bodyOf(Buffer.concat(chunks), req.headers['content-type'] ?? '');
      restCalls.push({ method: req.method ?? '', token, path: rest, body });
      // The deferred answer: the placeholder edited, or a follow-up sent in its place.
      if ((req.method === 'PATCH' && rest === '/messages/@original') || (req.method === 'POST' && rest === '')) {
        edits.set(token, body);
        editWaiters.get(token)?.(body);
      }
      restWaiters.splice(0).forEach((w) => w());
      res.writeHead(req.method === 'DELETE' ? 204 : 200, { 'content-type': 'application/json' }).end(req.method === 'DELETE' ? undefined : '{}');
    });
  });
  rest.listen(0, '127.0.0.1');
  await once(rest, 'listening');
  restUrl = `http://127.0.0.1:${(rest.address() as AddressInfo).port}/api/v10`;
  ({ child, url } = await startServe({ AWAITBOT_RATE_LIMIT: '100/30' }));
}, 60_000);

/** One `awaitbot serve` process on the test's store and REST stand-in; its URL once it listens. */
async function startServe(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const started = spawn(process.execPath, ['bin/awaitbot.js', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: databasePath, DISCORD_TOKEN: '', LOG_LEVEL: 'warn', DISCORD_PUBLIC_KEY: rawHex(discordKeys.publicKey), DISCORD_API_URL: restUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(started);
  let out = '';
  started.stdout!.setEncoding('utf8');
  const listening = await new Promise<string>((resolve, reject) => {
    started.stdout!.on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    started.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${out}`)));
  });
  return { child: started, url: listening };
}

afterAll(async () => {
  for (const c of children) {
    if (c.exitCode !== null) continue;
    c.kill('SIGTERM');
    await once(c, 'exit');
  }
  rest?.close();
  rmSync(dir, { recursive: true, force: true });
});

function signed(body: string, keys = discordKeys, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = sign(null, Buffer.from(String(timestamp) + body), keys.privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': String(timestamp) };
}

/** A JSON body, or a multipart one (a message with files) as its payload_json plus the names of its files. */
async function bodyOf(bytes: Buffer, contentType: string): Promise<Record<string, unknown>> {
  if (!contentType.startsWith('multipart/form-data')) return JSON.parse(bytes.toString('utf8') || '{}') as Record<string, unknown>;
  const form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData();
  const files = [...form.entries()].filter(([key]) => key.startsWith('files[')).map(([, v]) => (v as File).name);
  return { ...(JSON.parse(String(form.get('payload_json'))) as Record<string, unknown>), fileNames: files };
}

async function post(body: string, headers: Record<string, string>, to = url): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(to, { method: 'POST', body, headers });
  return { status: res.status, json: await bodyOf(Buffer.from(await res.arrayBuffer()), res.headers.get('content-type') ?? '') };
}

let seq = 0;
/** An interaction as Discord sends it; `extra` replaces fields (another member, the pressed message). */
function interaction(type: number, data?: Record<string, unknown>, extra: Record<string, unknown> = {}): { body: string; token: string; id: string } {
  const token = `token${++seq}`;
  const id = `90000000000000${seq}`;
  const i = { id, application_id: '123456789012345678', type, token, locale: 'en-US', guild_id: '223456789012345678', channel_id: '323456789012345678', member: { user: { id: '423456789012345678' } }, ...(data ? { data } : {}), ...extra };
  return { body: JSON.stringify(i), token, id };
}

/** The message an interaction ends with: the immediate answer, or the deferred one edited in. */
async function answerOf(body: string, token: string, to = url): Promise<Record<string, unknown>> {
  const edited = new Promise<Record<string, unknown>>((resolve) => editWaiters.set(token, resolve));
  const { status, json } = await post(body, signed(body), to);
  expect(status).toBe(200);
  // Files sent with an immediate answer are parts of the response beside its JSON.
  if (json.type === 4) return { ...(json.data as Record<string, unknown>), ...(json.fileNames ? { fileNames: json.fileNames } : {}) };
  expect(json.type).toBe(5);
  return edits.get(token) ?? (await edited);
}

describe('awaitbot serve: signatures', () => {
  it('answers a signed PING with PONG', async () => {
    const { body } = interaction(1);
    expect(await post(body, signed(body))).toEqual({ status: 200, json: { type: 1 } });
  });

  it('refuses a tampered body, a wrong key, a stale timestamp and missing headers with 401', async () => {
    const { body } = interaction(1);
    const tampered = body.replace('"type":1', '"type":2');
    expect((await post(tampered, signed(body))).status).toBe(401);
    expect((await post(body, signed(body, otherKeys))).status).toBe(401);
    expect((await post(body, signed(body, discordKeys, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401);
  });

  it('tells a proxy it may keep an idle connection for 75 seconds, past the usual 60-second idle timeout of load balancers', async () => {
    const { body } = interaction(1);
    const res = await fetch(url, { method: 'POST', body, headers: signed(body) });
    await res.arrayBuffer();
    // A server that closes first (node's default is 5 seconds) resets requests the proxy sends on that connection.
    expect(res.headers.get('keep-alive')).toBe('timeout=75');
  });

  it('refuses a 1 MB body with 413 and keeps answering', async () => {
    const big = JSON.stringify({ type: 1, junk: 'x'.repeat(1024 * 1024) });
    expect((await post(big, signed(big))).status).toBe(413);
    const { body } = interaction(1);
    expect((await post(body, signed(body))).json).toEqual({ type: 1 });
  });
});

describe('awaitbot serve: the same answers as the gateway bot', () => {
  it('/explain text: answers with the rule, visibly, and logs the case', async () => {
    const { body, token } = interaction(2, { name: 'explain', type: 1, options: [{ name: 'text', type: 3, value: paste }] });
    const data = await answerOf(body, token);
    const embeds = data.embeds as { title?: string }[];
    expect(embeds[0]!.title).toContain(title('py/asyncio-run-nested'));
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const db = new Database(databasePath, { readonly: true });
    try {
      expect((db.prepare("SELECT count(*) AS n FROM cases WHERE trigger = 'explain'").get() as { n: number }).n).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
  });

  it('/explain with no text opens the paste modal, and the modal submit is answered', async () => {
    const open = interaction(2, { name: 'explain', type: 1 });
    const modal = await post(open.body, signed(open.body));
    expect(modal.json.type).toBe(9);
    const submit = interaction(5, { custom_id: (modal.json.data as { custom_id: string }).custom_id, components: [{ type: 1, components: [{ type: 4, custom_id: 'text', value: paste }] }] });
    const data = await answerOf(submit.body, submit.token);
    expect((data.embeds as { title?: string }[])[0]!.title).toContain(title('py/asyncio-run-nested'));
  });

  it('the "Explain async error" context menu reads the target message', async () => {
    const { body, token } = interaction(2, { name: 'Explain async error', type: 3, target_id: '523456789012345678', resolved: { messages: { '523456789012345678': { content: paste } } } });
    const data = await answerOf(body, token);
    expect((data.embeds as { title?: string }[])[0]!.title).toContain(title('py/asyncio-run-nested'));
  });

  it('/faq autocomplete offers topics, and /faq shows one', async () => {
    const auto = interaction(4, { name: 'faq', type: 1, options: [{ name: 'topic', type: 3, value: 'foreach', focused: true }] });
    const choices = ((await post(auto.body, signed(auto.body))).json.data as { choices: { value: string }[] }).choices;
    expect(choices.map((c) => c.value)).toContain('js/async-foreach');
    expect(choices.length).toBeLessThanOrEqual(25);
    const show = interaction(2, { name: 'faq', type: 1, options: [{ name: 'topic', type: 3, value: 'js/async-foreach' }] });
    const data = await answerOf(show.body, show.token);
    expect(JSON.stringify(data.embeds)).toContain(title('js/async-foreach').slice(0, 30));
  });

  it('a paste with nothing known gets the short private answer, and an unknown command a notice', async () => {
    const none = interaction(2, { name: 'explain', type: 1, options: [{ name: 'text', type: 3, value: 'KeyError: "name"' }] });
    const data = await answerOf(none.body, none.token);
    expect(data.flags).toBe(64);
    const other = interaction(2, { name: 'settings', type: 1 });
    expect(((await post(other.body, signed(other.body))).json.data as { flags: number }).flags).toBe(64);
  });

  it('a signed body that is not JSON gets 400', async () => {
    expect((await post('not json', signed('not json'))).status).toBe(400);
  });
});

const en = messages('en');
const member = (id: string, permissions = '0') => ({ member: { user: { id }, permissions } });
const manageMessages = String(1n << 13n);

/** An answer to /explain asked by `asker` on the copy at `to`: its message as a button press names it, and its buttons' ids. */
async function askedAnswer(asker: string, to = url): Promise<{ message: Record<string, unknown>; buttons: Record<string, string> }> {
  const ask = interaction(2, { name: 'explain', type: 1, options: [{ name: 'text', type: 3, value: paste }] }, member(asker));
  const data = await answerOf(ask.body, ask.token, to);
  const ids = (data.components as { components: { custom_id?: string }[] }[]).flatMap((row) => row.components.map((b) => b.custom_id ?? ''));
  const buttons = Object.fromEntries(ids.filter(Boolean).map((id) => [id.split(':')[1]!, id]));
  // Discord stamps the response message with the interaction it answered.
  return { message: { id: `7${ask.id.slice(1)}`, interaction_metadata: { id: ask.id } }, buttons };
}

/** Presses `customId` on `message` as the member `who`; the response Discord got. */
async function press(customId: string, message: Record<string, unknown>, who: Record<string, unknown>, to = url): Promise<{ json: Record<string, unknown>; token: string }> {
  const p = interaction(3, { custom_id: customId, component_type: 2 }, { ...who, message });
  const { status, json } = await post(p.body, signed(p.body), to);
  expect(status).toBe(200);
  return { json, token: p.token };
}

const notice = (json: Record<string, unknown>) => {
  expect(json.type).toBe(4);
  const data = json.data as { content?: string; flags?: number };
  expect(data.flags).toBe(64);
  return data.content;
};

function votes(caseUser: string): { user_id: string; vote: string }[] {
  const db = new Database(databasePath, { readonly: true });
  try {
    return db.prepare('SELECT f.user_id, f.vote FROM feedback f JOIN cases c ON c.id = f.case_id WHERE c.user_id = ? ORDER BY f.user_id').all(caseUser) as { user_id: string; vote: string }[];
  } finally {
    db.close();
  }
}

describe('awaitbot serve: the answer\'s buttons, as in the gateway bot', () => {
  it('an answer carries Show fix, Helpful, Wrong and Delete; anyone in the channel can see the fix and vote once', async () => {
    const { message, buttons } = await askedAnswer('611111111111111111');
    expect(Object.keys(buttons).sort()).toEqual(['del', 'down', 'fix', 'full', 'up']);
    const fix = (await press(buttons.fix!, message, member('622222222222222222'))).json;
    expect(fix.type).toBe(4);
    const fixData = fix.data as { flags: number; embeds: { title: string; footer: { text: string } }[] };
    expect(fixData.flags).toBe(64);
    expect(fixData.embeds[0]!.footer.text).toBe('py/asyncio-run-nested');
    expect(fixData.embeds[0]!.title).toBe(en.howToFixTitle(title('py/asyncio-run-nested')));
    expect(notice((await press(buttons.up!, message, member('622222222222222222'))).json)).toBe(en.thanksHelpful);
    expect(notice((await press(buttons.down!, message, member('622222222222222222'))).json)).toBe(en.thanksWrong);
    expect(votes('611111111111111111')).toEqual([{ user_id: '622222222222222222', vote: 'wrong' }]);
  });

  it('a private answer (its paste held a secret): only the asker sees its fix or rates it', async () => {
    const asker = '611111111111111114';
    const withSecret = `${paste}\nDISCORD_TOKEN=MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB\n`;
    const ask = interaction(2, { name: 'explain', type: 1, options: [{ name: 'text', type: 3, value: withSecret }] }, member(asker));
    const data = await answerOf(ask.body, ask.token);
    expect(data.flags).toBe(64);
    const ids = (data.components as { components: { custom_id?: string }[] }[]).flatMap((row) => row.components.map((b) => b.custom_id ?? ''));
    const buttons = Object.fromEntries(ids.filter(Boolean).map((id) => [id.split(':')[1]!, id]));
    expect(Object.keys(buttons).sort()).toEqual(['down', 'fix', 'full', 'up']);
    // Discord sends the pressed message's flags: this one is ephemeral.
    const message = { id: `7${ask.id.slice(1)}`, flags: 64, interaction_metadata: { id: ask.id } };
    expect(notice((await press(buttons.fix!, message, member('622222222222222222'))).json)).toBe(en.fixOnlyForAsker);
    expect(notice((await press(buttons.up!, message, member('622222222222222222'))).json)).toBe(en.voteOnlyOnVisible);
    const fix = (await press(buttons.fix!, message, member(asker))).json;
    expect((fix.data as { embeds: { footer: { text: string } }[] }).embeds[0]!.footer.text).toBe('py/asyncio-run-nested');
  });

  it('Full explanation (no published rule pages configured) posts the rule\'s own page to the presser: its sections, and the whole page as a file', async () => {
    const { message, buttons } = await askedAnswer('611111111111111119');
    const page = (await press(buttons.full!, message, member('622222222222222222'))).json;
    expect(page.type).toBe(4);
    const data = page.data as { flags: number; embeds: { title: string; description: string; footer: { text: string } }[] };
    expect(data.flags).toBe(64);
    expect(data.embeds[0]!.title).toBe(title('py/asyncio-run-nested'));
    expect(data.embeds[0]!.footer.text).toBe('py/asyncio-run-nested');
    expect(data.embeds[0]!.description).toContain(`**${en.rulePage.why}**`);
    // Files sent with an immediate answer are parts of the response beside its JSON.
    expect(page.fileNames).toEqual(['asyncio-run-nested.md']);
    const elsewhere = await press(buttons.full!, message, { ...member('622222222222222222'), channel_id: '399999999999999999' });
    expect(notice(elsewhere.json)).toBe(en.explanationOnlyOnVisible);
  });

  it('refuses a button naming another answer\'s case, garbage, and a vote from another channel', async () => {
    const first = await askedAnswer('611111111111111112');
    const second = await askedAnswer('611111111111111112');
    expect(notice((await press(first.buttons.up!, second.message, member('622222222222222222'))).json)).toBe(en.buttonNotForThisMessage);
    expect(notice((await press('ab:fix:not-a-case', first.message, member('622222222222222222'))).json)).toBe(en.buttonInactive);
    expect(notice((await press(first.buttons.up!, { id: '712345678901234567' }, member('622222222222222222'))).json)).toBe(en.buttonInactive);
    expect(notice((await press(first.buttons.up!, first.message, { ...member('622222222222222222'), channel_id: '399999999999999999' })).json)).toBe(en.voteOnlyOnVisible);
    expect(votes('611111111111111112')).toEqual([]);
  });

  it('Delete: refused to someone else, done for a moderator by deleting the message through REST', async () => {
    const { message, buttons } = await askedAnswer('611111111111111113');
    expect(notice((await press(buttons.del!, message, member('622222222222222222'))).json)).toBe(en.deleteOnlyAskerOrModerator);
    const deleted = new Promise<void>((resolve) => restWaiters.push(resolve));
    const { json, token } = await press(buttons.del!, message, member('633333333333333333', manageMessages));
    expect(json).toEqual({ type: 6 });
    await deleted;
    expect(restCalls).toContainEqual(expect.objectContaining({ method: 'DELETE', token, path: '/messages/@original' }));
  });
});

/** A store both copies share, and a way to read the votes on a user's cases from it. */
interface SharedStore {
  env(): Record<string, string>;
  votes(caseUser: string): Promise<{ user_id: string; vote: string }[]>;
}

const votesOnCasesOf = 'SELECT f.user_id, f.vote FROM feedback f JOIN cases c ON c.id = f.case_id WHERE c.user_id = $1 ORDER BY f.user_id';

function onPostgres(): SharedStore {
  let server: TempPostgres | null = null;
  let database = '';
  beforeAll(async () => {
    server = await startTempPostgres();
    database = await server.createDatabase('serve_copies');
  }, 120_000);
  afterAll(() => server?.stop());
  return {
    env: () => ({ DATABASE_URL: database }),
    async votes(caseUser) {
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      try {
        return (await client.query<{ user_id: string; vote: string }>(votesOnCasesOf, [caseUser])).rows;
      } finally {
        await client.end();
      }
    },
  };
}

const onSqlite: SharedStore = { env: () => ({}), votes: async (caseUser) => votes(caseUser) };

describe.each([
  ['one SQLite file', () => onSqlite],
  ['one PostgreSQL database', onPostgres],
] as const)('awaitbot serve: several copies on %s', (_, sharedStore) => {
  const shared = sharedStore();
  it('a user\'s rate limit, and the buttons of an answer given by one copy, hold on the other', async () => {
    const a = await startServe({ AWAITBOT_RATE_LIMIT: '2/600', ...shared.env() });
    const b = await startServe({ AWAITBOT_RATE_LIMIT: '2/600', ...shared.env() });
    // A user of its own per store: the SQLite file also holds the other tests' cases.
    const asker = shared === onSqlite ? '655555555555555555' : '655555555555555556';
    const answered = await askedAnswer(asker, a.url);
    await askedAnswer(asker, b.url);
    // The third explanation within the window is refused, on either copy.
    for (const to of [a.url, b.url]) {
      const third = interaction(2, { name: 'explain', type: 1, options: [{ name: 'text', type: 3, value: paste }] }, member(asker));
      expect(notice((await post(third.body, signed(third.body), to)).json)).toMatch(/^You're asking faster than I can keep up — please try again in \d+ seconds?\.$/);
    }
    // Someone else is not held by the asker's limit.
    const elsewhere = await askedAnswer('666666666666666666', b.url);
    expect(elsewhere.buttons.fix).toBeDefined();
    // Copy b never saw the answer copy a gave: the shared store says whose it is, and the fix is diagnosed again.
    const fix = (await press(answered.buttons.fix!, answered.message, member('622222222222222222'), b.url)).json;
    expect((fix.data as { embeds: { footer: { text: string } }[] }).embeds[0]!.footer.text).toBe('py/asyncio-run-nested');
    expect(notice((await press(answered.buttons.up!, answered.message, member('622222222222222222'), b.url)).json)).toBe(en.thanksHelpful);
    expect(notice((await press(answered.buttons.del!, answered.message, member('622222222222222222'), a.url)).json)).toBe(en.deleteOnlyAskerOrModerator);
    expect(await shared.votes(asker)).toEqual([{ user_id: '622222222222222222', vote: 'helpful' }]);
  }, 60_000);
});

describe('awaitbot serve beside the gateway bot, on one store', () => {
  it('a user\'s explanations count against one limit on both', async () => {
    const gateway = await startBot({ DATABASE_PATH: databasePath, AWAITBOT_RATE_LIMIT: '2/600' });
    try {
      const copy = await startServe({ AWAITBOT_RATE_LIMIT: '2/600' });
      const user = gateway.fake.user('699999999999999999');
      const first = gateway.fake.slash('explain', [{ name: 'text', type: 3, value: paste }], { user });
      expect((await gateway.fake.firstCallback(first.token)).data.content ?? '').not.toMatch(/try again/);
      await askedAnswer(user.id, copy.url);
      const third = gateway.fake.slash('explain', [{ name: 'text', type: 3, value: paste }], { user });
      expect((await gateway.fake.firstCallback(third.token)).data.content).toMatch(/^You're asking faster than I can keep up — please try again in \d+ seconds?\.$/);
    } finally {
      await gateway.stop();
    }
  }, 120_000);
});

describe('awaitbot serve: /stats and FAQ entries made from a case', () => {
  it('a moderator lists an unknown paste, makes an entry from it with its button and form, and the entry answers the paste next time', async () => {
    const unknown = 'Traceback (most recent call last):\n  File "bot.py", line 3, in <module>\n    load()\nmybot.errors.ConfigMissing: settings.toml not found';
    const asked = interaction(2, { name: 'explain', type: 1, options: [{ name: 'text', type: 3, value: unknown }] }, member('677777777777777777'));
    expect((await answerOf(asked.body, asked.token)).flags).toBe(64);
    const moderator = member('633333333333333333', manageMessages);

    const refused = interaction(2, { name: 'stats', type: 1, options: [{ name: 'show', type: 3, value: 'unmatched' }] }, member('622222222222222222'));
    expect(notice((await post(refused.body, signed(refused.body))).json)).toBe(en.statsDenied);
    const listed = interaction(2, { name: 'stats', type: 1, options: [{ name: 'show', type: 3, value: 'unmatched' }] }, moderator);
    const list = (await post(listed.body, signed(listed.body))).json.data as { flags: number; embeds: { fields: { name: string; value: string }[] }[]; components: { components: { custom_id: string }[] }[] };
    expect(list.flags).toBe(64);
    const field = list.embeds[0]!.fields.find((f) => f.value.includes('ConfigMissing'))!;
    const caseId = Number(/^#(\d+)/.exec(field.name)![1]);
    const button = list.components.flatMap((r) => r.components).find((b) => b.custom_id === `faq-admin:from-case:${caseId}`)!;
    expect(button).toBeDefined();

    const message = { id: '712345678901234999', interaction_metadata: { id: listed.id } };
    expect(notice((await press(button.custom_id, message, member('622222222222222222'))).json)).toBe(en.faqDenied);
    const opened = (await press(button.custom_id, message, moderator)).json;
    expect(opened.type).toBe(9);
    const form = opened.data as { custom_id: string; components: { components: { custom_id: string; value?: string }[] }[] };
    expect(form.custom_id).toBe(`faq-admin:from-case:${caseId}`);
    const inputs = form.components.flatMap((r) => r.components);
    expect(inputs.map((c) => c.custom_id)).toEqual(['name', 'title', 'body', 'triggers']);
    expect(inputs.find((c) => c.custom_id === 'triggers')!.value).toContain('mybot.errors.ConfigMissing');

    const values: Record<string, string> = { name: 'config-missing', title: 'ConfigMissing: the bot cannot find settings.toml', body: 'Copy `settings.example.toml` to `settings.toml`, then restart the bot.', triggers: 'mybot.errors.ConfigMissing' };
    const submit = (who: Record<string, unknown>) => interaction(5, { custom_id: form.custom_id, components: inputs.map((c) => ({ type: 1, components: [{ type: 4, custom_id: c.custom_id, value: values[c.custom_id] }] })) }, who);
    const byOther = submit(member('622222222222222222'));
    expect(notice((await post(byOther.body, signed(byOther.body))).json)).toBe(en.faqDenied);
    const saved = submit(moderator);
    expect(notice((await post(saved.body, signed(saved.body))).json)).toBe(en.faqSaved('config-missing'));

    // The case left the review list, and the same paste is now answered by the entry.
    const again = interaction(2, { name: 'stats', type: 1, options: [{ name: 'show', type: 3, value: 'unmatched' }] }, moderator);
    expect(JSON.stringify((await post(again.body, signed(again.body))).json)).not.toContain(`faq-admin:from-case:${caseId}"`);
    const repeat = interaction(2, { name: 'explain', type: 1, options: [{ name: 'text', type: 3, value: unknown }] }, member('677777777777777777'));
    expect(JSON.stringify(await answerOf(repeat.body, repeat.token))).toContain(values.title);
  }, 60_000);

  it('the summary, with its chart of the top rules, for moderators only', async () => {
    const summary = interaction(2, { name: 'stats', type: 1, options: [{ name: 'days', type: 4, value: 30 }] }, member('633333333333333333', manageMessages));
    const data = await answerOf(summary.body, summary.token);
    const embeds = data.embeds as { title?: string; image?: { url: string } }[];
    expect(embeds[0]!.title).toBe(en.statsTitle(30));
    expect(data.flags ?? 64).toBe(64);
    expect(data.fileNames).toEqual(['top-rules.png']);
    const refused = interaction(2, { name: 'stats', type: 1 }, member('622222222222222222'));
    expect(notice((await post(refused.body, signed(refused.body))).json)).toBe(en.statsDenied);
  }, 60_000);
});

describe('awaitbot serve: /faq-admin and /forget-me', () => {
  const moderator = member('633333333333333333', manageMessages);
  const admin = (sub: string, name: string, who: Record<string, unknown> = moderator) => interaction(2, { name: 'faq-admin', type: 1, options: [{ name: sub, type: 1, options: [{ name: 'name', type: 3, value: name }] }] }, who);

  it('a moderator adds an entry through its form, finds it by autocomplete, previews and removes it; others are refused', async () => {
    const denied = admin('add', 'retry-later', member('622222222222222222'));
    expect(notice((await post(denied.body, signed(denied.body))).json)).toBe(en.faqDenied);
    const opened = admin('add', 'retry-later');
    const form = (await post(opened.body, signed(opened.body))).json;
    expect(form.type).toBe(9);
    const formId = (form.data as { custom_id: string }).custom_id;
    expect(formId).toBe('faq-admin:add:retry-later');
    const fields = { title: 'Retry later', body: 'The service is busy: wait a minute and try again.', triggers: '' };
    const submit = interaction(5, { custom_id: formId, components: Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) }, moderator);
    expect(notice((await post(submit.body, signed(submit.body))).json)).toBe(en.faqSaved('retry-later'));

    const auto = interaction(4, { name: 'faq-admin', type: 1, options: [{ name: 'edit', type: 1, options: [{ name: 'name', type: 3, value: 'retry', focused: true }] }] }, moderator);
    expect(((await post(auto.body, signed(auto.body))).json.data as { choices: unknown[] }).choices).toEqual([{ name: 'retry-later: Retry later', value: 'retry-later' }]);
    const preview = admin('preview', 'retry-later');
    const shown = (await post(preview.body, signed(preview.body))).json.data as { flags: number; embeds: { title: string }[] };
    expect(shown.flags).toBe(64);
    expect(JSON.stringify(shown.embeds)).toContain('Retry later');
    const again = admin('add', 'retry-later');
    expect(notice((await post(again.body, signed(again.body))).json)).toBe(en.faqExists('retry-later'));
    const removed = admin('remove', 'retry-later');
    expect(notice((await post(removed.body, signed(removed.body))).json)).toBe('Removed `retry-later`.');
    const builtin = admin('add', 'coroutine-never-awaited');
    expect(notice((await post(builtin.body, signed(builtin.body))).json)).toBe(en.faqBuiltinName('coroutine-never-awaited'));
  });

  it('/forget-me erases the caller\'s cases and votes', async () => {
    const asker = '688888888888888888';
    const { message, buttons } = await askedAnswer(asker);
    await press(buttons.up!, message, member(asker));
    const forget = interaction(2, { name: 'forget-me', type: 1 }, member(asker));
    expect(notice((await post(forget.body, signed(forget.body))).json)).toBe(en.forgetDone(1, 1));
    const db = new Database(databasePath, { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM cases WHERE user_id = ?').get(asker) as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });
});
