/**
 * Error text the engine used to pass over in silence: library watchdogs and wrappers that word an
 * async mistake their own way (PyMongo, Home Assistant, ccxt), asyncio's reports pasted in part (a
 * message cut at the console's width, the second line of a two-line report), each next to the
 * near-misses that must stay unanswered.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const diagnose = (text: string) => engine.diagnose(text).matches;
const first = (text: string) => diagnose(text)[0]?.rule.id ?? null;

describe('an asyncio object used on another loop, as libraries and cut consoles show it', () => {
  it("is PyMongo's refusal of a client used from a second loop (pymongo/asynchronous/mongo_client.py)", () => {
    const text = [
      'RuntimeError: Cannot use AsyncMongoClient in different event loop. AsyncMongoClient uses low-level asyncio APIs that bind it to the event loop it was created on.',
    ].join('\n');
    expect(first(text)).toBe('py/different-loop');
    expect(first('RuntimeError: Cannot use MongoClient in different event loop.')).toBe('py/different-loop');
  });

  it("is Task.__step's RuntimeError cut before 'attached to a different loop': only that one starts with the task's repr", () => {
    const text = "RuntimeError: Task <Task pending name='Task-1' coro=<main() running at program.py:14> cb=[_run_until_complete_cb() at C:\\Python311\\Lib\\a";
    expect(first(text)).toBe('py/different-loop');
  });

  it('leaves the other RuntimeErrors of Task.__step, and words that only mention another loop, unanswered', () => {
    expect(diagnose("RuntimeError: Task cannot await on itself: <Task pending name='Task-1' coro=<main() running at t.py:4>>")).toEqual([]);
    expect(diagnose('RuntimeError: Task got bad yield: 42')).toEqual([]);
    expect(diagnose('I want to run my scraper in different event loop threads, how do I do that?').filter((m) => !m.likely)).toEqual([]);
  });
});

describe("Home Assistant's blocking-call watchdog", () => {
  it('names a blocking call on the loop, as 2024.5+ logs it (homeassistant/util/loop.py)', () => {
    const text = "Detected blocking call to open inside the event loop by custom integration 'solar' at custom_components/solar/api.py, line 32: f = open(path) (offender: /config/custom_components/solar/api.py, line 32: f = open(path)), please create a bug report at https://github.com/x/solar/issues";
    expect(first(text)).toBe('py/blocking-call-in-async');
  });

  it('and as older releases logged it (homeassistant/util/async_.py), or raised it in strict mode', () => {
    const old = '2020-12-15 19:30:34 WARNING (MainThread) [homeassistant.util.async_] Detected I/O inside the event loop. This is causing stability issues. Please report issue to the custom component author for solar doing I/O at custom_components/solar/sensor.py, line 116: response = requests.get(url)';
    expect(first(old)).toBe('py/blocking-call-in-async');
    const strict = 'RuntimeError: Blocking calls must be done in the executor or a separate thread; Use `await hass.async_add_executor_job()`; at custom_components/solar/sensor.py, line 116: response = requests.get(url)';
    expect(first(strict)).toBe('py/blocking-call-in-async');
  });

  it("does not take its report of a loop touched from a thread, nor prose about blocking, for it", () => {
    const thread = "Detected that custom integration 'solar' calls hass.async_create_task from a thread other than the event loop, which may cause Home Assistant to crash or data to corrupt. For more information, see https://developers.home-assistant.io/docs/asyncio_thread_safety/#hassasync_create_task";
    expect(diagnose(thread).map((m) => m.rule.id)).not.toContain('py/blocking-call-in-async');
    expect(diagnose('The docs say a blocking call inside the event loop is bad, but is reading a small file really a problem?').filter((m) => !m.likely)).toEqual([]);
  });
});

describe("asyncio's slow-callback report for a timer callback", () => {
  it('names the blocking call (what Python 3.11 prints in debug mode for call_later(0.01, time.sleep, 0.1))', () => {
    expect(first('Executing <TimerHandle when=70248.401151214 sleep(0.1) created at /tmp/slow.py:5> took 0.100 seconds')).toBe('py/blocking-call-in-async');
  });

  it('but a timer handle printed for another reason is not the report', () => {
    expect(diagnose('scheduled: <TimerHandle when=70248.401151214 sleep(0.1) created at /tmp/slow.py:5>')).toEqual([]);
  });
});

describe("a task destroyed while pending, pasted from the report's second line", () => {
  // Python 3.11, a task left pending when the loop is closed: the report's two lines.
  const second = "task: <Task pending name='Task-1' coro=<forever() running at /tmp/destroyed.py:3> wait_for=<Future pending cb=[Task.task_wakeup()]>>";

  it('is the same report', () => {
    expect(first(`Sometimes I get a series of warnings as follows:\n\n${second}`)).toBe('py/task-destroyed-pending');
  });

  it('but not while the paste shows the crash it was printed after', () => {
    const crash = ['Traceback (most recent call last):', '  File "/tmp/app.py", line 9, in <module>', '    main()', "KeyError: 'token'", second].join('\n');
    expect(diagnose(crash).map((m) => m.rule.id)).not.toContain('py/task-destroyed-pending');
  });

  it("nor a finished task's repr", () => {
    expect(diagnose("future: <Task finished name='Task-1' coro=<forever() done, defined at /tmp/x.py:3> result=None>")).toEqual([]);
  });
});

describe("ccxt's warning for an exchange never closed", () => {
  const warning = "binance requires to release all resources with an explicit call to the .close() coroutine. If you are using the exchange instance with async coroutines, add `await exchange.close()` to your code into a place when you're done with the exchange and don't need the exchange instance anymore (at the end of your async coroutine).";

  it('is an aiohttp session left open', () => {
    expect(first(warning)).toBe('py/aiohttp-session-misuse');
  });

  it('but printed at exit after another crash, it is that crash’s side effect', () => {
    const crash = ['Traceback (most recent call last):', '  File "/tmp/bot.py", line 12, in <module>', '    asyncio.run(main())', "ccxt.base.errors.AuthenticationError: binance {\"code\":-2015,\"msg\":\"Invalid API-key\"}", warning].join('\n');
    expect(diagnose(crash).map((m) => m.rule.id)).not.toContain('py/aiohttp-session-misuse');
  });
});

describe('a title quoting the exit noise of a bot that was refused its intents', () => {
  // discord.py 2.x, as the bot dies (discord/client.py connect): the message cut where an issue form cut it.
  const refused = [
    'Traceback (most recent call last):',
    '  File "C:\\bot\\main.py", line 31, in <module>',
    '    client.run(TOKEN)',
    '  File "C:\\Python310\\lib\\site-packages\\discord\\client.py", line 704, in connect',
    '    raise PrivilegedIntentsRequired(exc.shard_id) from None',
    'discord.errors.PrivilegedIntentsRequired: Shard ID None is requesting privileged intents that have not been expl',
  ].join('\n');

  it('is about the intents, not the closed loop the title names', () => {
    expect(diagnose(`RuntimeError: Event loop is closed\n\n${refused}`)).toEqual([]);
  });

  it('while the same title alone is the closed loop', () => {
    expect(first('RuntimeError: Event loop is closed\n\nWhy does my script end with this?')).toBe('py/event-loop-closed');
  });
});

describe("Node's --trace-sync-io report", () => {
  // What Node 20 prints for readFileSync in an async function after an await (node --trace-sync-io).
  const report = [
    '(node:3208) WARNING: Detected use of sync API',
    '    at openSync (node:fs:573:18)',
    '    at readFileSync (node:fs:452:35)',
    '    at handler (/tmp/sync.js:4:13)',
  ].join('\n');

  it('is a blocking call on the event loop', () => {
    expect(first(report)).toBe('js/blocking-call-in-async');
  });

  it('but the flag named in a sentence is not the report', () => {
    expect(diagnose('Should I run node with --trace-sync-io to detect use of sync API calls?').filter((m) => !m.likely)).toEqual([]);
  });
});

describe("discord.py's warning that the gateway is falling behind", () => {
  const behind = "2024-03-02 11:04:17 WARNING  discord.gateway Can't keep up, shard ID None websocket is 42.3s behind.";

  it('points at a blocked loop, as a likely answer only (a slow network says the same)', () => {
    const [m] = diagnose(behind);
    expect(m?.rule.id).toBe('py/blocking-call-in-async');
    expect(m!.confidence).toBeLessThan(0.8);
  });

  it('and not at all while the bot shows another failure', () => {
    const crash = ['Traceback (most recent call last):', '  File "/bot/main.py", line 40, in on_message', '    data = cache[key]', "KeyError: 'guild'", behind].join('\n');
    expect(diagnose(crash).map((m) => m.rule.id)).not.toContain('py/blocking-call-in-async');
  });
});

describe('a traceback cut before its error line, whose error the paste names only in words', () => {
  // Python 3.11, get_event_loop() in a thread without a loop, cut at the user's own call as an issue excerpt cuts it.
  const cut = [
    'Exception in thread ScriptRunner.scriptThread:',
    'Traceback (most recent call last):',
    '  File "/root/.pyenv/versions/3.11.7/lib/python3.11/threading.py", line 982, in run',
    '    self._target(*self._args, **self._kwargs)',
    '  File "/tmp/app.py", line 8, in worker',
    '    check()',
    '  File "/tmp/app.py", line 4, in check',
    '    if asyncio.get_event_loop().is_running():',
    '       ^^^^^^^^^^^^^^^^^^^^^^^^',
  ].join('\n');

  it('takes its class from the title, as a likely answer', () => {
    const [m, ...rest] = diagnose(`Uncaught RuntimeError in events.py line 677\n\n${cut}`);
    expect(m?.rule.id).toBe('py/no-event-loop');
    expect(m!.confidence).toBeLessThan(0.8);
    expect(rest.map((r) => r.rule.id)).not.toContain('py/no-event-loop');
  });

  it('but not when the words name no class, or two', () => {
    expect(diagnose(`The app crashes on start\n\n${cut}`)).toEqual([]);
    expect(diagnose(`RuntimeError or KeyError, it varies\n\n${cut}`)).toEqual([]);
  });

  it('nor where the cut line also runs the loop (run_until_complete raises RuntimeErrors of its own)', () => {
    const runs = cut.replace('if asyncio.get_event_loop().is_running():', 'asyncio.get_event_loop().run_until_complete(main())');
    expect(diagnose(`Uncaught RuntimeError in my bot\n\n${runs}`).map((m) => m.rule.id)).not.toContain('py/no-event-loop');
  });
});

describe('an error message carried to the next line by a copy that lost the wrapping space', () => {
  it('is read whole', () => {
    expect(first("RuntimeError: There is no current event loop in thread\n'ScriptRunner.scriptThread'.")).toBe('py/no-event-loop');
  });

  it('but a traceback cut before its error line does not make any message quoted elsewhere its own', () => {
    const cut = ['Traceback (most recent call last):', '  File "/app/server.py", line 943, in handle_request', '    raise ServerError(', '', "The log also says There is no current event loop in thread 'Thread-1'."].join('\n');
    expect(diagnose(cut).map((m) => m.rule.id)).not.toContain('py/no-event-loop');
  });
});

describe('the class a cut traceback takes from the paste', () => {
  // Python 3.11, asyncio.wait_for timing out, cut before asyncio's own frames as an excerpt cuts it.
  const cut = [
    'Traceback (most recent call last):',
    '  File "/tmp/app.py", line 9, in <module>',
    '    asyncio.run(main())',
    '  File "/tmp/app.py", line 6, in main',
    '    await asyncio.wait_for(fetch(), 1)',
  ].join('\n');

  it('comes from the words, not from code that handles one', () => {
    expect(diagnose(`My loop stops here:\n\n    try:\n        pass\n    except asyncio.TimeoutError:\n        pass\n\n${cut}`)).toEqual([]);
    expect(first(`asyncio TimeoutError\n\n${cut}`)).toBe('py/wait-for-timeout');
  });
});

describe('a message quoted by an error of the other language', () => {
  it("is that error's: discord.py's HTTPException for 40060 gets no discord.js answer", () => {
    const py = 'discord.errors.HTTPException: 400 Bad Request (error code: 40060): Interaction has already been acknowledged.';
    expect(diagnose(py).map((m) => m.rule.id)).not.toContain('js/discord-already-acknowledged');
  });

  it('while the same words from discord.js, or quoted alone, still name the discord.js rule', () => {
    expect(first('DiscordAPIError[40060]: Interaction has already been acknowledged.')).toBe('js/discord-already-acknowledged');
    expect(first('my bot says Interaction has already been acknowledged when I click the button twice')).toBe('js/discord-already-acknowledged');
  });
});

describe("Node's unhandled-rejection warning named in the paste's own words", () => {
  it('is a likely unhandled rejection: the name alone, in a sentence or in backticks (Node 8 to 14 print it as the warning class)', () => {
    for (const text of [
      'If `someAsyncHandle` returns an exception, an UnhandledPromiseRejectionWarning appears in the terminal.',
      'How do I get rid of the `UnhandledPromiseRejectionWarning` when the request fails?',
    ]) {
      const [top] = diagnose(text);
      expect(top?.rule.id).toBe('js/unhandled-rejection');
      expect(top!.confidence).toBeLessThan(0.8);
    }
  });

  it('while a question whose words name the specific mistake behind the warning gets that one (async Express middleware)', () => {
    const text = 'If you use unwrapped async middleware in express and an error occurs in the middleware, the request will hang and an `UnhandledPromiseRejectionWarning` will fire.';
    expect(diagnose(text)[0]?.rule.id).toBe('js/express-async-error');
  });

  it('but not the name inside a string literal of code, nor another word that starts with it', () => {
    expect(diagnose("process.on('warning', (w) => { if (w.name === 'UnhandledPromiseRejectionWarnings') return; });").map((m) => m.rule.id)).not.toContain('js/unhandled-rejection');
    expect(diagnose("if (warning.name === 'UnhandledPromiseRejectionWarning') suppress(warning);").map((m) => m.rule.id)).not.toContain('js/unhandled-rejection');
  });
});
