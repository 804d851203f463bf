/**
 * Error messages read the way people paste them: without the exception type, in quotes, wrapped,
 * after log prefixes, in a repr, in a cut-off traceback; and side-effect lines that must not win
 * over the paste's real error.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const first = (text: string) => engine.diagnose(text).matches[0]?.rule.id ?? null;

describe('an error message without its exception type', () => {
  it.each([
    ['in a sentence', 'when I run it I get This event loop is already running and nothing happens', 'py/loop-already-running'],
    ['in backticks', 'Getting `asyncio.run() cannot be called from a running event loop` in my notebook', 'py/asyncio-run-nested'],
    ['wrapped across two lines', 'the log says cannot reuse already\nawaited coroutine after the retry', 'py/coroutine-reused'],
    ['after a timestamp and level', '2024-03-01 12:00:01,123 ERROR object NoneType can\'t be used in \'await\' expression', 'py/await-non-awaitable'],
    ['in a JSON log line', '{"level":"error","msg":"object dict can\\"t be used in \\"await\\" expression"}', 'py/await-non-awaitable'],
    ['in a repr', "task failed: RuntimeError('This event loop is already running')", 'py/loop-already-running'],
    ['after a full-width colon', '启动后报错TypeError：An asyncio.Future, a coroutine or an awaitable is required', 'py/coroutine-expected'],
  ])('%s', (_, text, rule) => {
    expect(first(text)).toBe(rule);
  });

  it.each([
    ['after an "Error: " prefix', "Error: There is no current event loop in thread 'Thread-6(_long_func_thread)'.", 'py/no-event-loop'],
    ['in a sentence, about a property', "I'm getting afterDebounce.then is not a function with the latest version", 'js/then-not-a-function'],
  ])('a message known by its pattern only, %s', (_, text, rule) => {
    expect(first(text)).toBe(rule);
  });

  it('a pattern-only message counts only where the whole pattern fits, and a short start counts never', () => {
    // The sure no-event-loop pattern excludes the main thread, where the message is only a likely answer.
    const main = engine.diagnose("There is no current event loop in thread 'MainThread'.").matches.find((m) => m.rule.id === 'py/no-event-loop');
    expect(main?.confidence ?? 0).toBeLessThan(0.8);
    expect(engine.diagnose("There is no current event loop in thread 'Thread-2'.").matches[0]?.confidence ?? 0).toBeGreaterThanOrEqual(0.8);
    expect(first('the then is not a function of mine')).toBe(null);
    expect(first('my editor says invalid syntax near await, why?')).not.toBe('py/await-outside-async');
  });

  it('does not count a library-specific error type without that type (discord.py ExtensionFailed)', () => {
    const ids = engine.diagnose("object NoneType can't be used in 'await' expression").matches.map((m) => m.rule.id);
    expect(ids).not.toContain('py/discord-py-async-setup');
  });

  it('does not count when the paste shows another error as its cause', () => {
    const text = [
      'Traceback (most recent call last):',
      '  File "bot.py", line 3, in <module>',
      '    main()',
      'ConnectionRefusedError: [Errno 111] Connect call failed',
      'later: This event loop is already running',
    ].join('\n');
    expect(first(text)).not.toBe('py/loop-already-running');
  });
});

describe('an error in markdown italics', () => {
  const code = ['```py', 'import time', '', 'class MyClient(discord.Client):', '    async def on_ready(self):', '        time.sleep(100)', '', "MyClient.run('TOKEN')", '```'].join('\n');

  it('is the error it quotes: a code finding it does not explain is no answer to it', () => {
    const d = engine.diagnose(`this gave me this error:\n\n_AttributeError: 'str' object has no attribute 'loop'_\n\n${code}`);
    expect(d.evidence.errors.map((e) => [e.type, e.message])).toEqual([['AttributeError', "'str' object has no attribute 'loop'"]]);
    expect(d.matches).toEqual([]);
    expect(first('__RuntimeError: This event loop is already running__')).toBe('py/loop-already-running');
  });

  it('but a name that starts with an underscore inside a word is no emphasis', () => {
    expect(engine.diagnose("x_AttributeError: 'str' object has no attribute 'loop'").evidence.errors).toEqual([]);
  });
});

describe('a traceback cut before its error line', () => {
  it('reads the error from the last frame\'s raise line', () => {
    const text = [
      'Traceback (most recent call last):',
      '  File "/srv/app/server.py", line 458, in keep_alive',
      '    pong_future, KEEP_ALIVE_TIMEOUT, loop=self._loop)',
      '  File "/usr/lib/python3.4/asyncio/tasks.py", line 511, in async',
      "    raise TypeError('A Future or coroutine is required')",
    ].join('\n');
    expect(first(text)).toBe('py/coroutine-expected');
  });

  // The shape of modelcontextprotocol/python-sdk#1358: AnyIO's TaskGroup.__aexit__ raising over several lines.
  const groupCut = (fn: string, raise: string) =>
    [
      '  + Exception Group Traceback (most recent call last):',
      `  |   File "c:\\AI\\.venv\\Lib\\site-packages\\anyio\\_backends\\_asyncio.py", line 772, in ${fn}`,
      `  |     ${raise}`,
    ].join('\n');

  it("reads the type from a raise spread over several lines: a task group's", () => {
    expect(first(groupCut('__aexit__', 'raise BaseExceptionGroup('))).toBe('py/taskgroup-exception-group');
  });

  it('but not another exception raised that way, nor a group raised outside a task group\'s exit', () => {
    expect(first(groupCut('__aexit__', 'raise ValueError('))).toBe(null);
    expect(first(groupCut('collect_errors', 'raise BaseExceptionGroup('))).toBe(null);
  });

  it('reads nothing from a last frame that is not a raise', () => {
    const text = ['Traceback (most recent call last):', '  File "app.py", line 2, in <module>', '    run()'].join('\n');
    expect(engine.diagnose(text).matches).toEqual([]);
  });
});

describe('side-effect lines', () => {
  it('"Unclosed client session" after a connection error is not the answer', () => {
    const text = [
      'aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host example.org:443 ssl:default [Connect call failed]',
      'Unclosed client session',
      'client_session: <aiohttp.client.ClientSession object at 0x7fc3e06aa0a0>',
      'Task was destroyed but it is pending!',
    ].join('\n');
    expect(engine.diagnose(text).matches).toEqual([]);
  });

  it('"Unclosed connector" after another error is not the answer either', () => {
    const text = [
      'aiohttp.client_exceptions.ServerDisconnectedError: Server disconnected',
      'Unclosed connector',
      "connections: ['[(<aiohttp.client_proto.ResponseHandler object at 0x7f3>, 2984.687)]']",
      'connector: <aiohttp.connector.TCPConnector object at 0x7f4>',
    ].join('\n');
    expect(engine.diagnose(text).matches).toEqual([]);
  });

  it('nothing async is the answer while a rejected token shows, wherever its message is', () => {
    const text = [
      'Unclosed connector',
      'connector: <aiohttp.connector.TCPConnector object at 0x7f4>',
      'Task exception was never retrieved',
      "future: <Task finished name='Task-1' coro=<Client.start() done, defined at /venv/lib/python3.10/site-packages/discord/client.py:649> exception=LoginFailure('Improper token has been passed.')>",
    ].join('\n');
    expect(engine.diagnose(text).matches).toEqual([]);
    expect(first(text.split('\n').slice(2, 3).join('\n'))).toBe('py/task-exception-never-retrieved');
  });

  it('"Unclosed client session" on its own still is', () => {
    expect(first('Unclosed client session\nclient_session: <aiohttp.client.ClientSession object at 0x7fc3e06aa0a0>')).toBe('py/aiohttp-session-misuse');
  });
});

describe('a TypeScript diagnostic quoted without its code', () => {
  it.each([
    ['in prose, from a docs build', "Unexpected TypeScript error: Top-level 'await' expressions are only allowed when the 'module' option is set to 'es2022', 'esnext'", 'js/await-outside-async'],
    ["in Deno's format", "TS2801 [ERROR]: This condition will always return true since this 'Promise<boolean>' is always defined", 'js/promise-used-as-value'],
  ])('%s', (_, text, rule) => {
    expect(first(text)).toBe(rule);
  });

  it('a diagnostic whose fixed start is too short to tell it apart is not guessed from text', () => {
    expect(first("Property 'x' does not exist on type 'Foo'.")).toBe(null);
  });
});

describe('an IPython or Colab traceback cut before its error line', () => {
  const colab = [
    '---------------------------------------------------------------------------',
    'RuntimeError                              Traceback (most recent call last)',
    '[<ipython-input-3-e33ca77624cc>](https://localhost:8080/#) in <cell line: 1>()',
    '----> 1 for message in response:',
    '      2     print(message)',
    '',
    '2 frames',
    '[/usr/local/lib/python3.10/dist-packages/lib/provider.py](https://localhost:8080/#) in run_generator(generator)',
    '    120     while True:',
    '    121         try:',
    '--> 122             yield loop.run_until_complete(gen.__anext__())',
  ].join('\n');

  it('takes the type from the header and the call from the last frame', () => {
    expect(first(colab)).toBe('py/loop-already-running');
    const [error] = engine.diagnose(colab).evidence.errors;
    expect(error).toMatchObject({ type: 'RuntimeError', message: '', cut: true });
    expect(error!.frames.map((f) => f.file)).toEqual(['<ipython-input-3-e33ca77624cc>', '/usr/local/lib/python3.10/dist-packages/lib/provider.py']);
  });

  it('names asyncio.run when that is the call that raised', () => {
    expect(first(colab.replace('yield loop.run_until_complete(gen.__anext__())', 'return asyncio.run(main())'))).toBe('py/asyncio-run-nested');
  });

  it('guesses nothing when the cut traceback raised from another call', () => {
    expect(first(colab.replace('yield loop.run_until_complete(gen.__anext__())', 'return compute(gen)'))).toBe(null);
  });

  it('needs the cut: a whole traceback with another RuntimeError is not asyncio.run nesting', () => {
    const whole = ['Traceback (most recent call last):', '  File "app.py", line 9, in <module>', '    asyncio.run(main())', 'RuntimeError: dictionary changed size during iteration'].join('\n');
    expect(first(whole)).toBe(null);
  });
});

describe('a piece cut out of a function', () => {
  it('is read as an async body: its top-level await is not "await outside async"', () => {
    const text = '```python\nrows = await db.fetch(query)\nfor row in rows:\n    await ctx.send(row)\n```';
    expect(engine.diagnose(text).matches.map((m) => m.rule.id)).not.toContain('py/await-outside-async');
  });

  it('is a script when the paste\'s own error refuses the top-level await, and the fix runs it with asyncio.run', () => {
    const text = '```python\nimport asyncio\n\nasync def foo():\n    return 1\n\nawait foo()\n```\n\n```\n  File "x.py", line 7\nSyntaxError: \'await\' outside function\n```';
    const [m] = engine.diagnose(text).matches;
    expect(m?.rule.id).toBe('py/await-outside-async');
    expect(m?.fix?.code).toContain('asyncio.run(foo())');
  });

  it('a linter saying so counts as that error', () => {
    const text = '```py\nasync def foo():\n    return 123\n\n\nawait foo()\n```\nerror[invalid-syntax]: `await` outside of an asynchronous function';
    expect(first(text)).toBe('py/await-outside-async');
  });

  it('Python 3.5\'s bare "invalid syntax" under an async with counts too', () => {
    expect(first('async with aiohttp.ClientSession() as session:\n             ^\nSyntaxError: invalid syntax')).toBe('py/await-outside-async');
    expect(first('print "hello"\n      ^\nSyntaxError: invalid syntax')).toBe(null);
  });

  it('but not when the caret points elsewhere on a line that also awaits (an f-string on Python 3.5)', () => {
    const text = [
      'Traceback (most recent call last):',
      '  File "main.py", line 2, in <module>',
      '    importlib.import_module("pug-bot")',
      '  File "/root/pug/pug-bot/__init__.py", line 43',
      '    await pug.channel.send(f"`{pug.name}` was deleted for inactivity.")',
      '                                                                     ^',
      'SyntaxError: invalid syntax',
    ].join('\n');
    expect(first(text)).toBe(null);
    expect(first(text.replace('await pug.channel.send(f"`{pug.name}` was deleted for inactivity.")', 'await pug.channel.send(msg)').replace(/ {69}\^/, '              ^'))).toBe('py/await-outside-async');
  });
});

describe('a message wrapped inside log decoration', () => {
  it('reads through timestamps and box borders on every wrapped line', () => {
    const text = [
      '2023-12-20 09:09:56 │ │                  exception=TypeError("\'async for\' requires an object     │ │',
      '2023-12-20 09:09:56 │ │                  with __aiter__ method, got list")>)                     │ │',
    ].join('\n');
    expect(first(text)).toBe('py/async-iterator-misuse');
  });

  it('a library method on an async generator is the async-iterator mistake', () => {
    expect(first("AttributeError: 'async_generator' object has no attribute 'flatten'")).toBe('py/async-iterator-misuse');
  });
});

describe('wordings that name the type the code got', () => {
  const lines = readFileSync(new URL('../fixtures/parsers/coroutine-as-str.out.txt', import.meta.url), 'utf8').split('\n');
  const given = (title: string) => lines.slice(lines.indexOf(`-- given a ${title} --`) + 1).filter((l) => l.startsWith('TypeError:')).slice(0, 11);

  it.each(given('coroutine'))('a coroutine where a value was wanted: %s', (line) => {
    expect(first(line)).toBe('py/coroutine-used-as-value');
  });

  it.each(given('list'))('the same operation on a list is no async mistake: %s', (line) => {
    expect(first(line)).toBe(null);
  });

  it("orjson's wording counts; a type merely named like one does not", () => {
    expect(first('TypeError: Type is not JSON serializable: coroutine')).toBe('py/coroutine-used-as-value');
    expect(first('TypeError: write() argument must be str, not coroutine_wrapper')).toBe(null);
  });

  it('async with on a plain object, as Python 3.5 to 3.8 word it (they look up __aexit__ first)', () => {
    expect(first('E   AttributeError: __aexit__')).toBe('py/async-context-manager-misuse');
    expect(first('AttributeError: __aexit__ of the mock is not set')).toBe(null);
  });

  it.each([
    ['double quotes', 'it fails with the message "AttributeError: __aexit__" as soon as it runs'],
    ['backticks', 'I get `AttributeError: __aexit__`, why?'],
    ['curly quotes', 'which results in \u201cAttributeError: __aexit__\u201d.'],
    ['brackets', 'the test dies (AttributeError: __aexit__) every time'],
  ])('an error quoted in a sentence ends at its closing quote, %s', (_, text) => {
    expect(first(text)).toBe('py/async-context-manager-misuse');
  });

  it('an error line a console wrapped at a space, its tail flush left on the next line', () => {
    expect(first("RuntimeError: There is no current event loop in thread \n'ScriptRunner.scriptThread'.\n────── Traceback (most recent call last) ──────")).toBe('py/no-event-loop');
  });

  it('but the words after a quote that does not close the error are still its message', () => {
    expect(first('it says "AttributeError: __aexit__ of the mock is not set"')).toBe(null);
    expect(first('it says "AttributeError: __aexit__"-ish things, not the real one')).toBe(null);
  });

  it('a loop-owning call inside a running loop that ends trying to close it', () => {
    expect(first('RuntimeError: Cannot close a running event loop')).toBe('py/loop-already-running');
  });
});

describe('JavaScript wordings quoted on their own', () => {
  it("React's crash on an async effect's promise, as jsdom reports it in a test run", () => {
    expect(first('Error: Uncaught [TypeError: destroy is not a function]')).toBe('js/async-useeffect');
  });

  it("but not another object's destroy, nor an effect React says returned something else", () => {
    expect(first('TypeError: this.destroy is not a function')).toBe(null);
    expect(first('TypeError: socket.destroy is not a function')).toBe(null);
    const number = 'Warning: useEffect must not return anything besides a function, which is used for clean-up. You returned: 1\nUncaught TypeError: destroy is not a function';
    expect(first(number)).toBe(null);
  });

  it("Jest's second sentence about open handles, quoted alone", () => {
    const jest = "Jest says: `This usually means that there are asynchronous operations that weren't stopped in your tests. Consider running Jest with `--detectOpenHandles` to troubleshoot this issue.`";
    expect(first(jest)).toBe('js/test-ends-before-async-work');
    // Words about async tests may still be read as a question (a likely answer), never as Jest's message.
    const sure = engine.diagnose('Jest did not find any asynchronous operations in your tests.').matches.filter((m) => !m.likely);
    expect(sure).toEqual([]);
  });
});

describe('linters naming awaits in a loop', () => {
  it.each([
    ['ESLint', '  12:5  error  Unexpected `await` inside a loop  no-await-in-loop'],
    ["the rule's title, as DeepSource reports it", '(JS-0032) Found `await` inside of loops'],
    ['Biome', 'ℹ Avoid using await inside loops.'],
  ])('%s', (_, text) => {
    expect(first(text)).toBe('js/await-in-loop');
  });

  it('not words about loops without the linter\'s quoted await', () => {
    expect(engine.diagnose('the await inside of loops section of the docs was helpful, thanks').matches.filter((m) => !m.likely)).toEqual([]);
  });
});

describe('a log line wrapped across two lines', () => {
  const slow = readFileSync(new URL('../fixtures/parsers/slow-callback.out.txt', import.meta.url), 'utf8').trim();
  // A terminal cuts the line where it is full.
  const wrapped = slow.match(/.{1,150}/g)!.join('\n');

  it("reads asyncio's slow-callback warning whole or hard-wrapped by a terminal", () => {
    expect(first(slow)).toBe('py/blocking-call-in-async');
    expect(wrapped.split('\n')).toHaveLength(2);
    expect(first(wrapped)).toBe('py/blocking-call-in-async');
  });

  it("reads Python 3.4.0's wording, wrapped by its logger (python/asyncio#105)", () => {
    const text = 'INFO:asyncio:Executing Handle(<bound method Task._step of \nTask(<coro>)<result=None>>, ()) took 1.001 seconds';
    expect(first(text)).toBe('py/blocking-call-in-async');
  });

  it('but not two lines that are not one message', () => {
    expect(first('INFO:asyncio:Executing Handle(<function tick at 0x7f>, ())\nstill running\ntook 1.001 seconds')).toBe(null);
    expect(first('Executing Handle(<function tick at 0x7f>, ())')).toBe(null);
  });
});

describe("a bot's unhandledRejection hook", () => {
  it('its log line counts; its own source line, in quotes, does not', () => {
    expect(first('error: 2017/07/07, 22:04:19.970@ Uncaught Promise Error: DiscordAPIError: Missing Permissions')).toBe('js/unhandled-rejection');
    const code = "```js\nprocess.on('unhandledRejection', (err) => {\n  console.error('Uncaught Promise Error: ', err);\n});\n```";
    expect(engine.diagnose(code).matches.map((m) => m.rule.id)).not.toContain('js/unhandled-rejection');
    expect(first('we have no uncaught promise errors in the logs')).toBe(null);
  });
});

describe('a coroutine called or stepped as if it were its result', () => {
  it.each([
    ['called, quoted in a sentence', 'i am trying to use "response.json()", but it raises an error "TypeError: \'coroutine\' object is not callable"'],
    ['stepped with next(), as an exception repr inside JSON', '{"Information": {"reason": "TypeError(\\"\'coroutine\' object is not an iterator\\")"}, "Actions": []}'],
  ])('%s: a coroutine used as a value', (_, text) => {
    expect(engine.diagnose(text).matches[0]?.rule.id).toBe('py/coroutine-used-as-value');
  });

  it('needs a coroutine: another object that is not callable is no async mistake', () => {
    expect(engine.diagnose("TypeError: 'NoneType' object is not callable").matches).toEqual([]);
    expect(engine.diagnose("TypeError: 'list' object is not an iterator").matches).toEqual([]);
  });
});

describe('an error message retyped without its quote marks', () => {
  it.each([
    ['TypeError: coroutine object is not subscriptable', 'py/coroutine-used-as-value'],
    ["TypeError: object NoneType can't be used in await expression", 'py/await-non-awaitable'],
    ['RuntimeWarning: coroutine main was never awaited', 'py/coroutine-never-awaited'],
  ])('%s still names its rule', (text, rule) => {
    expect(first(text)).toBe(rule);
  });

  it('is a little less sure than the message as Python prints it', () => {
    const retyped = engine.diagnose('TypeError: coroutine object is not subscriptable').matches[0]!.confidence;
    const printed = engine.diagnose("TypeError: 'coroutine' object is not subscriptable").matches[0]!.confidence;
    expect(retyped).toBeLessThan(printed);
  });

  it('needs the rule’s words: another object retyped the same way is no async mistake', () => {
    expect(engine.diagnose('TypeError: list object is not subscriptable').matches).toEqual([]);
  });
});

describe('an error message with its words split by stray spaces', () => {
  // A Node stack transcribed from a phone photo: the type is intact, words of the message are broken.
  const transcribed = [
    '/home/runner/bot/bot.js:139',
    'await client.channels.fetch(con fig.log).send({embeds: [log]});',
    'SyntaxError: await is only valid in async f unction',
    'at wrapSafe (internal/modules/cjs/loade r.js:915:16)',
  ].join('\n');

  it('still names its rule, a little less surely than as printed', () => {
    const split = engine.diagnose(transcribed).matches[0]!;
    expect(split.rule.id).toBe('js/await-outside-async');
    const printed = engine.diagnose(transcribed.replace('async f unction', 'async function')).matches[0]!;
    expect(split.confidence).toBeLessThan(printed.confidence);
  });

  it('needs a long message: a short one read without spaces could be words that happen to join', () => {
    // "Event loop is closed" is 20 characters: "isclosed" is no message Python prints.
    expect(engine.diagnose('RuntimeError: Event loop isclosed').matches).toEqual([]);
  });
});

describe("Python's never-awaited warning as a title of its own, without the coroutine's name", () => {
  it.each(['Coroutine was never awaited\n\nHey, thanks for the package; the scan never starts.', 'coroutine never awaited'])('%j names it, as a likely answer', (text) => {
    const match = engine.diagnose(text).matches[0]!;
    expect(match.rule.id).toBe('py/coroutine-never-awaited');
    expect(match.confidence).toBeLessThan(0.8);
  });

  it('needs the line to be the title alone, not a sentence that mentions it', () => {
    // The sentence is not read as the warning's title; only the prose reader may take it, as words about the topic, less surely.
    const title = engine.diagnose('Coroutine was never awaited').matches[0]!;
    const sentence = engine.diagnose('the coroutine was never awaited because the task was cancelled before it ran, which is fine').matches;
    expect(sentence.filter((m) => !m.reasons.every((r) => r.startsWith('described in words')))).toEqual([]);
    expect(sentence.filter((m) => m.confidence >= title.confidence)).toEqual([]);
  });
});

describe('an error retold as a title on a line of its own, without its type or quotes', () => {
  it.each([
    ['Loop already running', 'py/loop-already-running'],
    ['event loop is already running', 'py/loop-already-running'],
    ['a coroutine was expected', 'py/coroutine-expected'],
    ['await outside async function', 'py/await-outside-async'],
    ['coroutine object is not subscriptable', 'py/coroutine-used-as-value'],
    ['then is not a function', 'js/then-not-a-function'],
  ])('%j names %s, as a likely answer', (title, rule) => {
    const match = engine.diagnose(`${title}\n\nIt happens every time I run the bot.`).matches[0]!;
    expect(match.rule.id).toBe(rule);
    expect(match.confidence).toBeLessThan(0.8);
  });

  it("names Django's async-unsafe message by its first half, which titles and log lines keep", () => {
    expect(first('Django: You cannot call this from an async context')).toBe('py/django-sync-in-async');
  });

  it.each([
    ['the loop is already running by the time my callback fires, so I schedule the rest', 'py/loop-already-running'],
    ['a coroutine was expected here but I passed the function itself, fixed now', 'py/coroutine-expected'],
    ['then is not a function in this library, it takes callbacks so I wrapped it', 'js/then-not-a-function'],
  ])('leaves %j to the prose reader: a sentence, not the title alone', (text, rule) => {
    expect(engine.diagnose(text).matches.filter((m) => m.rule.id === rule && m.confidence >= 0.75)).toEqual([]);
  });
});

describe('a .then TypeError retyped with a space after the dot', () => {
  it("is still .then on something that is no promise, also inside the browser's Uncaught (in promise)", () => {
    expect(first('Uncaught (in promise) TypeError: i.src(...). then is not a function')).toBe('js/then-not-a-function');
    expect(first('TypeError: loadUser(...). then is not a function')).toBe('js/then-not-a-function');
  });

  it('but another method whose name starts with then is not', () => {
    expect(first('TypeError: x. thenable is not a function')).toBeNull();
  });
});

describe('the plain .then TypeError told in a sentence without its type', () => {
  // The spaced form got its own entry so that the plain one stays a literal message, which is what a sentence
  // is searched for: with one pattern for both, this sentence went unanswered.
  // Sure answers only: the prose reader alone would give the same rule as a likely one.
  const sure = (text: string) => engine.diagnose(text).matches.filter((m) => !m.likely).map((m) => m.rule.id);

  it('is the error itself, .then on something that is no promise', () => {
    expect(sure("I'm getting for afterDebounce.then is not a function, I use the latest version")).toEqual(['js/then-not-a-function']);
  });

  it('but a sentence about a method merely named then-something is not', () => {
    expect(sure("I'm getting for afterDebounce.thenable is not a function")).toEqual([]);
  });
});
