/**
 * Error text as runtimes and libraries of other versions word it, and as people retype it: V8's and
 * JavaScriptCore's TypeErrors without their type, messages only JavaScript engines write, Node's
 * promise warnings without their `(node:N)` prefix, discord.py's wrappers around the real error,
 * Babel's code frame, and the source listing of a rich traceback (code, not output).
 */
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { confidentAt } from '../../src/app/answer-reply.js';
import { createEngine } from '../../src/engine.js';
import { renderText } from '../../src/render/text.js';

const engine = await createEngine();
const diagnose = (text: string) => engine.diagnose(text).matches;
const first = (text: string) => diagnose(text)[0]?.rule.id ?? null;

describe('a JavaScript engine TypeError quoted without its type', () => {
  it.each([
    ['with the colon lost (an issue title)', "[FE] TypeError Cannot read property 'then' of undefined", 'js/then-not-a-function'],
    ["in V8's pre-2015 wording, retyped without quotes", 'Cannot call method then of undefined\n\nWhen I save the form.', 'js/then-not-a-function'],
    ["in V8's wording since 9.3, in a sentence", "my bot says Cannot read properties of undefined (reading 'then') after the update", 'js/then-not-a-function'],
  ])('%s names the rule of its property', (_, text, rule) => {
    expect(first(text)).toBe(rule);
  });

  it.each([
    ['a property that is not then, in quotes', `It continues to "Cannot read property 'send' of undefined"`],
    ["Safari's wording of a plain undefined value", "Device State TypeError: undefined is not an object (evaluating 'content.replace')"],
  ])('%s is an error no rule explains: no answer, not even one guessed from its words', (_, text) => {
    expect(diagnose(text)).toEqual([]);
  });
});

describe('a message only JavaScript engines write', () => {
  it("is JavaScript's even when the code above it reads as Python", () => {
    // Firefox's wording, under a line that both languages could hold.
    const text = '```\nawait 1\nSyntaxError: await is only valid in async functions, async generators and modules\n```';
    expect(first(text)).toBe('js/await-outside-async');
  });

  it("leaves Python's own SyntaxError to Python", () => {
    const text = "  File \"bot.py\", line 4\n    await ctx.send('hi')\n    ^\nSyntaxError: 'await' outside function";
    expect(first(text)).toBe('py/await-outside-async');
  });
});

describe("Node's promise warnings without their (node:N) prefix", () => {
  it('count when quoted in a sentence', () => {
    const text = "The bot craps out when there's a discrepancy in permissions somewhere: `UnhandledPromiseRejectionWarning: DiscordAPIError: Missing Permissions`";
    expect(first(text)).toBe('js/unhandled-rejection');
  });

  it('are not taken for Python warnings, and a Python warning stays Python', () => {
    const node = engine.diagnose('UnhandledPromiseRejectionWarning: Error: boom').evidence.warnings;
    expect(node.map((w) => [w.language, w.category])).toEqual([['javascript', 'UnhandledPromiseRejectionWarning']]);
    const py = engine.diagnose("app.py:9: RuntimeWarning: coroutine 'fetch' was never awaited").evidence.warnings;
    expect(py.map((w) => w.language)).toEqual(['python']);
  });

  it('need the warning itself, not its name in a question', () => {
    expect(engine.diagnose('what is an UnhandledPromiseRejectionWarning and why do I get one').evidence.warnings).toEqual([]);
  });
});

describe("discord.py's wrappers around the error a command or extension raised", () => {
  const invoke = (inner: string) =>
    [
      'Traceback (most recent call last):',
      '  File "/home/bot/.venv/lib/python3.11/site-packages/discord/ext/commands/core.py", line 235, in wrapped',
      '    ret = await coro(*args, **kwargs)',
      `discord.ext.commands.errors.CommandInvokeError: Command raised an exception: ${inner}`,
    ].join('\n');

  it('answer with the rule of the wrapped error, sure enough to answer unasked', () => {
    const [m] = diagnose(invoke('RuntimeError: This event loop is already running'));
    expect(m?.rule.id).toBe('py/loop-already-running');
    expect(m!.confidence).toBeGreaterThanOrEqual(confidentAt);
  });

  it('answer nothing when the wrapped error is no async mistake', () => {
    expect(diagnose(invoke('Forbidden: 403 Forbidden (error code: 50013): Missing Permissions'))).toEqual([]);
  });

  it("let the wrapped error win over a package's never-awaited warning printed as the bot dies", () => {
    const text = [
      "discord.ext.commands.errors.ExtensionFailed: Extension 'Miscellaneous' raised an error: RuntimeError: Cannot close a running event loop",
      "/opt/venv/lib/python3.8/site-packages/discord/client.py:319: RuntimeWarning: coroutine 'Client.start' was never awaited",
      '  pass',
    ].join('\n');
    expect(diagnose(text).map((m) => m.rule.id)).toEqual(['py/loop-already-running']);
    // The same warning alone is still the answer.
    expect(first(text.split('\n').slice(1).join('\n'))).toBe('py/coroutine-never-awaited');
  });
});

