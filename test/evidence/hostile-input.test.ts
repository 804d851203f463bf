/**
 * Pastes built to hurt: long runs without the delimiter a pattern waits for,
 * the shapes that make backtracking regexes explode. Each must come back as a
 * plain answer (the test timeout is the only clock; speed is in bench/).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { MAX_ANALYSED_BLOCKS, MAX_ANALYSED_CHARS, MAX_NESTING } from '../../src/evidence/limits.js';

const engine = await createEngine();
const n = 20_000;

const hostile: Record<string, string> = {
  'a long word': 'a'.repeat(n),
  'spaces then no colon': ' '.repeat(n) + 'x',
  'the classic (\\s*\\w+\\s*)*: shape': 'ab '.repeat(n / 3) + '!',
  'a File " line that never closes': 'File "' + '\\'.repeat(n),
  'a stack frame of brackets': '    at ' + '('.repeat(n),
  'colons after an error type': 'RuntimeError' + ': :'.repeat(n / 3),
  'a token-shaped run': 'x'.repeat(24) + '.' + 'y'.repeat(6) + '.' + 'z'.repeat(n),
  'error TS with no location': 'error TS' + '1('.repeat(n / 2),
  'fences inside fences': '```' + '`'.repeat(n),
  'dotted names without an end': 'a.'.repeat(n / 2) + 'Error',
  'many short lines of warnings': 'x.py:1: RuntimeWarning: '.repeat(10).concat('\n').repeat(2_000),
  'deeply nested code': '```py\n' + Array.from({ length: 500 }, (_, i) => ' '.repeat(i) + 'if x:').join('\n') + '\n```',
  'unbalanced JS': '```js\n' + '{('.repeat(5_000) + '\n```',
  'unbalanced Python': '```py\nasync def f():\n    x = ' + '(['.repeat(10_000) + '\n```',
  // The TypeScript parser re-parses what follows an `async` that is not an arrow's: 2^n work.
  '22 lines of (async (x)': '```js\n' + '(async (x)\n'.repeat(22) + '```',
  '500 lines of (async (x)': '```js\n' + '(async (x)\n'.repeat(500) + '```',
  'nested async function expressions': '```js\n' + 'f(async function(){ '.repeat(30) + '\n```',
  'nested async default parameters': '```js\n' + 'async (a='.repeat(40) + '\n```',
  'async in nested template literals': '```js\n' + '`${async x('.repeat(25) + '\n```',
  'many tiny fences': '```js\nf()\n```\n'.repeat(2_000),
  // A traceback line of VS Code notebook links that never close: each link's target is read once, not per `[`.
  'a line of unclosed notebook links': 'RuntimeError: x\n' + '[a](vscode-notebook-cell:'.repeat(n / 25),
  'brackets before one notebook link': 'Traceback (most recent call last):\n' + '['.repeat(n) + 'a](vscode-notebook-cell:' + 'x'.repeat(1_900),
};

describe('hostile pastes', () => {
  it.each(Object.entries(hostile))('%s gets a plain answer', (_name, text) => {
    const d = engine.diagnose(text);
    expect(Array.isArray(d.matches)).toBe(true);
    expect(d.matches.every((m) => m.confidence >= 0.5)).toBe(true);
  });
});

const jsFiller = 'function add(a, b) {\n  const total = a + b;\n  return total;\n}\n';
const pyFiller = 'def add(a, b):\n    total = a + b\n    return total\n\n';
const jsMistake = "client.on('interactionCreate', async (interaction) => {\n  interaction.reply('Pong!');\n});\n";
const pyMistake = 'async def main():\n    asyncio.sleep(1)\n';
const fenced = (lang: string, code: string) => '```' + lang + '\n' + code + '```';

describe('code shaped to make a parser blow up is turned away, and said so', () => {
  it.each([
    ['22 lines of (async (x)', 'parser-work'],
    ['nested async function expressions', 'parser-work'],
    ['nested async default parameters', 'parser-work'],
    ['async in nested template literals', 'parser-work'],
    ['unbalanced JS', 'nesting'],
    ['unbalanced Python', 'nesting'],
    ['deeply nested code', 'nesting'],
  ])('%s: %s', (name, reason) => {
    const d = engine.diagnose(hostile[name]!);
    expect(d.evidence.skipped).toContainEqual({ blockIndex: 0, reason });
    expect(d.evidence.findings).toEqual([]);
  });

  it('still reads real code with async callbacks nested deep', () => {
    let code = 'async function main() {\n';
    for (let i = 0; i < 8; i++) code += '  '.repeat(i + 1) + `emitter${i}.on('event', async (x${i}) => {\n`;
    code += '  '.repeat(9) + "interaction.reply('Pong!');\n";
    for (let i = 7; i >= 0; i--) code += '  '.repeat(i + 1) + '});\n';
    code += '}\n';
    const d = engine.diagnose(fenced('js', code));
    expect(d.evidence.skipped).toEqual([]);
    expect(d.matches[0]?.rule.id).toBe('js/floating-promise');
  });

  it('still reads Python nested as deep as real code goes', () => {
    let code = 'async def main():\n';
    for (let i = 1; i < 20; i++) code += '    '.repeat(i) + 'if x:\n';
    code += '    '.repeat(20) + 'asyncio.sleep(1)\n';
    const d = engine.diagnose(fenced('py', code));
    expect(d.evidence.skipped).toEqual([]);
    expect(d.matches[0]?.rule.id).toBe('py/coroutine-never-awaited');
  });

  it('keeps the nesting limit well above real code', () => {
    expect(MAX_NESTING).toBeGreaterThanOrEqual(50);
  });
});

describe('big pastes: the analysis reads a bounded part, the fix covers the whole file', () => {
  it('fixes a mistake near the top of a 500 KB Python file and returns the whole file, diffed at the mistake', () => {
    const code = pyMistake + pyFiller.repeat(Math.ceil(500_000 / pyFiller.length));
    const d = engine.diagnose(fenced('py', code));
    expect(d.evidence.skipped).toEqual([{ blockIndex: 0, reason: 'size' }]);
    const fix = d.matches[0]!.fix!;
    expect(d.matches[0]!.rule.id).toBe('py/coroutine-never-awaited');
    expect(fix.code).toBe(d.paste.blocks[0]!.text.replace('    asyncio.sleep(1)', '    await asyncio.sleep(1)'));
    expect(fix.changedLines).toEqual([2]);
    expect(fix.diff.split('\n').length).toBeLessThan(15);
  });

  it('fixes a mistake in the middle of a JS file and diffs only there', () => {
    const half = jsFiller.repeat(Math.floor(MAX_ANALYSED_CHARS / 3 / jsFiller.length));
    const code = half + jsMistake + half;
    const d = engine.diagnose(fenced('js', code));
    const fix = d.matches[0]!.fix!;
    expect(fix.code).toBe(d.paste.blocks[0]!.text.replace("  interaction.reply('Pong!')", "  await interaction.reply('Pong!')"));
    const line = half.split('\n').length + 1;
    expect(fix.changedLines).toEqual([line]);
    expect(fix.diff).toContain(`@@ -${line - 2},5 +${line - 2},5 @@`);
  });

  it('does not read code past the size limit, and says the block was cut', () => {
    const code = jsFiller.repeat(Math.ceil((MAX_ANALYSED_CHARS * 2) / jsFiller.length)) + jsMistake;
    const d = engine.diagnose(fenced('js', code));
    expect(d.matches).toEqual([]);
    expect(d.evidence.skipped).toEqual([{ blockIndex: 0, reason: 'size' }]);
  });

  it('analyses only the first blocks of a paste made of thousands', () => {
    const d = engine.diagnose(hostile['many tiny fences']!);
    expect(d.evidence.codeBlocks).toHaveLength(MAX_ANALYSED_BLOCKS);
    expect(d.evidence.skipped).toHaveLength(2_000 - MAX_ANALYSED_BLOCKS);
    expect(d.evidence.skipped.every((s) => s.reason === 'size')).toBe(true);
  });
});
