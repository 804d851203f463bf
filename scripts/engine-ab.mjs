#!/usr/bin/env node
// `node scripts/engine-ab.mjs REV [--rounds N] [--kind KIND[,KIND]]`: this checkout's compiled engine (dist/)
// against the engine of commit REV (`main`, `HEAD~1`, a hash), on the working part of the corpus.
//
// The machine is shared, so a wall-clock run of one engine and then the other measures the neighbours as much
// as the change. Here both engines answer every paste in turn in one process (the order swapped from one paste
// and round to the next), and each answer is timed in this process's CPU time as well as wall-clock time: a
// neighbour that takes the core away stops the clock of neither. Per paste the best of the rounds is kept (as
// `npm run eval` does); the mean of every answer is the figure a batch sees.
//
// Two engines in one process are not equal: the one loaded second runs slower, whatever its code (the same commit
// on both sides, built twice: 5-7 % of the mean on the code-only pastes, up to a fifth on the largest pastes). So
// the comparison runs twice, in two child processes, each engine loaded first in one of them; per paste the best
// of both is kept and the means are averaged. Each order's own table is printed too.
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

const ms = (x) => x.toFixed(3).padStart(7);
const header = () => console.log(`${''.padEnd(20)} ${'CPU p50'.padStart(7)} ${'p99'.padStart(7)} ${'mean'.padStart(7)}   ${'wall p50'.padStart(8)} ${'p99'.padStart(7)} ${'mean'.padStart(7)}`);
const line = (name, e) => console.log(`${name.padEnd(20)} ${ms(percentile(e.cpuBest, 50))} ${ms(percentile(e.cpuBest, 99))} ${ms(e.cpuMean)}   ${ms(percentile(e.wallBest, 50)).padStart(8)} ${ms(percentile(e.wallBest, 99))} ${ms(e.wallMean)}`);

/** One process's measurement: `dirs` loaded in that order; per engine (in `dirs` order) its per-paste bests and means. */
async function measure(dirs) {
  const texts = loadCorpus()
    .filter((c) => !c.sealed && (!kinds || kinds.includes(c.kind)))
    .map((c) => c.text);
  const engines = [];
  for (const dir of dirs) engines.push({ engine: await (await import(pathToFileURL(join(dir, 'dist/engine.js')).href)).createEngine(), cpuBest: texts.map(() => Infinity), wallBest: texts.map(() => Infinity), cpuSum: 0, wallSum: 0 });
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
  const n = rounds * texts.length;
  return { pastes: texts.length, engines: engines.map((e) => ({ cpuBest: e.cpuBest, wallBest: e.wallBest, cpuMean: e.cpuSum / n, wallMean: e.wallSum / n })) };
}

// A child: measures the two builds given, in that order, and prints the result as JSON.
const childAt = argv.indexOf('--child');
if (childAt !== -1) {
  console.log(JSON.stringify(await measure(argv.slice(childAt + 1, childAt + 3))));
  process.exit(0);
}

const other = mkdtempSync(join(tmpdir(), 'awaitbot-ab-'));
try {
  const hash = execFileSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).trim();
  execFileSync('sh', ['-c', `git archive ${hash} | tar -x -C "${other}"`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: other, stdio: 'inherit' });

  const names = [`${hash} (REV)`, 'this checkout'];
  const child = (dirs) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), rev, '--rounds', String(rounds), ...(kinds ? ['--kind', kinds.join(',')] : []), '--child', ...dirs], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const revFirst = child([other, root]);
  const thisFirst = child([root, other]);
  const byOrder = [revFirst.engines, [thisFirst.engines[1], thisFirst.engines[0]]]; // each as [REV, this checkout]
  console.log(`${revFirst.pastes} working-corpus pastes${kinds ? ` (${kinds.join(', ')})` : ''}, ${rounds} interleaved rounds in each of two processes; ms per paste, best of the rounds, then the mean of every answer`);
  for (const [label, engines] of [['REV loaded first', byOrder[0]], ['this checkout loaded first', byOrder[1]]]) {
    console.log(`\n${label}:`);
    header();
    engines.forEach((e, i) => line(names[i], e));
  }
  console.log('\nboth orders (per paste the best of both processes, means averaged):');
  header();
  names.forEach((name, i) => {
    const [a, b] = [byOrder[0][i], byOrder[1][i]];
    line(name, { cpuBest: a.cpuBest.map((x, k) => Math.min(x, b.cpuBest[k])), wallBest: a.wallBest.map((x, k) => Math.min(x, b.wallBest[k])), cpuMean: (a.cpuMean + b.cpuMean) / 2, wallMean: (a.wallMean + b.wallMean) / 2 });
  });
} finally {
  rmSync(other, { recursive: true, force: true });
}
