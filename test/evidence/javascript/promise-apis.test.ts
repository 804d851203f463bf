import { describe, expect, it } from 'vitest';
import { analyzeJavaScript } from '../../../src/evidence/javascript/snippet/index.js';

const NO_HINTS = { coroutineNames: [], lines: [], notebook: false };
const found = (code: string) => analyzeJavaScript(code, 0, NO_HINTS).map((f) => ({ detector: f.detector, line: f.line }));
const lines = (...l: string[]) => l.join('\n') + '\n';

describe('own functions that return a promise without being async', () => {
  it('finds a floating call of a function that returns new Promise(...)', () => {
    const code = lines(
      'function wait(ms) {',
      '  return new Promise((resolve) => setTimeout(resolve, ms));',
      '}',
      'async function run() {',
      '  wait(500);',
      "  console.log('done');",
      '}',
    );
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 5 }]);
  });

  it('finds a floating call of a function that returns a .then chain', () => {
    const code = lines(
      'const loadUser = (id) => db.get(id).then((row) => row.user);',
      'async function show(id) {',
      '  loadUser(id);',
      '}',
    );
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 3 }]);
  });

  it('finds a TypeScript function declared to return Promise<...> read as its value', () => {
    const code = lines(
      'function getCount(): Promise<number> {',
      '  return api.count();',
      '}',
      'function render() {',
      '  const n = getCount();',
      '  console.log(n.toFixed(0));',
      '}',
    );
    expect(found(code)).toContainEqual({ detector: 'js.promise-as-value', line: 5 });
  });

  it('says nothing when the promise is awaited, returned, voided or handled', () => {
    const code = lines(
      'function wait(ms) {',
      '  return new Promise((resolve) => setTimeout(resolve, ms));',
      '}',
      'async function a() {',
      '  await wait(1);',
      '  void wait(2);',
      '  wait(3).then(() => log()).catch(report);',
      '  return wait(4);',
      '}',
    );
    expect(found(code)).toEqual([]);
  });

  it('does not take a function for a promise when one path returns a plain value', () => {
    const code = lines(
      'function cached(key) {',
      '  if (cache[key]) return cache[key];',
      '  return new Promise((resolve) => load(key, resolve));',
      '}',
      'async function run() {',
      "  cached('a');",
      '}',
    );
    expect(found(code)).toEqual([]);
  });

  it('does not count a new Promise returned by a nested callback as the outer function\'s result', () => {
    const code = lines(
      'function schedule(jobs) {',
      '  jobs.forEach((j) => {',
      '    return new Promise((r) => r(j));',
      '  });',
      '}',
      'async function run() {',
      '  schedule(list);',
      '}',
    );
    expect(found(code)).toEqual([]);
  });

  it('does not take a TypeScript function declared to return void for a promise', () => {
    const code = lines(
      'function start(): void {',
      '  new Promise((r) => r(1));',
      '}',
      'async function run() {',
      '  start();',
      '}',
    );
    expect(found(code)).toEqual([]);
  });
});

describe('library calls bound to their module', () => {
  it('finds a floating bcrypt.hash without callback', () => {
    const code = lines(
      "const bcrypt = require('bcrypt');",
      'async function register(user, pw) {',
      '  bcrypt.hash(pw, 10);',
      '  await user.save();',
      '}',
    );
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 3 }]);
  });

  it('finds bcryptjs compare read as a boolean', () => {
    const code = lines(
      "import { compare } from 'bcryptjs';",
      'function login(pw, hash) {',
      '  if (compare(pw, hash)) {',
      '    return true;',
      '  }',
      '}',
    );
    expect(found(code)).toContainEqual({ detector: 'js.promise-as-value', line: 3 });
  });

  it('finds a floating undici request', () => {
    const code = lines(
      "const { request } = require('undici');",
      'async function ping(url) {',
      '  request(url);',
      '}',
    );
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 3 }]);
  });

  it('says nothing about bcrypt\'s callback form, or an awaited call', () => {
    const code = lines(
      "const bcrypt = require('bcrypt');",
      'async function register(pw) {',
      '  bcrypt.hash(pw, 10, (err, hash) => save(hash));',
      '  bcrypt.compare(pw, stored, callback);',
      '  const h = await bcrypt.hash(pw, 10);',
      '  return h;',
      '}',
    );
    expect(found(code)).toEqual([]);
  });

  it('says nothing about a same-named method on an object not bound to the library', () => {
    const code = lines(
      "const hasher = require('./my-sync-hasher');",
      'function sign(pw) {',
      '  hasher.hash(pw, 10);',
      "  const { request } = require('./sync-client');",
      '  request(pw);',
      '}',
    );
    expect(found(code)).toEqual([]);
  });
});

