// Hostile pastes and a Discord Markdown checker, shared by the property test
// (test/render/markdown-safety.test.ts) and its long run (bench/markdown.mjs).
//
// The checker reads a reply the way Discord's Markdown does (escapes, code
// blocks, code spans, bare URLs) and reports what user text must never turn
// into: masked links, mentions, code blocks that close early or never, and
// formatting or headings around the canary word PWNED, which only the
// generated hostile pieces contain (no rule text or bot message has it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageViolations } from '../fake-discord/server.mjs';

export const canary = 'PWNED';
const evil = 'http://evil.test';

/** Pieces of Markdown and Discord syntax that must stay inert wherever they land. */
export const hostilePieces = [
  '`', '``', '```', '````', '`````', '``````````', '```py\n', '\n```\n', '\n````\n', '```js\nalert(1)\n```',
  `[click here](${evil}/a)`, `[x](<${evil}/b>)`, `[\`code\`](${evil}/c)`, `[**${canary}**](${evil}/d "title")`, `![img](${evil}/i.png)`,
  `[a](${evil}/1) and [b](${evil}/2)`, `[[nested]](${evil}/n)`, `\\[x](${evil}/e)`, `[x]\n(${evil}/split)`, `[${canary}](${evil}/p)`,
  '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>', '</explain:123456789012345678>',
  '@everyone', '@here', '@EVERYONE', '<t:1700000000:R>', '<:blob:123456789012345678>', '<a:blob:1>', `<${evil}/angle>`,
  `# ${canary}`, `## ${canary}`, `### ${canary}`, `-# ${canary}`, `> ${canary}`, `>>> ${canary}`, `- ${canary}`, `* ${canary}`, `1. ${canary}`, `  # ${canary}`,
  `**${canary}**`, `*${canary}*`, `_${canary}_`, `__${canary}__`, `~~${canary}~~`, `||${canary}||`, `***${canary}***`, `**${canary}`, `${canary}**`,
  '\\', '\\\\', '\\`', '\\`\\`\\`', '\\*', '\\[', '\\\n',
  `${evil}/_x_*y*~~z~~`, `https://evil.test/**${canary}**`, `(${evil}/paren)`,
  '\u202e', '\u200b', '\u0000', '\u001b[31m', '\u001bc', '\u0007', '\b\b\b', '\u009b2J', '😀', '👨‍👩‍👧', 'e\u0301', '\ud83d', '\r\n',
];

const backtickRun = (fc) => fc.integer({ min: 1, max: 12 }).map((n) => '`'.repeat(n));
const link = (fc) => fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })).map(([t, p]) => `[${t}](${evil}/${p})`);

/** One hostile piece: a fixed one, a backtick run, a generated link, random text of any Unicode, or a very long line. */
export function hostilePiece(fc) {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...hostilePieces) },
    { weight: 2, arbitrary: backtickRun(fc) },
    { weight: 2, arbitrary: link(fc) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 7000 }).map((n) => 'x'.repeat(n)) },
  );
}

/** Text made only of hostile pieces and random characters: for fields the engine rarely fills. */
export function hostileText(fc, maxPieces = 8) {
  return fc.array(hostilePiece(fc), { minLength: 1, maxLength: maxPieces }).map((xs) => xs.join(''));
}

/** Every traceback, warning, issue paste and snippet under test/fixtures/cases. */
export function loadFixturePastes(root) {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : /\.(out\.txt|paste\.md|issue\.txt|py|js|ts)$/.test(e.name) ? [join(d, e.name)] : [],
    );
  return walk(join(root, 'test/fixtures/cases')).map((f) => readFileSync(f, 'utf8'));
}

const modes = ['file', 'function', 'append', 'comment', 'insert', 'line', 'fence'];

function nth(text, re, k) {
  const all = [...text.matchAll(re)];
  return all.length ? all[k % all.length] : null;
}

