/**
 * Secrets are removed before anything is matched, stored, logged or echoed.
 * A leaked bot token lets anyone run the bot; people paste their whole
 * `bot.py` with the token in `bot.run('…')` more often than one would think,
 * and their `.env`, `docker-compose.yml` and `curl` lines too.
 *
 * Three passes, each linear in the paste:
 * 1. PEM private-key blocks.
 * 2. Credentials with a shape of their own (Discord tokens, webhook URLs,
 *    provider keys, JWTs), found in the text as written and again in a
 *    "joined" view that undoes the ways people break them up: string
 *    concatenation (`"MTA…" + "…"`), wrapped lines, `%2E` and `\/` escapes.
 * 3. Named values: the value of a secret-named setting (`password = "…"`,
 *    `DB_PASSWORD=…`, `"client_secret": "…"`, `Authorization: Bearer …`),
 *    passwords in connection strings, and AWS secret keys near AWS context.
 *    Code stays: `password = input()`, `token = os.getenv("TOKEN")` and
 *    `client.run(TOKEN)` are not secrets, and the engine needs that code.
 *
 * Every pattern starts behind a lookbehind on its own character class (or a
 * literal), so a long run of token-like characters is scanned once, not once
 * per position; every regex here is checked for backtracking
 * (test/intake/redact-safety.test.ts).
 */
import type { Redaction, SecretKind } from './types.js';

const discordEpochSeconds = 1_420_070_400; // 2015-01-01, Discord's epoch
const tokenEpochSeconds = 1_293_840_000; // token timestamps count from 2011-01-01

interface ShapedPattern {
  kind: SecretKind;
  label: string;
  pattern: RegExp;
  /** A second look at a match, for shapes a regex alone cannot tell from a look-alike. */
  accept?: (m: RegExpExecArray) => boolean;
  /** Optional text just before a match that belongs to it, one group after another, nearest first (kept out of the regex: optional prefixes defeat the backtracking check). */
  prefixes?: string[][];
  /** How much of the credential precedes the match: a pattern found by a rarer character than its first reads its start in a lookbehind. */
  startsBefore?: (m: RegExpExecArray) => number;
  /**
   * Literal text every match contains (one of them, when several): a paste holding none of them is not
   * searched. A pattern that opens with a lookbehind is tried at every character of the paste; `includes`
   * rules most pastes out in a fraction of that.
   */
  needs?: string[];
}

/** Moves `start` back over whichever of each group's prefixes the text has there. */
function withPrefix(text: string, start: number, groups: string[][] | undefined): number {
  for (const group of groups ?? []) {
    const found = group.find((p) => text.slice(start - p.length, start).toLowerCase() === p);
    if (found && start >= found.length) start -= found.length;
  }
  return start;
}

/**
 * Three base64url parts: user id, timestamp, HMAC (the shape pydis' token guard looks for). Found
 * by its first dot, with the user id read in a lookbehind: started at the id, the search tried every
 * word of the paste (a third of redaction's time on a traceback); dots followed by a short part and
 * another dot are rare. The matches are those of `(?<![\w-])([\w-]{18,30})\.([\w-]{5,8})\.([\w-]{25,45})(?![\w-])`.
 */
const discordTokenPattern = /\.(?<=(?<![\w-])([\w-]{18,30})\.)([\w-]{5,8})\.([\w-]{25,45})(?![\w-])/g;

