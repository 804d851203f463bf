/**
 * Redaction runs on every paste before anything else, on up to a megabyte of
 * it: a pattern that backtracks badly would stall every user. Every regex
 * literal in the module is checked (read off its syntax tree, so a new one
 * cannot be forgotten), as the rule regexes are in test/knowledge/regex-safety.test.ts.
 * recheck's automaton checker is exact, so it goes first. It gives up on a
 * look-behind and on large automata (a literal URL next to `\w{20,}`); those go to its fuzzer,
 * seeded and without time limits, because otherwise it reports `{18,30}`-style
 * bounds as polynomial on some runs and not on others.
 */
import { readFileSync } from 'node:fs';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const file = new URL('../../src/intake/redact.ts', import.meta.url);
const source = ts.createSourceFile('redact.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
const literals: Array<{ source: string; flags: string }> = [];
source.forEachChild(function visit(node) {
  if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
    const text = node.getText(source);
    const end = text.lastIndexOf('/');
    literals.push({ source: text.slice(1, end), flags: text.slice(end + 1).replace('g', '') });
  }
  node.forEachChild(visit);
});

function linearity(pattern: string, flags: string): string {
  let result = checkSync(pattern, flags, { timeout: 2_000, checker: 'automaton' });
  // Seeded and bounded by step counts only, never by wall-clock time: the same answer on a busy machine.
  if (result.status === 'unknown') {
    result = checkSync(pattern, flags, { checker: 'fuzz', randomSeed: 1, timeout: null, attackTimeout: null, incubationTimeout: null, seedingTimeout: null });
  }
  return result.status === 'vulnerable' ? `vulnerable: ${result.complexity.summary}` : result.status;
}

describe('redaction regexes', () => {
  it('finds the patterns (the check is not vacuous)', () => {
    expect(literals.length).toBeGreaterThan(30);
    expect(literals.some((l) => l.source.includes('webhooks'))).toBe(true);
  });

  it('catches a known catastrophic pattern (the check itself works)', () => {
    expect(linearity('(\\s*\\w+\\s*)*:', '')).toMatch(/^vulnerable/);
    expect(linearity('(?<!\\w)(\\w|\\d)*!', '')).toMatch(/^vulnerable/);
  });

  it.each(literals)('/$source/ runs in linear time', ({ source, flags }) => {
    expect(linearity(source, flags)).toBe('safe');
  }, 120_000);
});
