import type { Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { analyzePython, buildPythonModel, pythonAsyncCallees, pythonParseErrors } from '../../../src/evidence/python/snippet/index.js';
import { pythonFixers } from '../../../src/fix/python/index.js';
import { prepareSnippet } from '../../../src/evidence/python/snippet/prepare.js';
import { countParseErrors, loadPythonParser, parseToPlainTree, usesDirectCopy, wasmHeapBytes, type PyNode } from '../../../src/evidence/python/snippet/tree.js';
import { invalid, py, valid } from './cases.js';

let parser: Parser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

/** The tree as nested plain data (no parent links), for deep comparison. */
function shape(n: PyNode): unknown {
  return [n.type, n.named, n.field, n.start, n.end, n.children.map(shape)];
}

function parentsConsistent(n: PyNode): boolean {
  return n.children.every((c) => c.parent === n && parentsConsistent(c));
}

/** Pastes that stay broken after preparing: each must count at least one ERROR or MISSING node. */
const broken = [
  py`
    import asyncio
    Traceback (most recent call last):
      File "bot.py", line 3, in <module>
    RuntimeWarning: coroutine 'main' was never awaited
    def f(:
        asyncio.sleep(1)
  `,
  'async def h(ctx):\n    await ctx.send("a"\n    return 1\n',
  'if x\n    y()\n',
];

/** Pastes the parser recovers from without errors (a body without its def, a truncated list, a cut-off call, nothing). */
const recovered = [
  py`
    async def handler(ctx):
        data = fetch(
  `,
  py`
        await ctx.send("half a body")
        return x
    async def after():
        pass
  `,
  'class A:\n    def m(self):\n        x = [1, 2,\n',
  '',
];

const sources = [...broken, ...recovered, ...valid.map((c) => c.code), ...invalid.map((c) => c.code)].map((c) => prepareSnippet(c).code);

describe('copying the tree out of wasm', () => {
  test('the installed web-tree-sitter takes the direct path (else analysis is ~3x slower, not wrong)', () => {
    expect(usesDirectCopy()).toBe(true);
  });

  test('the direct copy and the public TreeCursor copy give the same tree and error count', () => {
    for (const code of sources) {
      const fast = parseToPlainTree(parser, code, 'auto');
      const slow = parseToPlainTree(parser, code, 'cursor');
      expect(shape(fast.root), code).toEqual(shape(slow.root));
      expect(fast.errorCount, code).toBe(slow.errorCount);
      expect(parentsConsistent(fast.root)).toBe(true);
    }
  });

  test('counting parse errors without a copy agrees with the copy', () => {
    const counts = sources.map((code) => [countParseErrors(parser, code), countParseErrors(parser, code, 'cursor'), parseToPlainTree(parser, code).errorCount]);
    for (const [direct, cursor, copied] of counts) {
      expect(direct).toBe(copied);
      expect(cursor).toBe(copied);
    }
    expect(counts.slice(0, broken.length).map(([n]) => n! > 0)).toEqual(broken.map(() => true));
    expect(counts.slice(broken.length, broken.length + recovered.length).map(([n]) => n)).toEqual(recovered.map(() => 0));
  });

  test('the copy keeps offsets, fields and keywords the detectors read', () => {
    const code = 'async def f(x):\n    await g(x)\n';
    const { root, errorCount } = parseToPlainTree(parser, code);
    expect(errorCount).toBe(0);
    const fn = root.children[0]!;
    expect(fn.type).toBe('function_definition');
    expect(fn.children.filter((c) => !c.named).map((c) => c.type)).toEqual(['async', 'def', ':']);
    const name = fn.children.find((c) => c.field === 'name')!;
    expect(code.slice(name.start, name.end)).toBe('f');
    const body = fn.children.find((c) => c.field === 'body')!;
    const call = body.children[0]!.children[0]!.children.find((c) => c.type === 'call')!;
    expect(code.slice(call.start, call.end)).toBe('g(x)');
    expect(call.children.map((c) => c.field)).toEqual(['function', 'arguments']);
  });
});

describe('parsing each block once', () => {
  const code = py`
    async def save(x):
        return x

    async def handle(x):
        save(x)
  `;
  const hints = { coroutineNames: [], lines: [], notebook: false };
  /** What the engine hands a fixer for this block and its findings. */
  const fixInput = (block: string, findings: ReturnType<typeof analyzePython>) => ({ code: block, language: 'python' as const, findings, evidence: { errors: [], warnings: [], tsDiagnostics: [], discordApiErrors: [], findings, context: { jupyter: false, fastapi: false, django: false, flask: false, discordPy: false, aiohttp: false, discordJs: false, windows: false, pythonVersion: null, nodeVersion: null }, languages: ['python' as const], codeBlocks: [], skipped: [] } });

  test('a fixer reads the tree of the block analysis found its mistake in, and parses only the fixed text; so does a second fixer', () => {
    const parse = vi.spyOn(parser, 'parse');
    try {
      const findings = analyzePython(code, 0, hints);
      expect(findings.map((f) => f.detector)).toEqual(['py.unawaited-coroutine']);
      expect(parse).toHaveBeenCalledTimes(1);
      const out = pythonFixers['py.add-await']!(fixInput(code, findings));
      expect(out?.code).toContain('await save(x)');
      expect(parse).toHaveBeenCalledTimes(2);
      expect(parse.mock.calls[1]![0]).toContain('await save(x)');
      expect(pythonFixers['py.add-await']!(fixInput(code, findings))?.code).toBe(out?.code);
      expect(parse).toHaveBeenCalledTimes(3);
      expect(parse.mock.calls[2]![0]).toContain('await save(x)');
    } finally {
      parse.mockRestore();
    }
  });

  test('analysis keeps no tree of a block it found nothing in, nor of a block before the last one analysed', () => {
    const clean = py`
      async def save(x):
          return x

      async def handle(x):
          await save(x)
    `;
    const parse = vi.spyOn(parser, 'parse');
    try {
      expect(analyzePython(clean, 0, hints)).toEqual([]);
      buildPythonModel(clean, hints);
      expect(parse).toHaveBeenCalledTimes(2);
      const other = `${code}\n# another block`;
      expect(analyzePython(code, 0, hints)).toHaveLength(1);
      expect(analyzePython(other, 0, hints)).toHaveLength(1);
      expect(parse).toHaveBeenCalledTimes(4);
      buildPythonModel(code, hints);
      expect(parse).toHaveBeenCalledTimes(5);
      buildPythonModel(other, hints);
      expect(parse).toHaveBeenCalledTimes(5);
    } finally {
      parse.mockRestore();
    }
  });

  test('blocks of one paste asked about by their siblings are parsed once: the analysis that follows takes the tree, and keeps it no longer', () => {
    const other = py`
      async def load():
          return 1
    `;
    const parse = vi.spyOn(parser, 'parse');
    try {
      expect(pythonAsyncCallees(code)).toEqual(['save', 'handle']);
      expect(pythonAsyncCallees(other)).toEqual(['load']);
      expect(analyzePython(code, 0, hints)).toHaveLength(1);
      expect(analyzePython(other, 1, hints)).toEqual([]);
      expect(parse).toHaveBeenCalledTimes(2);
      analyzePython(other, 1, hints);
      expect(parse).toHaveBeenCalledTimes(3);
    } finally {
      parse.mockRestore();
    }
  });

  test('a reused tree gives the same model and error count as a fresh parse', () => {
    const broken = 'async def f():\n    x = (1 +\n    g()\n';
    buildPythonModel(broken);
    const reused = buildPythonModel(broken);
    expect(pythonParseErrors(broken)).toBe(countParseErrors(parser, prepareSnippet(broken).code));
    expect(reused.errorCount).toBe(pythonParseErrors(broken));
    expect(reused.errorCount).toBeGreaterThan(0);
    expect(shape(reused.model.root)).toEqual(shape(parseToPlainTree(parser, prepareSnippet(broken).code).root));
  });

  test('analysis parses every time, even text it has seen (the bench measures real work)', () => {
    const parse = vi.spyOn(parser, 'parse');
    try {
      analyzePython(code, 0, hints);
      analyzePython(code, 0, hints);
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
  });
});

describe('wasm memory', () => {
  test('walking trees of every depth thousands of times does not grow the wasm heap', () => {
    // Deeper nesting makes the cursor's stack grow (and move) during a walk; each must still be freed once.
    const nested = (depth: number) => `def f():\n    return ${'g('.repeat(depth)}1${')'.repeat(depth)}\n` + 'x = [1]\n'.repeat(depth % 7);
    const codes = Array.from({ length: 90 }, (_, d) => nested(d + 1));
    for (const code of codes) parseToPlainTree(parser, code);
    const before = wasmHeapBytes();
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < 30; i++) {
      for (const code of codes) {
        parseToPlainTree(parser, code);
        countParseErrors(parser, code);
      }
    }
    expect(wasmHeapBytes()).toBe(before);
  });
});
