/**
 * Reading pasted files: Discord turns long messages into `message.txt`
 * (sometimes without a content type), people attach `.py`/`.js`/`.log`.
 * Downloads come only from Discord's own CDN over https: an attachment URL is
 * data from a message, and fetching any URL it names would let a paste make
 * the bot read an internal address and explain it in the channel. Redirects
 * are followed only within the allowed origins, checked at every hop.
 * Downloads are size-capped and time-limited; binary files are refused.
 * `collectText` joins a message's text and its readable files into one paste,
 * with a plain-words reason for each file it could not read.
 */
import { spanContent } from '../render/markdown.js';
import { messages, resolveLocale } from '../render/messages.js';
import { codeFilePaste } from './code-file.js';

export const readableExtensions = ['.txt', '.py', '.js', '.mjs', '.cjs', '.ts', '.tsx', '.jsx', '.log', '.md', '.pytb'];
/** Bytes read from one attachment at most; the rest is ignored (the paste is marked as cut). */
export const maxAttachmentBytes = 512 * 1024;
export const attachmentTimeoutMs = 5000;
/** Redirect hops followed at most (each one to an allowed origin). */
export const maxRedirects = 3;

/** Where Discord serves attachments. Only these, over https, unless configuration adds an origin. */
export const discordCdnOrigins = ['https://cdn.discordapp.com', 'https://media.discordapp.net'] as const;

/**
 * The origins attachments may come from: Discord's CDN, plus the configured
 * ones (AWAITBOT_ATTACHMENT_ORIGINS, already parsed to origins; for a local
 * fake Discord in tests — an origin named there is trusted as written, http
 * included).
 */
export function attachmentOrigins(extra: readonly string[]): string[] {
  return [...discordCdnOrigins, ...extra];
}

/** The URL, parsed, when it may be fetched: an allowed origin (scheme, host and port), no user name or password. */
export function allowedAttachmentUrl(raw: string, origins: readonly string[]): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  return origins.includes(url.origin) ? url : null;
}

export interface FetchOptions {
  /** Default: Discord's CDN only (the bot passes attachmentOrigins(config.attachmentOrigins)). */
  origins?: readonly string[];
  /** For the whole download, redirects and body included. Default attachmentTimeoutMs. */
  timeoutMs?: number;
}

export interface AttachmentLike {
  name: string | null;
  url: string;
  size: number;
  contentType: string | null;
}

export function isReadableAttachment(a: AttachmentLike): boolean {
  const name = (a.name ?? '').toLowerCase();
  if (readableExtensions.some((ext) => name.endsWith(ext))) return true;
  return !!a.contentType && /^text\//.test(a.contentType);
}

export type AttachmentText =
  | { ok: true; text: string; cut: boolean }
  | { ok: false; reason: 'binary' | 'unreachable' | 'not-text' | 'not-discord' };

/** True when the bytes do not look like text (NUL bytes, or many invalid UTF-8 sequences). */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  if (nul > 0) return true;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  const bad = text.split('\uFFFD').length - 1;
  return bad > sample.length / 50;
}

/** GETs `url`, following at most maxRedirects redirects, each to an allowed origin; `refused` otherwise. */
async function fetchFromAllowed(url: URL, origins: readonly string[], signal: AbortSignal): Promise<Response | 'refused'> {
  for (let hop = 0; ; hop++) {
    const res = await fetch(url, { signal, redirect: 'manual' });
    if (res.status < 300 || res.status >= 400) return res;
    await res.body?.cancel().catch(() => {});
    const location = res.headers.get('location');
    const next = location && hop < maxRedirects ? allowedAttachmentUrl(new URL(location, url).href, origins) : null;
    if (!next) return 'refused';
    url = next;
  }
}

export async function fetchAttachmentText(a: AttachmentLike, options: FetchOptions = {}): Promise<AttachmentText> {
  if (!isReadableAttachment(a)) return { ok: false, reason: 'not-text' };
  const origins = options.origins ?? discordCdnOrigins;
  const url = allowedAttachmentUrl(a.url, origins);
  if (!url) return { ok: false, reason: 'not-discord' };
  let res: Response | 'refused';
  try {
    res = await fetchFromAllowed(url, origins, AbortSignal.timeout(options.timeoutMs ?? attachmentTimeoutMs));
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  if (res === 'refused') return { ok: false, reason: 'not-discord' };
  if (!res.ok || !res.body) return { ok: false, reason: 'unreachable' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cut = false;
  try {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
      if (total >= maxAttachmentBytes) {
        cut = true;
        await reader.cancel().catch(() => {});
        break;
      }
    }
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  const bytes = Buffer.concat(chunks).subarray(0, maxAttachmentBytes);
  if (looksBinary(bytes)) return { ok: false, reason: 'binary' };
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes), cut };
}

export interface CollectedText {
  text: string;
  /** Plain-words problems with attachments, to tell the user when nothing else was readable. */
  problems: string[];
}

/** Message text plus the text of its readable attachments (downloaded from `origins` only: Discord's CDN, capped). */
export async function collectText(content: string, attachments: Iterable<AttachmentLike>, origins: readonly string[], locale?: string | null): Promise<CollectedText> {
  const m = messages(resolveLocale(locale));
  const parts = content.trim() ? [content] : [];
  const problems: string[] = [];
  for (const a of [...attachments].slice(0, 3)) {
    // The messages quote the name in backticks; the name is the uploader's, so it must not end the span.
    const name = spanContent(a.name ?? '', 120);
    if (!isReadableAttachment(a)) {
      problems.push(m.attachmentNotText(name));
      continue;
    }
    const got = await fetchAttachmentText(a, { origins });
    // An attached `bot.py` is code from its first line, even when that line is a comment.
    if (got.ok) parts.push(codeFilePaste(got.text, a.name ?? ''));
    else if (got.reason === 'binary') problems.push(m.attachmentBinary(name));
    else if (got.reason === 'not-discord') problems.push(m.attachmentNotFromDiscord(name));
    else problems.push(m.attachmentUnreachable(name));
  }
  return { text: parts.join('\n\n'), problems };
}

export function hasReadableAttachment(attachments: Iterable<AttachmentLike>): boolean {
  for (const a of attachments) if (isReadableAttachment(a)) return true;
  return false;
}
