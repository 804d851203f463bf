/**
 * The language of an answer: `--lang`, then the terminal's LC_ALL/LANG, then the language the paste
 * is written in, then English — in the CLI and the console as users run them, and the rules that
 * read a paste's language.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseLocale, localeFromPosix, pasteLocale } from '../../src/app/language.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rule = loadKnowledge().find((r) => r.id === 'py/asyncio-run-nested')!;
const zhTitle = rule.i18n!['zh-CN']!.title;
const traceback = readFileSync(join(root, 'test/fixtures/cases/py/asyncio-run-nested/run_inside_async_def.out.txt'), 'utf8');
const chineseQuestion = `我在 async 函数里调用 asyncio.run 就报错了，这是为什么？\n\n${traceback}`;

function run(args: string[], input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['bin/awaitbot.js', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: join(dir, 'cases.db'), DISCORD_TOKEN: '', LOG_LEVEL: 'warn', ...env },
  });
}

describe('the language a paste is written in', () => {
  it.each([
    ['a Chinese sentence above an English traceback', chineseQuestion, 'zh-CN'],
    ['a Chinese sentence with English terms in it', '用 asyncio.run 报错了', 'zh-CN'],
    ['an English traceback alone', traceback, null],
    ['an English sentence naming one Chinese word', 'the log printed 用户 and then RuntimeError: This event loop is already running', null],
    ['Chinese only inside a code fence (a comment in code)', '```python\n# 获取数据然后保存\nawait fetch()\n```\nwhy does this hang?', null],
  ])('%s', (_, text, expected) => {
    expect(pasteLocale(text)).toBe(expected);
  });

  it('reads POSIX locales, and C/POSIX say nothing', () => {
    expect(localeFromPosix('zh_CN.UTF-8')).toBe('zh-CN');
    expect(localeFromPosix('en_US.UTF-8')).toBe('en');
    expect(localeFromPosix('C.UTF-8')).toBeNull();
    expect(localeFromPosix('POSIX')).toBeNull();
    expect(localeFromPosix('fr_FR.UTF-8')).toBeNull();
    expect(chooseLocale(null, undefined, 'zh-CN')).toBe('zh-CN');
    expect(chooseLocale(null, null)).toBe('en');
  });
});

describe('awaitbot explain and console choose the language in order', () => {
  it('answers a question written in Chinese in Chinese, with nothing set', () => {
    const r = run(['explain'], chineseQuestion);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(zhTitle);
  });

  it('LANG=zh_CN.UTF-8 answers an English traceback in Chinese; LC_ALL wins over LANG', () => {
    expect(run(['explain'], traceback, { LANG: 'zh_CN.UTF-8' }).stdout).toContain(zhTitle);
    const both = run(['explain'], traceback, { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' });
    expect(both.stdout).toContain(rule.title);
    expect(both.stdout).not.toContain(zhTitle);
  });

  it('--lang wins over the terminal and the paste', () => {
    const r = run(['explain', '--lang', 'en'], chineseQuestion, { LANG: 'zh_CN.UTF-8' });
    expect(r.stdout).toContain(rule.title);
    expect(r.stdout).not.toContain(zhTitle);
  });

  it('the console answers a Chinese question in Chinese, and takes --lang', () => {
    expect(run(['console'], chineseQuestion).stdout).toContain(zhTitle);
    expect(run(['console', '--lang', 'en'], chineseQuestion).stdout).not.toContain(zhTitle);
    expect(run(['console', '--lang', 'fr'], chineseQuestion).status).not.toBe(0);
  });
});
