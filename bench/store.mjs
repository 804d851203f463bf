#!/usr/bin/env node
// Case-log speed with the production pragmas (WAL, synchronous=NORMAL), against
// the compiled store in dist/ (run `npm run build` first; `npm run bench` does).
//
//   node bench/store.mjs [--rows 1000000]
//
// Prints a table and exits 0. Everything is written under a temporary
// directory that is removed at the end, also on Ctrl-C.
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, percentile } from './lib/percentile.mjs';
import Database from 'better-sqlite3';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const bigRows = Number(values.rows);

let storeModule;
try {
  storeModule = await import('../dist/store/index.js');
} catch (e) {
  console.error(`bench/store.mjs: cannot load dist/store/index.js (${e.message.split('\n')[0]}); run \`npm run build\` first`);
  process.exit(1);
}
const { openStore } = storeModule;
const { topRulesSql } = await import('../dist/store/insight.js');

const dir = mkdtempSync(join(tmpdir(), 'awaitbot-bench-store-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    cleanup();
    process.exit(code);
  });
}

const rules = [
  'py/coroutine-never-awaited', 'py/time-sleep-in-async', 'py/blocking-call-in-async', 'py/asyncio-run-in-running-loop',
  'py/discordpy-load-extension-not-awaited', 'py/task-garbage-collected', 'py/await-outside-async', 'py/gather-without-await',
  'js/floating-promise', 'js/async-foreach', 'js/await-in-loop-sequential', 'js/async-promise-executor',
  'js/unhandled-rejection', 'js/missing-await-return-in-try', 'js/then-without-return', 'js/discordjs-reply-twice',
  'py/aiohttp-session-not-closed', 'py/taskgroup-exception', 'py/timeout-cancelled', 'js/sync-fs-in-handler',
];

/** A paste of the size people send: a short traceback and the code around it (~1 KB). */
function paste(i) {
  const lines = [
    'Traceback (most recent call last):',
    `  File "/home/user/bot/cogs/music_${i % 97}.py", line ${20 + (i % 300)}, in play`,
    '    await ctx.send(embed=embed)',
    `RuntimeWarning: coroutine 'Queue.get' was never awaited`,
    '',
    'async def play(self, ctx, *, query: str):',
    `    track = self.queue.get()  # case ${i}`,
    '    embed = discord.Embed(title=track.title, description=track.url)',
    '    time.sleep(1)',
    '    await ctx.send(embed=embed)',
  ];
  const extra = (i * 7919) % 12;
  for (let k = 0; k < extra; k++) lines.push(`    log.debug("step ${k} of request ${i}")`);
  return lines.join('\n') + '\n';
}

function caseInput(i) {
  const unmatched = i % 10 === 0;
  const rule = rules[Math.min(rules.length - 1, Math.floor(Math.abs(Math.sin(i)) ** 2 * rules.length))];
  return {
    source: 'discord',
    guildId: `10000000000000000${i % 3}`,
    channelId: `20000000000000${String(i % 40).padStart(4, '0')}`,
    userId: `3000000000000${String(i % 5000).padStart(5, '0')}`,
    trigger: i % 4 === 0 ? 'context-menu' : 'explain',
    language: rule.startsWith('py/') ? 'python' : 'javascript',
    matches: unmatched ? [] : i % 3 === 0 ? [{ rule, confidence: 0.91 }, { rule: 'py/coroutine-never-awaited', confidence: 0.6 }] : [{ rule, confidence: 0.88 }],
    paste: paste(i),
    fixShown: !unmatched,
    evidenceSummary: 'py-warning:RuntimeWarning; finding:py.unawaited-coroutine',
    latencyMs: 2.5,
  };
}

const ms = (ns) => Number(ns) / 1e6;
const fileBytes = (path) => ['', '-wal'].map((s) => path + s).filter(existsSync).reduce((n, f) => n + statSync(f).size, 0);

