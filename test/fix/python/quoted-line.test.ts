/** Pastes with no code block: the fix rewrites the one line of the user's code that the warning or traceback quotes. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import type { Evidence } from '../../../src/evidence/types.js';
import { pythonFixers } from '../../../src/fix/python/index.js';
import { say } from '../../../src/render/messages.js';

const engine = await createEngine();

function first(text: string) {
  return engine.diagnose(text).matches[0]!;
}

describe('a never-awaited warning alone', () => {
  it('awaits the method call the warning names on the quoted line', () => {
    const m = first("/app/src/menu.py:74: RuntimeWarning: coroutine 'Messageable.send' was never awaited\n  message.channel.send(\"Pick a number\")\nRuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('await message.channel.send("Pick a number")');
    expect(say(m.fix!.note)).toContain('async def');
  });

  it('awaits a plain function call on a line that uses self (a method body)', () => {
    const m = first("/lib/proto.py:466: RuntimeWarning: coroutine 'skip' was never awaited\n  skip(self.trans, ttype)\n");
    expect(m.fix?.code).toBe('await skip(self.trans, ttype)');
  });

  it('parenthesises the await when the result is used (`(await f()).x`)', () => {
    const m = first("/app/a.py:3: RuntimeWarning: coroutine 'Client.fetch' was never awaited\n  name = client.fetch(1).name\n");
    expect(m.fix?.code).toBe('name = (await client.fetch(1)).name');
  });

  it('leaves a plain `main()` alone: the warning does not say whether it ran at the top level or in a function', () => {
    const m = first("/app/a.py:9: RuntimeWarning: coroutine 'main' was never awaited\n  main()\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix).toBeNull();
  });

  it('awaits a short alias of the named coroutine (pyrogram `reply` is `reply_text`), log prefixes and all', () => {
    const m = first(
      "2022-05-10T22:50:35.519688+00:00 app[worker.1]: /app/unzipper/modules/callbacks.py:229: RuntimeWarning: coroutine 'Message.reply_text' was never awaited\n2022-05-10T22:50:35.519696+00:00 app[worker.1]:   log_msg.reply(Messages.DONE.format(n))\n",
    );
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('await log_msg.reply(Messages.DONE.format(n))');
  });

  it('awaits the add_cog a discord.py 2 setup quotes, where the rule is the setup one', () => {
    const m = first(
      "[WARNING] py.warnings: /data/cogs/suggestion/__init__.py:5: RuntimeWarning: coroutine 'Red.add_cog' was never awaited\n  bot.add_cog(Suggestion(bot))\nTraceback (most recent call last):\n  File \"/venv/lib/python3.11/site-packages/redbot/core/bot.py\", line 1686, in load_extension\n    await lib.setup(self)\nTypeError: object NoneType can't be used in 'await' expression\n",
    );
    expect(m.rule.id).toBe('py/discord-py-async-setup');
    expect(m.fix?.code).toBe('await bot.add_cog(Suggestion(bot))');
    expect(say(m.fix!.note)).toContain('async def');
  });

  it('does not touch a call the warning does not name', () => {
    const m = first("/app/a.py:3: RuntimeWarning: coroutine 'Client.close' was never awaited\n  client.send(1)\n");
    expect(m.fix).toBeNull();
  });

  it("awaits the one call a line throws away when the coroutine is an object's __call__ (Telethon's client(request) inside a plain method)", () => {
    const m = first("/opt/app/matrix.py:342: RuntimeWarning: coroutine 'UserMethods.__call__' was never awaited\n  user.set_presence(presence == \"online\")\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('await user.set_presence(presence == "online")');
  });

  it('leaves a __call__ warning alone when its line holds more than one call, or keeps the value', () => {
    expect(first("/opt/app/matrix.py:342: RuntimeWarning: coroutine 'UserMethods.__call__' was never awaited\n  log(user.set_presence(online))\n").fix).toBeNull();
    expect(first("/opt/app/matrix.py:342: RuntimeWarning: coroutine 'UserMethods.__call__' was never awaited\n  result = user.set_presence(online)\n").fix).toBeNull();
  });

  it('does not guess between two calls of the named coroutine on one line', () => {
    const m = first("/app/a.py:3: RuntimeWarning: coroutine 'Channel.send' was never awaited\n  a.send(1) or b.send(2)\n");
    expect(m.fix).toBeNull();
  });
});

describe('a traceback alone', () => {
  // python3 3.11's traceback for asyncio.create_task(self.tick) inside a method (paths shortened).
  const traceback = "Traceback (most recent call last):\n  File \"/app/poller.py\", line 12, in <module>\n    asyncio.run(Poller().start())\n  File \"/usr/lib/python3.11/asyncio/runners.py\", line 190, in run\n    return runner.run(main)\n           ^^^^^^^^^^^^^^^^\n  File \"/usr/lib/python3.11/asyncio/runners.py\", line 118, in run\n    return self._loop.run_until_complete(task)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File \"/usr/lib/python3.11/asyncio/base_events.py\", line 653, in run_until_complete\n    return future.result()\n           ^^^^^^^^^^^^^^^\n  File \"/app/poller.py\", line 9, in start\n    self.task = asyncio.create_task(self.tick)\n                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File \"/usr/lib/python3.11/asyncio/tasks.py\", line 384, in create_task\n    task = loop.create_task(coro)\n           ^^^^^^^^^^^^^^^^^^^^^^\n  File \"/usr/lib/python3.11/asyncio/base_events.py\", line 436, in create_task\n    task = tasks.Task(coro, loop=self, name=name, context=context)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nTypeError: a coroutine was expected, got <bound method Poller.tick of <__main__.Poller object at 0x7f3a5c1d2e10>>\n";

  it('calls the coroutine function the error names where the quoted line hands it over', () => {
    const m = first(traceback);
    expect(m.rule.id).toBe('py/coroutine-expected');
    expect(m.fix?.code).toBe('self.task = asyncio.create_task(self.tick())');
  });

  it('leaves the line alone when the error names a function the line does not pass', () => {
    const m = first(traceback.replace('Poller.tick of', 'Poller.tock of'));
    expect(m.rule.id).toBe('py/coroutine-expected');
    expect(m.fix).toBeNull();
  });
});

describe('the quoted line of top-level code', () => {
  const addAwait = pythonFixers['py.add-await']!;
  const evidenceFor = (jupyter: boolean) =>
    ({
      errors: [{ language: 'python', type: 'RuntimeWarning', message: "coroutine 'main' was never awaited", frames: [{ file: 'app.py', line: 9, function: '<module>', source: 'main()', library: false }], lineIndex: 0 }],
      warnings: [],
      context: { jupyter },
    }) as unknown as Evidence;

  it('runs it with asyncio.run in a script', () => {
    expect(addAwait({ code: 'main()', language: 'python', findings: [], evidence: evidenceFor(false), excerpt: { function: '<module>' } })?.code).toBe('asyncio.run(main())');
  });

  it('awaits it in a notebook cell, whose top level runs on a loop already (asyncio.run would fail there)', () => {
    expect(addAwait({ code: 'main()', language: 'python', findings: [], evidence: evidenceFor(true), excerpt: { function: '<module>' } })?.code).toBe('await main()');
  });
});

describe('a traceback pasted from its middle', () => {
  // The poller traceback above, pasted from the user's create_task line on: its `File` line was not copied.
  const midway = "    self.task = asyncio.create_task(self.tick)\n                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File \"/usr/lib/python3.11/asyncio/tasks.py\", line 384, in create_task\n    task = loop.create_task(coro)\n           ^^^^^^^^^^^^^^^^^^^^^^\n  File \"/usr/lib/python3.11/asyncio/base_events.py\", line 436, in create_task\n    task = tasks.Task(coro, loop=self, name=name, context=context)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nTypeError: a coroutine was expected, got <bound method Poller.tick of <__main__.Poller object at 0x7f3a5c1d2e10>>\n";

  it('fixes the first line, the cut frame\'s source, when every frame below is the library\'s', () => {
    const m = first(midway);
    expect(m.rule.id).toBe('py/coroutine-expected');
    expect(m.fix?.code).toBe('self.task = asyncio.create_task(self.tick())');
  });

  it('does not take a line of prose above the frames for code', () => {
    const m = first(`I get this:\n${midway.split('\n').slice(2).join('\n')}`);
    expect(m.rule.id).toBe('py/coroutine-expected');
    expect(m.fix).toBeNull();
  });
});

describe('a traceback pasted from inside its last frame line (`File "…", ` cut off)', () => {
  const cut = (source: string, error: string) => ` line 108, in watthourmeter\n    ${source}\n${error}\n`;

  it('moves the await onto the call when the awaited value is subscripted (await binds looser)', () => {
    const m = first(cut('return await self.measurement()["consumption"]', "TypeError: 'coroutine' object is not subscriptable"));
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    expect(m.fix?.code).toBe('return (await self.measurement())["consumption"]');
  });

  it('does not lend that line to an error below a later, unrelated paste', () => {
    const e = engine.diagnose(`${cut('x = self.measurement()', 'I stopped it here.')}\nlater:\nTraceback (most recent call last):\n  File "a.py", line 1, in <module>\n    y()\nTypeError: 'coroutine' object is not subscriptable\n`).evidence;
    expect(e.errors.map((x) => x.cutSource ?? null)).toEqual([null]);
  });
});

describe("'coroutine' object has no attribute", () => {
  // python3 3.11 running a plain method that reads .json() off an async method's result (paths shortened).
  const traceback = 'Traceback (most recent call last):\n  File "/app/api.py", line 18, in <module>\n    main()\n  File "/app/api.py", line 15, in main\n    return json.dumps(Api().handler("https://example.com"))\n                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "/app/api.py", line 10, in handler\n    data = self.fetch_data(url).json()\n           ^^^^^^^^^^^^^^^^^^^^^^^^^\nAttributeError: \'coroutine\' object has no attribute \'json\'\n';

  it('awaits the call whose attribute was read, in parentheses', () => {
    const m = first(traceback);
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    expect(m.fix?.code).toBe('data = (await self.fetch_data(url)).json()');
  });

  it('leaves the line alone when no call on it has that attribute read', () => {
    const m = first(traceback.replace("attribute 'json'", "attribute 'text'"));
    expect(m.rule.id).toBe('py/coroutine-used-as-value');
    expect(m.fix).toBeNull();
  });
});

describe('the line a get_event_loop deprecation warning quotes', () => {
  // Python 3.12's warning (Lib/asyncio/events.py) for the loop fetched at a script's top level, as warnings prints it.
  const warning = (source: string) => `bot.py:31: DeprecationWarning: There is no current event loop\n  ${source}\n`;

  it('starts the coroutine with asyncio.run instead of the loop get_event_loop hands out', () => {
    const m = first(warning('asyncio.get_event_loop().run_until_complete(client.start())'));
    expect(m.rule.id).toBe('py/get-event-loop-deprecated');
    expect(m.fix?.code).toBe('asyncio.run(client.start())');
  });

  it('leaves `loop = asyncio.get_event_loop()` alone: what the loop runs is on a line it cannot see', () => {
    const m = first(warning('loop = asyncio.get_event_loop()'));
    expect(m.rule.id).toBe('py/get-event-loop-deprecated');
    expect(m.fix).toBeNull();
  });
});

describe('the with line a traceback quotes when the context manager is async', () => {
  // Python 3.11's traceback for `with aiohttp.ClientSession() as session:` in a coroutine asyncio runs (paths shortened).
  const traceback = (caller: string, fn: string) =>
    `Traceback (most recent call last):\n  File "/app/fetch.py", line 12, in <module>\n    asyncio.run(main())\n  File "/usr/lib/python3.11/asyncio/runners.py", line 190, in run\n    return runner.run(main)\n  File "/usr/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete\n    return future.result()\n  File "/app/fetch.py", line 9, in main\n    ${caller}\n  File "/app/fetch.py", line 5, in ${fn}\n    with aiohttp.ClientSession() as session:\n  File "/venv/lib/python3.11/site-packages/aiohttp/client.py", line 1170, in __enter__\n    raise TypeError("Use async with instead")\nTypeError: Use async with instead\n`;

  it('makes it `async with` when the caller awaited the function that ran it', () => {
    const m = first(traceback('await fetch_all(urls)', 'fetch_all'));
    expect(m.rule.id).toBe('py/async-context-manager-misuse');
    expect(m.fix?.code).toBe('async with aiohttp.ClientSession() as session:');
  });

  it('leaves it alone when the caller called it plainly: the function may not be a coroutine', () => {
    const m = first(traceback('fetch_all(urls)', 'fetch_all'));
    expect(m.rule.id).toBe('py/async-context-manager-misuse');
    expect(m.fix).toBeNull();
  });
});

describe('the with line of a coroutine run by run_until_complete before Python 3.7', () => {
  // github.com/vxgmichel/aiostream/issues/26 (paths shortened): Python 3.6 shows asyncio's
  // `return future.result()` right above the coroutine's frame.
  const traceback = (above: string) =>
    `Traceback (most recent call last):
  File "async_update_code.py", line 260, in <module>
    loop.run_until_complete(main())
  File "/usr/lib/python3.6/asyncio/base_events.py", line 468, in run_until_complete
    ${above}
  File "async_update_code.py", line 208, in main
    with aiohttp.ClientSession() as session:
  File "/home/u/.local/lib/python3.6/site-packages/aiohttp/client.py", line 818, in __enter__
    raise TypeError("Use async with instead")
TypeError: Use async with instead
`;

  it('makes it `async with`: asyncio handed back the coroutine\'s result', () => {
    const m = first(traceback('return future.result()'));
    expect(m.rule.id).toBe('py/async-context-manager-misuse');
    expect(m.fix?.code).toBe('async with aiohttp.ClientSession() as session:');
  });

  it('leaves it alone when the frame above is some other line of asyncio', () => {
    const m = first(traceback('self.run_forever()'));
    expect(m.fix).toBeNull();
  });
});

describe('the line a never-awaited warning quotes, read the ways people paste it', () => {
  it('takes the line under a warning copied without its file and line', () => {
    // github.com/Emotiv/cortex-example/issues/88: the websockets close() left unawaited.
    const m = first("when i run this example.py i am getting these warning as follows\nRuntimeWarning: coroutine 'WebSocketCommonProtocol.close' was never awaited\n  self.websocket.close()\nRuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('await self.websocket.close()');
  });

  it('does not take a sentence under a warning copied without its file for its source', () => {
    const m = first("RuntimeWarning: coroutine 'ClientSession._request' was never awaited\n  after removing the cwd from sys.path.\n");
    expect(m.fix).toBeNull();
  });

  it('takes the line printed after the frames that created the coroutine (asyncio debug mode)', () => {
    // github.com/nakagami/CyMySQL/issues/41: the library's executemany calls its async execute without await.
    const m = first(
      "this warning appears:\n```\n..\\Lib\\site-packages\\cymysql\\aio\\cursors.py:90: RuntimeWarning: coroutine 'AsyncDictCursor.execute' was never awaited\nCoroutine created at (most recent call last)\n  File \"..\\rec_rec_play.py\", line 47, in tackle\n    await cur.executemany(sql_sentence, params)\n  File \"..\\Lib\\site-packages\\cymysql\\aio\\cursors.py\", line 90, in executemany\n    self.execute(query, params)\n  self.execute(query, params)\n```\n",
    );
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('await self.execute(query, params)');
  });

  it('awaits the call in an if header quoted from an installed package (a closure the method defines)', () => {
    // github.com/Teekeks/pyTwitchAPI/issues/269: chat/__init__.py line 1084, pasted in a fence.
    const m = first(
      "I got this error when running:\n```\n.venv/lib/python3.11/site-packages/twitchAPI/chat/__init__.py:1084: RuntimeWarning: coroutine 'Chat._handle_msg.<locals>._can_execute_command' was never awaited\n  if _can_execute_command(command, command_name):\nRuntimeWarning: Enable tracemalloc to get the object allocation traceback\n```\n",
    );
    expect(m.fix?.code).toBe('if await _can_execute_command(command, command_name):');
  });

  it('awaits the call after the body of an except clause written on its line', () => {
    // github.com/NimaNzrii/comfyui-photoshop/issues/73: minified source, asyncio imported as L.
    const m = first("```python\nBackend.py:132: RuntimeWarning: coroutine 'sleep' was never awaited\n  except H as C:A(e);L.sleep(5)\n```\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('except H as C:A(e);await L.sleep(5)');
  });

  it('leaves an if header alone when the coroutine is a plain module-level function of a script', () => {
    const m = first("/app/bot.py:12: RuntimeWarning: coroutine 'ready' was never awaited\n  if ready(x):\n");
    expect(m.fix).toBeNull();
  });
});

describe('the for line over an async generator', () => {
  // Python 3.11's traceback for `for row in rows():` where rows is an async generator function (paths shortened).
  const traceback = (message: string) =>
    `Traceback (most recent call last):\n  File "/app/dump.py", line 9, in <module>\n    asyncio.run(main())\n  File "/usr/lib/python3.11/asyncio/runners.py", line 190, in run\n    return runner.run(main)\n  File "/app/dump.py", line 6, in main\n    for row in rows():\nTypeError: ${message}\n`;

  it('makes the quoted for an async for, and says its function must be an async def', () => {
    const m = first(traceback("'async_generator' object is not iterable"));
    expect(m.rule.id).toBe('py/async-iterator-misuse');
    expect(m.fix?.code).toBe('async for row in rows():');
    expect(say(m.fix!.note)).toContain('async def');
  });

  it('takes the one code line pasted above its error when two blocks leave no block to fix', () => {
    // aiosqlite question (corpus fixes-2-28's shape): the working sync code, then the failing line and its error.
    const m = first(
      'This works with the sync lib:\n```\nwith sq.connect("cars.db") as con:\n    for sql in con.iterdump():\n        print(sql)\n```\nand not with the async one:\n```\n    for sql in con.iterdump():\nTypeError: \'async_generator\' object is not iterable\n```\n',
    );
    expect(m.rule.id).toBe('py/async-iterator-misuse');
    expect(m.fix?.code).toBe('async for sql in con.iterdump():');
  });

  it('leaves the for alone when what was iterated is a coroutine (that wants await, not async for)', () => {
    const m = first(traceback("'coroutine' object is not iterable"));
    expect(m.fix?.code ?? '').not.toContain('async for');
  });
});

describe('asyncio.run quoted from a notebook cell', () => {
  // github.com/vladkens/twscrape/issues/186: a script's last lines run in a Jupyter cell.
  const traceback = (cell: string) =>
    `---------------------------------------------------------------------------\nRuntimeError                              Traceback (most recent call last)\n${cell}\n     45 if __name__ == "__main__":\n---> 46     asyncio.run(main())\n\nFile /usr/lib/python3.10/asyncio/runners.py:33, in run(main, debug)\n     32 if events._get_running_loop() is not None:\n---> 33     raise RuntimeError(\n     34         "asyncio.run() cannot be called from a running event loop")\n\nRuntimeError: asyncio.run() cannot be called from a running event loop\n`;

  it('awaits the coroutine instead: the cell already runs on the loop', () => {
    const m = first(traceback('Cell In[5], line 46'));
    expect(m.rule.id).toBe('py/asyncio-run-nested');
    expect(m.fix?.code).toBe('await main()');
  });

  it('leaves the line alone when the frame is a function of a file, where await may not compile', () => {
    const m = first(traceback('File ~/bot/run.py:46, in start()'));
    expect(m.fix).toBeNull();
  });
});

describe('a warning whose source line a log joined onto it', () => {
  it('starts the coroutine with asyncio.run where get_event_loop is deprecated', () => {
    // github.com/8go/matrix-eno-bot/issues/36: Ubuntu 24.04's Python 3.12, quoted inline.
    const m = first('With python 3.12 I get this deprecation warning:\n`main.py:169: DeprecationWarning: There is no current event loop asyncio.get_event_loop().run_until_complete(main())`\n');
    expect(m.rule.id).toBe('py/get-event-loop-deprecated');
    expect(m.fix?.code).toBe('asyncio.run(main())');
  });

  it('pauses with time.sleep when the log names a worker thread, where no loop runs to await asyncio.sleep', () => {
    // github.com/MTrab/pyworxcloud/issues/233: Home Assistant's log of the library's MQTT thread.
    const m = first("my log is full of:\n\n`2025-03-10 16:25:34.613 WARNING (Thread-6) [py.warnings] /usr/local/lib/python3.13/site-packages/pyworxcloud/utils/mqtt.py:271: RuntimeWarning: coroutine 'sleep' was never awaited asyncio.sleep(1)`\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix?.code).toBe('time.sleep(1)');
  });

  it('leaves another coroutine alone in a worker thread: await would not run there either', () => {
    const m = first("2025-03-10 16:25:34.613 WARNING (Thread-6) [py.warnings] /usr/local/lib/python3.13/site-packages/pyworxcloud/utils/mqtt.py:280: RuntimeWarning: coroutine 'Client.publish' was never awaited self.client.publish(topic)\n");
    expect(m.rule.id).toBe('py/coroutine-never-awaited');
    expect(m.fix).toBeNull();
  });

  it('reads the call written before the warning it printed, on the same line (a title)', () => {
    const m = first('asyncio.get_event_loop().run_until_complete(client.start()) DeprecationWarning: There is no current event loop\n');
    expect(m.rule.id).toBe('py/get-event-loop-deprecated');
    expect(m.fix?.code).toBe('asyncio.run(client.start())');
  });

  it('takes no words before a warning for its source line: a sentence, or a call cut open', () => {
    for (const text of ['I get this (weird) DeprecationWarning: There is no current event loop\n', 'loop.run_until_complete(main( DeprecationWarning: There is no current event loop\n']) {
      const e = engine.diagnose(text).evidence;
      expect(e.warnings[0]?.source ?? null).toBeNull();
    }
  });

  it('awaits the joined line when the log names the main thread', () => {
    const m = first("2025-03-10 16:25:34.613 WARNING (MainThread) [py.warnings] /usr/local/lib/python3.13/site-packages/pyworxcloud/utils/mqtt.py:280: RuntimeWarning: coroutine 'Client.publish' was never awaited self.client.publish(topic)\n");
    expect(m.fix?.code).toBe('await self.client.publish(topic)');
  });
});

describe('an async context manager awaited on the line a traceback quotes', () => {
  // github.com/GBSOSS/-mcp-to-skill-converter/issues/1: mcp's stdio_client is entered, not awaited.
  const traceback = (line: string, type: string) =>
    `Traceback (most recent call last):\n  File "/tmp/tstgh/skills/github/executor.py", line 53, in list_tools\n    await self.connect()\n  File "/tmp/tstgh/skills/github/executor.py", line 43, in connect\n    ${line}\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nTypeError: object ${type} can't be used in 'await' expression\n`;

  it('enters it with async with, keeping the name it was stored in', () => {
    const m = first(traceback('stdio_result = await stdio_client(server_params)', '_AsyncGeneratorContextManager'));
    expect(m.rule.id).toBe('py/await-non-awaitable');
    expect(m.fix?.code).toBe('async with stdio_client(server_params) as stdio_result:');
    expect(say(m.fix!.note)).toContain('`stdio_result`');
  });

  it('leaves the line alone when what was awaited is not a context manager', () => {
    const m = first(traceback('stdio_result = await stdio_client(server_params)', 'NoneType'));
    expect(m.fix).toBeNull();
  });
});

describe('a task timeout entered with a plain with', () => {
  // github.com/lichtteil/local_luftdaten/issues/67: Home Assistant's sensor update, one frame pasted.
  const traceback = (line: string) =>
    `File "/home/homeassistant/.homeassistant/custom_components/local_luftdaten/sensor.py", line 173, in async_update\n    ${line}\n         ~~~~~~~~~~~~~~~~~~~~~^^^^\nTypeError: 'Timeout' object does not support the context manager protocol\n`;

  it('makes it async with: a timeout of the running task runs in a coroutine', () => {
    const m = first(traceback('with async_timeout.timeout(30):'));
    expect(m.rule.id).toBe('py/async-context-manager-misuse');
    expect(m.fix?.code).toBe('async with async_timeout.timeout(30):');
  });

  it('leaves another context manager alone when nothing shows the function is a coroutine', () => {
    const m = first(traceback('with make_timeout(30):'));
    expect(m.fix).toBeNull();
  });
});
