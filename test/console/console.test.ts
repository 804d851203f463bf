/** `awaitbot console` (and `awaitbot start` without a token), spawned as users run them, with stdin. */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { messages } from '../../src/render/messages.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-console-'));
const databasePath = join(dir, 'cases.db');
const paste = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt'), 'utf8');
const title = loadKnowledge().find((r) => r.id === 'js/discord-unknown-interaction')!.title;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input: string) {
  return spawnSync(process.execPath, ['bin/awaitbot.js', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: databasePath, DISCORD_TOKEN: '', LOG_LEVEL: 'warn' },
  });
}

function caseCount(): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('awaitbot console with piped input', () => {
  it('treats the whole multi-line input as one message and explains it, logging one case', () => {
    const r = run(['console'], paste);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(title);
    expect(r.stdout.match(/js\/discord-unknown-interaction/g)!.length).toBeGreaterThan(0);
    expect(caseCount()).toBe(1);
  });

  it('answers /faq with a known topic and /explain with its text', () => {
    const faq = run(['console'], '/faq js/discord-unknown-interaction\n');
    expect(faq.status).toBe(0);
    expect(faq.stdout).toContain(title);
    const explain = run(['console'], `/explain ${paste}`);
    expect(explain.stdout).toContain(title);
  });

  it('lists every topic for /faq alone, and says how many', () => {
    const rules = loadKnowledge().filter((r) => r.status !== 'deprecated');
    const r = run(['console'], '/faq\n');
    expect(r.status).toBe(0);
    // More topics than Discord's 25 autocomplete choices, and none of them cut.
    expect(rules.length).toBeGreaterThan(25);
    expect(r.stdout).toContain(`All ${loadKnowledge().length} topics`);
    for (const rule of rules) expect(r.stdout).toContain(rule.id);
    // Grouped by language: every Python topic under its heading, then every JavaScript one under its own.
    const [python, javascript] = [r.stdout.indexOf('\nPython (asyncio)\n'), r.stdout.indexOf('\nJavaScript and TypeScript (promises)\n')];
    expect(python).toBeGreaterThan(0);
    expect(javascript).toBeGreaterThan(python);
    for (const rule of rules) expect(r.stdout.indexOf(`  ${rule.id} `) > javascript, rule.id).toBe(rule.language === 'javascript');
  });

  it('lists the topics and shows one in Chinese with --lang zh-CN, whole and without hard-wrapped lines', () => {
    const rule = loadKnowledge().find((x) => x.id === 'py/coroutine-never-awaited')!;
    const zh = rule.i18n!['zh-CN']!;
    const list = run(['console', '--lang', 'zh-CN'], '/faq\n');
    expect(list.stdout).toContain('Python（asyncio）');
    expect(list.stdout).toMatch(new RegExp(`  py/coroutine-never-awaited +${zh.title}\n`));
    const one = run(['console', '--lang', 'zh-CN'], '/faq never-awaited\n').stdout;
    expect(one).toContain(zh.title);
    // Every step of the fix, each bullet on one line as the rule writes it.
    for (const step of zh.fix.split('\n').filter((l) => l.startsWith('- '))) expect(one).toContain(step);
    const english = run(['console'], '/faq never-awaited\n').stdout;
    // The English rule file wraps its lines at 80 columns; the answer does not break a sentence there.
    expect(english).toContain('- Inside another `async def`: put `await` in front of the call, `data = await fetch_data()`.');
    expect(english).toContain('Fix:');
  });

  it('says plainly when nothing matches', () => {
    const r = run(['console'], 'KeyError: "name"\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No known async error/i);
  });
});

describe('awaitbot console: words that are not pastes', () => {
  it('leaves on a bare "exit" or "quit" without logging them as cases', () => {
    const before = caseCount();
    for (const word of ['exit\n', 'quit\n']) {
      const r = run(['console'], word);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(/No known async error/i);
    }
    expect(caseCount()).toBe(before);
  });

  it('names an unknown /command instead of explaining it, and logs nothing', () => {
    const before = caseCount();
    const r = run(['console'], '/foo\n');
    expect(r.stdout).toMatch(/Unknown command \/foo.*\/help/);
    expect(caseCount()).toBe(before);
    // A path or a sentence that starts with a slash is still explained.
    expect(run(['console'], '/usr/lib/python3.11/asyncio/events.py line 80\n').stdout).not.toMatch(/Unknown command/);
    expect(caseCount()).toBe(before + 1);
  });
});

describe('awaitbot console in a terminal', () => {
  it('prompts once for a bracketed paste that arrives one line at a time, and answers it once', async () => {
    const { PassThrough, Readable } = await import('node:stream');
    // dist/: the diagnosis workers load compiled files (global-setup builds them).
    const { runConsole } = (await import('../../dist/console/console.js' as string)) as typeof import('../../src/console/console.js');
    const { loadServices } = (await import('../../dist/app/services.js' as string)) as typeof import('../../src/app/services.js');
    const { parseConfig } = (await import('../../dist/config.js' as string)) as typeof import('../../src/config.js');
    const config = parseConfig({ DATABASE_PATH: databasePath });
    const lines = paste.trimEnd().split('\n');
    // A terminal in line mode hands over each pasted line as its own read: one chunk per line.
    const chunks = [`\x1b[200~${lines[0]}\n`, ...lines.slice(1, -1).map((l) => `${l}\n`), `${lines.at(-1)}\x1b[201~\n`];
    const stdin = Object.assign(Readable.from(chunks), { isTTY: true });
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    expect(await runConsole(() => loadServices(config), { stdin, stdout, stderr: new PassThrough() }, { userId: null })).toBe(0);
    // Every `> ` is a prompt except the arrows (`=> `) of the corrected example.
    const prompts = out.match(/(?<!=)> /g) ?? [];
    expect(prompts).toHaveLength(2); // the first prompt, and one after the answer
    expect(out.split(title)).toHaveLength(2); // answered once
    expect(out).not.toContain('No known async error');
  });
});

describe('awaitbot console in a real terminal (raw mode)', () => {
  it('never echoes the bracketed-paste markers, answers the paste once, and gives the terminal back on leaving', async () => {
    const { PassThrough } = await import('node:stream');
    const { runConsole } = (await import('../../dist/console/console.js' as string)) as typeof import('../../src/console/console.js');
    const { loadServices } = (await import('../../dist/app/services.js' as string)) as typeof import('../../src/app/services.js');
    const { parseConfig } = (await import('../../dist/config.js' as string)) as typeof import('../../src/config.js');
    const config = parseConfig({ DATABASE_PATH: databasePath });
    const modes: boolean[] = [];
    const stdin = Object.assign(new PassThrough({ encoding: 'utf8' }), { isTTY: true, setRawMode: (raw: boolean) => modes.push(raw) });
    const stdout = new PassThrough();
    let out = '';
    let answered: () => void = () => {};
    const answer = new Promise<void>((resolve) => (answered = resolve));
    stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes(title)) answered();
    });
    const done = runConsole(() => loadServices(config), { stdin, stdout, stderr: new PassThrough() }, { userId: null });
    // What a terminal sends in raw mode: the paste between its markers, lines ending in \r, then Enter.
    stdin.write(`\x1b[200~${paste.trimEnd().replace(/\n/g, '\r')}\x1b[201~\r`);
    await answer;
    stdin.write('\x03'); // Ctrl+C
    expect(await done).toBe(0);
    expect(out).not.toContain('[200~');
    expect(out).not.toContain('[201~');
    expect(out.split(title)).toHaveLength(2);
    expect(modes).toEqual([true, false]);
  });
});