const results = [];
try {
  // 1. One insert at a time, each its own committed transaction, as on the reply path.
  const path = join(dir, 'inserts.db');
  const store = openStore(path);
  for (let i = 0; i < 500; i++) await store.logCase(caseInput(i));
  const one = [];
  for (let i = 500; i < 5500; i++) {
    const t = process.hrtime.bigint();
    await store.logCase(caseInput(i));
    one.push(ms(process.hrtime.bigint() - t));
  }
  results.push(['one case insert (WAL, synchronous=NORMAL), median', median(one).toFixed(3) + ' ms', '≤ 0.2 ms']);
  results.push(['one case insert, p99', percentile(one, 99).toFixed(3) + ' ms', '']);

  // 2. Sustained: 100,000 cases back to back, each committed before the next (what a busy bot would do).
  const sustainedCount = 100_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < sustainedCount; i++) await store.logCase(caseInput(10_000 + i));
  const seconds = ms(process.hrtime.bigint() - t0) / 1000;
  results.push(['sustained, one transaction per case', Math.round(sustainedCount / seconds).toLocaleString('en') + ' cases/s', '']);
  await store.close();

  // 3. Size: 100,000 realistic cases (~1 KB pastes) in a fresh file.
  const sizePath = join(dir, 'size.db');
  const sized = openStore(sizePath);
  for (let i = 0; i < 100_000; i++) await sized.logCase(caseInput(i));
  await sized.close();
  results.push(['database size per 100k cases (~1 KB pastes)', (fileBytes(sizePath) / 1024 / 1024).toFixed(1) + ' MB', '']);

  // 4. Insight over a big log: rows generated in bulk, spread over 90 days.
  const bigPath = join(dir, 'big.db');
  await openStore(bigPath).close(); // creates the schema through the real migrations
  const db = new Database(bigPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertCase = db.prepare(
    `INSERT INTO cases (created_at, source, guild_id, channel_id, user_id, trigger, language, matched, paste, fix_shown, evidence_summary, latency_ms)
     VALUES (?, 'discord', ?, ?, ?, 'explain', 'python', ?, ?, 1, 'finding', 2.5)`,
  );
  const insertMatch = db.prepare('INSERT INTO case_matches (case_id, rank, rule_id, confidence, created_at, guild_id) VALUES (?, ?, ?, ?, ?, ?)');
  const insertVote = db.prepare('INSERT OR IGNORE INTO feedback (case_id, user_id, vote, created_at, case_created_at) VALUES (?, ?, ?, ?, ?)');
  const now = Date.now();
  const span = 90 * 86_400_000;
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const c = caseInput(i);
      const at = now - Math.floor(((bigRows - i) / bigRows) * span);
      const id = Number(insertCase.run(at, c.guildId, c.channelId, c.userId, c.matches.length ? 1 : 0, `short paste ${i}`).lastInsertRowid);
      c.matches.forEach((m, rank) => insertMatch.run(id, rank, m.rule, m.confidence, at, c.guildId));
      if (i % 17 === 0) insertVote.run(id, c.userId, i % 5 === 0 ? 'wrong' : 'helpful', at, at);
    }
  });
  const g0 = process.hrtime.bigint();
  for (let from = 0; from < bigRows; from += 20_000) batch(from, Math.min(bigRows, from + 20_000));
  const generated = ms(process.hrtime.bigint() - g0) / 1000;
  db.close();

  const big = openStore(bigPath);
  const reader = new Database(bigPath, { readonly: true });
  const topRules = reader.prepare(topRulesSql(false));
  // For comparison: the plain GROUP BY over the covering (created_at, rule_id) index.
  const groupBy = reader.prepare(`SELECT rule_id AS rule, count(*) AS cases FROM case_matches INDEXED BY case_matches_time_rule
     WHERE created_at >= ? AND created_at < ? AND rank = 0 GROUP BY rule_id ORDER BY cases DESC, rule_id LIMIT 10`);
  const timeIt = async (fn, runs = 7) => {
    await fn();
    const xs = [];
    for (let r = 0; r < runs; r++) {
      const t = process.hrtime.bigint();
      await fn();
      xs.push(ms(process.hrtime.bigint() - t));
    }
    return median(xs);
  };
  const weekAgo = now - 7 * 86_400_000;
  const rowsLabel = bigRows.toLocaleString('en');
  results.push([`top 10 rules this week over ${rowsLabel} cases`, (await timeIt(() => topRules.all({ since: weekAgo, until: now + 1 }))).toFixed(2) + ' ms', '≤ 15 ms']);
  results.push(['  same with GROUP BY on (created_at, rule_id)', (await timeIt(() => groupBy.all(weekAgo, now + 1))).toFixed(2) + ' ms', '']);
  results.push([`whole \`stats --days 7\` over ${rowsLabel} cases`, (await timeIt(() => big.stats({ days: 7 }))).toFixed(2) + ' ms', '']);
  results.push([`whole \`stats --days 7\` for one server`, (await timeIt(() => big.stats({ days: 7, guildId: '100000000000000001' }))).toFixed(2) + ' ms', '']);
  results.push([`the /stats chart's weeks, 4 weeks, over ${rowsLabel} cases`, (await timeIt(() => big.ruleWeeks({ weeks: 4 }))).toFixed(2) + ' ms', '']);
  results.push([`the /stats chart's weeks, 13 weeks (all 90 days), over ${rowsLabel} cases`, (await timeIt(() => big.ruleWeeks({ weeks: 13 }))).toFixed(2) + ' ms', '']);
  results.push([`\`review --limit 20\` over ${rowsLabel} cases`, (await timeIt(() => big.review({ limit: 20 }))).toFixed(2) + ' ms', '']);
  results.push([`(generating ${rowsLabel} cases in bulk took)`, generated.toFixed(1) + ' s', '']);
  reader.close();
  await big.close();
} finally {
  cleanup();
}

const w = [Math.max(...results.map((r) => r[0].length)), Math.max(...results.map((r) => r[1].length))];
console.log(`\nawaitbot store (better-sqlite3, ${process.version})\n`);
console.log(`${'measure'.padEnd(w[0])}  ${'result'.padStart(w[1])}  goal`);
console.log(`${'-'.repeat(w[0])}  ${'-'.repeat(w[1])}  ----`);
for (const [name, value, goal] of results) console.log(`${name.padEnd(w[0])}  ${value.padStart(w[1])}  ${goal}`);
