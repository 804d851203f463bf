/**
 * Fixes found from the error's own words when no detector saw the mistake in the code: the fixed
 * script is run with python3 and no longer raises.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-pyerr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a script; its stdout, or the last line of its traceback. */
function run(code: string): string {
  const file = join(dir, 'script.py');
  writeFileSync(file, code);
  try {
    return execFileSync('python3', [file], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    return String((e as { stderr: string }).stderr).trim().split('\n').at(-1)!;
  }
}

/** The script as a code block, then the traceback python3 prints for it (captured live, so it is real). */
function paste(code: string): string {
  return ['```python', code.trimEnd(), '```', '```', traceback(code), '```'].join('\n');
}

function traceback(code: string): string {
  const file = join(dir, 'script.py');
  writeFileSync(file, code);
  try {
    execFileSync('python3', [file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr: string }).stderr);
  }
}

const flatten = `import asyncio


class Reaction:
    async def _gen(self):
        for name in ("ann", "bob"):
            yield name

    def users(self):
        return self._gen()


async def on_reaction_add(reaction):
    users = await reaction.users().flatten()
    print(users)

asyncio.run(on_reaction_add(Reaction()))
`;

// asgiref's shape, in a package next to the script: sync_to_async(fn) returns a SyncToAsync instance, awaitable only once called.
mkdirSync(join(dir, 'asgiref'));
writeFileSync(join(dir, 'asgiref', '__init__.py'), '');
writeFileSync(
  join(dir, 'asgiref', 'sync.py'),
  'class SyncToAsync:\n    def __init__(self, fn):\n        self.fn = fn\n\n    async def __call__(self, *args):\n        return self.fn(*args)\n\n\ndef sync_to_async(fn):\n    return SyncToAsync(fn)\n',
);

const wrapper = (wrapped: string) => `import asyncio

from asgiref.sync import sync_to_async


def _get_title():
    return "first post"


def _get_by_id(pk):
    return "post %d" % pk


async def index():
    result = await sync_to_async(${wrapped})
    print(result)

asyncio.run(index())
`;

// A coroutine method the snippet cannot resolve (a library's object), read as if awaited.
const unresolved = (line: string) => `import asyncio
import importlib


class Page:
    async def goto(self, url):
        return "went to " + url


async def _new_page():
    return Page()

browser = importlib.import_module("types").SimpleNamespace(new_page=_new_page)


async def main():
${line}

asyncio.run(main())
`;

describe('fixes read from the error message', () => {
  it("'async_generator' object has no attribute 'flatten': an async comprehension builds the list", () => {
    expect(run(flatten)).toBe("AttributeError: 'async_generator' object has no attribute 'flatten'");
    const m = engine.diagnose(paste(flatten)).matches[0]!;
    expect(m.rule.id).toBe('py/async-iterator-misuse');
    expect(m.fix!.code).toContain('users = [user async for user in reaction.users()]');
    expect(run(m.fix!.code)).toBe("['ann', 'bob']\n");
  });

  it("object SyncToAsync can't be used in 'await' expression: the wrapper sync_to_async returns is called", () => {
    const code = wrapper('_get_title');
    expect(run(code)).toBe("TypeError: object SyncToAsync can't be used in 'await' expression");
    const m = engine.diagnose(paste(code)).matches[0]!;
    expect(m.rule.id).toBe('py/await-non-awaitable');
    expect(m.fix!.code).toContain('await sync_to_async(_get_title)()');
    expect(run(m.fix!.code)).toBe('first post\n');
  });

  it('does not add a call the wrapped function could not take (it needs an argument we cannot know)', () => {
    const m = engine.diagnose(paste(wrapper('_get_by_id'))).matches[0]!;
    expect(m.rule.id).toBe('py/await-non-awaitable');
    expect(m.fix?.code ?? '').not.toContain('sync_to_async(_get_by_id)()');
  });
  it("'coroutine' object has no attribute 'goto': the call stored in the name read as a page is awaited", () => {
    const code = unresolved('    page = browser.new_page()\n    print(await page.goto("x"))');
    expect(traceback(code)).toContain("AttributeError: 'coroutine' object has no attribute 'goto'");
    const m = engine.diagnose(paste(code)).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    expect(m.fix!.code).toContain('    page = await browser.new_page()\n');
    expect(run(m.fix!.code)).toBe('went to x\n');
  });

  it("'coroutine' object has no attribute 'goto' on the call itself: the await is parenthesised", () => {
    const code = unresolved('    print(await browser.new_page().goto("x"))');
    const m = engine.diagnose(paste(code)).matches[0]!;
    expect(m.fix!.code).toContain('print(await (await browser.new_page()).goto("x"))');
    expect(run(m.fix!.code)).toBe('went to x\n');
  });
});
