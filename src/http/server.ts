/**
 * `awaitbot serve`: Discord's interactions webhook over plain node:http. Every
 * request is verified (Ed25519 signature and a fresh timestamp) before its body
 * is parsed; what fails gets its status and a short reason, never a crash.
 *
 * The endpoint holds no per-user state of its own, so several copies can run
 * behind a load balancer. Help-channel watching needs the gateway and stays with
 * `awaitbot start`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { log } from '../log.js';
import { multipartBody, respond, type EndpointDeps, type EndpointResponse, type RawInteraction } from './interactions.js';
import { checkSignature } from './signature.js';

/** Discord's interaction payloads are a few KB; anything past this is refused unread. */
export const maxBodyBytes = 256 * 1024;

type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 413 | 400 };

function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      // Drain without keeping it, so the client can read our 413.
      req.resume();
      resolve({ ok: false, status: 413 });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        done = true;
        resolve({ ok: false, status: 413 });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, status: 400 });
      done = true;
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A response with files goes out as multipart/form-data: `payload_json` and `files[n]`. */
async function sendResponse(res: ServerResponse, out: EndpointResponse): Promise<void> {
  if (!out.files?.length) {
    sendJson(res, 200, out.body);
    return;
  }
  const encoded = new Response(multipartBody(out.body, out.files));
  const bytes = Buffer.from(await encoded.arrayBuffer());
  res.writeHead(200, { 'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data', 'content-length': bytes.length });
  res.end(bytes);
}

/**
 * How long an idle keep-alive connection stays open. Longer than the idle timeout of the load
 * balancers and proxies in front of Discord's traffic (commonly 60 seconds): with node's 5 seconds, the
 * server closed connections the proxy was about to reuse, and those requests failed with a reset.
 */
export const keepAliveMs = 75_000;

export function createInteractionsServer(publicKey: KeyObject, deps: EndpointDeps): Server {
  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'interaction failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  server.keepAliveTimeout = keepAliveMs;
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      req.resume();
      sendJson(res, 405, { error: 'POST interactions here' });
      return;
    }
    const read = await readBody(req);
    if (!read.ok) {
      sendJson(res, read.status, { error: read.status === 413 ? 'body too large' : 'unreadable body' });
      return;
    }
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const verdict = await checkSignature(publicKey, header('x-signature-ed25519'), header('x-signature-timestamp'), read.body);
    if (verdict !== 'ok') {
      sendJson(res, 401, { error: `invalid request signature (${verdict})` });
      return;
    }
    let interaction: RawInteraction;
    try {
      interaction = JSON.parse(read.body.toString('utf8')) as RawInteraction;
    } catch {
      sendJson(res, 400, { error: 'body is not JSON' });
      return;
    }
    if (!interaction || typeof interaction !== 'object' || typeof interaction.type !== 'number') {
      sendJson(res, 400, { error: 'not an interaction' });
      return;
    }
    const out = await respond(interaction, deps);
    await sendResponse(res, out);
    const later = out.later;
    if (!later) return;
    const run = () => void later().catch((err: unknown) => log.error({ err }, 'a REST call after the interaction response failed'));
    // Once the response is handed to the network; if the connection closed before, Discord has no response to follow up.
    if (res.writableFinished) run();
    else res.once('finish', run);
  }
}
