/**
 * Secrets are removed before anything is matched, stored, logged or echoed.
 * A leaked bot token lets anyone run the bot; people paste their whole
 * `bot.py` with the token in `bot.run('…')` more often than one would think.
 *
 * Every pattern starts behind a lookbehind on its own character class, so a
 * long run of token-like characters is scanned once, not once per position.
 */
import type { Redaction, SecretKind } from './types.js';

const discordEpochSeconds = 1_420_070_400; // 2015-01-01, Discord's epoch
const tokenEpochSeconds = 1_293_840_000; // token timestamps count from 2011-01-01

/** Three base64url parts: user id, timestamp, HMAC (the shape pydis' token guard looks for). */
const discordTokenPattern = /(?<![\w-])([\w-]{18,30})\.([\w-]{5,8})\.([\w-]{25,45})(?![\w-])/g;
const webhookPattern = /https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/\d{15,21}\/[\w-]{20,}/gi;

interface KeyPattern {
  kind: SecretKind;
  label: string;
  pattern: RegExp;
}

const apiKeyPatterns: KeyPattern[] = [
  { kind: 'api-key', label: 'OpenAI key', pattern: /(?<![\w-])sk-(?:proj-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'api-key', label: 'GitHub token', pattern: /(?<!\w)(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{30,})/g },
  { kind: 'api-key', label: 'AWS key', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g },
  { kind: 'api-key', label: 'Slack token', pattern: /(?<![\w-])xox[abposr]-[\w-]{10,}/g },
  { kind: 'api-key', label: 'Google key', pattern: /(?<![\w-])AIza[\w-]{35}/g },
  { kind: 'api-key', label: 'Stripe key', pattern: /(?<!\w)[sr]k_live_\w{16,}/g },
  // `token = "…"`, `API_KEY: '…'`, `password="…"`: the quoted value of a secret-named setting.
  {
    kind: 'api-key',
    label: 'secret value',
    pattern: /(?<=(?:token|secret|api_?key|apikey|password|passwd)["']?\s{0,3}[=:]\s{0,3}["'])[^"'\s]{12,200}(?=["'])/gi,
  },
];

function base64UrlDecode(part: string): string {
  try {
    return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  } catch {
    return '';
  }
}

/** The checks that tell a real token from a look-alike (`xxxx.yyyy.zzzz` placeholders, version strings). */
export function isDiscordToken(id: string, timestamp: string, hmac: string): boolean {
  if (!/^\d{15,21}$/.test(base64UrlDecode(id))) return false;
  const stamp = Buffer.from(timestamp.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (stamp.length >= 4) {
    // Older tokens count seconds from 2011, newer ones from 1970: either way, not before Discord existed.
    const seconds = stamp.readUInt32BE(0);
    if (seconds < discordEpochSeconds && seconds + tokenEpochSeconds < discordEpochSeconds) return false;
  }
  return new Set(hmac).size > 3;
}

function privateKeyBlocks(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('-----BEGIN ', from);
    if (start < 0) break;
    const headerEnd = text.indexOf('-----', start + 11);
    if (headerEnd < 0 || !text.slice(start, headerEnd).includes('PRIVATE KEY')) {
      from = start + 11;
      continue;
    }
    const end = text.indexOf('-----END ', headerEnd);
    const close = end < 0 ? -1 : text.indexOf('-----', end + 9);
    spans.push([start, close < 0 ? text.length : close + 5]);
    from = close < 0 ? text.length : close + 5;
  }
  return spans;
}

export function redactSecrets(input: string): { text: string; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const note = (kind: SecretKind, placeholder: string): string => {
    redactions.push({ kind, placeholder });
    return placeholder;
  };
  let text = input;
  for (const [start, end] of privateKeyBlocks(text).reverse()) {
    text = text.slice(0, start) + note('private-key', '[REDACTED private key]') + text.slice(end);
  }
  if (text.includes('webhooks')) {
    text = text.replace(webhookPattern, () => note('discord-webhook', '[REDACTED discord webhook URL]'));
  }
  if (text.includes('.')) {
    text = text.replace(discordTokenPattern, (whole, id: string, stamp: string, hmac: string) =>
      isDiscordToken(id, stamp, hmac) ? note('discord-token', '[REDACTED discord token]') : whole,
    );
  }
  for (const { kind, label, pattern } of apiKeyPatterns) {
    text = text.replace(pattern, () => note(kind, `[REDACTED ${label}]`));
  }
  return { text, redactions };
}
