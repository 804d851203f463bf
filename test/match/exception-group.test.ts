/**
 * An exception group only carries what its tasks raised ("The real errors are the numbered sub-exceptions",
 * knowledge/py/taskgroup-exception-group.md): when another rule explains one of those errors, that rule is the
 * answer and the group's rule follows it. A group whose errors no rule explains is still the group's.
 * Outputs captured by test/fixtures/regenerate.mjs (CPython 3.12).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const ids = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);
const fixture = (path: string) => readFileSync(new URL(`../fixtures/cases/py/${path}`, import.meta.url), 'utf8');

describe('a TaskGroup whose sub-exception another rule explains', () => {
  const out = fixture('await-non-awaitable/taskgroup_sub_exception.out.txt');

  it("answers the sub-exception's mistake first, the group second", () => {
    expect(ids(out).slice(0, 2)).toEqual(['py/await-non-awaitable', 'py/taskgroup-exception-group']);
  });

  it('does the same when a log printed the failure once before the group', () => {
    const sub = out.slice(out.indexOf('    | Traceback')).split('\n').map((l) => l.replace(/^ {4}\| ?/, '')).join('\n');
    expect(ids(`${sub}\n${out}`)[0]).toBe('py/await-non-awaitable');
  });
});

describe('a TaskGroup whose sub-exceptions no rule explains', () => {
  it("is the group's rule", () => {
    expect(ids(fixture('taskgroup-exception-group/one_failure_cancels_rest.out.txt'))[0]).toBe('py/taskgroup-exception-group');
  });
});
