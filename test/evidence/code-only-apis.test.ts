/**
 * Code-only pastes read the way people post them: APIs that return a promise or a coroutine known
 * without types (Koa's `next`, Firestore references, chrome.* with a callback, a Telethon message, a cursor
 * entered with `async with`),
 * a handler's body cut out under its `require` lines, and an unfenced script of plain statements.
 * Every new way to match has the correct idioms next to it that must stay silent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeJavaScript } from '../../src/evidence/javascript/snippet/index.js';
import { analyzePython, createPythonAnalyzer } from '../../src/evidence/python/snippet/index.js';
import { checkSync } from 'recheck';
import { guessLanguage, NEUTRAL_ASSIGNMENT, NEUTRAL_CALL } from '../../src/intake/blocks.js';
import { createEngine, type Engine } from '../../src/engine.js';

const NO_HINTS = { coroutineNames: [], lines: [], notebook: false };
const js = (...l: string[]) => analyzeJavaScript(l.join('\n') + '\n', 0, NO_HINTS).map((f) => ({ detector: f.detector, line: f.line }));
const py = (...l: string[]) => analyzePython(l.join('\n') + '\n', 0).map((f) => ({ detector: f.detector, line: f.line }));

let engine: Engine;
beforeAll(async () => {
  await createPythonAnalyzer();
  engine = await createEngine();
});
const rules = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

describe("Koa-style middleware: next() returns the downstream promise", () => {
  it('reports next() left as a statement in an (async) middleware given to use() or a router verb', () => {
    expect(js("const Koa = require('koa');", 'const app = new Koa();', 'app.use(async (ctx, next) => {', '  await check(ctx);', '  next();', '});')).toEqual([
      { detector: 'js.floating-promise', line: 5 },
    ]);
    expect(js("router.get('/heavy', async (context, next) => {", '  context.body = await load();', '  next();', '});')).toEqual([{ detector: 'js.floating-promise', line: 3 }]);
    // Called later, in a callback of its own: the middleware has already returned without it.
    expect(js('app.use((ctx, next) => {', '  process.nextTick(() => {', '    next();', '  });', '});')).toEqual([{ detector: 'js.floating-promise', line: 3 }]);
  });

  it('stays silent on awaited or returned next(), and on Express middleware, whose next() returns nothing', () => {
    expect(js('app.use(async (ctx, next) => {', '  await next();', '  ctx.set("X-Time", "1");', '});')).toEqual([]);
    expect(js('app.use((ctx, next) => {', '  ctx.state.user = load();', '  return next();', '});')).toEqual([]);
    expect(js('app.use((req, res, next) => {', '  req.user = load();', '  next();', '});')).toEqual([]);
    expect(js('router.get("/", async (req, res, next) => {', '  try { res.send(await load()); } catch (e) { next(e); }', '});')).toEqual([]);
    // (ctx, next) not handed to a middleware registration: whatever `next` is there, it is not Koa's.
    expect(js('function step(ctx, next) {', '  next();', '}')).toEqual([]);
  });
});

describe('a browser page handed in as a parameter', () => {
  it('reads page methods as promises when a method only a browser page has is called on it', () => {
    const script = ['module.exports = function click(page, scenario) {', '  for (const selector of scenario.selectors) {', '    page.waitFor(selector);', '    page.click(selector);', '  }', '};'];
    expect(js(...script)).toEqual([
      { detector: 'js.floating-promise', line: 3 },
      { detector: 'js.floating-promise', line: 4 },
    ]);
    expect(js("test('opens', async ({ page }) => {", "  await page.goto('https://example.com');", "  page.click('#go');", '});')).toEqual([{ detector: 'js.floating-promise', line: 3 }]);
  });

  it('stays silent on awaited calls, on a page without a browser-only method, and on a page the paste makes itself', () => {
    expect(js('module.exports = async (page, scenario) => {', '  await page.waitForSelector(scenario.sel);', '  await page.click(scenario.sel);', '};')).toEqual([]);
    // A pager, a book page: nothing shows a browser.
    expect(js('function turn(page) {', '  page.click();', '  page.render();', '}')).toEqual([]);
    expect(js('function paginate(items, page) {', '  const page2 = page + 1;', '  page.click(page2);', '}')).toEqual([]);
  });
});

describe('Firestore references', () => {
  it('reads a document get() used as the snapshot as a promise used as its value', () => {
    expect(js('function show(id) {', '  const docRef = collectionReference.doc(id).get();', '  const doc = docRef.data();', '  console.log(doc);', '}')).toContainEqual({
      detector: 'js.promise-as-value',
      line: 2,
    });
  });

  it('stays silent on an awaited get, a returned query chain, and a Map or cache get()', () => {
    expect(js('async function show(id) {', '  const snap = await db.collection("users").doc(id).get();', '  return snap.data();', '}')).toEqual([]);
    expect(js('function list() {', '  return db.collection("users").where("age", ">", 3).get().then((s) => s.docs);', '}')).toEqual([]);
    expect(js('function show(cache, id) {', '  const user = cache.get(id);', '  return user.name;', '}')).toEqual([]);
  });
});

describe('chrome.* extension APIs given a callback', () => {
  it('reports await on a chrome API call that is handed a callback (it returns undefined then)', () => {
    expect(js('const cb = (items) => console.log(items);', 'async function load(key) {', '  const storage = await chrome.storage.sync.get(key, cb);', '  return storage;', '}')).toEqual([
      { detector: 'js.await-non-promise', line: 3 },
    ]);
    expect(js('async function tabs() {', '  await chrome.tabs.query({ active: true }, (tabs) => use(tabs));', '}')).toEqual([{ detector: 'js.await-non-promise', line: 2 }]);
  });

  it('stays silent on the promise form (no callback) and on the callback form that is not awaited', () => {
    expect(js('async function load(key) {', '  const items = await chrome.storage.sync.get(key);', '  return items[key];', '}')).toEqual([]);
    expect(js('function load(key, done) {', '  chrome.storage.sync.get(key, (items) => done(items[key]));', '}')).toEqual([]);
  });
});

describe('Telethon messages', () => {
  const handler = (body: string) => [
    'client = TelegramClient(username, api_id, api_hash)',
    '',
    "@client.on(events.NewMessage(chats='me'))",
    'async def handler(event):',
    "    if 'hello' in event.raw_text:",
    `        ${body}`,
    '',
    'client.start()',
    'client.run_until_disconnected()',
  ];

  it("reports event.reply(…) not awaited in a handler, the client's own name showing the library without its import", () => {
    expect(py(...handler("event.reply('hi!')"))).toEqual([{ detector: 'py.unawaited-coroutine', line: 6 }]);
  });

  it('stays silent when it is awaited, under telethon.sync, or in a paste that imports Pyrogram', () => {
    expect(py(...handler("await event.reply('hi!')"))).toEqual([]);
    expect(py('from telethon.sync import TelegramClient, events', ...handler("event.reply('hi!')"))).toEqual([]);
    expect(py('from pyrogram import Client', ...handler("event.reply('hi!')"))).toEqual([]);
  });
});

describe('a cursor entered with async with', () => {
  it("reads its execute/fetch methods as coroutines (aiomysql, aiopg, psycopg 3's AsyncCursor)", () => {
    expect(py('async def test(conn):', '    async with conn.cursor() as cur:', '        cur.execute("SELECT 1;")', '        rows = await cur.fetchall()')).toEqual([{ detector: 'py.unawaited-coroutine', line: 3 }]);
  });

  it("stays silent on a synchronous driver's cursor (plain with) and on awaited calls", () => {
    expect(py('def test(conn):', '    with conn.cursor() as cur:', '        cur.execute("SELECT 1;")', '        rows = cur.fetchall()')).toEqual([]);
    expect(py('async def test(conn):', '    async with conn.cursor() as cur:', '        await cur.execute("SELECT 1;")', '        return await cur.fetchall()')).toEqual([]);
  });
});

describe("a handler's body cut out under its require lines", () => {
  it('reads top-level await among an undeclared interaction as the body of the async handler', () => {
    const text = [
      '```typescript',
      "const { ActionRow } = require('discord.js');",
      'const row = new ActionRow();',
      "const message = await interaction.editReply({ content: 'hi', components: [row] });",
      'const component = await message.awaitMessageComponent({ time: 30_000 });',
      'console.log(component);',
      '```',
    ].join('\n');
    expect(rules(text)).toEqual([]);
  });

  it('still reports top-level await in a CommonJS script that shows no handler', () => {
    const text = ['```js', "const fs = require('fs/promises');", "const data = await fs.readFile('a.txt', 'utf8');", 'console.log(data);', '```'].join('\n');
    expect(rules(text)).toEqual(['js/await-outside-async']);
  });
});

describe('an unfenced script of plain statements', () => {
  it('is code when its assignments and calls surround one line of the language itself', () => {
    const script = [
      'api_id = 444444',
      "api_hash = 'abc'",
      'client = TelegramClient(username, api_id, api_hash)',
      'print("Client Created")',
      '@client.on(events.NewMessage())',
      'async def handler(event):',
      '    print(event.raw_text)',
      "    print('\\n')",
      '    print(event.message.date)',
      '    print(event.message.message)',
      '    print(event.chat_id)',
      "    event.reply('hi')",
      'client.start()',
      'client.run_until_disconnected()',
    ].join('\n');
    expect(guessLanguage(script)).toBe('python');
  });

  it('reads every line with patterns that cannot backtrack badly (recheck)', () => {
    for (const re of [NEUTRAL_ASSIGNMENT, NEUTRAL_CALL]) expect(checkSync(re.source, re.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
  });

  it('stays prose when sentences only mention such a statement', () => {
    const prose = [
      'I wrote the handler below and it never answers.',
      'The client = TelegramClient(...) line works, I checked.',
      'When I call event.reply nothing happens and no error shows.',
      'def handler is decorated like the docs say:',
      'Any idea what I am missing here? Thanks a lot.',
      'I am on Python 3.11 with the latest release.',
    ].join('\n');
    expect(guessLanguage(prose)).toBeNull();
  });
});
