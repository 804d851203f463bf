/**
 * The secret-shape table (test/fixtures/secrets/shapes.yaml) filled with
 * freshly generated fakes: random every run, shaped like the real thing
 * (a Discord token's id decodes to a snowflake and its timestamp to a date
 * after 2015), never a real credential.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const fixture = fileURLToPath(new URL('../fixtures/secrets/shapes.yaml', import.meta.url));

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const alnum = upper + lower + digits;
const base64url = alnum + '-_';

function pick(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** Draws until `ok` holds (a digit and a letter, say): a few draws at most for these alphabets. */
function until(make: () => string, ok: (s: string) => boolean): string {
  for (;;) {
    const s = make();
    if (ok(s)) return s;
  }
}

const mixed = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);

/** A Discord snowflake from the last five years. */
function snowflake(): string {
  const ms = BigInt(Date.now() - randomInt(1, 5 * 365 * 86_400_000) - 1_420_070_400_000);
  return ((ms << 22n) | BigInt(randomInt(0, 1 << 22))).toString();
}

export interface Generated {
  value: string;
  parts?: Record<string, string>;
  /** What must be gone from every output (besides each inserted value). */
  secrets: string[];
}

function discordToken(hmacLength: number): Generated {
  const id = Buffer.from(snowflake()).toString('base64url');
  const stamp = Buffer.alloc(4);
  stamp.writeUInt32BE(Math.floor(Date.now() / 1000) - randomInt(0, 3 * 365 * 86_400));
  const hmac = pick(base64url, hmacLength);
  const value = `${id}.${stamp.toString('base64url')}.${hmac}`;
  return { value, parts: { id, hmac }, secrets: [value, hmac] };
}

function plain(value: string): Generated {
  return { value, secrets: [value] };
}

