import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { defaultKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.js';
import { replaceTable, rulesTable } from '../../src/knowledge/table.js';

it("README.md's rule table is the one generated from knowledge/ (run `npm run docs`)", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(readme).toBe(replaceTable(readme, rulesTable(loadKnowledge(defaultKnowledgeDir))));
});
