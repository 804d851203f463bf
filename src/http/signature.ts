/**
 * Discord signs every request to an interactions endpoint with the application's
 * Ed25519 key: `X-Signature-Ed25519` is the signature of `timestamp + body`, and
 * `X-Signature-Timestamp` the Unix time in seconds. Node's crypto verifies it;
 * nothing here is hand-rolled. A request older or newer than `maxSkewSeconds`
 * is refused even when signed, so a captured request cannot be replayed later.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** How far a request's timestamp may be from our clock (Discord's own libraries allow a few minutes). */
export const maxSkewSeconds = 300;

/** DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows it. */
const ed25519SpkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

/** The Developer Portal's hex public key as a key object; throws on anything but 32 bytes of hex. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('an Ed25519 public key is 64 hex digits');
  return createPublicKey({ key: Buffer.concat([ed25519SpkiPrefix, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureVerdict = 'ok' | 'missing' | 'malformed' | 'stale' | 'invalid';

/**
 * The verdict on one request. The Ed25519 check runs in libuv's thread pool (crypto.verify with a
 * callback), not on the event loop: it was the largest share of the main thread's work per request
 * after the diagnosis itself, and every other request waits on the main thread.
 */
export async function checkSignature(key: KeyObject, signature: string | undefined, timestamp: string | undefined, body: Buffer, nowSeconds = Date.now() / 1000): Promise<SignatureVerdict> {
  if (!signature || !timestamp) return 'missing';
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  if (Math.abs(nowSeconds - Number(timestamp)) > maxSkewSeconds) return 'stale';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  const valid = await new Promise<boolean>((resolve, reject) => verify(null, signed, key, Buffer.from(signature, 'hex'), (err, ok) => (err ? reject(err) : resolve(ok))));
  return valid ? 'ok' : 'invalid';
}