/** Puts `piece` into `text` where a parser will carry it to the reply: a file name, a function name, a code line, a comment. */
function plant(text, mode, k, piece) {
  const lines = text.split('\n');
  const at = k % Math.max(1, lines.length);
  switch (mode) {
    case 'file': {
      const py = nth(text, /File "([^"\n]*)"/g, k);
      if (py) return text.slice(0, py.index) + `File "/app/${piece.replace(/["\n]/g, '')}.py"` + text.slice(py.index + py[0].length);
      const js = nth(text, /\(([^()\n]+):(\d+):(\d+)\)/g, k);
      if (js) return text.slice(0, js.index) + `(/app/${piece.replace(/[()\n]/g, '')}.js:${js[2]}:${js[3]})` + text.slice(js.index + js[0].length);
      return `File "/app/${piece}.py", line 3, in main\n` + text;
    }
    case 'function': {
      const fn = nth(text, /, in ([^\n]+)/g, k);
      if (fn) return text.slice(0, fn.index) + `, in ${piece.replace(/\n/g, '')}` + text.slice(fn.index + fn[0].length);
      return text + `\n    at ${piece.replace(/\n/g, '')} (/app/bot.js:1:1)`;
    }
    case 'append':
      lines[at] = `${lines[at]}  ${piece}`;
      return lines.join('\n');
    case 'comment': {
      const indent = /^\s*/.exec(lines[at])[0];
      const mark = /\b(def|import|await|async|print)\b/.test(text) && !/\b(const|let|function)\b/.test(text) ? '#' : '//';
      lines.splice(at, 0, `${indent}${mark} ${piece.replace(/\n/g, ' ')}`);
      return lines.join('\n');
    }
    case 'insert': {
      const pos = k % (text.length + 1);
      return text.slice(0, pos) + piece + text.slice(pos);
    }
    case 'line':
      lines.splice(at, 0, piece);
      return lines.join('\n');
    default:
      return '```py\n' + text + '\n```\n' + piece;
  }
}

/** A real fixture with hostile pieces planted in it (or, now and then, nothing but hostile pieces). */
export function hostilePaste(fc, corpus) {
  const edit = fc.tuple(fc.constantFrom(...modes), fc.nat(), hostilePiece(fc));
  return fc.oneof(
    { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...corpus), fc.array(edit, { minLength: 1, maxLength: 5 })).map(([base, edits]) => edits.reduce((t, [mode, k, piece]) => plant(t, mode, k, piece), base)) },
    { weight: 1, arbitrary: hostileText(fc, 12) },
  );
}

// ---------------------------------------------------------------------------
// The checker: Discord's Markdown, as far as the properties need it.

