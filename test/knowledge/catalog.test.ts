import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.js';
import { catalogIds } from './catalog-ids.js';

const rules = loadKnowledge(defaultKnowledgeDir);

describe('the knowledge base', () => {
  it.each(catalogIds)('holds the catalog rule %s', (id) => {
    expect(rules.map((r) => r.id)).toContain(id);
  });

  it('keeps its copy of the catalog ids in step with shared/catalog.md when that file is beside the clone', () => {
    const catalog = new URL('../../../shared/catalog.md', import.meta.url);
    if (!existsSync(catalog)) return;
    const ids = [...readFileSync(catalog, 'utf8').matchAll(/^\| ((?:py|js)\/[a-z0-9-]+)/gm)].map((m) => m[1]);
    expect([...catalogIds].sort()).toEqual(ids.sort());
  });

  it('gives every rule docs, a summary and the fixed sections', () => {
    for (const rule of rules) {
      expect(rule.docs.length, rule.file).toBeGreaterThan(0);
      expect(rule.summary.length, rule.file).toBeGreaterThan(40);
      expect(Object.keys(rule.sections), rule.file).toEqual(expect.arrayContaining(['What happened', 'Why', 'How to fix', 'Examples']));
    }
  });
});
