/**
 * A network failure is the cause, not the cleanup lines printed after it: while a refused
 * connection or a failed certificate check shows, "Unclosed client session" and "Task was
 * destroyed but it is pending!" are its side effects and answer nothing. Alone, they still do.
 * A paste that shows one (a browser's CORS block too) is no question in words either.
 */
import { describe, expect, it } from 'vitest';
import { findNetworkFailures } from '../../src/evidence/network-failures.js';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const ids = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);
const session = ['Unclosed client session', 'client_session: <aiohttp.client.ClientSession object at 0x043F1050>'];

describe('cleanup lines after a network failure', () => {
  it.each([
    ['aiohttp, logged by the bot without the exception type', 'ERROR:root:Bot failed to run: [Errno 10053] Cannot connect to host discordapp.com:443 ssl:True [Can not connect to discordapp.com:443 [Connect call failed (\'64:ff9b::6810:3b05\', 443)]]'],
    ["asyncio's own refused connect, in a log line", "2024-01-02 10:00:00 ERROR worker: [Errno 111] Connect call failed ('127.0.0.1', 6379)"],
    ['a certificate that does not verify', 'connect failed: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1129)'],
    ['a host name that does not resolve', 'socket.gaierror: [Errno 11001] getaddrinfo failed'],
  ])('are not the answer: %s', (_, failure) => {
    expect(ids([failure, ...session].join('\n'))).toEqual([]);
    expect(ids([failure, 'Task was destroyed but it is pending!', "task: <Task pending name='Task-4' coro=<play() running at bot.py:17>>"].join('\n'))).toEqual([]);
  });
});

const windowsExit = [
  'Exception ignored in: <function _ProactorBasePipeTransport.__del__ at 0x000001F5C2A3E8B0>',
  'Traceback (most recent call last):',
  '  File "C:\\Python39\\lib\\asyncio\\proactor_events.py", line 116, in __del__',
  '    self.close()',
  '  File "C:\\Python39\\lib\\asyncio\\base_events.py", line 515, in _check_closed',
  "    raise RuntimeError('Event loop is closed')",
  'RuntimeError: Event loop is closed',
];

describe("Windows' 'Event loop is closed' at exit", () => {
  it('is a side effect after a network failure the bot only logged', () => {
    const failure = 'ERROR:root:Bot failed to run: Cannot connect to host discord.com:443 ssl:default [getaddrinfo failed]';
    expect(ids([failure, ...windowsExit].join('\n'))).toEqual([]);
  });

  it('is still the answer on its own, as the catalog says', () => {
    expect(ids(windowsExit.join('\n'))[0]).toBe('py/event-loop-closed');
  });
});

describe('the same lines without a network failure', () => {
  it('still name the unclosed session', () => {
    expect(ids(session.join('\n'))[0]).toBe('py/aiohttp-session-misuse');
  });

  it('still name it when a sentence only says the connection is flaky', () => {
    expect(ids(['sometimes I cannot connect to host example.org at all, and I also see', ...session].join('\n'))[0]).toBe('py/aiohttp-session-misuse');
  });

  it('still name the pending task', () => {
    expect(ids('Task was destroyed but it is pending!\ntask: <Task pending name=\'Task-4\' coro=<play() running at bot.py:17>>')[0]).toBe('py/task-destroyed-pending');
  });

  it('leave a primary report alone: a task whose exception nobody retrieved is still that', () => {
    const text = [
      'Task exception was never retrieved',
      "future: <Task finished coro=<connect() done, defined at bot.py:10> exception=ClientConnectorError(ConnectionKey(host='example.org', port=443), ConnectionRefusedError(111, \"Connect call failed ('93.184.216.34', 443)\"))>",
    ].join('\n');
    expect(ids(text)[0]).toBe('py/task-exception-never-retrieved');
  });
});

describe('a CORS block', () => {
  const cors =
    "Access to fetch at 'https://api.example.com/v2/items' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";

  it('is not read as a question about async code', () => {
    expect(ids(cors)).toEqual([]);
  });

  it('leaves the unhandled rejection it causes to be named', () => {
    expect(ids([cors, 'Uncaught (in promise) TypeError: Failed to fetch'].join('\n'))[0]).toBe('js/unhandled-rejection');
  });

  it('leaves a question without one to be answered', () => {
    expect(ids('my forEach with an async callback does not wait before the next line runs')).not.toEqual([]);
  });
});

describe("Node's own network errors", () => {
  it('keep a question quoting one from being answered as an async mistake', () => {
    expect(ids('after await fetch I get getaddrinfo ENOTFOUND api.example.com and the bot stops responding')).toEqual([]);
  });

  it('leave the unhandled rejection they cause to be named', () => {
    const text = '(node:7512) UnhandledPromiseRejectionWarning: Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1141:16)';
    expect(ids(text)[0]).toBe('js/unhandled-rejection');
  });
});

describe('findNetworkFailures', () => {
  it('finds each library message on its line', () => {
    const lines = ['ok', "ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 80)", 'aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host a.b:443 ssl:default [x]'];
    expect(findNetworkFailures(lines)).toEqual([
      { cause: 'connect', lineIndex: 1 },
      { cause: 'connect', lineIndex: 2 },
    ]);
  });

  it('takes no sentence for the aiohttp message', () => {
    expect(findNetworkFailures(['I cannot connect to host github.com over ssh'])).toEqual([]);
  });
});
