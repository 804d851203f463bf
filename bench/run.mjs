#!/usr/bin/env node
// `npm run bench`: runs every bench/*.mjs (except this file) in its own process, one after another,
// against the compiled dist/. Each prints its own table.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && (!only || f.includes(only))).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== bench/${file} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--enable-experimental-regexp-engine-on-excessive-backtracks', `${dir}/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
