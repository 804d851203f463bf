// The diagnosis engine (issue 3): per-paste latency over the fixture corpus, batch throughput,
// scaling with paste size, an adversarial paste, and one-shot `awaitbot explain` process time.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../dist/engine.js';
import { loadCorpus } from '../scripts/corpus.mjs';
import { fixturePastes } from './lib/fixture-pastes.mjs';
import { percentile } from './lib/percentile.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = fixturePastes();
const ms = (x) => `${x.toFixed(3)} ms`;
const rows = [];

const t0 = performance.now();
const engine = await createEngine();
rows.push(['engine start (knowledge + grammars)', ms(performance.now() - t0)]);

// Warm up, then time each paste of the corpus 20 times.
for (const text of corpus) engine.diagnose(text);
const times = [];
for (let round = 0; round < 20; round++) {
  for (const text of corpus) {
    const s = performance.now();
    engine.diagnose(text);
    times.push(performance.now() - s);
  }
}
rows.push([`per paste, ${corpus.length} corpus pastes × 20: p50`, ms(percentile(times, 50))], ['per paste: p99', ms(percentile(times, 99))], ['per paste: max', ms(Math.max(...times))]);

// Batch throughput through the real CLI (process start included).
// Every line distinct (see the corpus-mix rows below for why).
const lines = [];
for (let i = 0; i < 5000; i++) lines.push(JSON.stringify({ id: String(i), text: corpus[i % corpus.length] + ' '.repeat(Math.floor(i / corpus.length)) }));
let s = performance.now();
const batch = spawnSync(process.execPath, [join(root, 'bin/awaitbot.js'), 'batch'], { input: lines.join('\n'), maxBuffer: 1 << 28 });
const batchSecs = (performance.now() - s) / 1000;
rows.push([`awaitbot batch, 5,000 pastes (exit ${batch.status})`, `${Math.round(5000 / batchSecs)} pastes/s`]);

// The same on the real-paste corpus mix (issue 10's goals are measured there): its texts only,
// working and sealed parts alike, since timing reads no labels.
const mix = loadCorpus().map((c) => c.text);
for (const text of mix) engine.diagnose(text);
const mixTimes = [];
for (let round = 0; round < 20; round++) {
  for (const text of mix) {
    const t = performance.now();
    engine.diagnose(text);
    mixTimes.push(performance.now() - t);
  }
}
rows.push([`per paste, ${mix.length} real pastes (corpus mix) × 20: p50`, ms(percentile(mixTimes, 50))], ['per paste, corpus mix: p99', ms(percentile(mixTimes, 99))]);
// Batch answers a paste it has seen before from memory, and 5,000 lines hold each corpus text about
// three times. The goal row therefore makes every line distinct: the k-th copy of a text ends in k
// spaces. The engine does the same work on it (same rules, same lines; only a fix's code keeps the
// spaces), while the batch's memory of texts sees a new paste.
const batchRate = (lines) => {
  const t = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'bin/awaitbot.js'), 'batch'], { input: lines.join('\n'), maxBuffer: 1 << 28 });
  return { status: run.status, rate: Math.round(lines.length / ((performance.now() - t) / 1000)) };
};
const repeated = [];
const distinct = [];
for (let i = 0; i < 5000; i++) {
  const text = mix[i % mix.length];
  repeated.push(JSON.stringify({ id: String(i), text }));
  distinct.push(JSON.stringify({ id: String(i), text: text + ' '.repeat(Math.floor(i / mix.length)) }));
}
const distinctRun = batchRate(distinct);
rows.push([`awaitbot batch, 5,000 corpus-mix pastes, every line distinct (exit ${distinctRun.status})`, `${distinctRun.rate} pastes/s`]);
const repeatedRun = batchRate(repeated);
rows.push([`awaitbot batch, the same 5,000 with repeats answered from memory (exit ${repeatedRun.status})`, `${repeatedRun.rate} pastes/s`]);

// Scaling: a long log with the error at the end.
const logLine = '2026-11-23 12:00:00,123 INFO  worker.pool: processed job 4411 in 12 ms (queue=3)\n';
const tail = 'Traceback (most recent call last):\n  File "/app/main.py", line 9, in <module>\n    asyncio.run(main())\nRuntimeError: asyncio.run() cannot be called from a running event loop\n';
for (const kb of [10, 100, 1000]) {
  const text = logLine.repeat(Math.ceil((kb * 1024) / logLine.length)) + tail;
  engine.diagnose(text);
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const d = engine.diagnose(text);
    runs.push(performance.now() - t);
    if (d.matches[0]?.rule.id !== 'py/asyncio-run-nested') throw new Error('scaling paste misdiagnosed');
  }
  rows.push([`${kb} KB log, error at the end (median of 5)`, ms(percentile(runs, 50))]);
}

// Adversarial: 100 KB built to make regexes backtrack (long runs without the awaited delimiter).
const adversarial = [
  'a'.repeat(3990),
  ' '.repeat(3990) + 'x',
  'File "' + '\\'.repeat(3980),
  'at ' + '('.repeat(3990),
  'RuntimeError' + ': :'.repeat(1300),
  'x'.repeat(24) + '.' + 'y'.repeat(6) + '.' + 'z'.repeat(3900),
  'error TS' + '1('.repeat(1990),
  '```' + '`'.repeat(3990),
].join('\n');
const adv = (adversarial + '\n').repeat(Math.ceil(100_000 / adversarial.length)).slice(0, 100_000);
const a = performance.now();
engine.diagnose(adv);
rows.push(['adversarial 100 KB paste', ms(performance.now() - a)]);

// One-shot process time of `awaitbot explain` (median of 7), and bare node for reference.
const sample = join(root, 'test/fixtures/parsers/warning.out.txt');
const proc = (args) => {
  const r = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    spawnSync(process.execPath, args, { input: readFileSync(sample) });
    r.push(performance.now() - t);
  }
  return percentile(r, 50);
};
rows.push(['node -e 0 (reference)', ms(proc(['-e', '0']))]);
rows.push(['awaitbot explain < warning.out.txt, whole process', ms(proc([join(root, 'bin/awaitbot.js'), 'explain']))]);

global.gc?.();
rows.push(['RSS after all of the above', `${Math.round(process.memoryUsage().rss / 1048576)} MB`]);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
