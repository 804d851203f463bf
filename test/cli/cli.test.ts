/** The CLI as users run it: the real entry point (bin/awaitbot.js → dist/) in a child process. */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { openStore } from '../../src/store/index.js';
import { sampleCase } from '../store/helpers.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/awaitbot.js', import.meta.url));
const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [bin, ...args], { input: input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'silent' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('awaitbot explain', () => {
  it('explains a traceback from a file: names the mistake, points at the user line, shows a fix', () => {
    const r = run(['explain', fixture('parsers/warning.out.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('py/coroutine-never-awaited');
    expect(r.stdout).toContain('/home/user/app/warning.py:9');
    expect(r.stdout).toContain('fetch()');
    expect(r.stdout).toMatch(/await/);
  });

  it('reads a .py file as code even when it opens with a comment: the finding, its line and the fix', () => {
    const r = run(['explain', fixture('cases/py/coroutine-never-awaited/bare_call_at_top_level.py')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('py/coroutine-never-awaited');
    expect(r.stdout).not.toContain('from your description');
    expect(r.stdout).toContain('line 7');
    expect(r.stdout).toContain('asyncio.run(fetch_data())');
    const json = JSON.parse(run(['explain', '--json', fixture('cases/py/coroutine-never-awaited/bare_call_at_top_level.py')]).stdout);
    expect(json.matches[0].fix.code).toContain('asyncio.run(fetch_data())');
  });

  it('prints the JSON contract with --json, reading stdin', () => {
    const r = run(['explain', '--json'], "Traceback (most recent call last):\n  File \"/app/x.py\", line 4, in <module>\n    asyncio.run(main())\nNameError: name 'asyncio' is not defined\n");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.matches[0]).toMatchObject({ rule: 'py/asyncio-not-imported', title: expect.any(String), confidence: expect.any(Number) });
    expect(out.matches[0].where).toEqual({ file: '/app/x.py', line: 4, source: 'asyncio.run(main())' });
  });

  it('answers "no known async error" (exit 0, empty matches) for a paste that is not about async code', () => {
    const r = run(['explain', '--json'], "Traceback (most recent call last):\n  File \"app.py\", line 2, in <module>\n    d['x']\nKeyError: 'x'\n");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).matches).toEqual([]);
    expect(run(['explain'], 'hello, how are you all?').stdout).toContain('No known async error');
  });

  it('gives a clear answer for empty input, binary bytes and 5 MB of text', () => {
    expect(run(['explain'], '').stdout).toContain('the paste is empty');
    expect(run(['explain'], Buffer.from([0, 159, 146, 150, 0, 1, 2])).stdout).toContain('binary');
    const big = run(['explain', '--json'], 'x = 1\n'.repeat(900_000) + "RuntimeError: asyncio.run() cannot be called from a running event loop\n");
    expect(big.code).toBe(0);
    const out = JSON.parse(big.stdout);
    expect(out.truncated).toBe(true);
    expect(out.matches[0].rule).toBe('py/asyncio-run-nested');
  });

  it('never echoes a token from the paste', () => {
    const id = Buffer.from('812345678901234567').toString('base64url');
    const token = `${id}.Hy49TA.aB3_xY9-kLmN0pQr5sTuV7wZ1cDe`;
    const r = run(['explain'], `\`\`\`py\nimport discord\nbot.run("${token}")\n\`\`\``);
    expect(r.stdout + r.stderr).not.toContain(token);
    expect(r.stdout).toContain('reset it');
  });

  it('fails with one line on stderr for an unreadable file or a bad option', () => {
    const missing = run(['explain', '/nonexistent/paste.txt']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('no such file');
    const bad = run(['explain', '--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown option --frobnicate');
    expect(run(['no-such-command']).code).toBe(2);
  });

  it('answers in Chinese with --lang zh-CN, keeps --json the same, and refuses a language it does not have', () => {
    const paste = "Traceback (most recent call last):\n  File \"/app/x.py\", line 4, in <module>\n    asyncio.run(main())\nNameError: name 'asyncio' is not defined\n";
    const zh = run(['explain', '--lang', 'zh-CN'], paste);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('1. 错误：没有导入 asyncio 就使用了它');
    expect(zh.stdout).toContain('位置：/app/x.py:4');
    expect(zh.stdout).toContain('`import asyncio`');
    expect(zh.stdout).toContain('在 Discord 里：/faq topic:py/asyncio-not-imported');
    expect(run(['explain', '--lang=zh-CN'], paste).stdout).toBe(zh.stdout);
    const en = run(['explain'], paste);
    expect(en.stdout).toContain('1. Mistake: asyncio used without importing it');
    expect(run(['explain', '--lang', 'en'], paste).stdout).toBe(en.stdout);
    expect(run(['explain', '--json', '--lang', 'zh-CN'], paste).stdout).toBe(run(['explain', '--json'], paste).stdout);
    const tw = run(['explain', '--lang', 'zh-TW'], paste);
    expect(tw.code).toBe(2);
    expect(tw.stderr.trim().split('\n')).toHaveLength(1);
    expect(tw.stderr).toContain('en or zh-CN');
    expect(run(['explain', '--lang']).code).toBe(2);
  });
});

describe('awaitbot batch', () => {
  it('answers one JSON line per input line, in order, and carries on past a malformed line', () => {
    const input = [
      JSON.stringify({ id: 'a', text: "NameError: name 'asyncio' is not defined" }),
      '{not json',
      JSON.stringify({ id: 'c', text: 'just chatting' }),
      JSON.stringify({ id: 'd', text: 42 }),
    ].join('\n');
    const r = run(['batch'], input);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', matches: [expect.objectContaining({ rule: 'py/asyncio-not-imported' })] });
    expect(lines[1]).toMatchObject({ id: null, error: expect.any(String) });
    expect(lines[2]).toEqual({ id: 'c', matches: [] });
    expect(lines[3]).toMatchObject({ id: 'd', error: '"text" must be a string' });
  });

  it('answers on two threads exactly as one process does, in input order, however long each paste takes', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'awaitbot-batch-'));
    // Slow pastes (a long snippet to parse) between fast ones, so later lines finish first on the other thread.
    const slow = '```js\n' + 'async function f(x) {\n  const r = fetch(x);\n  items.forEach(async (i) => { await save(i); });\n  return r;\n}\n'.repeat(40) + '```';
    const texts = [slow, "NameError: name 'asyncio' is not defined", 'just chatting', "RuntimeError: asyncio.run() cannot be called from a running event loop"];
    const input = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: i, text: texts[i % texts.length] })).join('\n');
    const env = { ...process.env, LOG_LEVEL: 'silent', DATABASE_PATH: join(dir, 'cases.db') };
    const threads = spawnSync(process.execPath, [bin, 'batch'], { input, env: { ...env, AWAITBOT_DIAGNOSIS_THREADS: '2' }, encoding: 'utf8' });
    // --log answers in this process, one line at a time.
    const inProcess = spawnSync(process.execPath, [bin, 'batch', '--log'], { input, env, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(threads.status).toBe(0);
    const lines = threads.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(lines[0].matches.map((m: { rule: string }) => m.rule)).toContain('js/async-foreach');
    expect(threads.stdout).toBe(inProcess.stdout);
  });

  it('writes each answer as soon as it is ready: a caller waiting for it before sending the next line gets it', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [bin, 'batch'], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    let out = '';
    const nextLine = () =>
      new Promise<string>((resolve) => {
        const check = () => {
          const end = out.indexOf('\n');
          if (end < 0) return;
          child.stdout.off('data', onData);
          const line = out.slice(0, end);
          out = out.slice(end + 1);
          resolve(line);
        };
        const onData = (chunk: Buffer) => {
          out += chunk.toString();
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    child.stdin.write(JSON.stringify({ id: 'first', text: "NameError: name 'asyncio' is not defined" }) + '\n');
    expect(JSON.parse(await nextLine())).toMatchObject({ id: 'first', matches: [expect.objectContaining({ rule: 'py/asyncio-not-imported' })] });
    child.stdin.write(JSON.stringify({ id: 'second', text: 'just chatting' }) + '\n');
    expect(JSON.parse(await nextLine())).toEqual({ id: 'second', matches: [] });
    child.stdin.end();
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});

describe('awaitbot rules', () => {
  it('lists every rule with id, title and language', () => {
    const r = run(['rules', '--json']);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as { id: string; title: string; language: string }[];
    expect(rules.length).toBeGreaterThanOrEqual(36);
    expect(rules).toContainEqual(expect.objectContaining({ id: 'js/floating-promise', language: 'javascript' }));
  });
});

describe('a broken rule file', () => {
  it('stops the CLI with the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'awaitbot-'));
    writeFileSync(join(dir, 'x.md'), 'no front matter');
    // The knowledge dir is fixed for the CLI; the loader's own tests cover custom dirs. Here: a usage error path stays one line.
    const r = run(['explain', dir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('--log', () => {
  it('writes a case only when asked, with the redacted paste', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { existsSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'awaitbot-log-'));
    const db = join(dir, 'cases.db');
    const env = { ...process.env, DATABASE_PATH: db, LOG_LEVEL: 'silent' };
    const paste = "NameError: name 'asyncio' is not defined";
    spawnSync(process.execPath, [bin, 'explain'], { input: paste, env });
    expect(existsSync(db)).toBe(false);
    const r = spawnSync(process.execPath, [bin, 'explain', '--log'], { input: paste, env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    // The same paste twice is two cases: a batch that logs diagnoses every line, even one it has answered before.
    spawnSync(process.execPath, [bin, 'batch', '--log'], { input: [1, 2].map((id) => JSON.stringify({ id, text: 'hello there' })).join('\n') + '\n', env });
    const rows = new Database(db, { readonly: true }).prepare('SELECT source, trigger, paste FROM cases ORDER BY id').all();
    expect(rows).toEqual([
      { source: 'cli', trigger: 'cli', paste },
      { source: 'cli', trigger: 'batch', paste: 'hello there' },
      { source: 'cli', trigger: 'batch', paste: 'hello there' },
    ]);
  });
});

describe('awaitbot export | head', () => {
  it('stops quietly with exit 0 when the reader closes the pipe early', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awaitbot-epipe-'));
    const databasePath = join(dir, 'cases.db');
    // Far more than a pipe buffer holds, so export is still writing when head exits.
    const store = openStore(databasePath);
    for (let i = 0; i < 2000; i++) await store.logCase(sampleCase({ paste: `async def main():\n    asyncio.sleep(${i})\n`.repeat(4) }));
    await store.close();
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" export | head -n 1`], {
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_PATH: databasePath, DISCORD_TOKEN: '' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ paste: expect.stringContaining('asyncio.sleep') });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('awaitbot start --shards', () => {
  it('refuses a shard count that is not auto or a whole number from 1, saying what it wants', () => {
    for (const bad of ['0', 'many', '2.5']) {
      const r = run(['start', '--shards', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--shards wants auto or a whole number of shards, not "${bad}"`);
    }
  });
});