describe('library clients made with new', () => {
  it('finds a floating Prisma model query, even when the paste leaves out the import', () => {
    const code = lines(
      'const prisma = new PrismaClient();',
      'async function addUser(email) {',
      '  prisma.user.create({ data: { email } });',
      '}',
    );
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 3 }]);
  });

  it('finds a Prisma query read as its rows', () => {
    const code = lines(
      "import { PrismaClient } from '@prisma/client';",
      'const prisma = new PrismaClient();',
      'function names() {',
      '  const users = prisma.user.findMany();',
      '  return users.map((u) => u.name);',
      '}',
    );
    expect(found(code)).toContainEqual({ detector: 'js.promise-as-value', line: 4 });
  });

  it('finds a floating pg pool query without callback', () => {
    const code = lines(
      "const { Pool } = require('pg');",
      'const pool = new Pool();',
      'async function log(msg) {',
      "  pool.query('INSERT INTO log VALUES ($1)', [msg]);",
      '}',
    );
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 4 }]);
  });

  it('says nothing about awaited or returned Prisma queries, pg callbacks, or an unrelated Pool', () => {
    const code = lines(
      "const { Pool } = require('pg');",
      'const pool = new Pool();',
      'const prisma = new PrismaClient();',
      "const workers = new (require('./threads').Pool)();",
      'async function run(msg) {',
      '  await prisma.user.create({ data: {} });',
      "  pool.query('SELECT 1', (err, res) => done(res));",
      '  return prisma.user.findMany();',
      '}',
    );
    expect(found(code)).toEqual([]);
  });

  it('does not take a Pool from another module for pg', () => {
    const code = lines(
      "const { Pool } = require('generic-pool-sync');",
      'const pool = new Pool();',
      'async function run() {',
      '  pool.query(task);',
      '}',
    );
    expect(found(code)).toEqual([]);
  });
});

describe('mysql2/promise', () => {
  it('finds a connection from mysql2/promise used without await', () => {
    const code = lines(
      "const mysql = require('mysql2/promise');",
      'async function rows() {',
      '  const conn = mysql.createConnection({ host });',
      "  return conn.query('SELECT 1');",
      '}',
    );
    expect(found(code)).toContainEqual({ detector: 'js.promise-as-value', line: 3 });
  });

  it('says nothing about the synchronous createPool, or callback mysql2', () => {
    const code = lines(
      "const mysqlp = require('mysql2/promise');",
      "const mysql = require('mysql2');",
      'async function rows() {',
      '  const pool = mysqlp.createPool({ host });',
      '  const conn = mysql.createConnection({ host });',
      "  conn.query('SELECT 1');",
      "  return pool.query('SELECT 1');",
      '}',
    );
    expect(found(code)).toEqual([]);
  });
});

describe('ORM models made by a factory (Mongoose, Sequelize)', () => {
  it('finds Mongoose model statics and document saves left unawaited', () => {
    const code = lines(
      "const mongoose = require('mongoose');",
      "const User = mongoose.model('User', new mongoose.Schema({ name: String }));",
      'async function register(req, res) {',
      '  const user = new User({ name: req.body.name });',
      '  user.save();',
      '  User.updateOne({ _id: req.body.ref }, { $inc: { referrals: 1 } });',
      '  res.json(user);',
      '}',
    );
    expect(found(code)).toEqual([
      { detector: 'js.floating-promise', line: 5 },
      { detector: 'js.floating-promise', line: 6 },
    ]);
  });

  it('finds Sequelize models from sequelize.define and the instance itself', () => {
    const code = lines(
      "const { Sequelize, DataTypes } = require('sequelize');",
      'const sequelize = new Sequelize(process.env.DB_URL);',
      "const Task = sequelize.define('Task', { title: DataTypes.STRING });",
      'async function start() {',
      '  sequelize.sync();',
      "  const tasks = Task.findAll({ where: { done: false } });",
      '  console.log(tasks.length);',
      '}',
    );
    expect(found(code)).toEqual([
      { detector: 'js.floating-promise', line: 5 },
      { detector: 'js.promise-as-value', line: 6 },
    ]);
  });

  it('lets a Mongoose query be built before it runs, and leaves callbacks and other define/model calls alone', () => {
    const code = lines(
      "import { model, Schema } from 'mongoose';",
      "const Post = model('Post', new Schema({ title: String }));",
      "const Widget = registry.define('Widget', {});",
      "const Thing = store.model('Thing');",
      'export async function list() {',
      '  const q = Post.find({ draft: false });',
      '  q.limit(10);',
      '  const posts = await q.sort({ date: -1 });',
      '  Widget.create({});',
      '  Thing.find({});',
      '  return Post.find().sort({ date: -1 }).lean();',
      '}',
    );
    expect(found(code)).toEqual([]);
    // The callback form (Mongoose 6 and older) is the callback rule's business, not a floating promise.
    const callback = lines(code.replace("  q.limit(10);", "  Post.findOne({ slug: 'x' }, (err, post) => console.log(post));"));
    expect(found(callback).map((f) => f.detector)).toEqual(['js.mongoose-callback']);
  });
});

