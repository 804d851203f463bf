/** The fix step as the engine runs it: which block and which line get fixed, and the diff people see. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();

const snippet = ['```py', 'import asyncio', '', 'async def fetch(n):', '    await asyncio.sleep(n)', '', 'def a():', '    fetch(1)', '', 'def b():', '    fetch(2)', '```'].join('\n');

describe('fixing the user\'s own code', () => {
  it('fixes every candidate when only the code is pasted', () => {
    const fix = engine.diagnose(snippet).matches[0]!.fix!;
    expect(fix.code).toContain('await fetch(1)');
    expect(fix.code).toContain('await fetch(2)');
  });

  it('fixes the line the warning points at when code and warning are pasted together', () => {
    const d = engine.diagnose(snippet + "\n```\n/app/bot.py:11: RuntimeWarning: coroutine 'fetch' was never awaited\n  fetch(2)\n```\n");
    const m = d.matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.where).toMatchObject({ file: '/app/bot.py', line: 11, source: 'fetch(2)' });
    expect(m.fix!.code).toContain('    await fetch(2)');
    expect(m.fix!.code).toContain('    fetch(1)\n');
    expect(m.fix!.diff).toContain('+    await fetch(2)');
    expect(m.fix!.changedLines).toEqual([9, 10]); // `def b():` became async, `fetch(2)` awaited
  });

  it('fixes the code block, not the traceback block, and the fixed code is shown with a unified diff', () => {
    const d = engine.diagnose('```js\nasync function save(u) { await db.insert(u); }\napp.post("/u", (req, res) => { save(req.body); res.send("ok"); });\n```');
    const fix = d.matches[0]!.fix!;
    expect(d.matches[0]!.rule.id).toBe('js/floating-promise');
    expect(fix.language).toBe('javascript');
    expect(fix.diff).toMatch(/^=+\n--- your code\n\+\+\+ fixed\n@@ /);
    expect(fix.code).toContain('await save(req.body)');
  });

  it('shows no user fix (the rule\'s own example instead) when the paste has no code', () => {
    const d = engine.diagnose("RuntimeError: asyncio.run() cannot be called from a running event loop");
    expect(d.matches[0]!.fix).toBeNull();
  });
});

describe("a compiler's code frame is the code the paste shows", () => {
  // Babel 7.0's SyntaxError as webpack prints it: the frame around the refused await, then Babel's own stack.
  const babel = (marker: string) =>
    [
      'Error:',
      '```',
      '{ SyntaxError: /app/src/worker.js: await is a reserved word (8:14)',
      '   6 |   init() {',
      '   7 |     try {',
      `${marker}  8 |       let a = await someFunction();`,
      '     |               ^',
      '   9 |       let b = await someFunction();',
      "  10 |       console.log('sum:', a + b);",
      '  11 |     } catch (e) { throw e; }',
      '    at _class.raise (/usr/local/lib/node_modules/@babel/core/node_modules/@babel/parser/lib/index.js:4021:15)',
      '```',
    ].join('\n');

  it('reads the frame without its gutter: the method around the await becomes async', () => {
    const m = engine.diagnose(babel('>')).matches[0]!;
    expect(m.rule.id).toBe('js/await-outside-async');
    expect(m.fix?.code).toContain('  async init() {\n    try {\n      let a = await someFunction();\n\n      let b = await someFunction();\n');
    expect(m.fix?.code).not.toContain('|');
  });

  it('leaves numbered lines alone when no line is marked as the one that failed', () => {
    const m = engine.diagnose(babel(' ')).matches[0]!;
    expect(m.rule.id).toBe('js/await-outside-async');
    expect(m.fix?.code ?? '').not.toContain('async init()');
  });
});