describe("Babel's code frame under a SyntaxError", () => {
  const babel = (code: string, caret: string) => `SyntaxError: /app/await-test.js: Unexpected token (5:14)\n  4 |\n> 5 | ${code}\n    | ${caret}`;

  it('shows await outside an async function when the caret lands right after await', () => {
    expect(first(babel('let x = await test();', '              ^'))).toBe('js/await-outside-async');
  });

  it('shows nothing async when the caret lands elsewhere', () => {
    expect(diagnose(babel('let x = {a b};', '           ^'))).toEqual([]);
  });
});

describe('the source listing of a rich traceback', () => {
  it("is code shown for context: asyncio.run's own check above the line that ran is no error", () => {
    const text = [
      '│   186 │   │   raise RuntimeError(                                       │',
      '│   187 │   │   │   "asyncio.run() cannot be called from a running event loop")  │',
      '│   188 │                                                                 │',
      '│   189 │   with Runner(debug=debug) as runner:                           │',
      '│ ❱ 190 │   │   return runner.run(main)                                   │',
      '│   191                                                                   │',
    ].join('\n');
    expect(diagnose(text)).toEqual([]);
  });

  it('still shows the statement that ran, from its ❱ on', () => {
    const text = [
      '│    782 │   │   │   │   │   # for each nesting level.                │',
      '│ ❱  783 │   │   │   │   │   raise BaseExceptionGroup(                │',
      '│    784 │   │   │   │   │   │   "unhandled errors in a TaskGroup", self._exceptions │',
      '│    785 │   │   │   │   │   ) from None                              │',
    ].join('\n');
    expect(first(text)).toBe('py/taskgroup-exception-group');
  });
});

describe('a pending promise printed next to an error', () => {
  const logged = "```js\nconst user = getUser(id);\nconsole.log(user);\n```\n\nPromise { <pending> }\n";

  it('is the answer when the error is what using the promise as its value causes', () => {
    const text = `${logged}TypeError: Cannot read properties of undefined (reading 'length')\n    at main (/app/index.js:4:30)`;
    expect(first(text)).toBe('js/promise-used-as-value');
  });

  it('is not the answer when the error is of another kind: the primary error wins', () => {
    const text = `${logged}Uncaught NotFound: No such file or directory (os error 2): readfile ''\n    at async Object.readFile (ext:deno_fs/30_fs.js:719:18)`;
    expect(diagnose(text).map((m) => m.rule.id)).not.toContain('js/promise-used-as-value');
  });

  it('is the answer alone', () => {
    expect(first('console.log(result) prints Promise { <pending> }')).toBe('js/promise-used-as-value');
  });
});

describe("ruff's flake8-async rules by name", () => {
  it('name the blocking call even without their messages (`ruff check --statistics`)', () => {
    const text = '% `ruff check --select=ASYNC --statistics`\n```\n54\tASYNC230\tblocking-open-call-in-async-function\n 6\tASYNC221\trun-process-in-async-function\n```';
    expect(first(text)).toBe('py/blocking-call-in-async');
  });

  it('need the rule, not a code alone or another linter family', () => {
    expect(diagnose('we silence ASYNC230 for now')).toEqual([]);
    expect(diagnose('12\tPTH123\tbuiltin-open')).toEqual([]);
  });
});

