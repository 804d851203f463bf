#!/usr/bin/env node
// Regenerates README.md's rule table from knowledge/ (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadKnowledge, defaultKnowledgeDir } from '../dist/knowledge/load.js';
import { replaceTable, rulesTable } from '../dist/knowledge/table.js';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, replaceTable(readFileSync(readme, 'utf8'), rulesTable(loadKnowledge(defaultKnowledgeDir))));
console.log('README.md rule table updated');
