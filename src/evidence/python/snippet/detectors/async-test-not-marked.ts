/**
 * py.async-test-not-marked: an `async def test_…` that pytest collects but
 * nothing runs. Without an async plugin (pytest-asyncio, anyio, trio) and a
 * mark, pytest cannot await the coroutine: pytest 8.4+ fails the test with
 * "async def functions are not natively supported", older versions skip it
 * with a warning (and the test "passes" without running). pytest-asyncio's
 * auto mode needs no mark; that setting lives outside the snippet, so the
 * confidence stays modest. Async test classes of unittest, Django and
 * aiohttp run their own coroutines and are left alone, and so is a function
 * the snippet calls itself (`asyncio.run(test())` in a script).
 *
 * Also an `async def` fixture declared with plain `@pytest.fixture` in a
 * snippet that marks its tests `@pytest.mark.asyncio`: strict mode (the
 * default) ignores it, and the test receives a coroutine or async generator
 * instead of the fixture's value.
 */
import { child, containsOwn, namedChildren, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import type { Detector } from './shared.js';
import { words } from '../../../types.js';

const ASYNC_MARK = /\b(mark\.(asyncio|anyio|trio|tornado|gen_test)|pytest_asyncio|anyio|trio|gen_test|async_test|asynctest)\b/;
/** Test classes that run their own `async def test_…` methods. */
const ASYNC_CASE = /IsolatedAsyncioTestCase|AsyncTestCase|AioHTTPTestCase|TestCase|AsyncHTTPTestCase|unittest/;

function decoratorsOf(m: SnippetModel, def: PyNode): string[] {
  const holder = def.parent?.type === 'decorated_definition' ? def.parent : null;
  return holder ? holder.children.filter((c) => c.type === 'decorator').map((c) => m.text(c)) : [];
}

/** The snippet uses the function's name somewhere besides its own `def` (calls it, hands it on). */
function referenced(m: SnippetModel, name: string, def: PyNode): boolean {
  return m.identifiers.some((id) => m.text(id) === name && !(id.parent === def && id.field === 'name') && id.parent?.type !== 'attribute');
}

const PLAIN_FIXTURE = /^@(pytest\.)?fixture\b/;

/**
 * pytest-aiohttp's fixtures: a test that asks for one is written the way that plugin documents its
 * tests (`async def test_hello(aiohttp_client)`, unmarked, in the asyncio_mode it tells you to set),
 * and the plugin runs it.
 */
const AIOHTTP_PLUGIN_FIXTURE = /^(?:aiohttp_client|aiohttp_server|aiohttp_raw_server|aiohttp_unused_port|aiohttp_client_cls|test_client|test_server|raw_test_server)$/;

/** The names of the parameters a test function asks for (its fixtures). */
function fixtureNames(m: SnippetModel, def: PyNode): string[] {
  const params = child(def, 'parameters');
  if (!params) return [];
  return namedChildren(params).map((p) => m.text(p.type === 'identifier' ? p : (namedChildren(p)[0] ?? p)));
}

/**
 * The fixtures that stand for pytest-aiohttp's: its own, and the paste's fixtures that ask for one of
 * them (`@pytest.fixture async def cli(aiohttp_client)`, the way aiohttp's testing docs build a client),
 * or for such a fixture in turn.
 */
function aiohttpFixtures(m: SnippetModel): (name: string) => boolean {
  const own = new Set<string>();
  const fixtures = [...m.functions.values()].flat().filter((fn) => decoratorsOf(m, fn.node).some((d) => /^@(?:pytest\.|pytest_asyncio\.)?fixture\b/.test(d)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const fn of fixtures) {
      if (own.has(fn.name) || !fixtureNames(m, fn.node).some((f) => AIOHTTP_PLUGIN_FIXTURE.test(f) || own.has(f))) continue;
      own.add(fn.name);
      grew = true;
    }
  }
  return (name) => AIOHTTP_PLUGIN_FIXTURE.test(name) || own.has(name);
}

/**
 * The function returns a value of its own (`return res`): pytest wants None of a test and warns otherwise
 * (PytestReturnNotNoneWarning), so such a `test_…` is code some other runner calls and reads the result of (a
 * library's own test script, a benchmark), not a test pytest collects.
 */
function returnsValue(def: PyNode): boolean {
  const body = child(def, 'body');
  return body !== null && containsOwn(body, (c) => c.type === 'return_statement' && namedChildren(c).length > 0);
}

export const asyncTestNotMarked: Detector = (m, report) => {
  // A module-level `pytestmark = …`, `pytest_plugins` or an `anyio_backend` fixture marks every test.
  if (/^pytestmark\b|^pytest_plugins\b|\banyio_backend\b/m.test(m.code)) return;
  const pytestish = [...m.aliases.values()].some((q) => q === 'pytest' || q.startsWith('pytest.'));
  const fromAiohttpPlugin = aiohttpFixtures(m);
  for (const fns of m.functions.values()) {
    for (const fn of fns) {
      if (!fn.isAsync || !/^test/.test(fn.name)) continue;
      if (fn.isAsyncGen || (!pytestish && fn.name === 'test') || referenced(m, fn.name, fn.node)) continue;
      const def = fn.node;
      const block = def.parent?.type === 'decorated_definition' ? def.parent.parent : def.parent;
      let cls: PyNode | null = null;
      if (block?.type === 'block' && block.parent?.type === 'class_definition') cls = block.parent;
      else if (block?.type !== 'module') continue;
      if (cls) {
        const name = child(cls, 'name');
        const bases = child(cls, 'superclasses');
        if (!name || !/^Test/.test(m.text(name)) || (bases && ASYNC_CASE.test(m.text(bases)))) continue;
        if (decoratorsOf(m, cls).some((d) => ASYNC_MARK.test(d))) continue;
      }
      if (decoratorsOf(m, def).some((d) => ASYNC_MARK.test(d))) continue;
      if (fixtureNames(m, def).some(fromAiohttpPlugin)) continue;
      if (returnsValue(def)) continue;
      const keyword = fn.startOffset;
      report(def, 'py.async-test-not-marked', words('py.async-test-not-marked', { name: fn.name }), pytestish ? 0.65 : 0.6, {
        start: m.at(keyword),
        fnName: fn.name,
        inClass: cls ? 'true' : 'false',
        kind: 'test',
      });
    }
  }
  // Async fixtures behind a plain `@pytest.fixture`, where the tests show strict mode's marks.
  if (!/@pytest\.mark\.asyncio\b/.test(m.code) || /^[ \t]*(import|from)[ \t]+pytest_asyncio\b/m.test(m.code)) return;
  for (const fns of m.functions.values()) {
    for (const fn of fns) {
      if (!fn.isAsync) continue;
      const holder = fn.node.parent?.type === 'decorated_definition' ? fn.node.parent : null;
      const decorator = holder?.children.find((c) => c.type === 'decorator' && PLAIN_FIXTURE.test(m.text(c)));
      if (!decorator) continue;
      const at = decorator.start + 1;
      report(fn.node, 'py.async-test-not-marked', words('py.async-test-not-marked.fixture', { name: fn.name }), 0.65, {
        start: m.at(at),
        end: m.at(at + m.text(decorator).slice(1).match(/^(pytest\.)?fixture/)![0].length),
        fnName: fn.name,
        kind: 'fixture',
      });
    }
  }
};
