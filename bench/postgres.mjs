#!/usr/bin/env node
// The PostgreSQL store (DATABASE_URL), against the compiled store in dist/ and a
// throwaway server this script starts (scripts/temp-postgres.mjs: initdb + pg_ctl on
// a temporary directory and a free port of 127.0.0.1; fsync on, as in production).
//
//   node bench/postgres.mjs [--cases 5000]
//
// Prints a table and exits 0; exits 1 when the server cannot start. The server and
// its files are removed at the end, also on Ctrl-C.
import { parseArgs } from 'node:util';
import { startTempPostgres } from '../scripts/temp-postgres.mjs';
import { median, percentile } from './lib/percentile.mjs';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '5000' } } });
const count = Number(values.cases);

let storeModule;
try {
  storeModule = await import('../dist/store/index.js');
} catch (e) {
  console.error(`bench/postgres.mjs: cannot load dist/store/index.js (${e.message.split('\n')[0]}); run \`npm run build\` first`);
  process.exit(1);
}
const { PgStore } = storeModule;

let server;
try {
  server = await startTempPostgres({ durable: true });
} catch (e) {
  console.error(`bench/postgres.mjs: ${e.message}`);
  process.exit(1);
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    server.stop();
    process.exit(code);
  });
}

const ms = (ns) => Number(ns) / 1e6;

/** A case as the bot logs one: a ~1 KB paste, one or two matches. */
function caseInput(i, publicId) {
  return {
    source: 'discord',
    guildId: `10000000000000000${i % 3}`,
    channelId: `20000000000000${String(i % 40).padStart(4, '0')}`,
    userId: `3000000000000${String(i % 5000).padStart(5, '0')}`,
    trigger: 'explain',
    language: 'python',
    matches: i % 10 === 0 ? [] : [{ rule: 'py/coroutine-never-awaited', confidence: 0.9 }, { rule: 'py/time-sleep-in-async', confidence: 0.6 }],
    paste: `Traceback (most recent call last):\n  File "bot.py", line ${i}, in play\nRuntimeWarning: coroutine 'Queue.get' was never awaited\n`.repeat(8),
    fixShown: true,
    evidenceSummary: 'py-warning:RuntimeWarning',
    latencyMs: 2.5,
    ...(publicId ? { publicId } : {}),
  };
}

const results = [];
try {
  // 1. One case at a time, each committed before the next (the reply path), on the pool.
  const store = new PgStore(await server.createDatabase('inserts'));
  for (let i = 0; i < 300; i++) await store.logCase(caseInput(i));
  const one = [];
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    await store.logCase(caseInput(i));
    one.push(ms(process.hrtime.bigint() - t));
  }
  results.push(['PostgreSQL case insert (pooled), median', median(one).toFixed(3) + ' ms', '≤ 1 ms']);
  results.push(['PostgreSQL case insert, p99', percentile(one, 99).toFixed(3) + ' ms', '']);
  // The floor under it on this machine: one round trip on a pooled connection that does nothing.
  const { default: pgDriver } = await import('pg');
  const floorPool = new pgDriver.Pool({ connectionString: server.url('inserts'), max: 1 });
  const floor = [];
  for (let i = 0; i < 2000; i++) {
    const t = process.hrtime.bigint();
    await floorPool.query('SELECT 1');
    floor.push(ms(process.hrtime.bigint() - t));
  }
  await floorPool.end();
  results.push(['  round trip floor (SELECT 1 on the pool), median', median(floor).toFixed(3) + ' ms', '']);
  // For comparison: waiting for every commit to reach the disk (synchronousCommit, off by default; see pg-guarded.ts).
  const synced = new PgStore(await server.createDatabase('synced'), { synchronousCommit: true });
  for (let i = 0; i < 100; i++) await synced.logCase(caseInput(i));
  const syncedTimes = [];
  for (let i = 0; i < Math.min(count, 1000); i++) {
    const t = process.hrtime.bigint();
    await synced.logCase(caseInput(i));
    syncedTimes.push(ms(process.hrtime.bigint() - t));
  }
  await synced.close();
  results.push(['  same, each commit flushed to disk (synchronous_commit on)', median(syncedTimes).toFixed(3) + ' ms', '']);

  // 2. 20 replies in flight at once, as a busy bot would have.
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => store.logCase(caseInput(i + k))));
  results.push(['20 cases in flight, sustained', Math.round(count / (ms(process.hrtime.bigint() - t0) / 1000)).toLocaleString('en') + ' cases/s', '']);
  await store.close();

  // 3. The server restarts (pg_ctl stop -m fast, start) in the middle of a burst of 3,000 replies, 20 in flight.
  const url = await server.createDatabase('restart');
  const burst = new PgStore(url, { reopenAfterMs: 100 });
  const replied = [];
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < 3000; i += 20) {
    if (i === 1000) server.pause();
    if (i === 2000) server.resume();
    const batch = await Promise.all(
      Array.from({ length: 20 }, async (_, k) => {
        const publicId = `bench-restart-${String(i + k).padStart(6, '0')}-xxxx`;
        await burst.logCase(caseInput(i + k, publicId));
        return publicId; // the reply goes out once logCase has resolved
      }),
    );
    replied.push(...batch);
  }
  const burstSeconds = ms(process.hrtime.bigint() - t1) / 1000;
  while (!(await burst.flush())) await new Promise((r) => setImmediate(r));
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const stored = new Set((await client.query('SELECT public_id FROM cases')).rows.map((r) => r.public_id));
  await client.end();
  await burst.close();
  results.push(['restart mid-burst: replies sent', replied.length.toLocaleString('en') + ` in ${burstSeconds.toFixed(1)} s`, '']);
  results.push(['restart mid-burst: lost cases whose reply was sent', String(replied.filter((id) => !stored.has(id)).length), '0']);
} finally {
  server.stop();
}

const w = [Math.max(...results.map((r) => r[0].length)), Math.max(...results.map((r) => r[1].length))];
console.log(`\nawaitbot store on PostgreSQL (pg, ${process.version})\n`);
console.log(`${'measure'.padEnd(w[0])}  ${'result'.padStart(w[1])}  goal`);
console.log(`${'-'.repeat(w[0])}  ${'-'.repeat(w[1])}  ----`);
for (const [name, value, goal] of results) console.log(`${name.padEnd(w[0])}  ${value.padStart(w[1])}  ${goal}`);
