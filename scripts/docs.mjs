#!/usr/bin/env node
// Regenerates what is written from knowledge/ (run after `npm run build`): README.md's rule table, and
// each rule's own page in English and Simplified Chinese under docs/rules/ (what "Full explanation" opens).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledge, defaultKnowledgeDir } from '../dist/knowledge/load.js';
import { replaceTable, rulesTable } from '../dist/knowledge/table.js';
import { rulePages } from '../dist/render/rule-page.js';

const rules = loadKnowledge(defaultKnowledgeDir);
const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, replaceTable(readFileSync(readme, 'utf8'), rulesTable(rules)));
console.log('README.md rule table updated');

const dir = fileURLToPath(new URL('../docs/rules/', import.meta.url));
const pages = rulePages(rules);
const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const file of walk(dir)) {
  if (!pages.has(relative(dir, file))) {
    rmSync(file);
    stale++;
  }
}
for (const [path, text] of pages) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
console.log(`docs/rules: ${pages.size} pages written${stale ? `, ${stale} stale removed` : ''}`);
