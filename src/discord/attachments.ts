/**
 * Reading pasted files: Discord turns long messages into `message.txt`
 * (sometimes without a content type), people attach `.py`/`.js`/`.log`.
 * Downloads are size-capped and time-limited; binary files are refused.
 */
export const readableExtensions = ['.txt', '.py', '.js', '.mjs', '.cjs', '.ts', '.tsx', '.jsx', '.log', '.md', '.pytb'];
/** Bytes read from one attachment at most; the rest is ignored (the paste is marked as cut). */
export const maxAttachmentBytes = 512 * 1024;
export const attachmentTimeoutMs = 5000;

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

export type AttachmentText = { ok: true; text: string; cut: boolean } | { ok: false; reason: 'binary' | 'unreachable' | 'not-text' };

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

export async function fetchAttachmentText(a: AttachmentLike): Promise<AttachmentText> {
  if (!isReadableAttachment(a)) return { ok: false, reason: 'not-text' };
  let res: Response;
  try {
    res = await fetch(a.url, { signal: AbortSignal.timeout(attachmentTimeoutMs) });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
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