describe('a traceback cut at a raise without a message', () => {
  const cut = (call: string, frame: string, raise: string) =>
    ['Traceback (most recent call last):', '  File "bot.py", line 12, in on_message', `    ${call}`, frame, `    ${raise}`].join('\n');

  it("shows asyncio's timeout when wait_for raised it (3.7 to 3.10)", () => {
    const text = cut('msg = await bot.wait_for("message", timeout=30)', '  File "/usr/lib/python3.9/asyncio/tasks.py", line 501, in wait_for', 'raise exceptions.TimeoutError() from exc');
    expect(first(text)).toBe('py/wait-for-timeout');
  });

  it("shows no async mistake when an HTTP client's own timeout raised it", () => {
    const text = cut('async with session.get(url, timeout=3) as resp:', '  File "/venv/lib/python3.8/site-packages/aiohttp/helpers.py", line 656, in __exit__', 'raise asyncio.TimeoutError from None');
    expect(diagnose(text)).toEqual([]);
  });

  it('reads no class from a re-raised variable', () => {
    expect(engine.diagnose(cut('await call()', '  File "/app/retry.py", line 40, in call', 'raise exc')).evidence.errors).toEqual([]);
  });
});

describe("Node 15+ crashing on an unhandled rejection whose reason is an Error", () => {
  const crash = (error: string) =>
    ['node:internal/process/promises:288', '            triggerUncaughtException(err, true /* fromPromise */);', '            ^', '', error, '    at Object.execute (/home/bot/commands/info.js:12:40)', '', 'Node.js v18.12.0'].join('\n');

  it("is known by the source line Node prints above it (lib/internal/process/promises.js)", () => {
    expect(first(crash("TypeError: Cannot read properties of undefined (reading 'name')"))).toBe('js/unhandled-rejection');
  });

  it('gives way to a fatal failure: a rejected bot token is the answer, not the rejection', () => {
    expect(diagnose(crash('Error [TokenInvalid]: An invalid token was provided.'))).toEqual([]);
  });

  it('gives way to a more specific rule', () => {
    expect(first(crash('TypeError: interaction.reply(...).then is not a function'))).toBe('js/then-not-a-function');
  });
});

describe("Biome's noFloatingPromises", () => {
  it('is a floating promise, whichever quotes the output uses', () => {
    for (const q of ['"floating"', '“floating”']) {
      const text = `index.ts:6:3 lint/nursery/noFloatingPromises  FIXABLE  ━━━━━━━━━━\n\n  ℹ A ${q} Promise was found, meaning it is not properly handled and could lead to ignored errors or unexpected behavior.\n\n    5 │ export async function main() {\n  > 6 │   foo();`;
      expect(first(text)).toBe('js/floating-promise');
    }
  });

  it('needs its diagnostic, not the rule named in a config', () => {
    expect(diagnose('"nursery": { "noFloatingPromises": "error" }')).toEqual([]);
  });
});

describe("the unhandledRejection hook from Node's docs, as it logs", () => {
  it('is an unhandled rejection, not a promise used as a value, though it prints the promise', () => {
    const text = "Unhandled rejection at: Promise  [object Promise] reason:  TypeError: Cannot read property 'author' of undefined\nat Command.checkRaw (C:\\bot\\src\\commands\\command.js:121:11)";
    expect(first(text)).toBe('js/unhandled-rejection');
    expect(first("Unhandled Rejection at: Promise {\n  <rejected> Error: connect ECONNREFUSED 127.0.0.1:6379\n} reason: Error: connect ECONNREFUSED")).toBe('js/unhandled-rejection');
  });

  it("needs the hook's output, not its source line", () => {
    expect(diagnose("process.on('unhandledRejection', (reason, promise) => {\n  console.error('Unhandled Rejection at:', promise, 'reason:', reason);\n});")).toEqual([]);
  });

  it('leaves a promise in a string anywhere else a promise used as a value', () => {
    expect(first('the embed says Balance: [object Promise] instead of the number')).toBe('js/promise-used-as-value');
  });
});

describe("Jest's open-handle message retold loosely", () => {
  it('counts with its distinctive start', () => {
    expect(first('for "Jest did not exit one second after the test has run completed." warning')).toBe('js/test-ends-before-async-work');
  });

  it('needs that start: Jest merely not exiting is words to weigh, never an answer given unasked', () => {
    expect(diagnose('Jest did not exit after I pressed Ctrl+C twice').every((m) => m.confidence < confidentAt)).toBe(true);
  });
});

