import { describe, expect, it } from 'vitest';
import { analyzeJavaScript, createJavaScriptAnalyzer } from '../../../src/evidence/javascript/snippet/index.js';
import { invalid, valid } from './cases.js';
import { say } from '../../../src/render/messages.js';

const NO_HINTS = { coroutineNames: [], lines: [], notebook: false };
const found = (code: string) => analyzeJavaScript(code, 0, NO_HINTS).map((f) => ({ detector: f.detector, line: f.line }));

describe('JS snippet detectors: valid code gets no finding', () => {
  it.each(valid.map((c) => [c.name, c.code] as const))('%s', (_name, code) => {
    expect(found(code)).toEqual([]);
  });
});

describe('JS snippet detectors: each mistake is found on its line', () => {
  it.each(invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const sortKey = (a: { detector: string; line: number }) => `${String(a.line).padStart(4, '0')} ${a.detector}`;
    const expected = [...c.errors].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const actual = found(c.code).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    expect(actual).toEqual(expected);
  });
});

describe('JS snippet analyser', () => {
  const analyzer = createJavaScriptAnalyzer();

  it('lists every detector the table exercises, and only js.* ids', () => {
    const used = new Set(invalid.flatMap((c) => c.errors.map((e) => e.detector)));
    expect(new Set(analyzer.detectorIds)).toEqual(used);
    expect(analyzer.language).toBe('javascript');
  });

  it('words findings in the user\'s own names and gives fixers the position', () => {
    const code = `async function loadGuildConfig(id) {\n  return db.get(id);\n}\nclient.on('guildCreate', (guild) => {\n  loadGuildConfig(guild.id);\n});\n`;
    const [f] = analyzer.analyze(code, 3, NO_HINTS);
    expect(f).toMatchObject({ detector: 'js.floating-promise', language: 'javascript', line: 5, column: 3, blockIndex: 3 });
    expect(say(f!.message)).toContain('loadGuildConfig(guild.id)');
    expect(code.slice(Number(f?.data?.start), Number(f?.data?.end))).toBe('loadGuildConfig(guild.id)');
    expect(f?.confidence).toBeGreaterThan(0.5);
    expect(f?.confidence).toBeLessThanOrEqual(1);
  });

  it.each(['en', 'zh-CN'] as const)('%s: a finding about a value or an async IIFE quotes the user\'s code, never a placeholder in English', (locale) => {
    const arrayThen = analyzer.analyze(`const a = fetch('/a');\nconst b = fetch('/b');\n[a, b].then((r) => console.log(r));\n`, 0, NO_HINTS);
    const then = arrayThen.find((f) => f.detector === 'js.then-on-non-promise');
    expect(say(then!.message, locale)).toContain('`[a, b].then(…)`');
    const longArray = analyzer.analyze(`[\n  fetch('/a'),\n  fetch('/b'),\n].then((r) => console.log(r));\n`, 0, NO_HINTS);
    expect(say(longArray.find((f) => f.detector === 'js.then-on-non-promise')!.message, locale)).toContain('`[…].then(…)`');
    const iife = analyzer.analyze(`app.post('/render', (req, res) => {\n  (async () => {\n    renderReport(req.body);\n  })();\n  res.sendStatus(202);\n});\n`, 0, NO_HINTS);
    const blocking = say(iife.find((f) => f.detector === 'js.blocking-call-in-async')!.message, locale);
    for (const message of [say(then!.message, locale), blocking]) {
      expect(message).not.toMatch(/this value|this function/);
      // Every code span stays on one line: a multi-line function never lands inside one.
      expect(message.match(/`[^`]*`/g)!.every((span) => !span.includes('\n'))).toBe(true);
    }
    expect(blocking).toContain('`async`');
  });

  it.each(['en', 'zh-CN'] as const)('%s: a call with a template literal is quoted by its name, so its backticks never break the code span', (locale) => {
    const [f] = analyzer.analyze("client.on('messageCreate', async (message) => {\n  message.reply(`Hi ${message.author.username}`);\n  console.log('done');\n});\n", 0, NO_HINTS);
    const message = say(f!.message, locale);
    expect(message).toContain('`message.reply(…)`');
    // Each span opens and closes on the same line: an even number of backticks, none of them the user's.
    expect(message.split('`').length % 2).toBe(1);
    expect(message).not.toContain('${');
  });

  it('keeps line numbers when fences and a pasted stack trace sit inside the code', () => {
    const code = [
      '```js',
      "client.on('messageCreate', async (message) => {",
      "  message.reply('pong');",
      "TypeError: Cannot read properties of undefined (reading 'send')",
      '    at Client.<anonymous> (/home/bot/index.js:3:11)',
      '    at node:events:517:28',
      '});',
      '```',
    ].join('\n');
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 3 }]);
  });

  it('reads a snippet cut off at the end', () => {
    const code = "client.on('interactionCreate', async (interaction) => {\n  const rows = await db.all('SELECT * FROM tags');\n  interaction.reply(rows.map((r) => r.name).join(', '));\n  if (rows.length > 10) {\n    for (const r of";
    expect(found(code)).toContainEqual({ detector: 'js.floating-promise', line: 3 });
  });

  it('reads a method pasted out of its command object', () => {
    const code = "async execute(interaction) {\n  interaction.deferReply();\n  const data = await getData();\n  await interaction.editReply(data);\n},";
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 2 }]);
  });

  it('reads TypeScript, including casts and generics that are not TSX', () => {
    const code = 'async function get<T>(url: string): Promise<T> {\n  const res = <Response>await fetch(url);\n  return res.json() as Promise<T>;\n}\nexport async function handler(i: ChatInputCommandInteraction): Promise<void> {\n  i.reply({ content: String(await get<number>(URL)) });\n}\n';
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 6 }]);
  });

  it('allows top-level await in a notebook but not in a CommonJS script', () => {
    const code = "const fetch = require('node-fetch');\nconst res = await fetch(URL);\n";
    expect(found(code)).toEqual([{ detector: 'js.await-outside-async', line: 2 }]);
    expect(analyzer.analyze(code, 0, { ...NO_HINTS, notebook: true })).toEqual([]);
  });

  it('does not take the lines after a string left open for the body of the callback it sits in', () => {
    // The quote closing 'it should never happen' is missing: the parser reads the callback as still open
    // on the lines after it, so the await below seems to sit in a function that is not async.
    const open = "const page = await browser.newPage();\npage.waitForSelector('.gone').then(() => console.log('it should never happen));\n\nawait page.close();";
    expect(found(open).filter((f) => f.detector === 'js.await-outside-async')).toEqual([]);
  });

  it('still finds an await in a plain function with a syntax error of another kind before it', () => {
    // An elision (`...`) is no literal left open: the function still encloses the await.
    const elided = "function load(id) {\n  ...\n  const user = await db.find(id);\n  return user;\n}";
    expect(found(elided)).toContainEqual({ detector: 'js.await-outside-async', line: 3 });
    const closedString = "function load(id) {\n  console.log('loading);\n  const user = await db.find(id);\n}\nfunction save(u) {\n  const ok = await db.put(u);\n}";
    expect(found(closedString)).toContainEqual({ detector: 'js.await-outside-async', line: 6 });
  });

  it('raises confidence on the line a traceback points at', () => {
    const code = "async function execute(interaction) {\n  interaction.reply('a');\n}\n";
    const plain = analyzer.analyze(code, 0, NO_HINTS)[0]?.confidence ?? 0;
    const pointed = analyzer.analyze(code, 0, { ...NO_HINTS, lines: [2] })[0]?.confidence ?? 0;
    expect(pointed).toBeGreaterThan(plain);
  });

  it('does not take a name the snippet declares sync for a promise API', () => {
    const code = 'function fetch(key) {\n  return cache[key];\n}\nasync function run() {\n  fetch("a");\n}\n';
    expect(found(code)).toEqual([]);
  });

  it('returns nothing for an empty block or plain prose', () => {
    expect(found('')).toEqual([]);
    expect(found('my bot just does not answer, any idea?')).toEqual([]);
  });
});

