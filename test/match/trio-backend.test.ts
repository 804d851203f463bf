/**
 * anyio's pytest plugin runs every `@pytest.mark.anyio` test on each installed backend, trio included,
 * unless an `anyio_backend` fixture picks one (anyio's src/anyio/pytest_plugin.py parametrizes it with
 * every available backend). An asyncio call there raises "no running event loop" from inside an async
 * function: the backend is the cause, not code run in a thread or in sync code (py/no-event-loop).
 * The traceback's last frames are what CPython 3.11 prints when asyncio.sleep runs with no asyncio loop
 * (a coroutine driven by another runner: `query_db().send(None)`).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const traceback = [
  '  File "/app/test_api.py", line 5, in query_db',
  '    await asyncio.sleep(0.1)',
  '  File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/tasks.py", line 643, in sleep',
  '    loop = events.get_running_loop()',
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^',
  'RuntimeError: no running event loop',
];

const code = (marker: string) =>
  ['```python', 'import asyncio', 'import pytest', '', 'async def query_db():', '    await asyncio.sleep(0.1)', '    return {"id": 1}', '', marker, 'async def test_query():', '    assert await query_db() == {"id": 1}', '```'].join('\n');

describe('"no running event loop" from a test anyio runs', () => {
  it('is not the no-event-loop mistake when the test is marked for anyio', () => {
    expect(rulesOf(`${code('@pytest.mark.anyio')}\n\n${traceback.join('\n')}`)).not.toContain('py/no-event-loop');
  });

  it('is not that mistake when the failing test ran on trio', () => {
    expect(rulesOf(`FAILED test_api.py::test_query[trio] - RuntimeError: no running event loop\n${traceback.join('\n')}`)).not.toContain('py/no-event-loop');
  });

  it('is still that mistake in a test pytest-asyncio runs', () => {
    expect(rulesOf(`${code('@pytest.mark.asyncio')}\n\n${traceback.join('\n')}`)[0]).toBe('py/no-event-loop');
  });
});