describe("a traceback frame named by a rule (wait-for-timeout's wait_for)", () => {
  it("counts a wrapper whose name ends in it (discord.py's sane_wait_for)", () => {
    const text = ['Traceback (most recent call last):', '  File "gui.py", line 178, in change_channel', '  File "discord\\voice_client.py", line 387, in connect', '  File "discord\\utils.py", line 711, in sane_wait_for', 'asyncio.exceptions.TimeoutError'].join('\n');
    expect(first(text)).toBe('py/wait-for-timeout');
  });

  it("is not a longer name that holds it: Ctrl+C cancelling a stream read in _wait_for_data is no timeout", () => {
    // test/fixtures/negatives/python/ctrl_c_cancels_stream_read.py, cut where people cut it: before the KeyboardInterrupt.
    const full = readFileSync(new URL('../fixtures/negatives/python/ctrl_c_cancels_stream_read.out.txt', import.meta.url), 'utf8');
    const cutBeforeInterrupt = full.slice(0, full.indexOf('During handling of the above exception'));
    expect(cutBeforeInterrupt).toContain('_wait_for_data');
    expect(diagnose(cutBeforeInterrupt)).toEqual([]);
  });
});

describe("asyncio's get_event_loop raise, cut before the thread it names", () => {
  it('is a likely answer of no event loop in the thread, not one given unasked', () => {
    const text = ['    File "/app/streamlit_app.py", line 7, in <module>', '        loop = asyncio.get_event_loop()', '    File "/usr/local/lib/python3.9/asyncio/events.py", line 642, in get_event_loop', "        raise RuntimeError('There is no current event loop in thread %r.'"].join('\n');
    const [m] = diagnose(text);
    expect(m?.rule.id).toBe('py/no-event-loop');
    expect(m!.confidence).toBeLessThan(confidentAt);
  });
});

describe('a Python warning retyped with curly quotes', () => {
  it('reads as the warning Python printed', () => {
    expect(first('main.py:5: RuntimeWarning: coroutine ‘main’ was never awaited')).toBe('py/coroutine-never-awaited');
    expect(first('RuntimeWarning: coroutine ‘Bot.load_extension’ was never awaited')).toBe('py/discord-py-async-setup');
  });

  it('is still only that warning: another warning in curly quotes is no async mistake', () => {
    expect(diagnose('app.py:1: DeprecationWarning: the ‘imp’ module is deprecated in favour of importlib')).toEqual([]);
  });
});

describe("Bun's and esbuild's await error retyped", () => {
  it('counts without its quotes, or with curly ones', () => {
    expect(first('error: await can only be used inside an async function\n    at /home/me/index.ts:3:1')).toBe('js/await-outside-async');
    expect(first('bun says “await” can only be used inside an “async” function')).toBe('js/await-outside-async');
  });

  it('needs that sentence, not the words await and async near each other', () => {
    expect(diagnose('await can only be used with promises, and async functions return one')).toEqual([]);
  });
});

describe('Ctrl+C output pasted without its frames', () => {
  it('is program output, not a question to answer from its words', () => {
    expect(diagnose('asyncio.exceptions.CancelledError\n\nDuring handling of the above exception, another exception occurred:\n\nKeyboardInterrupt')).toEqual([]);
  });
});

describe("Node's ERR_INVALID_ARG_TYPE naming a Promise", () => {
  it('is a promise used as a value (an async call passed as the listener), as a likely answer', () => {
    const text = 'TypeError [ERR_INVALID_ARG_TYPE]: The "listener" argument must be of type function. Received an instance of Promise\n    at checkListener (node:events:267:3)\n    at Object.<anonymous> (/home/bot/index.js:12:8)';
    const [m] = diagnose(text);
    expect(m?.rule.id).toBe('js/promise-used-as-value');
    expect(m!.confidence).toBeLessThan(confidentAt);
  });

  it('needs the Promise: another wrong argument is no async mistake', () => {
    expect(diagnose('TypeError [ERR_INVALID_ARG_TYPE]: The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received an instance of Object')).toEqual([]);
  });
});