describe('awaitbot console in a terminal without bracketed paste', () => {
  /** The console as a terminal runs it, in-process, with stdin a stream the test writes to. */
  async function terminalConsole(logsTo?: string) {
    const { PassThrough } = await import('node:stream');
    const { runConsole } = (await import('../../dist/console/console.js' as string)) as typeof import('../../src/console/console.js');
    const { loadServices } = (await import('../../dist/app/services.js' as string)) as typeof import('../../src/app/services.js');
    const { parseConfig } = (await import('../../dist/config.js' as string)) as typeof import('../../src/config.js');
    const config = parseConfig({ DATABASE_PATH: databasePath });
    const stdin = Object.assign(new PassThrough({ encoding: 'utf8' }), { isTTY: true });
    const stdout = new PassThrough();
    let out = '';
    const waiters: { text: string; count: number; resolve: () => void }[] = [];
    stdout.on('data', (c: Buffer) => {
      out += c.toString();
      for (const w of [...waiters]) if (out.split(w.text).length > w.count) waiters.splice(waiters.indexOf(w), 1), w.resolve();
    });
    const done = runConsole(() => loadServices(config), { stdin, stdout, stderr: new PassThrough() }, { userId: null, logsTo });
    return {
      stdin,
      done,
      output: () => out,
      /** Resolves once `text` has been printed `count` times (an answer, a prompt): the test waits for what it would see. */
      printed: (text: string, count = 1) => new Promise<void>((resolve) => (out.split(text).length > count ? resolve() : waiters.push({ text, count, resolve }))),
    };
  }

  it('answers a 40-line paste that arrives one line per read as one paste, and logs exactly one case', async () => {
    const traceback = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/slow-handler.out.txt'), 'utf8');
    const lines = traceback.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(40);
    const before = caseCount();
    const t = await terminalConsole();
    // A terminal in line mode hands over each pasted line as its own read, all at once.
    for (const line of lines) t.stdin.write(`${line}\n`);
    await t.printed(title);
    t.stdin.end();
    expect(await t.done).toBe(0);
    expect(t.output().split(title)).toHaveLength(2); // answered once
    expect(t.output()).not.toContain('No known async error');
    expect(caseCount()).toBe(before + 1);
  });

  it('answers lines typed one after another each on its own, says where it logs, and leaves on exit', async () => {
    const before = caseCount();
    const t = await terminalConsole(databasePath);
    await t.printed('> ');
    expect(t.output()).toContain(`Each explanation is logged as a case in ${databasePath}.`);
    t.stdin.write('/faq js/discord-unknown-interaction\n');
    await t.printed(title);
    await t.printed('> ', 2);
    t.stdin.write('/help\n');
    await t.printed('/quit');
    t.stdin.write('exit\n');
    expect(await t.done).toBe(0);
    expect(t.output()).not.toContain('Unknown command');
    expect(caseCount()).toBe(before);
  });
});

