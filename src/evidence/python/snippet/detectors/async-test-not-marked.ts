/**
 * py.async-test-not-marked: an `async def test_…` that pytest collects but
 * nothing runs. Without an async plugin (pytest-asyncio, anyio, trio) and a
 * mark, pytest cannot await the coroutine: pytest 8.4+ fails the test with
 * "async def functions are not natively supported", older versions skip it
 * with a warning (and the test "passes" without running). pytest-asyncio's
 * auto mode needs no mark; that setting lives outside the snippet, so the
 * confidence stays modest. Async test classes of unittest, Django and
 * aiohttp run their own coroutines and are left alone.
 */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code } from './shared.js';

const ASYNC_MARK = /\b(mark\.(asyncio|anyio|trio|tornado|gen_test)|pytest_asyncio|anyio|trio|gen_test|async_test|asynctest)\b/;
/** Test classes that run their own `async def test_…` methods. */
const ASYNC_CASE = /IsolatedAsyncioTestCase|AsyncTestCase|AioHTTPTestCase|TestCase|AsyncHTTPTestCase|unittest/;

function decoratorsOf(m: SnippetModel, def: PyNode): string[] {
  const holder = def.parent?.type === 'decorated_definition' ? def.parent : null;
  return holder ? holder.children.filter((c) => c.type === 'decorator').map((c) => m.text(c)) : [];
}

export const asyncTestNotMarked: Detector = (m, report) => {
  // A module-level `pytestmark = …`, `pytest_plugins` or an `anyio_backend` fixture marks every test.
  if (/^pytestmark\b|^pytest_plugins\b|\banyio_backend\b/m.test(m.code)) return;
  const pytestish = [...m.aliases.values()].some((q) => q === 'pytest' || q.startsWith('pytest.'));
  for (const fns of m.functions.values()) {
    for (const fn of fns) {
      if (!fn.isAsync || fn.isAsyncGen || !/^test/.test(fn.name)) continue;
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
      const keyword = fn.startOffset;
      report(def, 'py.async-test-not-marked', `${code('async def ' + fn.name)} has no ${code('@pytest.mark.asyncio')} (or anyio) mark: without an async plugin and the mark, pytest cannot run the coroutine — pytest 8.4+ fails it with "async def functions are not natively supported", older versions skip it with a warning.`, pytestish ? 0.65 : 0.6, {
        start: m.at(keyword),
        fnName: fn.name,
        inClass: cls ? 'true' : 'false',
      });
    }
  }
};