describe('a rejection reported in a runtime or test runner’s own words', () => {
  it.each([
    ["Next.js's dev server", " ⨯ unhandledRejection: Error: connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)"],
    ['Next.js before 14', 'error - unhandledRejection: TypeError: fetch failed'],
    ["AWS Lambda's Node runtime", '2024-03-02T00:32:41.507Z 64f97bc0 ERROR Unhandled Promise Rejection  {\n    "errorType": "Runtime.UnhandledPromiseRejection",\n    "errorMessage": "ParameterNotFound: null"'],
    ["Vitest's banner", '⎯⎯⎯⎯ Unhandled Rejection ⎯⎯⎯⎯⎯\nTypeError: currentBucket is not iterable\n ❯ mergeRefreshItems src/desk/store/dataSlice.ts:191:26'],
  ])('%s is an unhandled rejection', (_, text) => {
    expect(first(text)).toBe('js/unhandled-rejection');
  });

  it("needs the report, not a hook's source line naming the event", () => {
    expect(diagnose("process.on('unhandledRejection', (err) => {\n  console.error('unhandledRejection:', err);\n});")).toEqual([]);
  });
});

describe('an async def handed to run_in_executor', () => {
  it("is async code run where no loop exists, by asyncio's own check", () => {
    expect(first('Traceback (most recent call last):\n  File "/app/api.py", line 41, in advisory\n    data = await loop.run_in_executor(None, brief, lat, lon)\nTypeError: coroutines cannot be used with run_in_executor()')).toBe('py/no-event-loop');
  });

  it('is only that check: a plain callable that is wrong is no async mistake', () => {
    expect(diagnose("TypeError: a callable object was expected by run_in_executor(), got 'abc'")).toEqual([]);
  });
});

describe("swc's await error (Next.js, Turbopack, Vite's react-swc, Deno)", () => {
  it('is await outside an async function', () => {
    const text = "Error: \n  x await isn't allowed in non-async function\n    ,-[/app/src/app/api/route.ts:68:1]\n 68 |     const data = await req.json();\n    :                  ^^^^^";
    expect(first(text)).toBe('js/await-outside-async');
    expect(first('[plugin:vite:react-swc] x await isn’t allowed in non-async function')).toBe('js/await-outside-async');
  });

  it('needs that sentence: another thing not allowed in a non-async function is not it', () => {
    expect(diagnose("x 'yield' isn't allowed in non-generator function")).toEqual([]);
  });
});

describe("V8's 'reading then' retyped without its quotes", () => {
  it('is still then on a value that is no promise', () => {
    expect(first('Cannot read properties of undefined (reading then)')).toBe('js/then-not-a-function');
    expect(first('Cannot read properties of null (reading ‘then’) when I click save')).toBe('js/then-not-a-function');
  });

  it('needs then: another property read of undefined is no async mistake', () => {
    expect(diagnose('Cannot read properties of undefined (reading thenable)')).toEqual([]);
  });
});

describe("discord.py 2's loop sentinel (discord/client.py _LoopSentinel, 2.0+)", () => {
  const message =
    'loop attribute cannot be accessed in non-async contexts. Consider using either an asynchronous main function and passing it to asyncio.run or using asynchronous initialisation hooks such as Client.setup_hook';

  it('is async work started where no loop exists yet, and the reply says where to start it', () => {
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/app/bot.py", line 140, in <module>',
      '    bot.loop.create_task(bot.cache.setup())',
      '  File "/app/venv/lib/python3.10/site-packages/discord/client.py", line 140, in __getattr__',
      '    raise AttributeError(msg)',
      `AttributeError: ${message}`,
    ].join('\n');
    const d = engine.diagnose(traceback);
    expect(d.matches[0]?.rule.id).toBe('py/no-event-loop');
    expect(d.matches[0]!.confidence).toBeGreaterThanOrEqual(confidentAt);
    expect(renderText(d)).toContain('async def setup_hook(self)');
  });

  it("counts as VS Code's debugger shows it, the type on a line of its own", () => {
    const text = `Exception has occurred: AttributeError\n${message}\n  File "C:\\bot\\main.py", line 64, in <module>\n    bot.ipc.start()`;
    expect(first(text)).toBe('py/no-event-loop');
  });

  it('needs that sentence: another AttributeError about a loop attribute is no async mistake', () => {
    expect(diagnose("AttributeError: 'NoneType' object has no attribute 'loop'")).toEqual([]);
    expect(diagnose(`Exception has occurred: AttributeError\n'Bot' object has no attribute 'loop'\n  File "C:\\bot\\main.py", line 64, in <module>\n    bot.ipc.start()`)).toEqual([]);
  });
});

