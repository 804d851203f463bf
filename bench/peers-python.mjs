#!/usr/bin/env node
// ruff's WebAssembly build (ASYNC + RUF006) side by side with awaitbot on the
// same seeded Python mistakes: time per snippet, and which mistakes each catches.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MISTAKES, snippet50 } from './python-snippet.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
const { createPythonAnalyzer } = await import(pathToFileURL(`${root}/dist/evidence/python/snippet/index.js`).href);

const ruff = new Workspace({ lint: { select: ['ASYNC', 'RUF006'], preview: true } }, PositionEncoding.Utf16);
const ours = await createPythonAnalyzer();
const hints = { coroutineNames: [], lines: [], notebook: false };

function time(fn, inputs, rounds = 5) {
  for (const s of inputs) fn(s);
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (const s of inputs) fn(s);
    per.push((performance.now() - t) / inputs.length);
  }
  return per.sort((a, b) => a - b)[Math.floor(per.length / 2)];
}

const snippets = Array.from({ length: 200 }, (_, i) => snippet50(i));
const ruffMs = time((s) => ruff.check(s), snippets);
const oursMs = time((s) => ours.analyze(s, 0, hints), snippets);

const rows = [];
let onlyRuff = 0;
for (const m of MISTAKES) {
  const r = ruff.check(m.code).map((d) => d.code).filter(Boolean);
  const a = ours.analyze(m.code, 0, hints).map((f) => f.detector);
  const weCatch = m.expect ? a.includes(m.expect) : a.length > 0;
  if (r.length > 0 && !weCatch) onlyRuff++;
  rows.push([m.name, r.length ? [...new Set(r)].join(',') : '-', weCatch ? (m.expect ?? a[0]) : '-']);
}
const w0 = Math.max(...rows.map((r) => r[0].length), 7);
const w1 = Math.max(...rows.map((r) => r[1].length), 4);
console.log('Python peers: ruff (wasm, ASYNC + RUF006) vs awaitbot, same snippets');
console.log(`  time per 50-line snippet: ruff ${ruffMs.toFixed(3)} ms, awaitbot ${oursMs.toFixed(3)} ms`);
console.log(`  ${'mistake'.padEnd(w0)}  ${'ruff'.padEnd(w1)}  awaitbot`);
for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
console.log(`  caught by ruff but not awaitbot: ${onlyRuff}; by awaitbot only: ${rows.filter((r) => r[1] === '-' && r[2] !== '-').length}`);
ruff.free();