/** Credentials recognisable by their own shape, wherever they sit. */
const shapedPatterns: ShapedPattern[] = [
  {
    kind: 'discord-token',
    label: 'discord token',
    pattern: discordTokenPattern,
    accept: (m) => isDiscordToken(m[1]!, m[2]!, m[3]!),
    startsBefore: (m) => m[1]!.length,
  },
  // Old user tokens with two-factor auth on: `mfa.` and 84 base64url characters.
  { kind: 'discord-token', label: 'discord token', pattern: /(?<![\w-])mfa\.[\w-]{40,120}(?![\w-])/g, needs: ['mfa.'] },
  {
    kind: 'discord-webhook',
    label: 'discord webhook URL',
    // With or without `https://` and `ptb.`/`canary.` in front (`withPrefix` takes those in):
    // people paste `discord.com/api/webhooks/…` from the address bar.
    pattern: /discord(?:app)?\.com\/api(?:\/v\d{1,2})?\/webhooks\/\d{15,21}\/[\w-]{20,}/gi,
    prefixes: [['ptb.', 'canary.', 'www.'], ['https://', 'http://']],
  },
  { kind: 'api-key', label: 'Slack webhook URL', pattern: /hooks\.slack\.com\/services\/T\w{6,}\/B\w{6,}\/\w{20,}/g, needs: ['hooks.slack.com/services/'] },
  { kind: 'access-token', label: 'JWT', pattern: /(?<![\w-])eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/g, needs: ['eyJ'] },
  { kind: 'api-key', label: 'OpenAI key', pattern: /(?<![\w-])sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g, needs: ['sk-'] },
  { kind: 'api-key', label: 'GitHub token', pattern: /(?<!\w)(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{30,})/g, needs: ['gh', 'github_pat_'] },
  { kind: 'api-key', label: 'GitLab token', pattern: /(?<![\w-])glpat-[\w-]{20,}/g, needs: ['glpat-'] },
  { kind: 'api-key', label: 'AWS key', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g, needs: ['AKIA', 'ASIA'] },
  { kind: 'api-key', label: 'Slack token', pattern: /(?<![\w-])xox[abposr]-[\w-]{10,}/g, needs: ['xox'] },
  { kind: 'api-key', label: 'Google key', pattern: /(?<![\w-])AIza[\w-]{35}/g, needs: ['AIza'] },
  { kind: 'api-key', label: 'Google client secret', pattern: /(?<![\w-])GOCSPX-[\w-]{20,}/g, needs: ['GOCSPX-'] },
  { kind: 'api-key', label: 'Stripe key', pattern: /(?<!\w)(?:[sr]k_(?:live|test)_\w{16,}|whsec_\w{20,})/g, needs: ['k_live_', 'k_test_', 'whsec_'] },
  { kind: 'api-key', label: 'npm token', pattern: /(?<!\w)npm_[A-Za-z0-9]{36}(?!\w)/g, needs: ['npm_'] },
  { kind: 'api-key', label: 'PyPI token', pattern: /(?<![\w-])pypi-AgE[\w-]{50,}/g, needs: ['pypi-AgE'] },
  { kind: 'api-key', label: 'SendGrid key', pattern: /(?<![\w.-])SG\.[\w-]{20,}\.[\w-]{20,}/g, needs: ['SG.'] },
  { kind: 'api-key', label: 'Hugging Face token', pattern: /(?<!\w)hf_[A-Za-z0-9]{30,}/g, needs: ['hf_'] },
  { kind: 'api-key', label: 'Groq key', pattern: /(?<!\w)gsk_[A-Za-z0-9]{40,}/g, needs: ['gsk_'] },
  // Telegram bot tokens: the bot id, a colon, and 35 characters starting "AA".
  { kind: 'api-key', label: 'Telegram token', pattern: /(?<![\w:])\d{8,10}:AA[\w-]{33}(?![\w-])/g, needs: [':AA'] },
  { kind: 'access-token', label: 'Twitch token', pattern: /(?<!\w)oauth:[a-z0-9]{30}(?![a-z0-9])/g, needs: ['oauth:'] },
];

/** Where a URL's authority starts (`postgres://`, `mongodb+srv://`); `connectionStringSpans` reads the rest by hand. */
const urlSchemePattern = /(?<![\w+.-])[a-zA-Z][\w+.-]{1,30}:\/\//g;

/**
 * Where a named setting begins: a key (optionally quoted, or a subscript
 * `config["token"]`) and its separator. The value after it is read by
 * `readValue`, which decides whether it is a secret or code.
 */