describe('awaitbot start without DISCORD_TOKEN', () => {
  it('says in one line that it runs the console, then behaves as the console', () => {
    const before = caseCount();
    const r = run(['start'], paste);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/No DISCORD_TOKEN.*console/);
    expect(r.stdout).toContain(title);
    expect(caseCount()).toBe(before + 1);
  });
});

describe('a paste past the diagnosis budget', () => {
  it('says it is too complex and, when it held a token, how to reset it, in words and without echoing the token', () => {
    const token = `${Buffer.from('123456789012345678').toString('base64url')}.GxYz1a.${'a1B2c3D4e5F6g7H8i9J0k1L2m3N'}`;
    const hostile = '```js\n' + '(async (x)\n'.repeat(22) + '```\n' + `client.login('${token}');\n`;
    const r = spawnSync(process.execPath, ['bin/awaitbot.js', 'console'], {
      cwd: root,
      input: hostile,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: databasePath, DISCORD_TOKEN: '', LOG_LEVEL: 'silent', AWAITBOT_ANALYSIS_LIMITS: 'off', AWAITBOT_DIAGNOSIS_BUDGET_MS: '200' },
    });
    expect(r.status).toBe(0);
    const m = messages('en');
    expect(r.stdout).toContain(m.tooComplex);
    expect(r.stdout).toContain(`⚠ ${m.textSecret(m.secretKinds['discord-token']!, m.secretResets['discord-token']!)}`);
    expect(r.stdout).not.toContain(token);
    expect(r.stdout).not.toContain('=>');
  });
});