/** What stands in the live text for an escape, code span or URL: no letter, so it cannot complete a word such as @here. */
const blank = '\u00b7';
const urlAt = /https?:\/\/[^\s<]+[^<.,:;"')\]\s]/y;
const blockLabel = /[a-z0-9_+\-.#]+?\n/y;

/** Discord's inline code: a run of backticks (it may use fewer than it has) closed by a run of exactly that length. */
function inlineSpanEnd(md, i, run) {
  const firstOfLength = new Map();
  for (let j = i + run; j < md.length; ) {
    if (md[j] !== '`') {
      j++;
      continue;
    }
    let len = 1;
    while (md[j + len] === '`') len++;
    if (!firstOfLength.has(len)) firstOfLength.set(len, j);
    j += len;
  }
  for (let open = run; open >= 1; open--) {
    const close = firstOfLength.get(open);
    if (close !== undefined) return { open, close, end: close + open };
  }
  return null;
}

/**
 * Reads `md` as Discord would. Returns the code blocks (label, content), the
 * code spans, the "live" text (Markdown that takes effect, with escapes, code
 * and URLs blanked) and the problems found.
 */
export function readDiscordMarkdown(md) {
  const blocks = [];
  const spans = [];
  const problems = [];
  let live = '';
  let i = 0;
  while (i < md.length) {
    const c = md[i];
    if (c === '\\' && i + 1 < md.length && /[^0-9A-Za-z\s]/.test(md[i + 1])) {
      live += blank;
      i += 2;
      continue;
    }
    if (md.startsWith('```', i)) {
      let start = i + 3;
      blockLabel.lastIndex = start;
      const label = blockLabel.exec(md);
      if (label) start += label[0].length;
      while (md[start] === '\n') start++;
      const close = start < md.length ? md.indexOf('```', start + 1) : -1;
      if (close !== -1) {
        // Fences stand on their own lines (indented inside a list item at most).
        if (!/(?:^|\n)[ \t]*$/.test(md.slice(Math.max(0, i - 40), i))) problems.push(`code block opens mid-line at ${i}: ${JSON.stringify(md.slice(Math.max(0, i - 30), i + 3))}`);
        if (!/^[ \t]*(?:\n|$)/.test(md.slice(close + 3, close + 43))) problems.push(`code block closes mid-line at ${close}: ${JSON.stringify(md.slice(close, close + 30))}`);
        let content = md.slice(start, close);
        while (content.endsWith('\n')) content = content.slice(0, -1);
        blocks.push({ label: label ? label[0].slice(0, -1) : '', content });
        live += '\n';
        i = close + 3;
        continue;
      }
      problems.push(`code block never closed at ${i}`);
    }
    if (c === '`') {
      let run = 1;
      while (md[i + run] === '`') run++;
      const span = inlineSpanEnd(md, i, run);
      if (!span) {
        problems.push(`unpaired backtick run at ${i}: ${JSON.stringify(md.slice(i, i + 30))}`);
        live += blank;
        i += run;
        continue;
      }
      spans.push(md.slice(i + span.open, span.close));
      live += blank;
      i = span.end;
      continue;
    }
    if (c === 'h') {
      urlAt.lastIndex = i;
      const url = urlAt.exec(md);
      if (url) {
        live += blank;
        i += url[0].length;
        continue;
      }
    }
    live += c;
    i++;
  }
  if (live.includes('](')) problems.push(`masked link: ${JSON.stringify(live.slice(Math.max(0, live.indexOf('](') - 30), live.indexOf('](') + 30))}`);
  const mention = /<(?:@[!&]?\d|#\d|\/[^\s>]+:\d|t:-?\d|a?:\w+:\d|id:)/.exec(live);
  if (mention) problems.push(`mention: ${JSON.stringify(live.slice(mention.index, mention.index + 30))}`);
  const everyone = /@(?:everyone|here)/i.exec(live);
  if (everyone) problems.push(`${everyone[0]} outside code`);
  for (const line of live.split('\n')) {
    if (line.includes(canary) && /^\s*(?:#{1,3}\s|-#\s|>|[-*+]\s|\d+\.\s)/.test(line)) problems.push(`heading, quote or list from user text: ${JSON.stringify(line.slice(0, 60))}`);
  }
  for (const paragraph of live.split(/\n\s*\n/)) {
    if (!paragraph.includes(canary)) continue;
    const open = new Map();
    for (const d of paragraph.matchAll(/\*\*|__|~~|\|\||\*|_/g)) {
      const at = open.get(d[0]);
      if (at === undefined) open.set(d[0], d.index);
      else {
        if (paragraph.slice(at, d.index).includes(canary)) problems.push(`${d[0]} formatting around user text: ${JSON.stringify(paragraph.slice(at, d.index + 2).slice(0, 80))}`);
        open.delete(d[0]);
      }
    }
  }
  return { blocks, spans, live, problems };
}

/** Problems with a reply's Markdown fields (content, embed titles, descriptions, field names and values). */
export function replyMarkdownProblems(reply) {
  const out = [];
  const check = (where, md) => {
    if (typeof md === 'string') for (const p of readDiscordMarkdown(md).problems) out.push(`${where}: ${p}`);
  };
  check('content', reply.content);
  for (const [n, e] of (reply.embeds ?? []).entries()) {
    check(`embed ${n} title`, e.title);
    check(`embed ${n} description`, e.description);
    for (const [k, f] of (e.fields ?? []).entries()) {
      check(`embed ${n} field ${k} name`, f.name);
      check(`embed ${n} field ${k} value`, f.value);
    }
  }
  return out;
}

/** Every code block of a reply's Markdown fields. */
export function replyCodeBlocks(reply) {
  const texts = [reply.content, ...(reply.embeds ?? []).flatMap((e) => [e.description, ...(e.fields ?? []).map((f) => f.value)])];
  return texts.filter((t) => typeof t === 'string').flatMap((t) => readDiscordMarkdown(t).blocks);
}

/**
 * True when `code` is shown whole (or cut, marked by a last line `…`) inside
 * one code block: the block was not closed early. Zero-width spaces the bot
 * put between backticks are ignored.
 */
export function shownInOneBlock(blocks, code) {
  const want = code.replace(/\u200b/g, '').trimEnd().replace(/^\n+/, '');
  if (!want.trim()) return true;
  return blocks.some((b) => {
    const got = b.content.replace(/\u200b/g, '').trimEnd().replace(/^\n+/, '');
    if (got === want) return true;
    return got.endsWith('\n…') && want.startsWith(got.slice(0, -2)) && got.length > 2;
  });
}

/** Terminal control characters (C0 but tab and newline, DEL, C1). */
export const terminalControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Everything a message body sent to Discord (API field names) must satisfy: limits, nobody pinged, no live Markdown from user text. */
export function apiReplyProblems(body) {
  const out = [...messageViolations(body), ...replyMarkdownProblems(body)];
  const am = body.allowed_mentions;
  if (!am || !Array.isArray(am.parse) || am.parse.length !== 0 || am.users?.length) out.push(`allowed_mentions ${JSON.stringify(am)}`);
  return out;
}

/** `apiReplyProblems` for a rendered reply (src/render/discord.ts's DiscordReply). */
export function discordReplyProblems(reply) {
  return apiReplyProblems({ content: reply.content, embeds: reply.embeds, components: reply.components, allowed_mentions: reply.allowedMentions });
}

/**
 * Diagnoses `paste` and renders every reply it can lead to (the Discord
 * answer, "Show fix", the text answer), returning what is wrong with them
 * and which paths were taken. `r` holds the engine and renderers (from src/
 * in tests, from dist/ in the bench).
 */
export function checkPaste(r, paste, locale) {
  const problems = [];
  const d = r.engine.diagnose(paste);
  const best = d.matches[0];
  const reply = best ? r.renderDiagnosis(d, { caseKey: '42', askerId: '1100000000000000042', public: true, locale }) : r.renderNoMatch(d, locale);
  problems.push(...discordReplyProblems(reply));
  const paths = { matched: !!best, where: !!best?.where?.source, file: !!best?.where?.file, inlineFix: false, attachedFix: false };
  if (best) {
    const blocks = replyCodeBlocks(reply);
    if (best.where?.source && !shownInOneBlock(blocks, best.where.source)) problems.push('"Your line" code block closed early or lost');
    if (best.fix) {
      if (/[\ud800-\udbff](?![\udc00-\udfff])/.test(best.fix.code)) problems.push('fixed code holds half a surrogate pair');
      const attached = reply.files.find((f) => f.name.startsWith('fix.'));
      if (attached) {
        paths.attachedFix = true;
        if (attached.data.toString() !== best.fix.code) problems.push('attached fix differs from the fixed code');
      } else if (reply.embeds[0]?.description?.includes('```')) {
        paths.inlineFix = true;
        if (!shownInOneBlock(blocks, best.fix.code)) problems.push('fixed code block closed early or lost');
      }
    }
    problems.push(...discordReplyProblems(r.renderFixDetails(best.rule, best, locale)).map((p) => `Show fix: ${p}`));
  }
  if (terminalControl.test(r.renderText(d, { locale }))) problems.push('text reply holds a terminal control character');
  return { problems, paths };
}