const settingPattern = /(?<![\w.$-])(["'`]?)([A-Za-z_][\w.-]{0,80})["'`]?\]?[ \t]{0,3}(=>|:=|={1,3}|:)[ \t]{0,3}/g;

/** A 40-character AWS secret access key; only redacted when the paste mentions AWS. */
const awsSecretPattern = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const awsContext = /aws|AKIA|ASIA|boto/i;

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

/** A stretch of the text to replace: [start, end) and what it was. */
interface Span {
  start: number;
  end: number;
  kind: SecretKind;
  placeholder: string;
}

function privateKeyBlocks(text: string): Span[] {
  const spans: Span[] = [];
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
    spans.push({ start, end: close < 0 ? text.length : close + 5, kind: 'private-key', placeholder: '[REDACTED private key]' });
    from = close < 0 ? text.length : close + 5;
  }
  return spans;
}

/** Replaces the spans (merging overlaps) and records one redaction per replaced stretch. */
function applySpans(text: string, spans: Span[], redactions: Redaction[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + s.placeholder;
    at = s.end;
    redactions.push({ kind: s.kind, placeholder: s.placeholder });
  }
  return out + text.slice(at);
}

function shapedSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const { kind, label, pattern, accept, prefixes, startsBefore, needs } of shapedPatterns) {
    if (needs && !needs.some((n) => text.includes(n))) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index - (startsBefore?.(m) ?? 0);
      if (!accept || accept(m)) spans.push({ start: withPrefix(text, start, prefixes), end: m.index + m[0].length, kind, placeholder: `[REDACTED ${label}]` });
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------
// The joined view: the text with the seams people put into credentials taken out.

/** Characters credentials and URLs are made of; a seam is only taken out between two of them. */
function isCredentialChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const n = c.charCodeAt(0);
  return (n >= 48 && n <= 58) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) || c === '_' || c === '-' || c === '.' || c === '%' || c === '/' || c === '+' || c === '=';
}
const isQuote = (c: string | undefined) => c === '"' || c === "'" || c === '`';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n';

/** Escapes that hide a credential's `.`, `/` or `:` (URL encoding, JSON's `\/`, `\u002e`). */
const escapes: Array<[string, string]> = [
  ['\\/', '/'],
  ['%2e', '.'],
  ['%2f', '/'],
  ['%3a', ':'],
  ['\\u002e', '.'],
  ['\\u002f', '/'],
];

/** Where a line wrapped a credential: a long credential run before the break, and the next line goes on with one. */
function wrapsCredential(text: string, newline: number): number {
  let run = 0;
  for (let i = newline - 1; i >= 0 && run < 16 && isCredentialChar(text[i]); i--) run++;
  if (run < 16) return -1;
  let next = newline + 1;
  while (next < text.length && next - newline <= 40 && (text[next] === ' ' || text[next] === '\t')) next++;
  return isCredentialChar(text[next]) ? next : -1;
}

/** After a closing quote: `" + "`, `"\n    "` (implicit concatenation), `" + \` newline `"`. Returns where the next string's text starts. */
function concatenationJoint(text: string, quote: number): number {
  if (!isCredentialChar(text[quote - 1])) return -1;
  let i = quote + 1;
  const limit = quote + 40;
  let plus = false;
  let continuation = false;
  while (i < text.length && i < limit) {
    const c = text[i];
    if (isBlank(c)) i++;
    else if (c === '+' && !plus) {
      plus = true;
      i++;
    } else if (c === '\\' && !continuation) {
      continuation = true;
      i++;
    } else break;
  }
  if (!isQuote(text[i]) || !isCredentialChar(text[i + 1])) return -1;
  return i + 1;
}

interface JoinedView {
  text: string;
  /** For each view character, where its source characters start and end in the original text (null: the view is the text). */
  from: Int32Array | null;
  to: Int32Array | null;
}

