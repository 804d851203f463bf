#!/usr/bin/env node
// Prints each given URL that names a thread kept out of the corpus (corpus/exclude.sha256); exit 1 if any.
import { isExcludedSource } from './corpus.mjs';

const bad = process.argv.slice(2).filter((u) => isExcludedSource(u));
for (const u of bad) console.log(u);
process.exit(bad.length ? 1 : 0);