describe('node-redis clients', () => {
  it('finds commands of a connected node-redis 4 client left unawaited', () => {
    const code = lines(
      "const { createClient } = require('redis');",
      'const client = createClient({ url: process.env.REDIS_URL });',
      "client.on('error', (err) => console.error(err));",
      'async function remember(id, value) {',
      '  await client.connect();',
      '  client.set(`user:${id}`, value);',
      '  const cached = client.get(`user:${id}`);',
      '  return cached.length;',
      '}',
    );
    expect(found(code)).toEqual([
      { detector: 'js.floating-promise', line: 6 },
      { detector: 'js.promise-as-value', line: 7 },
    ]);
  });

  it('leaves a client that is never connected (node-redis 3, callbacks) and callback calls alone', () => {
    const v3 = lines(
      "const redis = require('redis');",
      'const client = redis.createClient();',
      'async function remember(id, value) {',
      '  client.set(`user:${id}`, value);',
      '}',
    );
    expect(found(v3)).toEqual([]);
    // The same code connecting first is node-redis 4: the namespace form is known too.
    expect(found(v3.replace('async function remember(id, value) {\n', 'async function remember(id, value) {\n  await client.connect();\n'))).toEqual([
      { detector: 'js.floating-promise', line: 5 },
    ]);
    const callback = lines(
      "import { createClient } from 'redis';",
      'const client = createClient();',
      'await client.connect();',
      "client.get('k', (err, v) => console.log(v));",
    );
    expect(found(callback)).toEqual([]);
  });
});

describe('knex query builders', () => {
  it('finds a knex query that is built and never run or awaited', () => {
    const code = lines(
      "const db = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });",
      'async function rename(id, name) {',
      "  db('users').where({ id }).update({ name });",
      "  db.raw('VACUUM');",
      "  const names = db('users').pluck('name');",
      '  console.log(`renamed; names: ${names}`);',
      '}',
    );
    expect(found(code)).toEqual([
      { detector: 'js.floating-promise', line: 3 },
      { detector: 'js.floating-promise', line: 4 },
      { detector: 'js.promise-as-value', line: 5 },
    ]);
  });

  it('lets queries be built up, awaited, chained and returned, and knows nothing without the knex binding', () => {
    const code = lines(
      "import knex from 'knex';",
      "const db = knex({ client: 'sqlite3' });",
      'export async function list(filter) {',
      "  const query = db('users').select('*');",
      '  if (filter) query.where(filter);',
      '  await db.raw("SELECT 1");',
      "  db('logs').insert({ at: Date.now() }).catch(console.error);",
      '  return query.orderBy("name");',
      '}',
      "function other(q) { q('users').where({}).update({}); }",
    );
    expect(found(code)).toEqual([]);
  });
});

describe('browser automation (Puppeteer, Playwright)', () => {
  it('finds a page action left unawaited on a page opened from a launched browser, and a launch used as the browser', () => {
    const code = lines(
      "const puppeteer = require('puppeteer');",
      '(async () => {',
      '  const browser = await puppeteer.launch({ headless: true });',
      '  const page = await browser.newPage();',
      '  page.setViewport({ width: 1920, height: 1080 });',
      "  await page.goto('https://example.com');",
      '  await browser.close();',
      '})();',
    );
    expect(found(code)).toEqual([{ detector: 'js.floating-promise', line: 5 }]);
    const playwright = lines(
      "import { chromium } from 'playwright';",
      'let browser;',
      'beforeAll(async () => {',
      '  browser = await chromium.launch();',
      '});',
      "test('title', async () => {",
      '  const context = await browser.newContext();',
      '  const page = await context.newPage();',
      "  page.click('#go');",
      '  await page.waitForURL(/done/);',
      '});',
    );
    expect(found(playwright)).toEqual([{ detector: 'js.floating-promise', line: 9 }]);
    const unawaited = lines(
      "const puppeteer = require('puppeteer');",
      'async function shoot(url) {',
      '  const browser = puppeteer.launch();',
      '  const page = browser.newPage();',
      '  await page.goto(url);',
      '}',
    );
    expect(found(unawaited).map((f) => f.detector)).toContain('js.promise-as-value');
  });

  it('leaves awaited actions, the calls that return no promise, and same-named methods of other objects alone', () => {
    const code = lines(
      "const puppeteer = require('puppeteer');",
      'async function scrape(url) {',
      '  const browser = await puppeteer.launch();',
      '  const page = await browser.newPage();',
      "  page.on('console', (msg) => console.log(msg.text()));",
      '  await page.goto(url);',
      '  console.log(page.url());',
      "  await page.keyboard.type('hello');",
      '  const title = await page.title();',
      '  await browser.close();',
      '  return title;',
      '}',
      'function ui(dialog, editor) {',
      "  dialog.close();",
      "  editor.type('x');",
      "  editor.click();",
      '}',
    );
    expect(found(code)).toEqual([]);
  });
});
