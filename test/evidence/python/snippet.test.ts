import { beforeAll, describe, expect, test } from 'vitest';
import { createPythonAnalyzer, pythonDetectorIds, pythonParseErrors } from '../../../src/evidence/python/snippet/index.js';
import type { SnippetAnalyzer } from '../../../src/evidence/snippet.js';
import type { Evidence, SnippetFinding } from '../../../src/evidence/types.js';
import { pythonFixers } from '../../../src/fix/python/index.js';
import { compilePython } from './compile.js';
import { FIXER_OF, invalid, valid, type ValidCase } from './cases.js';
import { say } from '../../../src/render/messages.js';

let analyzer: SnippetAnalyzer;
beforeAll(async () => {
  analyzer = await createPythonAnalyzer();
});

function analyze(c: ValidCase): SnippetFinding[] {
  return analyzer.analyze(c.code, 0, { coroutineNames: c.coroutineNames ?? [], lines: [], notebook: c.notebook ?? false, tortoiseNamed: c.tortoiseNamed ?? false });
}

const emptyEvidence: Evidence = {
  errors: [],
  warnings: [],
  tsDiagnostics: [],
  discordApiErrors: [],
  findings: [],
  context: { jupyter: false, fastapi: false, django: false, flask: false, discordPy: false, aiohttp: false, discordJs: false, windows: false, pythonVersion: null, nodeVersion: null },
  languages: ['python'],
  codeBlocks: [],
  skipped: [],
};

function fix(c: ValidCase & { fixer?: string }, findings: SnippetFinding[]) {
  const fixer = c.fixer ? pythonFixers[c.fixer] : undefined;
  if (!fixer) throw new Error(`no fixer ${c.fixer}`);
  const mine = findings.filter((f) => FIXER_OF[f.detector] === c.fixer);
  return fixer({ code: c.code, language: 'python', findings: mine, evidence: { ...emptyEvidence, findings } });
}

describe('valid: no finding on correct code', () => {
  test.each(valid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(analyze(c).map((f) => `${f.detector}@${f.line}: ${f.message}`)).toEqual([]);
  });
});

describe('invalid: the expected findings, and the fixed code', () => {
  test.each(invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const findings = analyze(c);
    const got = findings.map((f) => ({ detector: f.detector, line: f.line })).sort((a, b) => a.line - b.line || a.detector.localeCompare(b.detector));
    const want = [...c.errors].sort((a, b) => a.line - b.line || a.detector.localeCompare(b.detector));
    expect(got).toEqual(want);
    for (const f of findings) {
      expect(say(f.message).length).toBeGreaterThan(20);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
    if (c.fixer) {
      const out = fix(c, findings);
      expect(out?.code ?? null).toBe(c.output);
      if (out) expect(say(out.note)).not.toContain('\n');
    }
  });
});

test('every fixed output parses with no new tree-sitter errors and compiles with python3', () => {
  const fixed = invalid.filter((c) => typeof c.output === 'string');
  expect(fixed.length).toBeGreaterThanOrEqual(10);
  for (const c of fixed) expect(pythonParseErrors(c.output!)! <= pythonParseErrors(c.code)!, c.name).toBe(true);
  // Fragments (indented bodies, fences) cannot compile as they are; everything else must.
  const compilable = fixed.filter((c) => !/^\s|```/.test(c.code));
  const results = compilePython(compilable.map((c) => ({ code: c.output!, notebook: c.notebook ?? false })));
  expect(Object.fromEntries(compilable.map((c, i) => [c.name, results[i]]))).toEqual(Object.fromEntries(compilable.map((c) => [c.name, null])));
});

test('the tables cover every detector, at least 10 valid and 10 invalid', () => {
  expect(valid.length).toBeGreaterThanOrEqual(10);
  expect(invalid.length).toBeGreaterThanOrEqual(10);
  const covered = new Set(invalid.flatMap((c) => c.errors.map((e) => e.detector)));
  expect([...pythonDetectorIds].filter((id) => !covered.has(id))).toEqual([]);
});

describe('messages of the run-time mistakes name the lines involved', () => {
  const messageOf = (name: string, detector: string) => {
    const c = invalid.find((x) => x.name === name);
    if (!c) throw new Error(`no case ${name}`);
    const message = analyze(c).find((f) => f.detector === detector)?.message;
    return message === undefined ? '' : say(message);
  };

  test('a coroutine awaited twice: where it was made, first used and used again', () => {
    const msg = messageOf('the same coroutine awaited twice', 'py.coroutine-awaited-twice');
    expect(msg).toContain('`fetch_price()` on line 8');
    expect(msg).toMatch(/awaited on line 9 and awaited again on line 10/);
  });

  test('a closed loop: the line that closed it', () => {
    expect(messageOf('run_until_complete after loop.close()', 'py.loop-used-after-run')).toContain('`loop.close()` on line 8');
  });

  test('a primitive across runs: the second run, and the call as written', () => {
    const msg = messageOf('a sync wrapper around asyncio.run called in a loop, with a module-level semaphore', 'py.primitive-across-runs');
    expect(msg).toContain('`limit = asyncio.Semaphore(…)`');
    expect(msg).toContain('line 11');
  });
});

describe('a dropped task is sure only where a loop is known to run', () => {
  const confidenceOf = (code: string) => analyze({ name: 'task', code }).find((f) => f.detector === 'py.task-not-kept')?.confidence;

  test('in an async def it is sure enough to be said unasked', () => {
    expect(confidenceOf('import asyncio\n\nasync def start():\n    asyncio.create_task(poll())\n')).toBeGreaterThanOrEqual(0.8);
  });

  test('in a plain def (often a callback on another library\'s thread) it stays a likely answer', () => {
    const plain = confidenceOf('import asyncio\n\ndef on_message(client, userdata, msg):\n    loop.create_task(handle(msg))\n');
    expect(plain).toBeDefined();
    expect(plain!).toBeLessThan(0.8);
  });
});
