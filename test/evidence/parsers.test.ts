/** The text parsers on real output captured by test/fixtures/regenerate.mjs (programs in test/fixtures/parsers/). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatherEvidence } from '../../src/evidence/index.js';
import { intake } from '../../src/intake/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parsers/${name}`, import.meta.url), 'utf8');
const evidenceOf = (text: string) => gatherEvidence(intake(text), []);

describe('Python tracebacks', () => {
  it('reads every error of a chained traceback, with how each is chained', () => {
    const e = evidenceOf(fixture('chained.out.txt'));
    expect(e.errors.map((x) => [x.type, x.message, x.chain])).toEqual([
      ['KeyError', "'token'", null],
      ['RuntimeError', 'config token missing', 'cause'],
      ['asyncio.exceptions.CancelledError', '', 'context'],
      ['TimeoutError', '', 'cause'],
    ]);
    const last = e.errors.at(-1)!;
    expect(last.frames.map((f) => f.function)).toContain('wait_for');
    const user = last.frames.filter((f) => !f.library).at(-1)!;
    expect(user).toMatchObject({ file: '/home/user/app/chained.py', line: 16, function: 'main', source: 'await asyncio.wait_for(asyncio.sleep(1), timeout=0.01)' });
  });

  it('opens ExceptionGroup boxes and marks the sub-exceptions', () => {
    const e = evidenceOf(fixture('group.out.txt'));
    expect(e.errors.map((x) => [x.type, x.message, x.inGroup ?? false])).toEqual([
      ['ExceptionGroup', 'unhandled errors in a TaskGroup (2 sub-exceptions)', false],
      ['ValueError', 'bad item 1', true],
      ['ValueError', 'bad item 2', true],
    ]);
    expect(e.errors[1]!.frames[0]).toMatchObject({ file: '/home/user/app/group.py', line: 6, function: 'fail', source: 'raise ValueError(f"bad item {n}")' });
  });

  it('reads a SyntaxError with its caret and no Traceback header', () => {
    const e = evidenceOf(fixture('syntax.out.txt'));
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toMatchObject({ type: 'SyntaxError', message: "'await' outside async function" });
    expect(e.errors[0]!.frames[0]).toMatchObject({ line: 5, source: 'await asyncio.sleep(1)' });
  });

  it('reads a warning line with its location and the source line under it', () => {
    const e = evidenceOf(fixture('warning.out.txt'));
    expect(e.warnings[0]).toMatchObject({ category: 'RuntimeWarning', message: "coroutine 'fetch' was never awaited", file: '/home/user/app/warning.py', line: 9, source: 'fetch()' });
    expect(e.errors).toEqual([]);
  });

  it('reads a warning quoted in prose: the quotes around it are not part of the file or the source', () => {
    const [head, source] = fixture('warning.out.txt').split('\n').filter((l) => l.includes('RuntimeWarning') || /^\s+fetch\(\)/.test(l));
    const quoted = `I keep getting "${head}\n${source}"\nwhat does it mean?`;
    const e = evidenceOf(quoted);
    expect(e.warnings[0]).toMatchObject({ message: "coroutine 'fetch' was never awaited", file: '/home/user/app/warning.py', line: 9, source: 'fetch()' });
    // A source line's own balanced quotes stay.
    const own = evidenceOf(`${head}\n    await ctx.send("hi")`);
    expect(own.warnings[0]?.source).toBe('await ctx.send("hi")');
  });

  it('marks an error Python reported as ignored (from a destructor, at exit), and only that one', () => {
    const e = evidenceOf(readFileSync(new URL('../fixtures/negatives/python/refused_then_closed_loop.out.txt', import.meta.url), 'utf8'));
    expect(e.errors.map((x) => [x.type, x.ignored ?? false])).toEqual([
      ['ConnectionRefusedError', false],
      ['RuntimeError', true],
    ]);
    expect(evidenceOf('Exception ignored in: <function Connection.__del__ at 0x7f8>\nRuntimeError: Event loop is closed').errors[0]).toMatchObject({ type: 'RuntimeError', ignored: true });
  });

  it('sees a fatal failure by its library\'s message, alone or inside a task\'s repr', () => {
    expect(evidenceOf('Improper token has been passed.').fatal).toMatchObject([{ type: 'LoginFailure' }]);
    expect(evidenceOf("future: <Task finished name='Task-1' coro=<Client.start() done> exception=LoginFailure('Improper token has been passed.')>").fatal).toHaveLength(1);
    expect(evidenceOf('Error [TokenInvalid]: An invalid token was provided.').fatal).toMatchObject([{ type: 'TokenInvalid' }]);
    expect(evidenceOf('RuntimeError: Event loop is closed').fatal).toEqual([]);
  });

  it('reads a Jupyter traceback (IPython 8 format, with colours)', () => {
    const paste = [
      '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
      '\u001b[0;31mRuntimeError\u001b[0m                              Traceback (most recent call last)',
      'Cell \u001b[0;32mIn[3], line 5\u001b[0m',
      '\u001b[1;32m      2\u001b[0m     \u001b[38;5;28;01mawait\u001b[39;00m asyncio\u001b[38;5;241m.\u001b[39msleep(\u001b[38;5;241m1\u001b[39m)',
      "\u001b[0;32m----> 5\u001b[0m asyncio\u001b[38;5;241m.\u001b[39mrun(main())",
      '',
      'File \u001b[0;32m/usr/lib/python3.11/asyncio/runners.py:186\u001b[0m, in \u001b[0;36mrun\u001b[0;34m(main, debug)\u001b[0m',
      '\u001b[1;32m    182\u001b[0m     \u001b[38;5;28;01mraise\u001b[39;00m \u001b[38;5;167;01mRuntimeError\u001b[39;00m(',
      '',
      '\u001b[0;31mRuntimeError\u001b[0m: asyncio.run() cannot be called from a running event loop',
    ].join('\n');
    const e = evidenceOf(paste);
    expect(e.context.jupyter).toBe(true);
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toMatchObject({ type: 'RuntimeError', message: 'asyncio.run() cannot be called from a running event loop' });
    expect(e.errors[0]!.frames.map((f) => [f.file, f.line, f.library])).toEqual([
      ['Cell In[3]', 5, false],
      ['/usr/lib/python3.11/asyncio/runners.py', 186, true],
    ]);
    expect(e.errors[0]!.frames[0]!.source).toBe('asyncio.run(main())');
  });

  // ipython-closed-loop.cell run as one cell (`ipython --colors=NoColor -c "$(cat ipython-closed-loop.cell)"`) by IPython
  // 8.4.0 and 7.34.0, each from its git tag, on Python 3.11.7; regenerate.mjs cannot install old IPythons, so by hand.
  it.each([
    ['8.4', 'Input In [1]'],
    ['7.34', '<ipython-input-1-1e034bf56ac5>'],
  ])("reads the frames of IPython %s's cells and files", (version, cell) => {
    const e = evidenceOf(fixture(`ipython-${version}-closed-loop.out.txt`));
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toMatchObject({ type: 'RuntimeError', message: 'Event loop is closed' });
    expect(e.errors[0]!.frames.map((f) => [f.file, f.line, f.function?.split('.').pop(), f.library])).toEqual([
      [cell, 8, '<cell line: 0>', false],
      [cell, 7, 'go', false],
      [expect.stringMatching(/base_events\.py$/), 628, 'run_until_complete', true],
      [expect.stringMatching(/base_events\.py$/), 519, '_check_closed', true],
    ]);
    expect(e.errors[0]!.frames[1]!.source).toBe('loop.run_until_complete(main())');
  });

  it("reads the error an IPython 8.4 traceback cut before its last line was raising, from its frames", () => {
    const cut = fixture('ipython-8.4-closed-loop.out.txt').trimEnd().split('\n').slice(0, -2).join('\n');
    expect(evidenceOf(cut).errors.map((x) => [x.type, x.message, x.cut, x.frames.length])).toEqual([['RuntimeError', 'Event loop is closed', true, 4]]);
  });

  it("reads VS Code's notebook tracebacks, whose line numbers are links and whose cells are named by notebook", () => {
    const linked = [
      'RuntimeError                              Traceback (most recent call last)',
      'Cell In[5], [line 19](vscode-notebook-cell:?execution_count=5&line=19)',
      '     17 agent = Agent(ollama_model, output_type=CityLocation)',
      "---> [19](vscode-notebook-cell:?execution_count=5&line=19) result = agent.run_sync('Where?')",
      '',
      'File ~/.venv/lib/python3.12/site-packages/nest_asyncio.py:98, in _patch_loop.<locals>.run_until_complete(self, future)',
      '     96 def run_until_complete(self, future):',
      "---> 98     raise RuntimeError('This event loop is already running')",
      '',
      'RuntimeError: This event loop is already running',
    ].join('\n');
    expect(evidenceOf(linked).errors[0]!.frames.map((f) => [f.file, f.line, f.source])).toEqual([
      ['Cell In[5]', 19, "result = agent.run_sync('Where?')"],
      ['~/.venv/lib/python3.12/site-packages/nest_asyncio.py', 98, "raise RuntimeError('This event loop is already running')"],
    ]);
    // IPython 8.0-8.4 under VS Code: the notebook and cell stand where `Input In [2]` would.
    const named = [
      'RuntimeError                              Traceback (most recent call last)',
      'c:\\Users\\me\\Desktop\\asyn_test.ipynb Cell 2 in <cell line: 8>()',
      '      [4](vscode-notebook-cell:/c%3A/Users/me/Desktop/asyn_test.ipynb#W1sZmlsZQ%3D%3D?line=3) async def add_one(number: int) -> int:',
      '----> [8](vscode-notebook-cell:/c%3A/Users/me/Desktop/asyn_test.ipynb#W1sZmlsZQ%3D%3D?line=7) result = asyncio.run(add_one(1))',
      '',
      'File c:\\Python310\\lib\\asyncio\\runners.py:33, in run(main, debug)',
      '      9 """Execute the coroutine and return the result.',
      '   (...)',
      '     31 """',
    ].join('\n');
    const e = evidenceOf(named).errors[0]!;
    expect(e).toMatchObject({ type: 'RuntimeError', cut: true });
    expect(e.frames.map((f) => [f.file, f.line, f.function, f.source])).toEqual([
      ['c:\\Users\\me\\Desktop\\asyn_test.ipynb Cell 2', 8, '<cell line: 8>', 'result = asyncio.run(add_one(1))'],
      ['c:\\Python310\\lib\\asyncio\\runners.py', 33, 'run', null],
    ]);
  });

  it("reads a module's frame as IPython 7 prints it, with no argument list", () => {
    const paste = [
      'RuntimeError                              Traceback (most recent call last)',
      '<ipython-input-2-9f1c0e5d2a11> in <module>',
      '----> 1 asyncio.run(main())',
      '',
      '/usr/lib/python3.8/asyncio/runners.py in run(main, debug)',
      '     32     if events._get_running_loop() is not None:',
      '---> 33         raise RuntimeError(',
      '',
      'RuntimeError: asyncio.run() cannot be called from a running event loop',
    ].join('\n');
    expect(evidenceOf(paste).errors[0]!.frames.map((f) => [f.file, f.line, f.function])).toEqual([
      ['<ipython-input-2-9f1c0e5d2a11>', 1, '<module>'],
      ['/usr/lib/python3.8/asyncio/runners.py', 33, 'run'],
    ]);
  });

  it('reads only the last lines of a truncated traceback', () => {
    const e = evidenceOf('    loop.run_until_complete(main())\nRuntimeError: This event loop is already running');
    expect(e.errors.map((x) => [x.type, x.message, x.language])).toEqual([['RuntimeError', 'This event loop is already running', 'python']]);
  });

  it('reads the error from a raise whose message is formatted on the line below, cut after its first line', () => {
    // Lib/asyncio/events.py get_event_loop, 3.4 to 3.13, pasted indented and without the header.
    const frames = [
      'Error-stack:',
      '    File "/app/vl_screen.py", line 6, in <module>',
      '        loop = asyncio.get_event_loop()',
      '    File "/usr/local/lib/python3.9/asyncio/events.py", line 642, in get_event_loop',
      "        raise RuntimeError('There is no current event loop in thread %r.'",
    ].join('\n');
    expect(evidenceOf(frames).errors.map((x) => [x.type, x.message, x.cut])).toEqual([['RuntimeError', 'There is no current event loop in thread %r.', true]]);
  });

  it("reads the error a traceback cut inside asyncio's own loop checks was about to raise", () => {
    // A real run_until_complete inside a running loop, pasted without its raise and error lines.
    const lines = fixture('loop-running.out.txt').split('\n');
    const frame = lines.findIndex((l) => l.endsWith(', in _check_running'));
    const expected = [['RuntimeError', 'This event loop is already running', true]];
    expect(evidenceOf(lines.slice(0, frame + 1).join('\n')).errors.map((x) => [x.type, x.message, x.cut])).toEqual(expected);
    // Cut one line earlier, at the `self._check_running()` call.
    expect(evidenceOf(lines.slice(0, frame).join('\n')).errors.map((x) => [x.type, x.message, x.cut])).toEqual(expected);
  });

  it('reads no error from a traceback cut at run_until_complete calling run_forever, unless IPython names a RuntimeError', () => {
    const frames = [
      '~/lib/python3.6/site-packages/pypresence/presence.py in connect(self)',
      '--> 123         self.loop.run_until_complete(self.handshake())',
      '',
      '~/lib/python3.6/asyncio/base_events.py in run_until_complete(self, future)',
      '--> 455             self.run_forever()',
    ];
    // Anything the loop let through (Ctrl+C's KeyboardInterrupt) passes that line.
    expect(evidenceOf(['Traceback (most recent call last):', ...frames].join('\n')).errors).toEqual([]);
    // A RuntimeError escaping it is run_forever's own check: run_until_complete checked for a closed loop first.
    const ipython = ['RuntimeError                              Traceback (most recent call last)', ...frames].join('\n');
    expect(evidenceOf(ipython).errors.map((x) => [x.type, x.message])).toEqual([['RuntimeError', 'This event loop is already running']]);
    // A check of the paste's own, outside asyncio, says nothing.
    const own = ['Traceback (most recent call last):', '  File "/app/worker.py", line 40, in _check_running', '    self._check_closed()'].join('\n');
    expect(evidenceOf(own).errors).toEqual([]);
  });

  it('reads no error from a raise left open on a variable, whose message the paste does not show', () => {
    const text = ['  File "/app/bot.py", line 9, in check', '    raise RuntimeError(message'].join('\n');
    expect(evidenceOf(text).errors).toEqual([]);
  });

  it('reads a messageless exception whose frames were left out when a chain marker joins it to the next', () => {
    const text = 'asyncio.exceptions.CancelledError\n\nDuring handling of the above exception, another exception occurred:\n\nKeyboardInterrupt';
    expect(evidenceOf(text).errors.map((x) => [x.type, x.chain])).toEqual([['asyncio.exceptions.CancelledError', null], ['KeyboardInterrupt', 'context']]);
  });

  it('reads no class name alone on a line as an error without a chain marker beside it', () => {
    expect(evidenceOf('my handler catches\nasyncio.CancelledError\nand ignores it, is that fine?').errors).toEqual([]);
  });

  it('finds an error quoted inside a sentence, in any language around it', () => {
    const e = evidenceOf('我运行的时候报错 RuntimeError: asyncio.run() cannot be called from a running event loop 怎么办？');
    expect(e.errors[0]).toMatchObject({ type: 'RuntimeError', message: 'asyncio.run() cannot be called from a running event loop 怎么办？' });
  });

  it('joins the tail a console wrapped onto the next line at a space, mid-sentence', () => {
    const wrapped = "RuntimeError: There is no current event loop in thread \n'ScriptRunner.scriptThread'.\n";
    expect(evidenceOf(wrapped).errors[0]).toMatchObject({ message: "There is no current event loop in thread 'ScriptRunner.scriptThread'." });
    // The next log line starts a sentence of its own; a frame is no tail either; nor is a line after an unbroken one.
    expect(evidenceOf('RuntimeError: Event loop is closed \nTask was destroyed but it is pending!').errors[0]!.message).toBe('Event loop is closed');
    expect(evidenceOf('TypeError: cb is not a function \nat Timeout._onTimeout (/app/a.js:3:5)').errors[0]!.message).toBe('cb is not a function');
    expect(evidenceOf("RuntimeError: There is no current event loop in thread\n'MainThread' was the one").errors[0]!.message).toBe('There is no current event loop in thread');
  });

  it('ends a quoted error at the quote that closes it, keeping quotes of its own', () => {
    expect(evidenceOf('I get "TypeError: "send" is not a function" on every message').errors[0]).toMatchObject({ type: 'TypeError', message: '"send" is not a function' });
    expect(evidenceOf("crashes with (TypeError: Cannot read properties of undefined (reading 'then')) here").errors[0]).toMatchObject({ message: "Cannot read properties of undefined (reading 'then')" });
  });
});

describe('Node output', () => {
  it('reads an uncaught error with its stack and the source header', () => {
    const e = evidenceOf(fixture('rejection.out.txt'));
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toMatchObject({ language: 'javascript', type: 'TypeError', message: 'config is not loaded' });
    expect(e.errors[0]!.frames[0]).toMatchObject({ file: 'file:///home/user/app/rejection.mjs', line: 2, source: "throw new TypeError('config is not loaded');" });
    expect(e.errors[0]!.frames.some((f) => f.function === 'load' && !f.library)).toBe(true);
    expect(e.context.nodeVersion).toBe('20.20.2');
  });

  it('reads Node\'s error code in brackets, never an IPython prompt\'s cell number', () => {
    const coded = evidenceOf("Error [ERR_REQUIRE_ESM]: require() of ES Module /app/node_modules/x/index.js not supported.");
    expect(coded.errors.map((x) => x.type)).toEqual(['ERR_REQUIRE_ESM']);
    const session = evidenceOf('In [1]: async def fetch(url):\n   ...:     await asyncio.sleep(1)\n\nIn [2]: await fetch("a")\n');
    expect(session.errors).toEqual([]);
  });

  it('reads Node 20\'s unhandled rejection of a non-error', () => {
    const e = evidenceOf(fixture('reject-string.out.txt'));
    expect(e.errors.map((x) => x.type)).toEqual(['UnhandledPromiseRejection']);
    expect(e.errors[0]!.message).toContain('The promise rejected with the reason "oops".');
  });

  it('re-joins a hard-wrapped [UnhandledPromiseRejection: …] line', () => {
    const e = evidenceOf('[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch\nblock, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason\n"oops".] {\n  code: \'ERR_UNHANDLED_REJECTION\'\n}');
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]!.message).toContain('without a catch block');
    expect(e.errors[0]!.message).toContain('reason "oops".');
  });

  it('reads a SyntaxError for await in a plain function', () => {
    const e = evidenceOf(fixture('node-syntax.out.txt'));
    expect(e.errors[0]).toMatchObject({ type: 'SyntaxError', message: 'await is only valid in async functions and the top level bodies of modules' });
    expect(e.errors[0]!.frames[0]).toMatchObject({ file: '/home/user/app/node-syntax.cjs', line: 2, library: false });
  });

  it('reads the deprecated UnhandledPromiseRejectionWarning format with the error inside', () => {
    const e = evidenceOf("(node:4242) UnhandledPromiseRejectionWarning: TypeError: Cannot read properties of undefined (reading 'send')\n    at Client.<anonymous> (/app/index.js:12:30)");
    expect(e.warnings[0]).toMatchObject({ category: 'UnhandledPromiseRejectionWarning', language: 'javascript' });
    expect(e.errors[0]).toMatchObject({ type: 'TypeError', message: "Cannot read properties of undefined (reading 'send')" });
  });
});

describe('TypeScript and discord.js', () => {
  it('reads tsc --pretty false diagnostics', () => {
    const e = evidenceOf(fixture('tsc-plain.out.txt'));
    expect(e.tsDiagnostics).toEqual([
      expect.objectContaining({ file: 'tsc-plain.ts', line: 7, column: 20, code: 2339, message: "Property 'name' does not exist on type 'Promise<{ name: string; }>'." }),
    ]);
  });

  it('reads tsc --pretty diagnostics, colours and all', () => {
    const e = evidenceOf(fixture('tsc-pretty.out.txt'));
    expect(e.tsDiagnostics[0]).toMatchObject({ file: 'tsc-pretty.ts', line: 3, column: 3, code: 1308 });
  });

  it('reads VS Code\'s ts(NNNN) hover text', () => {
    const e = evidenceOf("'await' expressions are only allowed within async functions and at the top levels of modules.ts(1308)");
    expect(e.tsDiagnostics[0]).toMatchObject({ code: 1308 });
  });

  it('reads DiscordAPIError codes in both discord.js formats', () => {
    expect(evidenceOf('DiscordAPIError[10062]: Unknown interaction').discordApiErrors[0]).toMatchObject({ code: 10062, message: 'Unknown interaction' });
    expect(evidenceOf('DiscordAPIError: Interaction has already been acknowledged.').discordApiErrors[0]).toMatchObject({ code: 40060 });
  });
});

describe('context', () => {
  it.each([
    ['File "/srv/venv/lib/python3.12/site-packages/fastapi/routing.py", line 3', 'fastapi'],
    ['File "C:\\Users\\me\\bot.py", line 3', 'windows'],
    ['  File "/usr/lib/python3/site-packages/discord/client.py", line 441, in _run_event', 'discordPy'],
    ['    at InteractionCallbackResponse (node_modules/discord.js/src/x.js:1:1)', 'discordJs'],
  ] as const)('%s → %s', (text, key) => {
    expect(evidenceOf(text).context[key]).toBe(true);
  });

  it('reads the Python version from library paths', () => {
    expect(evidenceOf(fixture('chained.out.txt')).context.pythonVersion).toBe('3.11');
  });
});

describe('output behind a log prefix', () => {
  it('reads a Node stack and its warning as `pm2 logs` shows them', () => {
    const e = evidenceOf(fixture('pm2-stack.out.txt'));
    expect(e.warnings.map((w) => w.category)).toEqual(['UnhandledPromiseRejectionWarning', 'UnhandledPromiseRejectionWarning']);
    expect(e.errors[0]).toMatchObject({ language: 'javascript', type: 'TypeError', message: 'config is not loaded' });
    expect(e.errors[0]!.frames[0]).toMatchObject({ file: 'file:///home/user/app/rejection.mjs', line: 2, function: 'load' });
  });

  it('reads a Python traceback as `docker compose up` shows it', () => {
    const e = evidenceOf(fixture('compose-traceback.out.txt'));
    expect(e.errors.map((x) => [x.type, x.message])).toEqual([['RuntimeError', 'This event loop is already running']]);
    expect(e.errors[0]!.frames.at(-1)).toMatchObject({ function: '_check_running', source: "raise RuntimeError('This event loop is already running')" });
    expect(e.warnings[0]).toMatchObject({ category: 'RuntimeWarning', message: "coroutine 'sleep' was never awaited" });
  });
});
