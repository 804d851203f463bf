// Sharded bot speed, end to end: `node bin/awaitbot.js start --shards 4` (discord.js's
// ShardingManager, one bot process per shard) against the fake Discord serving 4 shards, one
// guild on each. Every shard gets /explain paced at 50/s at the same time; latency is dispatch →
// first response seen by the fake. Then every case whose reply was sent is looked up in the
// shared SQLite file: none may be lost. Run after `npm run build`.
//   node bench/shards.mjs [--seconds 20] [--shards 4] [--rate 50]   (--rate: interactions per second per shard)
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeDiscord } from '../test/fake-discord/server.mjs';
import { startBotProcess } from './lib/bot-process.mjs';
import { percentile } from './lib/percentile.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg !== -1 ? Number(process.argv[secondsArg + 1]) : 20;
const shardsArg = process.argv.indexOf('--shards');
const shards = shardsArg !== -1 ? Number(process.argv[shardsArg + 1]) : 4;
const rateArg = process.argv.indexOf('--rate');
const perSecond = rateArg !== -1 ? Number(process.argv[rateArg + 1]) : 50;
const paste = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt'), 'utf8');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const fake = await new FakeDiscord({ shards, maxConcurrency: shards }).start();
const guilds = Array.from({ length: shards }, (_, shard) => fake.addGuild({ shard }));
// One diagnosis thread per shard: four bot processes share the machine.
const bot = startBotProcess(fake, ['start', '--shards', String(shards)], { AWAITBOT_DIAGNOSIS_THREADS: '1' });
const { databasePath, exited } = bot;

/** One guild's /explain at `perSecond` for `count` interactions; returns what was sent. */
async function paced(guild, count) {
  const gap = 1000 / perSecond;
  const start = performance.now();
  const sent = [];
  for (let i = 0; i < count; i++) {
    const wait = start + i * gap - performance.now();
    if (wait > 0) await sleep(wait);
    const user = fake.user();
    sent.push({ ...fake.slash('explain', [{ name: 'text', type: 3, value: paste }], { guildId: guild.id, user }), guildId: guild.id });
  }
  return sent;
}

/**
 * Resolves once every interaction in `sent` has its outcome (answered, or too late to be), or after
 * `timeoutMs`: one the bot never acknowledged at all then counts as unanswered.
 */
function settled(sent, timeoutMs) {
  const done = (s) => {
    const [first] = fake.callbacksOf(s.token);
    if (!first) return false;
    return first.lateBy !== undefined || first.type !== 5 || fake.requestsFor(s.token).some((r) => r.method === 'PATCH');
  };
  return fake.waitFor(() => sent.every(done), timeoutMs, 'every interaction answered').catch(() => {});
}

/** The user saw an answer: a reply in time, or a deferral in time and then its edit. */
function replySent(token) {
  const [first] = fake.callbacksOf(token);
  if (!first || first.lateBy !== undefined) return false;
  return first.type === 4 || (first.type === 5 && fake.requestsFor(token).some((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original')));
}

try {
  const t0 = performance.now();
  await Promise.race([fake.ready({ timeoutMs: 180_000 }), exited.then((code) => Promise.reject(new Error(`the bot exited (${code}) before every shard connected`)))]);
  const startupMs = performance.now() - t0;
  // Warm-up: JIT, SQLite pages, each shard's diagnosis worker.
  await settled((await Promise.all(guilds.map((g) => paced(g, 50)))).flat(), 60_000);

  const count = seconds * perSecond;
  const sent = (await Promise.all(guilds.map((g) => paced(g, count)))).flat();
  // A case is committed before its reply is sent, so once every reply is out the log is complete.
  await settled(sent, 60_000);

  const latency = (list) => list.map((s) => fake.callbacksOf(s.token)[0]?.latencyMs ?? Infinity);
  const rows = guilds.map((g, shard) => {
    const xs = latency(sent.filter((s) => s.guildId === g.id));
    return { name: `shard ${shard}`, n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99), max: Math.max(...xs) };
  });
  const all = latency(sent);
  rows.push({ name: `all ${shards} shards`, n: all.length, p50: percentile(all, 50), p99: percentile(all, 99), max: Math.max(...all) });

  const replied = sent.filter((s) => replySent(s.token));
  const db = new Database(databasePath, { readonly: true, timeout: 5000 });
  const logged = new Set(db.prepare('SELECT guild_id, user_id FROM cases').all().map((r) => `${r.guild_id}:${r.user_id}`));
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  const lost = replied.filter((s) => !logged.has(`${s.guildId}:${s.user.id}`)).length;

  console.log(`awaitbot sharded bench — ${shards} shard processes, ${perSecond}/s each for ${seconds} s; start → every shard identified ${startupMs.toFixed(0)} ms\n`);
  console.log('| scenario | n | p50 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`);
  console.log(`\nreplies sent: ${replied.length} of ${sent.length}; cases lost (reply sent, no case logged): ${lost}; integrity_check: ${integrity}`);
  console.log(`limit violations seen by the fake: ${fake.violations.length}; IDENTIFYs past max_concurrency: ${fake.identifyViolations.length}`);
  const p99 = rows.at(-1).p99;
  console.log(`goal p99 ≤ 50 ms and 0 lost cases: ${p99 <= 50 && lost === 0 ? 'met' : 'NOT met'} (p99 ${p99.toFixed(1)} ms, ${lost} lost)`);
} finally {
  // The manager stops every shard before it exits.
  await bot.stop(60_000);
}
process.exit(0);
