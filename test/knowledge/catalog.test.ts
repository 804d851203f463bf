import { describe, expect, it } from 'vitest';
import { defaultKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.js';
import { catalogIds } from './catalog-ids.js';

const rules = loadKnowledge(defaultKnowledgeDir);

describe('the knowledge base', () => {
  it.each(catalogIds)('holds the catalog rule %s', (id) => {
    expect(rules.map((r) => r.id)).toContain(id);
  });

  it('gives every rule docs, a summary and the fixed sections', () => {
    for (const rule of rules) {
      expect(rule.docs.length, rule.file).toBeGreaterThan(0);
      expect(rule.summary.length, rule.file).toBeGreaterThan(40);
      expect(Object.keys(rule.sections), rule.file).toEqual(expect.arrayContaining(['What happened', 'Why', 'How to fix', 'Examples']));
    }
  });
});
