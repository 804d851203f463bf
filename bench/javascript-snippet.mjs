#!/usr/bin/env node
// JavaScript/TypeScript snippet analysis speed and memory, against dist/ (run `npm run build` first).
// Prints: first analysis (TypeScript loaded lazily), per-snippet time for ~50-line snippets
// (goal <= 0.2 ms warm), 2,000-line files (goal <= 20 ms), fixer time, and RSS over 10,000
// snippets (must stay flat). The snippets are the test table test/evidence/javascript/cases.ts
// (real discord.js and express shapes), shared with bench/peers-javascript.mjs.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The test table, compiled from TypeScript in memory: `{ invalid: [{name, code, errors, output}], valid: [{name, code}] }`. */
export async function loadCases() {
  const ts = createRequire(import.meta.url)('typescript');
  const source = readFileSync(`${root}test/evidence/javascript/cases.ts`, 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

/** Each table snippet (mistakes and correct code), padded with correct code to at least `lines` lines. */
export function padded(cases, lines) {
  // Whole, correct pieces of code as padding (not the deliberately broken fragments).
  const fillers = cases.valid.map((c) => c.code).filter((c) => !c.includes('```') && !c.startsWith(' '));
  const all = [...cases.invalid, ...cases.valid];
  return all.map((c, i) => {
    let code = c.code;
    let j = i;
    while (code.split('\n').length < lines) code += '\n' + fillers[j++ % fillers.length];
    return code;
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function row(cells, widths) {
  return cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
}

async function main() {
  const t0 = performance.now();
  const { analyzeJavaScript } = await import(pathToFileURL(`${root}dist/evidence/javascript/snippet/index.js`).href);
  const { javascriptFixers } = await import(pathToFileURL(`${root}dist/fix/javascript/index.js`).href);
  const tImport = performance.now() - t0;
  const hints = { coroutineNames: [], lines: [], notebook: false };

  // Before anything else loads TypeScript (loadCases compiles the table with it).
  const tFirst0 = performance.now();
  analyzeJavaScript("client.on('messageCreate', async (m) => {\n  m.reply('pong');\n});\n", 0, hints);
  const tFirst = performance.now() - tFirst0;
  const cases = await loadCases();

  // ~50-line snippets, warm.
  const s50 = padded(cases, 50);
  const avgLines = s50.reduce((n, c) => n + c.split('\n').length, 0) / s50.length;
  for (let r = 0; r < 200; r++) for (const c of s50) analyzeJavaScript(c, 0, hints);
  const per50 = [];
  for (let round = 0; round < 7; round++) {
    const reps = 100;
    const t = performance.now();
    for (let r = 0; r < reps; r++) for (const c of s50) analyzeJavaScript(c, 0, hints);
    per50.push((performance.now() - t) / (reps * s50.length));
  }

  // 2,000-line files: the table's whole snippets (not the deliberately broken fragments) repeated.
  const { syntaxErrorCount } = await import(pathToFileURL(`${root}dist/evidence/javascript/snippet/parse.js`).href);
  let big = '';
  const chunks = [...cases.invalid, ...cases.valid].map((c) => c.code).filter((c) => syntaxErrorCount(c) === 0);
  for (let i = 0; big.split('\n').length < 2000; i++) big += chunks[i % chunks.length] + '\n';
  const bigLines = big.split('\n').length;
  const bigFindings = analyzeJavaScript(big, 0, hints).length;
  const perBig = [];
  for (let r = 0; r < 15; r++) {
    const t = performance.now();
    analyzeJavaScript(big, 0, hints);
    perBig.push(performance.now() - t);
  }

  // Fixers: analyse + fix each mistake of the table.
  const FIXER_OF = {
    'js.floating-promise': 'js.add-await', 'js.promise-as-value': 'js.add-await', 'js.async-foreach': 'js.foreach-to-for-of',
    'js.async-promise-executor': 'js.unwrap-promise-executor', 'js.await-outside-async': 'js.make-enclosing-async',
    'js.return-without-await-in-try': 'js.return-await', 'js.blocking-call-in-async': 'js.unblock-call',
    'js.await-in-loop': 'js.promise-all', 'js.slow-work-before-defer': 'js.defer-first', 'js.double-reply': 'js.reply-then-followup',
  };
  const fixOnce = () => {
    for (const c of cases.invalid) {
      const det = c.errors[0].detector;
      const findings = analyzeJavaScript(c.code, 0, hints).filter((f) => f.detector === det);
      javascriptFixers[FIXER_OF[det]]?.({ code: c.code, language: 'javascript', findings, evidence: {} });
    }
  };
  for (let r = 0; r < 20; r++) fixOnce();
  const tFix0 = performance.now();
  for (let r = 0; r < 50; r++) fixOnce();
  const perFix = (performance.now() - tFix0) / (50 * cases.invalid.length);

  // Memory over 10,000 snippets.
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const marks = [];
  for (let i = 0; i < 10000; i++) {
    analyzeJavaScript(s50[i % s50.length], 0, hints);
    if ((i + 1) % 2500 === 0) {
      globalThis.gc?.();
      marks.push(process.memoryUsage().rss);
    }
  }
  const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;

  const w = [44, 16, 12];
  console.log(row(['measure', 'result', 'goal'], w));
  console.log(row(['-'.repeat(44), '-'.repeat(16), '-'.repeat(12)], w));
  console.log(row(['import analyser + fixers (no TypeScript yet)', `${tImport.toFixed(1)} ms`, ''], w));
  console.log(row(['first analysis (loads TypeScript)', `${tFirst.toFixed(1)} ms`, ''], w));
  console.log(row([`per snippet, ${s50.length} snippets of ~${avgLines.toFixed(0)} lines`, `${median(per50).toFixed(3)} ms`, '<= 0.2 ms'], w));
  console.log(row([`per file of ${bigLines} lines (${bigFindings} findings)`, `${median(perBig).toFixed(2)} ms`, '<= 20 ms'], w));
  console.log(row([`analyse + fix, per mistake (${cases.invalid.length})`, `${perFix.toFixed(3)} ms`, ''], w));
  console.log(row(['RSS before 10,000 snippets', mb(rss0), ''], w));
  console.log(row(['RSS after 2.5k / 5k / 7.5k / 10k', marks.map((m) => (m / 1048576).toFixed(0)).join(' / ') + ' MB', 'flat'], w));
}

// Run as a script (also via bench/run.mjs, whose path may hold `//`), not when imported by the peers bench.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
