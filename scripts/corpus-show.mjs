#!/usr/bin/env node
// `node scripts/corpus-show.mjs ID…`: prints working-part corpus cases (label and text). Sealed cases are not shown:
// they are scored only at the end (corpus/README.md).
import { loadCorpus } from './corpus.mjs';

const wanted = new Set(process.argv.slice(2));
for (const c of loadCorpus()) {
  if (!wanted.has(c.id)) continue;
  if (c.sealed) {
    console.log(`===== ${c.id}: sealed, not shown`);
    continue;
  }
  const { text, file: _f, line: _l, sealed: _s, ...label } = c;
  console.log(`===== ${JSON.stringify(label)}\n${text}\n`);
}