describe('a promise library reporting a rejection nobody handled (bluebird, core-js)', () => {
  it("is an unhandled rejection, by bluebird's header before the reason's stack", () => {
    const text = 'Unhandled rejection SequelizeDatabaseError: relation "users" does not exist\n    at Query.formatError (/app/node_modules/sequelize/lib/dialects/postgres/query.js:357:16)';
    expect(first(text)).toBe('js/unhandled-rejection');
    expect(first("every mongoose error prints 'Unhandled rejection ValidationError/WriteError' to the console")).toBe('js/unhandled-rejection');
  });

  it("is an unhandled rejection, by core-js's console.error('Unhandled promise rejection', reason) in a browser", () => {
    expect(first('Unhandled promise rejection TypeError: action.payload is undefined')).toBe('js/unhandled-rejection');
  });

  it('needs an error name right after the words, where the library prints it', () => {
    expect(diagnose('Unhandled rejection Error.')).toEqual([]);
    // An app's own hook, the reason after its own colon, about a reason no rule explains.
    expect(diagnose('[info] Unhandled rejection: DiscordAPIError[50035]: Invalid Form Body')).toEqual([]);
  });
});

describe("aiohttp's own warning that a session was created where no loop runs", () => {
  it('is the session misused, in the wordings of aiohttp 1.3 to 3.4, 3.5 to 3.6 and 3.7 to 3.9', () => {
    const logged = 'ERROR:root:Creating a client session outside of coroutine\nclient_session: <aiohttp.client.ClientSession object at 0x7f414f025828>';
    expect(first(logged)).toBe('py/aiohttp-session-misuse');
    expect(first('/app/feeds.py:12: DeprecationWarning: The object should be created from async function\n  session = aiohttp.ClientSession()')).toBe('py/aiohttp-session-misuse');
    expect(first('/app/feeds.py:12: DeprecationWarning: The object should be created within an async function\n  session = aiohttp.ClientSession()')).toBe('py/aiohttp-session-misuse');
  });

  it('needs those words: another object that should be created first is no async mistake', () => {
    expect(diagnose('ValueError: The object should be created before the request is sent')).toEqual([]);
  });
});

describe("a library's promise-like printed where its result was expected", () => {
  // Node's own util.inspect of a query builder that is thenable, as Prisma's and knex's are.
  const thenable = inspect({ then() {}, catch() {}, finally() {}, requestTransaction() {} });

  it("is a promise used as its value: a thenable object, as Node prints it", () => {
    expect(thenable).toContain('then: [Function: then]');
    expect(first(`> ts-node ./script.ts\n\n${thenable} allUsers`)).toBe('js/promise-used-as-value');
  });

  it('is a promise used as its value: a Mongoose Query, which is thenable', () => {
    expect(first("findOne not working\n\nQuery {\n  _mongooseOptions: {},\n  _transforms: [],\n  op: 'findOne',\n  _conditions: { email: 'a@b.c' } }")).toBe('js/promise-used-as-value');
  });

  it('needs the printed function: a thenable written in code is no output', () => {
    expect(diagnose('const lazy = { then: (resolve) => resolve(load()) };')).toEqual([]);
  });

  it('is not the answer when the paste shows an error of another kind: the primary error wins', () => {
    const text = `${thenable}\nError: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)`;
    expect(diagnose(text).map((m) => m.rule.id)).not.toContain('js/promise-used-as-value');
  });
});

describe("Tornado's IOLoop started where it already runs (tornado 4 and 5, PollIOLoop.start)", () => {
  it('is the loop already running, as asyncio says it', () => {
    const text = 'Traceback (most recent call last):\n  File "app.py", line 9, in fetch\n    response = HTTPClient().fetch(url)\n  File "/usr/lib/python3/dist-packages/tornado/ioloop.py", line 458, in run_sync\n    self.start()\n  File "/usr/lib/python3/dist-packages/tornado/ioloop.py", line 755, in start\n    raise RuntimeError("IOLoop is already running")\nRuntimeError: IOLoop is already running';
    expect(first(text)).toBe('py/loop-already-running');
  });

  it('needs that message: an error a run_sync coroutine raised is its own', () => {
    const text = 'Traceback (most recent call last):\n  File "app.py", line 9, in <module>\n    IOLoop.current().run_sync(main)\n  File "/usr/lib/python3/dist-packages/tornado/ioloop.py", line 458, in run_sync\n    return future_cell[0].result()\n  File "app.py", line 5, in main\n    raise ValueError("bad config")\nValueError: bad config';
    expect(diagnose(text)).toEqual([]);
  });
});

