/**
 * Attachments come only from Discord's CDN: real downloads from real HTTP
 * servers on 127.0.0.1, one standing in for the CDN (allowed by
 * configuration, as the fake Discord is in the bot's tests) and one for an
 * internal address a paste must never make the bot read.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { readFileSync } from 'node:fs';
import { attachmentOrigins, collectText, discordCdnOrigins, fetchAttachmentText, maxAttachmentBytes } from '../../src/app/attachments.js';
import { createEngine } from '../../src/engine.js';

interface Server {
  origin: string;
  hits: string[];
  close(): Promise<void>;
}

/** A server that answers each path with `routes[path]`, recording every request it gets. */
async function serve(routes: Record<string, (res: http.ServerResponse) => void>): Promise<Server> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// A real script that opens, as scripts do, with a comment.
const script = readFileSync(new URL('../fixtures/cases/py/coroutine-never-awaited/bare_call_at_top_level.py', import.meta.url), 'utf8');
const secret = 'internal-only: db password hunter2\n';
const paste = 'RuntimeError: asyncio.run() cannot be called from a running event loop\n';
const text = (body: string | Buffer) => (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
const redirect = (to: string) => (res: http.ServerResponse) => res.writeHead(302, { location: to }).end();

let cdn: Server;
let internal: Server;
const file = (url: string) => ({ name: 'message.txt', url, size: 100, contentType: 'text/plain; charset=utf-8' });

beforeAll(async () => {
  internal = await serve({ '/secret.txt': text(secret) });
  cdn = await serve({
    '/attachments/1/message.txt': text(paste),
    '/attachments/1/bot.py': text(script),
    '/attachments/1/notes.txt': text(script),
    '/attachments/1/big.txt': text(Buffer.alloc(maxAttachmentBytes + 100_000, 'a')),
    '/attachments/1/moved.txt': redirect('/attachments/1/message.txt'),
    '/attachments/1/away.txt': redirect(`${internal.origin}/secret.txt`),
    '/attachments/1/loop.txt': redirect('/attachments/1/loop.txt'),
    // Headers, then nothing: only the time cap ends this download.
    '/attachments/1/stalled.txt': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('Traceback (most recent call last):\n');
    },
  });
});

afterAll(async () => {
  await cdn.close();
  await internal.close();
});

describe('where attachments may come from', () => {
  it('reads a file from an allowed origin', async () => {
    expect(await fetchAttachmentText(file(`${cdn.origin}/attachments/1/message.txt`), { origins: [cdn.origin] })).toEqual({ ok: true, text: paste, cut: false });
  });

  it('refuses any other host without sending it a request', async () => {
    const got = await fetchAttachmentText(file(`${internal.origin}/secret.txt`), { origins: [cdn.origin] });
    expect(got).toEqual({ ok: false, reason: 'not-discord' });
    expect(internal.hits).toEqual([]);
  });

  it('refuses a redirect to another host, and never requests it', async () => {
    const got = await fetchAttachmentText(file(`${cdn.origin}/attachments/1/away.txt`), { origins: [cdn.origin] });
    expect(got).toEqual({ ok: false, reason: 'not-discord' });
    expect(internal.hits).toEqual([]);
  });

  it('follows a redirect that stays on the allowed origin, a few hops at most', async () => {
    expect(await fetchAttachmentText(file(`${cdn.origin}/attachments/1/moved.txt`), { origins: [cdn.origin] })).toMatchObject({ ok: true, text: paste });
    const before = cdn.hits.length;
    expect(await fetchAttachmentText(file(`${cdn.origin}/attachments/1/loop.txt`), { origins: [cdn.origin] })).toEqual({ ok: false, reason: 'not-discord' });
    expect(cdn.hits.length - before).toBe(4);
  });

  it('refuses http where https is allowed, without a request', async () => {
    const httpsOnly = cdn.origin.replace('http:', 'https:');
    const before = cdn.hits.length;
    expect(await fetchAttachmentText(file(`${cdn.origin}/attachments/1/message.txt`), { origins: [httpsOnly] })).toEqual({ ok: false, reason: 'not-discord' });
    expect(cdn.hits.length).toBe(before);
    // By default only Discord's CDN over https: its own host over http is refused before any connection.
    expect(await fetchAttachmentText(file('http://cdn.discordapp.com/attachments/1/2/message.txt'))).toEqual({ ok: false, reason: 'not-discord' });
    expect(await fetchAttachmentText(file(`${cdn.origin}/attachments/1/message.txt`))).toEqual({ ok: false, reason: 'not-discord' });
  });

  it('refuses a URL carrying a user name, or another port of the allowed host', async () => {
    const withUser = cdn.origin.replace('http://', 'http://admin:pw@');
    expect(await fetchAttachmentText(file(`${withUser}/attachments/1/message.txt`), { origins: [cdn.origin] })).toEqual({ ok: false, reason: 'not-discord' });
    expect(await fetchAttachmentText(file(`${internal.origin}/secret.txt`), { origins: ['http://127.0.0.1'] })).toEqual({ ok: false, reason: 'not-discord' });
    expect(internal.hits).toEqual([]);
  });

  it('allows the configured origins (AWAITBOT_ATTACHMENT_ORIGINS), after Discord\'s own', () => {
    expect(attachmentOrigins([])).toEqual([...discordCdnOrigins]);
    expect(attachmentOrigins(parseConfig({ AWAITBOT_ATTACHMENT_ORIGINS: ` ${cdn.origin}/ignored/path ,` }).attachmentOrigins)).toEqual([...discordCdnOrigins, cdn.origin]);
  });
});

describe('what an attached file is', () => {
  const attached = (name: string) => ({ name, url: `${cdn.origin}/attachments/1/${name}`, size: script.length, contentType: 'text/plain' });

  it('an attached .py is code from its first line: its mistake is found in it and fixed, not guessed from its comment', async () => {
    const engine = await createEngine();
    const { text } = await collectText('', [attached('bot.py')], [cdn.origin]);
    const m = engine.diagnose(text).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.likely).toBeFalsy();
    expect(m.findings[0]?.line).toBe(7);
    expect(m.fix?.code).toContain('asyncio.run(fetch_data())');
    // The same words in a .txt stay text: only a code file's name says it is code.
    const { text: notes } = await collectText('', [attached('notes.txt')], [cdn.origin]);
    expect(notes).toBe(script);
  });
});

describe('caps', () => {
  it('reads at most the size cap and marks the text as cut', async () => {
    const got = await fetchAttachmentText(file(`${cdn.origin}/attachments/1/big.txt`), { origins: [cdn.origin] });
    expect(got.ok && got.text.length).toBe(maxAttachmentBytes);
    expect(got.ok && got.cut).toBe(true);
  });

  it('gives up on a download that stalls past the time cap', async () => {
    const got = await fetchAttachmentText(file(`${cdn.origin}/attachments/1/stalled.txt`), { origins: [cdn.origin], timeoutMs: 300 });
    expect(got).toEqual({ ok: false, reason: 'unreachable' });
  });
});
