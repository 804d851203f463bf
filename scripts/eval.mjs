#!/usr/bin/env node
// `npm run eval [-- --sealed] [-- --json] [-- --only STEM]`: scores the compiled engine on the real-paste corpus.
// The working part by default; the sealed part only with --sealed (see corpus/README.md). `--only prose-3`
// scores one corpus file's cases (its working part), for a fresh batch's first look before any code changes.
import { createEngine } from '../dist/engine.js';
import { loadCorpus, scoreCorpus } from './corpus.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv);
const sealed = args.has('--sealed');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
if (onlyAt >= 0 && !only) {
  console.error('usage: npm run eval -- --only STEM   (a corpus file name without .jsonl, e.g. prose-2)');
  process.exit(2);
}
const cases = loadCorpus().filter((c) => c.sealed === sealed && (!only || c.id.slice(0, c.id.lastIndexOf('-')) === only));
const engine = await createEngine();
const s = scoreCorpus(engine, cases, { rounds: 3 });
if (args.has('--json')) {
  console.log(JSON.stringify(s, null, 2));
  process.exit(0);
}
const pc = ({ ok, n, rate }) => (rate === null ? '— (0 cases)' : `${(rate * 100).toFixed(1)} % (${ok}/${n})`);
const table = (title, groups) => {
  console.log(`\n${title}`);
  for (const [k, g] of Object.entries(groups).sort()) console.log(`  ${k.padEnd(40)} ${pc({ ...g, rate: g.n ? g.ok / g.n : null })}`);
};
console.log(`awaitbot eval — ${sealed ? 'SEALED' : 'working'} part${only ? ` of ${only}.jsonl` : ''}, ${s.cases} cases`);
console.log(`top-1, all positives:             ${pc(s.top1)}`);
console.log(`top-1, pastes with error text:    ${pc(s.top1WithError)}`);
console.log(`top-1, code only:                 ${pc(s.top1CodeOnly)}`);
console.log(`top-1, prose questions:           ${pc(s.top1Prose)}`);
console.log(`false positives (negatives hit):  ${pc(s.falsePositives)}`);
console.log(`unasked answers (conf ≥ 0.8) right: ${pc(s.unaskedRight)}`);
console.log(`fix accepted (fix_contains):      ${pc(s.fixAccepted)}`);
console.log(`per paste (warm, best of 3): p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms`);
console.log(`slowest: ${s.slowest.map((x) => `${x.id} ${x.ms.toFixed(2)} ms`).join(', ')}`);
table('top-1 by kind', s.byKind);
table('top-1 by language', s.byLang);
table('top-1 by rule', s.byRule);
console.log(`\nfailures (${s.failures.length}):`);
for (const f of s.failures) console.log(`  ${f.id.padEnd(16)} ${f.kind.padEnd(11)} expect ${JSON.stringify(f.expect)} got ${JSON.stringify(f.got)}${f.fixOk === false ? ' (fix lacks fix_contains)' : ''}${f.got.length && f.confidence >= 0.8 && f.kind !== 'prose' ? ` CONFIDENT ${f.confidence}` : ''}`);