describe('JS snippet analyser: fragments read as an async body', () => {
  it('reads a body using an undeclared interaction as an async handler, and leaves declared or module code as it is', () => {
    const body = "interaction.deferReply();\nconst rows = db.prepare('SELECT 1').all();\n";
    expect(found(body)).toEqual([{ detector: 'js.floating-promise', line: 1 }]);
    const top = analyzeJavaScript(body, 0, NO_HINTS)[0];
    const declared = "const interaction = lastInteraction();\ninteraction.deferReply();\n";
    const script = "const { Client } = require('discord.js');\ninteraction.deferReply();\n";
    const member = "event.interaction.deferReply();\n";
    for (const code of [declared, script, member]) {
      // Still a floating call, but only at the weaker top-level confidence: not read as an async body.
      expect(analyzeJavaScript(code, 0, NO_HINTS).map((f) => f.confidence), code).toEqual([0.6]);
    }
    expect(top?.confidence).toBeGreaterThan(0.6);
  });
});

describe('JS snippet analyser: an awaited Mongoose call given a callback', () => {
  it('ranks "await does not wait for the callback" above the Mongoose 7 removal, and keeps the removal first when nothing awaits', () => {
    const awaited = "const mongoose = require('mongoose');\nasync function run(Model) {\n  await Model.find({}, (err, docs) => console.log(docs));\n}\n";
    const conf = (code: string, detector: string) => analyzeJavaScript(code, 0, NO_HINTS).find((f) => f.detector === detector)?.confidence ?? 0;
    expect(conf(awaited, 'js.await-non-promise')).toBeGreaterThan(conf(awaited, 'js.mongoose-callback'));
    expect(conf(awaited, 'js.mongoose-callback')).toBeGreaterThanOrEqual(0.5);
    const plain = awaited.replace('await Model.find', 'Model.find');
    expect(conf(plain, 'js.mongoose-callback')).toBe(0.75);
  });
});
