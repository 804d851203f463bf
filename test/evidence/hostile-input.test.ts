/**
 * Pastes built to hurt: long runs without the delimiter a pattern waits for,
 * the shapes that make backtracking regexes explode. Each must come back as a
 * plain answer (the test timeout is the only clock; speed is in bench/).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

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
};

describe('hostile pastes', () => {
  it.each(Object.entries(hostile))('%s gets a plain answer', (_name, text) => {
    const d = engine.diagnose(text);
    expect(Array.isArray(d.matches)).toBe(true);
    expect(d.matches.every((m) => m.confidence >= 0.5)).toBe(true);
  });
});
