import { describe, expect, it } from 'vitest';
import { say } from '../../../src/render/messages.js';
import { fixWith, nodeRunner } from './node-programs.js';

const fix = (code: string) => fixWith('js.add-await', ['js.promise-as-value', 'js.floating-promise'], code);
const run = nodeRunner('awaitbot-callers-');

// A plain function that logs a promise, called by the paste's own code (node-redis issue 2240's shape):
// it cannot become async alone, since its callers expect it to be done when it returns.
const shown = (callers: string) =>
  [
    'const lookup = async (key) => `value of ${key}`;',
    '',
    'function show(key) {',
    '  console.log(lookup(key));',
    '}',
    '',
    callers,
    '',
  ].join('\n');

describe('JS add-await: the function around the promise is called by the paste: it and its callers wait', () => {
  it('makes the function async and awaits its calls in an async caller; the fixed program prints the values, in order', () => {
    const code = shown("async function main() {\n  show('a');\n  show('b');\n}\n\nmain();");
    expect(run(code, 'before.mjs')).toBe("Promise { 'value of a' }\nPromise { 'value of b' }");
    const out = fix(code);
    expect(out?.code).toContain('async function show(key) {\n  console.log(await lookup(key));');
    expect(out?.code).toContain("  await show('a');\n  await show('b');");
    expect(say(out!.note)).toContain('made `show` async');
    expect(run(out!.code, 'after.mjs')).toBe('value of a\nvalue of b');
  });

  it('awaits the calls at the top level of an ES module, which can await', () => {
    const code = shown("export {};\nshow('a');");
    const out = fix(code);
    expect(out?.code).toContain("await show('a');");
    expect(run(out!.code, 'module.mjs')).toBe('value of a');
  });

  it('leaves a call already awaited or chained as it is', () => {
    const code = shown("async function main() {\n  await show('a');\n  show('b').then(() => {}, () => {});\n  show('c');\n}\nmain();");
    const out = fix(code);
    expect(out?.code).toContain("  await show('a');\n  show('b').then(() => {}, () => {});\n  await show('c');");
  });

  it('does not make the function async when a caller cannot wait: a CommonJS top level, a sync function with callers of its own', () => {
    const cjs = shown("const fs = require('fs');\nshow('a');");
    expect(fix(cjs)?.code ?? '').not.toContain('async function show');
    const twoLevels = shown("function twice() {\n  show('a');\n  show('b');\n}\ntwice();\nexport {};");
    expect(fix(twoLevels)?.code ?? '').not.toContain('async function show');
  });

  it('does not when the function is handed to other code, calls itself, or declares a plain return type', () => {
    const handed = shown("async function main() {\n  ['a', 'b'].forEach(show);\n  show('c');\n}\nmain();");
    expect(fix(handed)?.code ?? '').not.toContain('async function show');
    const recursive = 'const lookup = async (key) => key;\nfunction show(key) {\n  console.log(lookup(key));\n  if (key) show(null);\n}\nasync function main() {\n  show(1);\n}\nmain();\n';
    expect(fix(recursive)?.code ?? '').not.toContain('async function show');
    const typed = "const lookup = async (key: string) => key;\nfunction show(key: string): void {\n  console.log(lookup(key));\n}\nasync function main() {\n  show('a');\n}\nmain();\n";
    expect(fix(typed)?.code ?? '').not.toContain('async function show');
  });
});