describe("an async iterator class read by a plain for (discord.py's HistoryIterator, LogsFromIterator)", () => {
  it('is an async iterator misused: a class named for an iterator that is not iterable has only __aiter__', () => {
    const text = 'Traceback (most recent call last):\n  File "bot.py", line 12, in on_message\n    for msg in message.channel.history(limit=50):\nTypeError: \'HistoryIterator\' object is not iterable';
    expect(first(text)).toBe('py/async-iterator-misuse');
  });

  it('needs a class named for an iterator: another object that is not iterable is no async mistake', () => {
    expect(diagnose("TypeError: 'int' object is not iterable")).toEqual([]);
    expect(diagnose("TypeError: 'AsyncIterable' object is not iterable")).toEqual([]);
  });
});

describe("VS Code's exception popup, copied (debugpy: 'Exception has occurred: X', the message below)", () => {
  const popup = (type: string, message: string) =>
    `Exception has occurred: ${type}\n${message}\n  File "C:\\app\\bot.py", line 12, in main\n    await client.close()\n  File "C:\\app\\bot.py", line 20, in <module>\n    asyncio.run(main())`;

  it('is that error, in the user\'s file and line, sure enough to answer unasked', () => {
    const d = engine.diagnose(popup('TypeError', "object NoneType can't be used in 'await' expression"));
    expect(d.matches[0]?.rule.id).toBe('py/await-non-awaitable');
    expect(d.matches[0]!.confidence).toBeGreaterThanOrEqual(confidentAt);
    expect(d.matches[0]!.where).toEqual({ file: 'C:\\app\\bot.py', line: 12, source: 'await client.close()' });
  });

  it('is an error no rule explains when its message is no async mistake', () => {
    expect(diagnose(popup('KeyError', "'token'"))).toEqual([]);
  });

  it('needs the type alone on its line and a message under it', () => {
    const noMessage = 'Exception has occurred: TypeError\n  File "C:\\app\\bot.py", line 12, in main\n    await client.close()';
    expect(engine.diagnose(noMessage).evidence.errors.filter((e) => e.type === 'TypeError' && e.message.startsWith('File'))).toEqual([]);
  });
});

describe('a generator-based coroutine awaiting with yield from what it cannot (Python 3.4 style)', () => {
  const raised = (source: string, type: string) =>
    `Traceback (most recent call last):\n  File "test.py", line 60, in main\n    loop.run_until_complete(load_file(url))\n  File "test.py", line 11, in load_file\n    ${source}\nTypeError: '${type}' object is not iterable`;

  it('is an await on a non-awaitable, by the yield from line that raised', () => {
    expect(first(raised('response = yield from aiohttp.request("GET", url)', '_SessionRequestContextManager'))).toBe('py/await-non-awaitable');
  });

  it("leaves an async iterator class's to the async-iterator rule", () => {
    expect(diagnose(raised('gen = yield from client.logs_from(channel, limit=1)', 'LogsFromIterator')).map((m) => m.rule.id)).toEqual(['py/async-iterator-misuse']);
  });

  it('needs the yield from on the line that raised, not anywhere up the stack', () => {
    const deeper = 'Traceback (most recent call last):\n  File "app.py", line 11, in load\n    result = yield from fetch(url)\n  File "app.py", line 5, in fetch\n    a, b = parse(body)\nTypeError: \'NoneType\' object is not iterable';
    expect(diagnose(deeper)).toEqual([]);
  });
});

describe("asyncio's exceptions named through asyncio.futures", () => {
  // What CPython 3.11 prints for `import asyncio.futures` then `print(asyncio.futures.TimeoutError)`.
  const traceback = [
    'Traceback (most recent call last):',
    '  File "/tmp/p10_futures.py", line 7, in <module>',
    '    print(asyncio.futures.TimeoutError)',
    '          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    "AttributeError: module 'asyncio.futures' has no attribute 'TimeoutError'",
  ].join('\n');

  it('is code written for a Python whose asyncio had them there (up to 3.7)', () => {
    expect(first(traceback)).toBe('py/asyncio-api-version');
    expect(first(`3.10.0 regression: AttributeError: module 'asyncio.futures' has no attribute 'CancelledError' on older pythons`)).toBe('py/asyncio-api-version');
  });

  it('but another name missing from asyncio.futures is no version matter', () => {
    expect(first("AttributeError: module 'asyncio.futures' has no attribute 'FutureX'")).toBeNull();
  });
});
