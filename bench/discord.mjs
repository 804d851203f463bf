// Bot speed, end to end: interaction dispatched by the fake Discord → first
// response received by the fake (the bot is the real `node bin/awaitbot.js
// start` child process). Sequential, 50 concurrent, paced at 50/s, and the
// bot's RSS after 10,000 interactions. Run after `npm run build`.
//   node bench/discord.mjs [--total 10000]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeDiscord } from '../test/fake-discord/server.mjs';
import { startBotProcess } from './lib/bot-process.mjs';
import { percentile } from './lib/percentile.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const totalArg = process.argv.indexOf('--total');
const total = totalArg !== -1 ? Number(process.argv[totalArg + 1]) : 10_000;
const paste = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt'), 'utf8');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid) => {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
};

const fake = await new FakeDiscord().start();
const botProcess = startBotProcess(fake, ['start']);
const bot = botProcess.child;

let n = 0;
async function one(kind = 'explain') {
  n += 1;
  const it =
    kind === 'explain'
      ? fake.slash('explain', [{ name: 'text', type: 3, value: paste }])
      : fake.autocomplete('faq', 'topic', 'unknown inter');
  const cb = await fake.firstCallback(it.token, 10_000);
  return cb.latencyMs;
}

async function concurrent(count, width) {
  const out = [];
  for (let done = 0; done < count; done += width) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(width, count - done) }, () => one()))));
  }
  return out;
}

async function paced(count, perSecond) {
  const gap = 1000 / perSecond;
  const start = performance.now();
  const pending = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * gap;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(one());
  }
  return Promise.all(pending);
}

const rows = [];
const row = (name, xs) => rows.push({ name, n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99), max: Math.max(...xs) });

try {
  const t0 = performance.now();
  await fake.ready({ timeoutMs: 30_000 });
  const startupMs = performance.now() - t0;
  await concurrent(200, 10); // warm-up: JIT, SQLite pages
  const rssStart = rssMb(bot.pid);

  const seq = [];
  for (let i = 0; i < 300; i++) seq.push(await one());
  row('/explain sequential', seq);
  const ac = [];
  for (let i = 0; i < 300; i++) ac.push(await one('autocomplete'));
  row('/faq autocomplete sequential', ac);
  row('/explain 50 concurrent', await concurrent(1000, 50));
  row('/explain paced 50/s', await paced(500, 50));

  const samples = [];
  while (n < total) {
    await concurrent(Math.min(2500, total - n), 50);
    samples.push(`${n}: ${rssMb(bot.pid).toFixed(0)} MB`);
  }
  const rssEnd = rssMb(bot.pid);

  console.log(`awaitbot Discord bench — bot start → gateway identify ${startupMs.toFixed(0)} ms; ${n} interactions in all\n`);
  console.log('| scenario | n | p50 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`);
  console.log(`\nbot RSS after warm-up: ${rssStart.toFixed(1)} MB; after ${n} interactions: ${rssEnd.toFixed(1)} MB`);
  console.log(`RSS along the way (interactions: RSS): ${samples.join(', ')}`);
  console.log(`limit violations or double acknowledgements seen by the fake: ${fake.violations.length}`);
  const paced50 = rows.find((r) => r.name === '/explain paced 50/s');
  console.log(`goal p99 ≤ 50 ms at 50/s: ${paced50.p99 <= 50 ? 'met' : 'NOT met'} (${paced50.p99.toFixed(1)} ms)`);
} finally {
  await botProcess.stop();
}
process.exit(0);
