#!/usr/bin/env node
// `node scripts/answers-dump.mjs [FILE]`: every working-corpus answer of the compiled engine (dist/), one JSON
// line per case: its id and each match's rule id, confidence, reasons, place, findings and fix (code, diff,
// note), plus the evidence the engine gathered. Speed work must not change what the bot says: dump before and
// after a change and `cmp` the two files. Working part only: the sealed part is never run here.
import { writeFileSync } from 'node:fs';
import { createEngine } from '../dist/engine.js';
import { loadCorpus } from './corpus.mjs';

// Maps and Sets print as their entries, so a change inside them shows up in the dump too.
const plain = (_key, value) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value);

const engine = await createEngine();
const lines = [];
for (const c of loadCorpus().filter((x) => !x.sealed)) {
  const { matches, evidence } = engine.diagnose(c.text);
  const answer = matches.map(({ rule, ...m }) => ({ rule: rule.id, ...m }));
  lines.push(JSON.stringify({ id: c.id, answer, evidence }, plain));
}
const out = process.argv[2];
if (out) writeFileSync(out, lines.join('\n') + '\n');
else console.log(lines.join('\n'));
console.error(`${lines.length} working-corpus answers${out ? ` written to ${out}` : ''}`);
