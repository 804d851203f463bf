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

const meter = `import asyncio


class Meter:
    async def measurement(self):
        return {"consumption": 42}

    async def watthourmeter(self):
        return await self.measurement()["consumption"]


print(asyncio.run(Meter().watthourmeter()))
`;

// A library's own bug, pasted as an issue against it: every frame of the traceback is under site-packages.
const sitePackages = join(dir, 'venv', 'lib', 'python3.12', 'site-packages', 'checkpoint');
mkdirSync(sitePackages, { recursive: true });
writeFileSync(join(sitePackages, '__init__.py'), '');
const saverLibrary = `class Cursor:
    async def to_list(self):
        return ["_id_", "thread_id"]


class Collection:
    async def list_indexes(self):
        return Cursor()


class Saver:
    def __init__(self):
        self.checkpoint_collection = Collection()

    async def setup(self):
        if len(await self.checkpoint_collection.list_indexes().to_list()) < 2:
            return "created"
        return "ready"
`;
const saverScript = `import asyncio
import sys

sys.path.insert(0, ${JSON.stringify(join(dir, 'venv', 'lib', 'python3.12', 'site-packages'))})
from checkpoint.aio import Saver

print(asyncio.run(Saver().setup()))
`;

describe('an await that awaits the read instead of the coroutine', () => {
  it("'coroutine' object is not subscriptable under `await f()[key]`: the await moves onto the call", () => {
    expect(run(meter)).toBe("TypeError: 'coroutine' object is not subscriptable");
    const m = engine.diagnose(paste(meter)).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    expect(m.fix!.code).toContain('        return (await self.measurement())["consumption"]\n');
    expect(run(m.fix!.code)).toBe('42\n');
  });

  it("fixes the library's own line when every frame of the pasted traceback is the library's", () => {
    writeFileSync(join(sitePackages, 'aio.py'), saverLibrary);
    const full = traceback(saverScript);
    expect(full).toContain("AttributeError: 'coroutine' object has no attribute 'to_list'");
    // The issue pastes the traceback from the library's first frame on (its own code above is cut).
    const lines = full.split('\n');
    const fromLibrary = lines.slice(lines.findIndex((l) => l.includes('site-packages'))).join('\n');
    const m = engine.diagnose(fromLibrary).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    // `to_list` is a coroutine method as well: the outer await stays, the call gets its own.
    expect(m.fix!.code).toBe('if len(await (await self.checkpoint_collection.list_indexes()).to_list()) < 2:');
    writeFileSync(join(sitePackages, 'aio.py'), saverLibrary.replace('if len(await self.checkpoint_collection.list_indexes().to_list()) < 2:', m.fix!.code));
    expect(run(saverScript)).toBe('ready\n');
  });

  it('leaves an await that already awaits the call alone', () => {
    const fixedMeter = meter.replace('await self.measurement()["consumption"]', '(await self.measurement())["consumption"]');
    expect(run(fixedMeter)).toBe('42\n');
    expect(engine.diagnose(['```python', fixedMeter, '```'].join('\n')).matches).toEqual([]);
  });
});

describe('a notebook cell', () => {
  // VS Code's notebook traceback for a cell whose last line indexes a coroutine (the cell's top level runs on IPython's loop).
  const cell = 'import asyncio\n\n\nasync def get_answer(text):\n    return {"content": text.upper()}\n\nget_answer("hello")["content"]';
  const notebookPaste = [
    '```python',
    cell,
    '```',
    '```',
    'TypeError                                 Traceback (most recent call last)',
    '[k:\\PROJECTS\\gpt.ipynb](file:///K:/PROJECTS/gpt.ipynb) Cell 18 line 7',
    '----> [7](vscode-notebook-cell:/k%3A/PROJECTS/gpt.ipynb#X35sZmlsZQ%3D%3D?line=6) get_answer("hello")["content"]',
    '',
    "TypeError: 'coroutine' object is not subscriptable",
    '```',
  ].join('\n');

  it('awaits the call where the cell indexes it, with no asyncio.run (the cell already runs on a loop)', () => {
    const m = engine.diagnose(notebookPaste).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    expect(m.fix!.code).toContain('(await get_answer("hello"))["content"]');
    expect(m.fix!.code).not.toContain('asyncio.run');
    // The cell's body, run the way IPython runs a cell with top-level await: inside a coroutine on a loop.
    const body = m.fix!.code.split('\n').slice(6).join('\n');
    expect(run(`${cell.split('\n').slice(0, 6).join('\n')}\nasync def cell():\n    print(${body.trim()})\n\nasyncio.run(cell())\n`)).toBe('HELLO\n');
  });
});