/** Where the seam at `i` ends and what it stands for (`.` for `%2E`, nothing for a joint), or null when `i` starts none. */
function seamAt(text: string, i: number): { next: number; char: string } | null {
  const c = text[i];
  if (c === '\\' || c === '%') {
    const found = escapes.find(([e]) => text.slice(i, i + e.length).toLowerCase() === e);
    if (found) return { next: i + found[0].length, char: found[1] };
    // A backslash line continuation inside a string: `"MTA…\` newline `…"`.
    if (c === '\\' && text[i + 1] === '\n' && isCredentialChar(text[i - 1])) {
      let j = i + 2;
      while (j < text.length && j - i <= 40 && (text[j] === ' ' || text[j] === '\t')) j++;
      if (isCredentialChar(text[j])) return { next: j, char: '' };
    }
  } else if (isQuote(c)) {
    const next = concatenationJoint(text, i);
    if (next >= 0) return { next, char: '' };
  } else if (c === '\n') {
    const next = wrapsCredential(text, i);
    if (next >= 0) return { next, char: '' };
  }
  return null;
}

/** The text with its seams taken out, copied in runs (a megabyte-long paste must not be built a character at a time). */
export function joinedView(text: string): JoinedView {
  const pieces: string[] = [];
  let from: Int32Array | null = null;
  let to: Int32Array | null = null;
  let length = 0; // of the view so far
  let run = 0; // where the current run of plain characters began
  const copy = (end: number) => {
    pieces.push(text.slice(run, end));
    for (let k = run; k < end; k++, length++) {
      from![length] = k;
      to![length] = k + 1;
    }
  };
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    // Only these characters can start a seam: \ % " ' ` and a newline.
    if (code !== 92 && code !== 37 && code !== 34 && code !== 39 && code !== 96 && code !== 10) {
      i++;
      continue;
    }
    const seam = seamAt(text, i);
    if (!seam) {
      i++;
      continue;
    }
    if (!from) {
      from = new Int32Array(text.length);
      to = new Int32Array(text.length);
    }
    copy(i);
    if (seam.char) {
      pieces.push(seam.char);
      from[length] = i;
      to![length] = seam.next;
      length++;
    }
    i = run = seam.next;
  }
  if (!from) return { text, from: null, to: null };
  copy(text.length);
  return { text: pieces.join(''), from: from.subarray(0, length), to: to!.subarray(0, length) };
}

// ---------------------------------------------------------------------------
// Named values.

type NamedKind = 'password' | 'access-token' | 'api-key' | 'secret';

/** The key's words: `DB_PASSWORD` → db password, `clientSecret` → client secret, `config["token"]` → token. */
function keyWords(key: string): string[] {
  const last = key.split('.').pop() ?? key;
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
}

/** The words every secret's name holds (secretNameKind): without one, a name is not a secret's. */
const secretNameWords = /pass|pw|token|secret|key|auth|credential/i;

/** What a setting's name says it holds, or null when the name is not a secret's. */
export function secretNameKind(key: string): NamedKind | null {
  // Most keys in a paste are ordinary names: rule them out before splitting them into words.
  if (!secretNameWords.test(key)) return null;
  const words = keyWords(key);
  const last = words[words.length - 1];
  if (!last) return null;
  const joined = words.join('');
  if (/(?:password|passwd|passphrase)$/.test(joined)) return 'password';
  // `pass` and `pwd` alone are a keyword and the working directory; `DB_PASS`, `SMTP_PWD` are passwords.
  if ((last === 'pass' || last === 'pwd' || last === 'pw') && words.length > 1) return 'password';
  if (last === 'authorization') return 'access-token';
  if (/token$/.test(joined) && last.endsWith('token')) return 'access-token';
  if (/api_?key$/.test(words.join('_')) || joined.endsWith('apikey')) return 'api-key';
  if (last === 'secret' || joined.endsWith('secret') || last === 'credentials' || last === 'credential') return 'secret';
  if (last === 'key' && words.length > 1 && ['secret', 'private', 'access', 'client', 'auth', 'signing', 'encryption', 'master', 'app', 'license', 'service'].includes(words[words.length - 2]!)) return 'secret';
  if (/^(?:secretkey|privatekey|accesskey|signingkey|encryptionkey)$/.test(last)) return 'secret';
  return null;
}

