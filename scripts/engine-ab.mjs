#!/usr/bin/env node
// `node scripts/engine-ab.mjs REV [--rounds N] [--kind KIND[,KIND]]`: this checkout's compiled engine (dist/)
// against the engine of commit REV (`main`, `HEAD~1`, a hash), on the working part of the corpus, in one process.
//
// The machine is shared, so a wall-clock run of one engine and then the other measures the neighbours as much
// as the change. Here both engines answer every paste in turn (the order swapped from one paste and round to
// the next), and each answer is timed in this process's CPU time as well as wall-clock time: a neighbour that
// takes the core away stops the clock of neither. Per paste the best of the rounds is kept (as `npm run eval`
// does); the mean of every answer is the figure a batch sees.
//
// REV is built once into a temporary directory (git archive + tsc, node_modules linked from this checkout)
// and removed afterwards. Working part only: the sealed part is never run here. Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { percentile } from '../bench/lib/percentile.mjs';
import { loadCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const rev = argv[0];
if (!rev || rev.startsWith('--')) {
  console.error('usage: node scripts/engine-ab.mjs REV [--rounds N] [--kind KIND[,KIND]]   (REV: a commit to compare this checkout with)');
  process.exit(2);
}
const rounds = Number(option('rounds', 5));
const kinds = option('kind', null)?.split(',');

const other = mkdtempSync(join(tmpdir(), 'awaitbot-ab-'));
try {
  const hash = execFileSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).trim();
  execFileSync('sh', ['-c', `git archive ${hash} | tar -x -C "${other}"`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: other, stdio: 'inherit' });

  const texts = loadCorpus()
    .filter((c) => !c.sealed && (!kinds || kinds.includes(c.kind)))
    .map((c) => c.text);
  const engines = [
    { name: `${hash} (REV)`, engine: await (await import(pathToFileURL(join(other, 'dist/engine.js')).href)).createEngine() },
    { name: 'this checkout', engine: await (await import(pathToFileURL(join(root, 'dist/engine.js')).href)).createEngine() },
  ].map((e) => ({ ...e, cpuBest: texts.map(() => Infinity), wallBest: texts.map(() => Infinity), cpuSum: 0, wallSum: 0 }));
  for (const text of texts) for (const e of engines) e.engine.diagnose(text); // warm both
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < texts.length; i++) {
      const order = (r + i) % 2 ? engines : [...engines].reverse();
      for (const e of order) {
        const cpu0 = process.cpuUsage();
        const wall0 = performance.now();
        e.engine.diagnose(texts[i]);
        const wall = performance.now() - wall0;
        const cpu1 = process.cpuUsage(cpu0);
        const cpu = (cpu1.user + cpu1.system) / 1000;
        e.cpuSum += cpu;
        e.wallSum += wall;
        e.cpuBest[i] = Math.min(e.cpuBest[i], cpu);
        e.wallBest[i] = Math.min(e.wallBest[i], wall);
      }
    }
  }
  const ms = (x) => x.toFixed(3).padStart(7);
  console.log(`${texts.length} working-corpus pastes${kinds ? ` (${kinds.join(', ')})` : ''}, ${rounds} interleaved rounds; ms per paste, best of the rounds, then the mean of every answer`);
  console.log(`${''.padEnd(20)} ${'CPU p50'.padStart(7)} ${'p99'.padStart(7)} ${'mean'.padStart(7)}   ${'wall p50'.padStart(8)} ${'p99'.padStart(7)} ${'mean'.padStart(7)}`);
  for (const e of engines) {
    const n = rounds * texts.length;
    console.log(`${e.name.padEnd(20)} ${ms(percentile(e.cpuBest, 50))} ${ms(percentile(e.cpuBest, 99))} ${ms(e.cpuSum / n)}   ${ms(percentile(e.wallBest, 50)).padStart(8)} ${ms(percentile(e.wallBest, 99))} ${ms(e.wallSum / n)}`);
  }
} finally {
  rmSync(other, { recursive: true, force: true });
}