describe('a quoted asyncio.get_event_loop().run_until_complete line', () => {
  it('becomes asyncio.run, and the script it came from still runs', () => {
    const script = 'import asyncio\n\n\nasync def main():\n    return "done"\n\nprint(asyncio.get_event_loop().run_until_complete(main()))\n';
    const m = engine.diagnose(`app.py:7: DeprecationWarning: There is no current event loop\n  print(asyncio.get_event_loop().run_until_complete(main()))\n`).matches[0]!;
    expect(m.fix!.code).toBe('print(asyncio.run(main()))');
    expect(run(script.replace('print(asyncio.get_event_loop().run_until_complete(main()))', m.fix!.code))).toBe('done\n');
  });
});

describe('a generator-based coroutine on Python 3.11+ (asyncio.coroutine removed)', () => {
  const script = [
    'import asyncio',
    '',
    '',
    '@asyncio.coroutine',
    'def double(x):',
    '    yield from asyncio.sleep(0.01)',
    '    return x * 2',
    '',
    '',
    'async def main():',
    '    print(await double(21))',
    '',
    '',
    'asyncio.run(main())',
  ].join('\n');
  // CPython 3.11's error for the decorator (Lib/asyncio/__init__.py no longer exports it).
  const error = 'Traceback (most recent call last):\n  File "/app/script.py", line 4, in <module>\n    @asyncio.coroutine\n     ^^^^^^^^^^^^^^^^^\nAttributeError: module \'asyncio\' has no attribute \'coroutine\'. Did you mean: \'coroutines\'?';

  it('becomes a native coroutine (async def, await), and the fixed script runs on any Python 3.7+', () => {
    const m = engine.diagnose(['```python', script, '```', '```', error, '```'].join('\n')).matches[0]!;
    expect(m.rule.id).toBe('py/asyncio-api-version');
    expect(m.fix?.code).toContain('async def double(x):\n    await asyncio.sleep(0.01)');
    expect(m.fix?.code).not.toContain('@asyncio.coroutine');
    expect(run(m.fix!.code).trim()).toBe('42');
  });

  it('leaves the code alone when a nested plain generator uses yield from too (that one is no coroutine)', () => {
    const nested = script.replace('    return x * 2', '    def pairs():\n        yield from [(x, x)]\n    return x * 2');
    const m = engine.diagnose(['```python', nested, '```', '```', error, '```'].join('\n')).matches[0]!;
    expect(m.rule.id).toBe('py/asyncio-api-version');
    expect(m.fix).toBeNull();
  });

  it("turns the line a \"'yield from' inside async function\" SyntaxError quotes into an await", () => {
    const m = engine.diagnose(
      "AttributeError: module 'asyncio' has no attribute 'coroutine'\n\nso I wrote async def instead, and now:\n\n  File \"aioutils.py\", line 137\n    data = yield from reader.read()\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: 'yield from' inside async function\n",
    ).matches[0]!;
    expect(m.rule.id).toBe('py/asyncio-api-version');
    expect(m.fix?.code).toBe('data = await reader.read()');
  });

  it('does not touch a yield from line under another error', () => {
    const m = engine.diagnose("AttributeError: module 'asyncio' has no attribute 'timeout'\n  File \"a.py\", line 3\n    data = yield from reader.read()\n").matches[0];
    expect(m?.fix ?? null).toBeNull();
  });
});

describe('await in a Flask view that sends through the bot', () => {
  // A stand-in for Flask's route decorator and a bot whose loop runs in its own thread, as discord.py's does.
  const program = (view: string) =>
    [
      'import asyncio',
      'import threading',
      '',
      'class App:',
      '    def route(self, path, methods=None):',
      '        return lambda f: f',
      '',
      'app = App()',
      '',
      'class Client:',
      '    def __init__(self):',
      '        self.loop = asyncio.new_event_loop()',
      '    async def send_message(self, who, text):',
      '        print(who, text)',
      '',
      'client = Client()',
      'threading.Thread(target=client.loop.run_forever, daemon=True).start()',
      "member = 'ada'",
      '',
      view,
      '',
      'print(blahblah())',
      'client.loop.call_soon_threadsafe(client.loop.stop)',
    ].join('\n');
  const view = "@app.route('/blahblah', methods=['POST'])\ndef blahblah():\n    await client.send_message(member, 'hi')\n    return 'ok, sent'";

  it("hands the coroutine to the bot's loop and waits for it; the view stays plain and the program runs", () => {
    const code = program(view);
    expect(run(code)).toContain('SyntaxError');
    const m = engine.diagnose(['```python', code, '```'].join('\n')).matches[0]!;
    expect(m.rule.id).toBe('py/await-outside-async');
    expect(m.fix?.code).toContain("    asyncio.run_coroutine_threadsafe(client.send_message(member, 'hi'), client.loop).result()");
    expect(m.fix?.code).toContain('\ndef blahblah():');
    expect(run(m.fix!.code).trim().split('\n')).toEqual(['ada hi', 'ok, sent']);
  });

  it('makes the view async as before when what it awaits is not the bot', () => {
    const m = engine.diagnose(['```python', program(view.replace('client.send_message', 'helper.send_message')), '```'].join('\n')).matches[0]!;
    expect(m.fix?.code ?? '').not.toContain('run_coroutine_threadsafe');
  });
});
