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
let rest: Server;
/** PATCH bodies the endpoint sent to "Discord" for deferred answers, by interaction token. */
const edits = new Map<string, Record<string, unknown>>();
const editWaiters = new Map<string, (body: Record<string, unknown>) => void>();

beforeAll(async () => {
  rest = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const token = /\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(req.url ?? '')?.[1] ?? '';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      edits.set(token, body);
      editWaiters.get(token)?.(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  rest.listen(0, '127.0.0.1');
  await once(rest, 'listening');
  const restUrl = `http://127.0.0.1:${(rest.address() as AddressInfo).port}/api/v10`;
  child = spawn(process.execPath, ['bin/awaitbot.js', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: databasePath, DISCORD_TOKEN: '', LOG_LEVEL: 'warn', DISCORD_PUBLIC_KEY: rawHex(discordKeys.publicKey), DISCORD_API_URL: restUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8');
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${out}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  rest?.close();
  rmSync(dir, { recursive: true, force: true });
});

function signed(body: string, keys = discordKeys, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = sign(null, Buffer.from(String(timestamp) + body), keys.privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': String(timestamp) };
}

async function post(body: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

let seq = 0;
function interaction(type: number, data?: Record<string, unknown>): { body: string; token: string } {
  const token = `token${++seq}`;
  const i = { id: `90000000000000${seq}`, application_id: '123456789012345678', type, token, locale: 'en-US', guild_id: '223456789012345678', channel_id: '323456789012345678', member: { user: { id: '423456789012345678' } }, ...(data ? { data } : {}) };
  return { body: JSON.stringify(i), token };
}

/** The message an interaction ends with: the immediate answer, or the deferred one edited in. */
async function answerOf(body: string, token: string): Promise<Record<string, unknown>> {
  const edited = new Promise<Record<string, unknown>>((resolve) => editWaiters.set(token, resolve));
  const { status, json } = await post(body, signed(body));
  expect(status).toBe(200);
  if (json.type === 4) return json.data as Record<string, unknown>;
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
    const other = interaction(2, { name: 'stats', type: 1 });
    expect(((await post(other.body, signed(other.body))).json.data as { flags: number }).flags).toBe(64);
  });

  it('a signed body that is not JSON gets 400', async () => {
    expect((await post('not json', signed('not json'))).status).toBe(400);
  });
});