const generators: Record<string, () => Generated> = {
  discordToken: () => discordToken(27),
  discordTokenNew: () => discordToken(38),
  mfaToken: () => plain(`mfa.${pick(base64url, 84)}`),
  webhook: () => {
    const id = snowflake();
    const token = pick(base64url, 68);
    return { value: `https://discord.com/api/webhooks/${id}/${token}`, parts: { id, token }, secrets: [token] };
  },
  awsKeyId: () => plain(`AKIA${pick(upper + '234567', 16)}`),
  awsSecret: () => plain(until(() => pick(alnum + '/+', 40), mixed)),
  password: () => plain(until(() => pick(alnum + '!^*-_=+.~', randomInt(12, 17)), (s) => /\d/.test(s) && /[a-z]/i.test(s) && /[!^*\-_=+.~]/.test(s))),
  /** `hunter2`: a few letters and a digit or two. */
  shortPassword: () => plain(pick(lower, randomInt(5, 8)) + pick(digits, randomInt(1, 3))),
  letters: () => plain(pick(lower, randomInt(8, 12))),
  passwordAt: () => plain(`${pick(lower, 4)}@${until(() => pick(alnum, 6), (s) => /\d/.test(s))}`),
  opaque: () => plain(until(() => pick(alnum, 32), mixed)),
  clientSecret: () => plain(until(() => pick(base64url, 32), mixed)),
  djangoSecret: () => plain(`django-insecure-${pick(lower + digits + '!@#$%^&*(-_=+)', 50)}`),
  jwt: () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: String(randomInt(1, 1e9)), name: pick(lower, 8), iat: Math.floor(Date.now() / 1000) })).toString('base64url');
    const signature = randomBytes(32).toString('base64url');
    const value = `${header}.${payload}.${signature}`;
    return { value, secrets: [value, payload, signature] };
  },
  basicAuth: () => plain(Buffer.from(`${pick(lower, 6)}:${until(() => pick(alnum, 14), mixed)}`).toString('base64')),
  githubToken: () => plain(`ghp_${pick(alnum, 36)}`),
  githubPat: () => plain(`github_pat_${pick(alnum + '_', 82)}`),
  gitlabToken: () => plain(`glpat-${pick(base64url, 20)}`),
  openaiKey: () => plain(`sk-proj-${pick(base64url, 64)}`),
  anthropicKey: () => plain(`sk-ant-api03-${pick(base64url, 93)}AA`),
  slackToken: () => plain(`xoxb-${pick(digits, 12)}-${pick(digits, 13)}-${pick(alnum, 24)}`),
  slackWebhook: () => {
    const secret = pick(alnum, 24);
    return { value: `https://hooks.slack.com/services/T${pick(upper + digits, 8)}/B${pick(upper + digits, 10)}/${secret}`, secrets: [secret] };
  },
  googleKey: () => plain(`AIza${pick(base64url, 35)}`),
  googleClientSecret: () => plain(`GOCSPX-${pick(base64url, 28)}`),
  stripeKey: () => plain(`sk_live_${pick(alnum, 99)}`),
  npmToken: () => plain(`npm_${pick(alnum, 36)}`),
  pypiToken: () => plain(`pypi-AgEIcHlwaS5vcmc${pick(base64url, 70)}`),
  sendgridKey: () => plain(`SG.${pick(base64url, 22)}.${pick(base64url, 43)}`),
  hfToken: () => plain(`hf_${pick(upper + lower, 34)}`),
  telegramToken: () => plain(`${randomInt(1, 10)}${pick(digits, 9)}:AA${pick(base64url, 33)}`),
  twitchToken: () => plain(`oauth:${pick(lower + digits, 30)}`),
  groqKey: () => plain(`gsk_${pick(alnum, 52)}`),
  privateKey: () => {
    const lines = Array.from({ length: 8 }, () => randomBytes(48).toString('base64'));
    return { value: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----`, secrets: lines };
  },
};

const transforms: Record<string, (v: string) => string> = {
  urlDots: (v) => v.replaceAll('.', '%2E'),
  urlDotsLower: (v) => v.replaceAll('.', '%2e'),
  unicodeDots: (v) => v.replaceAll('.', '\\u002e'),
  jsonNewlines: (v) => v.replaceAll('\n', '\\n'),
};

interface ShapeRow {
  name: string;
  kind: string;
  carrier: string;
  paste: string;
  keep?: string[];
}

interface Fixture {
  carriers: Record<string, string>;
  shapes: ShapeRow[];
  negatives: string[];
}

export interface SecretShape {
  name: string;
  /** The redaction kind the shape must be reported as. */
  kind: string;
  /** The whole paste, carrier included. */
  paste: string;
  /** Strings that must appear in no output: every inserted value, each secret part. */
  needles: string[];
  /** The needles the paste holds as written (a split token's pieces, say), to show the check is not vacuous. */
  inserted: string[];
  /** Code that must survive redaction. */
  keep: string[];
}

const placeholder = /\{(\w+)(?:\.(\w+)|\[(\d*):(\d*)\]|\|(\w+))?\}/g;

/** One shape with fresh values: each generator named in the paste is called once, so slices of `{t[0:30]}` and `{t[30:]}` fit together. */
function fill(row: ShapeRow, carriers: Record<string, string>): SecretShape {
  const made = new Map<string, Generated>();
  const needles = new Set<string>();
  const inserted = new Set<string>();
  const paste = row.paste.replace(placeholder, (whole, name: string, part?: string, from?: string, to?: string, transform?: string) => {
    const make = generators[name];
    if (!make) throw new Error(`${row.name}: no generator "${name}" (in ${whole})`);
    if (!made.has(name)) made.set(name, make());
    const g = made.get(name)!;
    for (const s of g.secrets) needles.add(s);
    let out: string;
    if (part !== undefined) {
      out = g.parts?.[part] ?? '';
      if (!out) throw new Error(`${row.name}: ${name} has no part "${part}"`);
      // A part is a needle only when it is one of the secrets (a webhook's id is public).
      if (g.secrets.includes(out)) inserted.add(out);
      return out;
    }
    if (from !== undefined || to !== undefined) out = g.value.slice(from ? Number(from) : 0, to ? Number(to) : undefined);
    else if (transform !== undefined) {
      const t = transforms[transform];
      if (!t) throw new Error(`${row.name}: no transform "${transform}"`);
      out = t(g.value);
    } else out = g.value;
    // Shorter slices could turn up by chance; the longer pieces and the secrets carry the check.
    if (out.length >= 6) {
      needles.add(out);
      inserted.add(out);
    }
    return out;
  });
  const carrier = carriers[row.carrier];
  if (carrier === undefined) throw new Error(`${row.name}: no carrier "${row.carrier}"`);
  return { name: row.name, kind: row.kind, paste: carrier.replace('{paste}', () => paste), needles: [...needles], inserted: [...inserted], keep: row.keep ?? [] };
}

function load(): Fixture {
  return parse(readFileSync(fixture, 'utf8')) as Fixture;
}

/** Every shape in the table, with values generated now. */
export function secretShapes(): SecretShape[] {
  const f = load();
  return f.shapes.map((row) => fill(row, f.carriers));
}

/** Ordinary code that must not be redacted. */
export function nonSecrets(): string[] {
  return load().negatives;
}

/** The needles of `shape` found in `output` (none, when nothing leaked). */
export function leaks(shape: SecretShape, output: string): string[] {
  return shape.needles.filter((n) => output.includes(n));
}
