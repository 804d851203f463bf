/** js.foreach-to-for-of on `filter` given a test that returns a promise: the tests run first, and the fixed program filters. */
import { describe, expect, it } from 'vitest';
import { say } from '../../../src/render/messages.js';
import { fixWith, nodeRunner } from './node-programs.js';

const fix = (code: string) => fixWith('js.foreach-to-for-of', ['js.async-foreach'], code);
const run = nodeRunner('awaitbot-filter-');

const program = (test: string, line = 'const kept = values.filter(TEST);') =>
  `const isEven = async (v) => v % 2 === 0;\n\nasync function main() {\n  const values = [1, 2, 3, 4];\n  ${line.replace('TEST', test)}\n  console.log(kept.join(','));\n}\n\nmain();\n`;

describe('JS: filter given a test that returns a promise (always truthy)', () => {
  it('runs the tests first with Promise.all and keeps the items whose result was true; the fixed program filters', () => {
    const code = program('isEven');
    expect(run(code, 'before.cjs')).toBe('1,2,3,4');
    const out = fix(code);
    expect(out?.code).toContain("  const keep = await Promise.all(values.map(isEven));\n  const kept = values.filter((_, i) => keep[i]);\n");
    expect(say(out!.note)).toContain('always truthy');
    expect(run(out!.code, 'after.cjs')).toBe('2,4');
  });

  it('does the same for an async arrow written in place', () => {
    const out = fix(program('async (v) => v > 2'));
    expect(out?.code).toContain('await Promise.all(values.map(async (v) => v > 2))');
    expect(run(out!.code, 'arrow.cjs')).toBe('3,4');
  });

  it('leaves a filter whose results name is taken, or that is not kept in one name of its own', () => {
    expect(fix(program('isEven', 'const keep = 1, kept = values.filter(isEven);'))).toBeNull();
    expect(fix(program('isEven', 'let kept; kept = values.filter(isEven);'))).toBeNull();
  });
});