const placeholderWords = new Set(
  'your my the a an bot discord api secret access token key password pass passwd pwd here goes insert put enter app application client webhook url id example sample dummy fake placeholder redacted changeme xxx user username db database env value auth private public string none null undefined todo replace with this of'.split(
    ' ',
  ),
);
const codeKeywords = new Set('None null true false True False undefined nil NULL str string int number bool boolean bytes any object required optional Optional'.split(' '));

/** A value that only stands in for a secret: `YOUR_TOKEN_HERE`, `<password>`, `****`, `${TOKEN}`, `{}`. */
function isPlaceholder(value: string, key: string, byWords = true): boolean {
  const v = value.trim();
  if (v.length < 3) return true;
  if (/^\[redacted/i.test(v)) return true;
  if (/^[x*•.#_\- ]+$/i.test(v)) return true;
  // Templates and references: `{token}`, `${TOKEN}`, `$DB_PASSWORD`, `%(password)s`, `<password>`.
  if (v.includes('{') || /^\$[A-Za-z_]\w*$/.test(v) || /^[^\w%]*(?:%[sdr][^\w%]*)+$|%\([a-z_]+\)[sd]/.test(v) || (v.includes('<') && v.includes('>'))) return true;
  // Prose (`'password: change it wherever it is used'`, a translated label), not a credential: secrets are one word, rarely two.
  if (v.split(' ').length > 2 || /[\u0100-\uffff]/.test(v)) return true;
  if (v.toLowerCase() === key.toLowerCase() || v.toLowerCase() === (key.split('.').pop() ?? '').toLowerCase()) return true;
  if (!byWords) return false;
  const words = v
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.-]+/)
    .filter(Boolean);
  return words.length > 0 && words.every((w) => placeholderWords.has(w));
}

/** Code rather than a literal: a call, an index, an attribute chain, a keyword, an environment lookup. */
function isCode(value: string, literal: boolean): boolean {
  if (!literal) {
    if (/[()[\]{}]/.test(value)) return true;
  } else {
    // A `.env` value may hold brackets (Django keys do); a call or an index (`input("pw")`,
    // `os.environ["X"]`) starts with a name and lacks the punctuation such keys have.
    if (/^[A-Za-z_$][\w$.]*\s?[([]/.test(value) && /[)\]];?$/.test(value) && !/[!@#%^&*]/.test(value)) return true;
    if (value.startsWith('{') || value.startsWith('[')) return true;
  }
  if (codeKeywords.has(value)) return true;
  if (/^(?:os|process|env|self|this|config|settings|import|window|globalThis)\./.test(value)) return true;
  // `config.token`, `req.body?.password` in code; in a `.env` line a dot is just part of the value.
  return !literal && /^[A-Za-z_$][\w$]*(?:[?!]?\.[A-Za-z_$][\w$]*)+$/.test(value);
}

/** A bare word that reads as a name in code (`password = hunter`, `token: TOKEN`) rather than a literal. */
function readsAsName(value: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(value)) return false;
  // `hunter2`, `s3cr3tpw`: letters and digits together are a password more often than a variable.
  return !(/\d/.test(value) && /[A-Za-z]/.test(value) && value.length >= 6 && !/^[A-Z][A-Z0-9_]*$/.test(value));
}

/** Reads a quoted value starting at `at` (optionally with a Python prefix); null when there is none. */
function readQuoted(text: string, at: number): { start: number; end: number } | null {
  let i = at;
  if (/[rRbBuUfF]/.test(text[i] ?? '') && isQuote(text[i + 1])) i++;
  const quote = text[i];
  if (!isQuote(quote)) return null;
  const start = i + 1;
  for (let j = start; j < text.length && j - start <= 400; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === quote) return { start, end: j };
    else if (c === '\n' && quote !== '`') return null;
  }
  return null;
}

/** What stands between the start of the line and `at`, when that is short (`export `, `  - `); null for anything longer. */
function lineHead(text: string, at: number): string | null {
  // Looks back 24 characters at most: this runs for every `key =` in a paste, many to a line.
  for (let i = at - 1; i >= at - 24; i--) {
    if (i < 0 || text[i] === '\n') return text.slice(i + 1, at);
  }
  return null;
}

/** The named values in `text` that hold a secret. */
function namedSpans(text: string): Span[] {
  const spans: Span[] = [];
  // A secret's name holds one of secretNameKind's words: a paste without any has none to read.
  if (!secretNameWords.test(text)) return spans;
  settingPattern.lastIndex = 0;
  for (let m = settingPattern.exec(text); m; m = settingPattern.exec(text)) {
    const key = m[2]!;
    const kind = secretNameKind(key);
    if (!kind) continue;
    const sep = m[3]!;
    let at = m.index + m[0].length;
    // `Authorization: Bearer …`: the scheme is not the secret, what follows it is.
    if (kind === 'access-token' && keyWords(key).at(-1) === 'authorization') {
      const open = isQuote(text[at]) ? 1 : 0;
      const scheme = /^(?:Bearer|Basic|Token|Bot|Digest) +/i.exec(text.slice(at + open, at + open + 12));
      if (scheme) {
        const quoted = open ? readQuoted(text, at) : null;
        const start = at + open + scheme[0].length;
        const end = quoted ? quoted.end : scanRun(text, start, false);
        const value = text.slice(start, end);
        if (end > start && !isPlaceholder(value, key) && !isCode(value, false)) spans.push(named(start, end, kind));
        continue;
      }
    }
    const head = lineHead(text, m.index);
    const before = text[m.index - 1];
    const screaming = /^[A-Z][A-Z0-9_]*$/.test(key);
    // `KEY=value` with nothing between: a shell or `.env` assignment (`=` may start the value: `KEY==x`).
    const tight = m[1] === '' && m[0] === `${key}${sep}` && sep.startsWith('=') && sep !== '=>';
    const urlQuery = (before === '?' || before === '&') && tight;
    // `.env`, shell and compose lines: `DB_PASSWORD=hunter2`, `export TOKEN=…`, `- POSTGRES_PASSWORD: …`.
    const atLineStart = head !== null && /^\s*(?:export\s+|set\s+|ENV\s+|-\s+)?$/.test(head) && m[1] === '';
    const wholeLine = atLineStart && (tight || screaming);
    // Where code is unlikely, a value is read as written: `.env` lines, URL queries, `docker run -e KEY=…`.
    const literal = wholeLine || urlQuery || (tight && screaming);
    if (tight && sep !== '=') at = m.index + key.length + 1;
    else if (sep.startsWith('==')) continue; // `token === '--require'` compares; it does not hold a secret.
    const quoted = readQuoted(text, at);
    if (quoted) {
      const value = text.slice(quoted.start, quoted.end);
      if (!isPlaceholder(value, key)) spans.push(named(quoted.start, quoted.end, kind));
      settingPattern.lastIndex = quoted.end + 1;
      continue;
    }
    if (isQuote(text[at])) continue;
    const end = scanRun(text, at, wholeLine);
    let valueEnd = end;
    // `password: hunter2,` in an object literal: the comma ends the entry, not the value.
    if (!wholeLine) while (valueEnd > at && (text[valueEnd - 1] === ',' || text[valueEnd - 1] === ';')) valueEnd--;
    const value = text.slice(at, valueEnd);
    if (!value || isPlaceholder(value, key) || isCode(value, literal)) continue;
    if (!literal && readsAsName(value)) continue;
    spans.push(named(at, at + value.length, kind));
    settingPattern.lastIndex = Math.max(settingPattern.lastIndex, at + value.length);
  }
  return spans;
}

/** The end of an unquoted value: the rest of the line (minus a ` # comment`) for `.env` lines, else up to a space, quote or bracket. */
function scanRun(text: string, at: number, restOfLine: boolean): number {
  let j = at;
  if (restOfLine) {
    while (j < text.length && text[j] !== '\n' && !(text[j] === '#' && (text[j - 1] === ' ' || text[j - 1] === '\t'))) j++;
    while (j > at && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
    return j;
  }
  // Longer than any password or key someone types: not a value (and a bound on every `key=` of a long line).
  while (j < text.length && j - at <= maxValueChars && !/[\s"'`()<>&]/.test(text[j]!)) j++;
  return j - at > maxValueChars ? at : j;
}

const maxValueChars = 400;

const namedPlaceholders: Record<NamedKind, string> = {
  password: '[REDACTED password]',
  'access-token': '[REDACTED token]',
  'api-key': '[REDACTED API key]',
  secret: '[REDACTED secret]',
};

function named(start: number, end: number, kind: NamedKind): Span {
  return { start, end, kind, placeholder: namedPlaceholders[kind] };
}

/**
 * `scheme://user:password@host`: the password. As URL parsers do, the user
 * info runs to the LAST `@` of the authority, so `p@ss@host` loses all of
 * `p@ss`; a raw `/` in a password is kept inside too (people paste those).
 */
function connectionStringSpans(text: string): Span[] {
  const spans: Span[] = [];
  // Most pastes hold no URL at all: one search for its `://` spares the pattern a try at every position.
  if (!text.includes('://')) return spans;
  urlSchemePattern.lastIndex = 0;
  for (let m = urlSchemePattern.exec(text); m; m = urlSchemePattern.exec(text)) {
    const from = m.index + m[0].length;
    let end = from;
    let at = -1;
    let colon = -1;
    while (end < text.length && end - from < 300 && !/[\s"'`<>?#]/.test(text[end]!)) {
      if (text[end] === '@') at = end;
      else if (text[end] === ':' && colon < 0) colon = end;
      end++;
    }
    // The authority holds no other URL worth reading: go on after it (a bound on `x://x://x://…`).
    urlSchemePattern.lastIndex = Math.max(urlSchemePattern.lastIndex, end);
    if (at < 0 || colon < 0 || colon > at || text.slice(from, colon).includes('/')) continue;
    const password = text.slice(colon + 1, at);
    // `user:<password>@` and `${DB_PASSWORD}` are documentation; `user:password@` may well be the real (weak) one.
    if (isPlaceholder(password, '', false)) continue;
    spans.push({ start: colon + 1, end: at, kind: 'password', placeholder: '[REDACTED password]' });
  }
  return spans;
}

function awsSecretSpans(text: string): Span[] {
  const spans: Span[] = [];
  awsSecretPattern.lastIndex = 0;
  for (let m = awsSecretPattern.exec(text); m; m = awsSecretPattern.exec(text)) {
    const v = m[0];
    // Mixed case and digits: a git SHA (40 hex) or a base64 blob of one case is not a key.
    if (/[A-Z]/.test(v) && /[a-z]/.test(v) && /\d/.test(v)) spans.push({ start: m.index, end: m.index + 40, kind: 'api-key', placeholder: '[REDACTED AWS secret key]' });
  }
  return spans;
}

export function redactSecrets(input: string): { text: string; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  let text = applySpans(input, privateKeyBlocks(input), redactions);
  text = applySpans(text, shapedSpans(text), redactions);
  // The same shapes again, across the seams people split them with.
  const { text: joined, from, to } = joinedView(text);
  if (from && to) {
    const spans = shapedSpans(joined).map((s) => ({ ...s, start: from[s.start]!, end: to[s.end - 1]! }));
    text = applySpans(text, spans, redactions);
  }
  text = applySpans(text, connectionStringSpans(text), redactions);
  text = applySpans(text, namedSpans(text), redactions);
  if (awsContext.test(input)) text = applySpans(text, awsSecretSpans(text), redactions);
  return { text, redactions };
}
