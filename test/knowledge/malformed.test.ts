import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultKnowledgeDir, loadKnowledge, parseRuleFile } from '../../src/knowledge/load.js';

const good = readFileSync(join(defaultKnowledgeDir, 'py/asyncio-not-imported.md'), 'utf8');
const file = 'py/asyncio-not-imported.md';

function broken(edit: (s: string) => string): () => unknown {
  return () => parseRuleFile(file, edit(good));
}

describe('a malformed rule file fails loudly, naming the file and the field', () => {
  it('accepts the model rule', () => {
    expect(parseRuleFile(file, good).id).toBe('py/asyncio-not-imported');
  });
  it('missing front matter', () => {
    expect(broken((s) => s.replace(/^---\n/, ''))).toThrow('py/asyncio-not-imported.md: front matter: file must start with a --- line');
  });
  it('invalid YAML', () => {
    expect(broken((s) => s.replace('title: asyncio', 'title: [asyncio'))).toThrow(/py\/asyncio-not-imported\.md: front matter: invalid YAML/);
  });
  it('a wrong severity', () => {
    expect(broken((s) => s.replace('severity: error', 'severity: fatal'))).toThrow(/py\/asyncio-not-imported\.md: severity: /);
  });
  it('an id that differs from the path', () => {
    expect(broken((s) => s.replace('id: py/asyncio-not-imported', 'id: py/other'))).toThrow('py/asyncio-not-imported.md: id: is "py/other" but the file path says "py/asyncio-not-imported"');
  });
  it('an unknown field', () => {
    expect(broken((s) => s.replace('severity: error', 'severity: error\nseverty: error'))).toThrow(/py\/asyncio-not-imported\.md: .*severty/);
  });
  it('a matcher with a broken regex', () => {
    expect(broken((s) => s.replace('message: "name \'asyncio\' is not defined"', 'pattern: "name (asyncio"'))).toThrow(/match\.0\.error\.pattern: invalid regular expression/);
  });
  it('a bad docs url', () => {
    expect(broken((s) => s.replace('url: https://docs.python.org/3/library/asyncio.html', 'url: not a url'))).toThrow(/docs\.0\.url/);
  });
  it('a missing section', () => {
    expect(broken((s) => s.replace('## Why\n', ''))).toThrow(/section "Why": missing or out of order/);
  });
  it('an unknown section', () => {
    expect(broken((s) => s.replace('## Why\n', '## Reasons\n'))).toThrow(/section "Reasons": unknown section/);
  });
  it('no correct example', () => {
    expect(broken((s) => s.replace('```python correct', '```python'))).toThrow(/Examples: needs at least one ```<lang> correct block/);
  });
  it('an unknown example label', () => {
    expect(broken((s) => s.replace('```python correct', '```python corect'))).toThrow(/unknown label "corect"/);
  });
  it('a detector that does not exist', () => {
    const withFinding = good.replace('match:\n', 'match:\n  - finding: py.no-such-detector\n');
    expect(() => parseRuleFile(file, withFinding, { detectors: new Set(['py.unawaited-coroutine']) })).toThrow('match.0.finding: no detector "py.no-such-detector" exists');
  });
  it('a duplicate alias across files, in a whole directory load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'awaitbot-kb-'));
    mkdirSync(join(dir, 'py'));
    writeFileSync(join(dir, 'py/asyncio-not-imported.md'), good);
    writeFileSync(join(dir, 'py/copy.md'), good.replace('id: py/asyncio-not-imported', 'id: py/copy'));
    expect(() => loadKnowledge(dir)).toThrow('py/copy.md: aliases: "import-asyncio" is already used by py/asyncio-not-imported.md');
  });
  it('a prose question pattern with a broken regex', () => {
    expect(broken((s) => s.replace('match:\n', "prose:\n  context: '(asyncio'\nmatch:\n"))).toThrow(/py\/asyncio-not-imported\.md: prose\.context: invalid regular expression/);
  });
  it('a statement the prose matcher does not know', () => {
    expect(broken((s) => s.replace('match:\n', 'prose:\n  statedOtherwise: { says: not-imported }\nmatch:\n'))).toThrow(/py\/asyncio-not-imported\.md: prose\.statedOtherwise\.says: /);
  });
  it('a twin that does not name this rule back, in a whole directory load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'awaitbot-kb-'));
    mkdirSync(join(dir, 'py'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'py/asyncio-not-imported.md'), good.replace('match:\n', 'prose:\n  twin: js/floating-promise\nmatch:\n'));
    writeFileSync(join(dir, 'js/floating-promise.md'), readFileSync(join(defaultKnowledgeDir, 'js/floating-promise.md'), 'utf8').replace('  twin: py/coroutine-never-awaited\n', ''));
    expect(() => loadKnowledge(dir)).toThrow('py/asyncio-not-imported.md: prose.twin: "js/floating-promise" must name this rule as its twin too');
  });
});
