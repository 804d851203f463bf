/**
 * py.close-session: a client that owns an aiohttp session, made in an async def and never closed, is
 * closed with its own API's close coroutine at the end of that function. aiohttp is not installed
 * where the tests run, so the fixed programs are compiled by Python, not run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { say } from '../../../src/render/messages.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-close-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UNCLOSED = [
  'Unclosed client session',
  'client_session: <aiohttp.client.ClientSession object at 0x7f2b3c4d5e60>',
  'Unclosed connector',
  "connections: ['[(<aiohttp.client_proto.ResponseHandler object at 0x7f2b3c4d5f10>, 1234.5)]']",
  'connector: <aiohttp.connector.TCPConnector object at 0x7f2b3c4d6020>',
].join('\n');

function fixOf(code: string) {
  const m = engine.diagnose(['```python', code, '```', '', UNCLOSED].join('\n')).matches[0]!;
  expect(m.rule.id).toBe('py/aiohttp-session-misuse');
  return m.fix;
}

function compiles(code: string): boolean {
  const file = join(dir, 'fixed.py');
  writeFileSync(file, code);
  execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe' });
  return true;
}

describe('py close-session', () => {
  it("closes aiohttp's ClientSession at the end of the async def that made it", () => {
    const code = ['import asyncio', 'import aiohttp', '', 'async def main():', '    session = aiohttp.ClientSession()', '    async with session.get("http://127.0.0.1:8080/") as resp:', '        print(resp.status)', '', 'asyncio.run(main())', ''].join('\n');
    const fix = fixOf(code)!;
    expect(fix.code).toContain('        print(resp.status)\n    await session.close()\n');
    expect(say(fix.note)).toContain('await session.close()');
    expect(compiles(fix.code)).toBe(true);
  });

  it("closes python-binance's AsyncClient with close_connection(), its own coroutine", () => {
    const code = ['import asyncio', 'from binance import AsyncClient', '', 'async def main():', '    client = await AsyncClient.create()', '    print(await client.get_server_time())', '', 'asyncio.run(main())', ''].join('\n');
    const fix = fixOf(code)!;
    expect(fix.code).toContain('    print(await client.get_server_time())\n    await client.close_connection()\n');
    expect(compiles(fix.code)).toBe(true);
  });

  it("closes a ccxt async exchange with close()", () => {
    const code = ['import asyncio', 'import ccxt.async_support as ccxt', '', 'async def main():', '    exchange = ccxt.binance()', '    print(await exchange.fetch_ticker("BTC/USDT"))', '', 'asyncio.run(main())', ''].join('\n');
    expect(fixOf(code)?.code).toContain('    print(await exchange.fetch_ticker("BTC/USDT"))\n    await exchange.close()\n');
  });

  it('leaves a client alone that is closed, entered with async with, returned or kept on an object', () => {
    const body = (lines: string[]) => ['import aiohttp', '', 'async def main():', ...lines, ''].join('\n');
    expect(fixOf(body(['    session = aiohttp.ClientSession()', '    await session.get("http://127.0.0.1/")', '    await session.close()']))).toBeNull();
    expect(fixOf(body(['    async with aiohttp.ClientSession() as session:', '        await session.get("http://127.0.0.1/")']))).toBeNull();
    expect(fixOf(body(['    session = aiohttp.ClientSession()', '    return session']))).toBeNull();
    expect(fixOf(['import aiohttp', '', 'class Api:', '    async def start(self):', '        session = aiohttp.ClientSession()', '        self.session = session', ''].join('\n'))).toBeNull();
  });

  it('leaves a function alone whose last line never runs or that can return before it', () => {
    const body = (lines: string[]) => ['import aiohttp', '', 'async def poll():', '    session = aiohttp.ClientSession()', ...lines, ''].join('\n');
    expect(fixOf(body(['    while True:', '        await session.get("http://127.0.0.1/")']))).toBeNull();
    expect(fixOf(body(['    if not ready:', '        return None', '    await session.get("http://127.0.0.1/")']))).toBeNull();
  });

  it('leaves a session made at the top level or in a plain def alone (no async def to close it in)', () => {
    expect(fixOf(['import aiohttp', '', 'session = aiohttp.ClientSession()', ''].join('\n'))).toBeNull();
    expect(fixOf(['import aiohttp', '', 'def make():', '    session = aiohttp.ClientSession()', '    use(session)', ''].join('\n'))).toBeNull();
  });
});
