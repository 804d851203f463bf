/**
 * Every rule's examples are tests, the way rustc tests its error index: an
 * `incorrect` block and an `evidence` block are diagnosed as the rule itself
 * (first), a `correct` block matches nothing, and Python examples compile.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const pythonFences = new Set(['python', 'py', 'python3']);

function fenced(language: string, code: string): string {
  return '```' + language + '\n' + code + '```\n';
}

const cases = engine.rules.flatMap((rule) => rule.examples.map((example, i) => ({ rule, example, name: `${rule.id} ${example.kind} #${i + 1} (${rule.file}:${example.line})` })));

describe('rule examples', () => {
  it.each(cases.filter((c) => c.example.kind === 'evidence'))('$name is diagnosed as its own rule', ({ rule, example }) => {
    expect(engine.diagnose(example.code).matches.map((m) => m.rule.id)[0]).toBe(rule.id);
  });

  // A rule with a snippet detector must recognise its incorrect code alone. A mistake that only
  // shows at run time (a reused coroutine, a timeout) is recognised from the code pasted with the
  // error it produced, the way people post both.
  it.each(cases.filter((c) => c.example.kind === 'incorrect'))('$name is diagnosed as its own rule', ({ rule, example }) => {
    const detectable = rule.match.some((m) => 'finding' in m);
    const evidence = detectable ? [] : rule.examples.filter((e) => e.kind === 'evidence').map((e) => fenced('text', e.code));
    const d = engine.diagnose([fenced(example.fenceLanguage, example.code), ...evidence].join('\n'));
    expect(d.matches.map((m) => m.rule.id)[0]).toBe(rule.id);
  });

  it.each(cases.filter((c) => c.example.kind === 'correct'))('$name matches nothing', ({ example }) => {
    const d = engine.diagnose(fenced(example.fenceLanguage, example.code));
    expect(d.matches.map((m) => m.rule.id)).toEqual([]);
  });

  it('has Python examples that compile (incorrect ones may fail only with the SyntaxError they teach)', () => {
    const python = cases.filter((c) => c.example.kind !== 'evidence' && pythonFences.has(c.example.fenceLanguage));
    const script = `
import json, sys
out = []
for item in json.load(sys.stdin):
    try:
        # 0x2000 = PyCF_ALLOW_TOP_LEVEL_AWAIT: notebook cells may await at top level
        compile(item["code"], item["name"], "exec", flags=0x2000)
        out.append(None)
    except SyntaxError as e:
        out.append(f"SyntaxError: {e.msg}")
print(json.dumps(out))
`;
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(python.map((c) => ({ code: c.example.code, name: c.name }))), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as (string | null)[];
    const failures = python
      .map((c, i) => ({ c, error: results[i] }))
      .filter(({ c, error }) => {
        if (!error) return false;
        if (c.example.kind === 'correct') return true;
        // An incorrect example may be the SyntaxError its rule explains.
        return !c.rule.examples.some((e) => e.kind === 'evidence' && e.code.includes('SyntaxError'));
      })
      .map(({ c, error }) => `${c.name}: ${error}`);
    expect(failures).toEqual([]);
  });
});
