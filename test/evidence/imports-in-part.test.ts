/**
 * An excerpt keeps some of its file's imports and cuts the rest. When the paste's Python code uses a
 * standard module by name (`sys.platform`) that none of its lines imports, the imports shown are a
 * selection, and asyncio's missing import is no finding. A paste that imports every standard module
 * it uses shows its whole import list, and a missing `import asyncio` is still the answer.
 */
import { describe, expect, it } from 'vitest';
import { checkSync } from 'recheck';
import { createEngine } from '../../src/engine.js';
import { IMPORT_LINE } from '../../src/evidence/python/imports-in-part.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const excerpt = [
  '```python',
  'from apscheduler.schedulers.asyncio import AsyncIOScheduler',
  '',
  'scheduler = AsyncIOScheduler()',
  'if sys.platform == "win32":',
  '    loop = asyncio.ProactorEventLoop()',
  'else:',
  '    loop = asyncio.SelectorEventLoop()',
  'asyncio.set_event_loop(loop)',
  'scheduler.start()',
  'loop.run_forever()',
  '```',
];
const sibling = [
  'But this works:',
  '```python',
  'from apscheduler.schedulers.asyncio import AsyncIOScheduler',
  '',
  'scheduler = AsyncIOScheduler()',
  'loop = asyncio.get_event_loop()',
  'scheduler.start()',
  'loop.run_forever()',
  '```',
];

describe('asyncio used without its import', () => {
  it('is no finding in an excerpt that uses sys without importing it either', () => {
    expect(rulesOf(excerpt.join('\n'))).not.toContain('py/asyncio-not-imported');
  });

  it("is no finding in a block whose sibling shows the paste's imports are a selection", () => {
    expect(rulesOf([...excerpt, ...sibling].join('\n'))).not.toContain('py/asyncio-not-imported');
  });

  it('is the answer when every standard module the code uses is imported', () => {
    const whole = ['```python', 'import sys', '', 'async def main():', '    print(sys.argv)', '', 'asyncio.run(main())', '```'].join('\n');
    expect(rulesOf(whole)[0]).toBe('py/asyncio-not-imported');
  });

  it('is the answer when sys is only named in a comment', () => {
    const commented = ['```python', 'import json', '', 'async def main():', '    # sys.argv is not needed here', '    print(json.dumps({}))', '', 'asyncio.run(main())', '```'].join('\n');
    expect(rulesOf(commented)[0]).toBe('py/asyncio-not-imported');
  });

  it('finds an import on a line that imports several modules, by a pattern recheck proves linear', () => {
    const imported = ['```python', 'import os, sys', '', 'async def main():', '    print(sys.argv, os.sep)', '', 'asyncio.run(main())', '```'].join('\n');
    expect(rulesOf(imported)[0]).toBe('py/asyncio-not-imported');
    // The import lines are found with a pattern recheck proves linear, then each searched for the module's name.
    expect(checkSync(IMPORT_LINE.source, IMPORT_LINE.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
  });
});
