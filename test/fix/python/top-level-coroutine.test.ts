/**
 * A coroutine of an object's method (`client.fetch(n)`, `Messages.get(…)`) called where no function
 * is shown: a script's top level gets `await` inside one `async def main()` run by `asyncio.run`, so
 * the object and every call on it share a loop; lines with no import, def or class are cut from a
 * body and are awaited where they stand. Also a coroutine read in a plain def of one of several
 * blocks, found from the error's words alone. Fixed scripts run with python3.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { say } from '../../../src/render/messages.js';
import { pythonStderr as stderrOf, runPythonScript as run } from './run-script.js';

const engine = await createEngine();

const client = `import asyncio

class Client:
    async def fetch(self, n):
        await asyncio.sleep(0)
        return {"users": list(range(n))}

`;

describe("a script's top-level call of a method's coroutine", () => {
  const script = `${client}client = Client()
total = 0
for n in (1, 2):
    page = client.fetch(n)
    total += len(page["users"])
print(total)
`;

  it('is awaited inside main(), with the name the loop adds to moved in too, and the script runs', () => {
    expect(run(script)).toContain("TypeError: 'coroutine' object is not subscriptable");
    const m = engine.diagnose(`After upgrading the client it fails:\n\`\`\`python\n${script}\`\`\`\nTypeError: 'coroutine' object is not subscriptable`).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    const fixed = m.fix!.code;
    // `total += …` inside main() would make total main's own: its `total = 0` moves in with it.
    expect(fixed).toContain('async def main():\n    total = 0\n');
    expect(fixed).toContain('page = await client.fetch(n)');
    expect(fixed).toContain('asyncio.run(main())');
    expect(run(fixed)).toBe('3');
    expect(say(m.fix!.note)).toContain('async def main()');
  });

  it('is not moved into main() when what would move defines the routes of an app (they belong at the top level)', () => {
    const app = `import asyncio\nfrom fastapi import FastAPI\nfrom ib_insync import IB\n\napp = FastAPI()\nib = IB()\nib.connectAsync('127.0.0.1', 7496, clientId=3)\n\n\n@app.get("/")\nasync def read_root():\n    return {"Hello": "World"}\n`;
    const text = `\`\`\`\nRuntimeWarning: coroutine 'IB.connectAsync' was never awaited\n  ib.connectAsync('127.0.0.1', 7496, clientId=0)\n\`\`\`\n\`\`\`\n${app}\`\`\``;
    for (const m of engine.diagnose(text).matches) expect(m.fix?.code ?? '').not.toContain('async def main');
  });

  it('keeps a function above that reads a name main() would bind out of it (the name would no longer be the script\'s)', () => {
    const reads = `import asyncio\n\nclass Client:\n    async def fetch(self, n):\n        return {"users": [n]}\n\ndef show():\n    print(total)\n\nclient = Client()\ntotal = 0\npage = client.fetch(1)\ntotal += len(page["users"])\nshow()\n`;
    for (const m of engine.diagnose(`\`\`\`python\n${reads}\`\`\`\nTypeError: 'coroutine' object is not subscriptable`).matches) expect(m.fix?.code ?? '').not.toContain('async def main');
  });
});

describe('lines with no import, def or class calling an ORM method', () => {
  it('are awaited where they stand, and the note says the function around them must be async', () => {
    const paste = 'I get a QuerySet back, not the message:\n```python\nMessages.filter(Q(message_id=message_id)).first()\nMessages.get(message_id=message_id)\n```\n### tortoise-orm version : 0.13.12';
    const m = engine.diagnose(paste).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('await Messages.filter(Q(message_id=message_id)).first()\nawait Messages.get(message_id=message_id)');
    expect(say(m.fix!.note)).toContain('must be an `async def`');
    expect(m.fix?.code).not.toContain('asyncio.run');
  });
});

describe('a coroutine read in a plain def of one block of several, named only by the error', () => {
  const caller = '            if not col_dict:\n                col_dict = _get_col_dict(self)';
  const def = `def _get_col_dict(store):\n    q = Query('__columns')\n    results = store.run_query(q).fetchall()\n    return [r['path'] for r in results]`;
  const paste = `In AsyncStorage.lookup():\n\`\`\`\n${caller}\n\`\`\`\nBut \`_get_col_dict\` comes from \`sqlstorage.py\` and is not async:\n\`\`\`\n${def}\n\`\`\`\nResults in "AttributeError: 'coroutine' object has no attribute 'fetchall'"`;

  it('is fixed in the block that reads it: the def made async, the read awaited, and the function runs', () => {
    const m = engine.diagnose(paste).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    expect(m.fix?.code).toContain('async def _get_col_dict(store):');
    expect(m.fix?.code).toContain('results = (await store.run_query(q)).fetchall()');
    const harness = `import asyncio\n\nclass Rows:\n    def fetchall(self):\n        return [{'path': 'a'}, {'path': 'b'}]\n\nclass Store:\n    async def run_query(self, q):\n        return Rows()\n\ndef Query(name):\n    return name\n\n${m.fix!.code}\n\nprint(asyncio.run(_get_col_dict(Store())))\n`;
    expect(run(harness)).toBe("['a', 'b']");
  });

  it('is not fixed in any block when two blocks read the attribute the error names (a guess between them)', () => {
    const twice = paste.replace('In AsyncStorage.lookup():\n```\n' + caller, "In AsyncStorage.lookup():\n```\ndef other(store):\n    return store.run_query(q).fetchall()");
    expect(engine.diagnose(twice).matches[0]?.fix ?? null).toBeNull();
  });
});

describe('a coroutine a never-awaited warning names, called once in the block, that no detector knows', () => {
  const handler = `import asyncio\n\nclass Request:\n    async def json(self):\n        return {'a': 1}\n\nasync def handler(request):\n    body = request.json()\n    return body\n\nprint(asyncio.run(handler(Request())))\n`;

  it('is awaited where it is called, and the fixed script prints the body', () => {
    const warned = stderrOf(handler);
    expect(warned).toContain("RuntimeWarning: coroutine 'Request.json' was never awaited");
    const m = engine.diagnose(`The body is a coroutine:\n\`\`\`python\n${handler}\`\`\`\n\`\`\`\n${warned.split('\n').filter((l) => l.includes('RuntimeWarning')).join('\n')}\n\`\`\``).matches[0]!;
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toContain('body = await request.json()');
    expect(run(m.fix!.code)).toBe("{'a': 1}");
  });

  it('is not guessed when the block calls a method of that name twice, or none of the name the warning gives', () => {
    const plain = handler.replace('class Request:\n    async def json(self):\n        return {\'a\': 1}\n\n', '');
    const warning = (name: string) => `\n\`\`\`\nsys:1: RuntimeWarning: coroutine 'Request.${name}' was never awaited\n\`\`\``;
    expect(engine.diagnose(`\`\`\`python\n${plain}\`\`\`${warning('json')}`).matches[0]?.fix?.code).toContain('body = await request.json()');
    const twice = plain.replace('    return body\n', '    other = request.json()\n    return body, other\n');
    for (const m of engine.diagnose(`\`\`\`python\n${twice}\`\`\`${warning('json')}`).matches) expect(m.fix?.code ?? '').not.toContain('await request.json()');
    for (const m of engine.diagnose(`\`\`\`python\n${plain}\`\`\`${warning('text')}`).matches) expect(m.fix?.code ?? '').not.toContain('await request.json()');
  });
});
