/**
 * The command line and the console speak the reader's language: `awaitbot help`, a command's
 * `--help`, the start-up message naming bad settings and the console's own replies, in Chinese
 * with `--lang zh-CN` or a Chinese LC_ALL/LANG, and in English otherwise. Spawned as users run them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliMessages, messages, ruleText } from '../../src/render/messages.js';
import type { EntryProblem } from '../../src/faq/entry.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { englishRuns } from '../render/english-prose.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-language-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}, input = '') {
  return spawnSync(process.execPath, [join(root, 'bin/awaitbot.js'), ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: join(dir, 'cases.db'), DISCORD_TOKEN: '', LOG_LEVEL: 'warn', ...env },
  });
}

const han = /[\u4e00-\u9fff]/;

describe('awaitbot help', () => {
  it('lists every command in Chinese with --lang zh-CN or a Chinese LANG, in English otherwise', () => {
    const zh = run(['help', '--lang', 'zh-CN']);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('用法：awaitbot <命令> [选项]');
    expect(zh.stdout).toMatch(new RegExp(`^  explain +${cliMessages('zh-CN').summaries.explain.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(run(['help'], { LANG: 'zh_CN.UTF-8' }).stdout).toBe(zh.stdout);
    // LC_ALL wins over LANG, as in every POSIX program.
    expect(run(['help'], { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }).stdout).toContain('Usage: awaitbot <command> [options]');
    const en = run(['help']);
    expect(en.stdout).toContain('Usage: awaitbot <command> [options]');
    expect(en.stdout).not.toMatch(han);
  });

  it("gives a command's usage and summary with `help CMD` and `CMD --help`, in the reader's language", () => {
    const zh = run(['explain', '--help'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('用法：awaitbot explain [FILE]');
    expect(zh.stdout).toContain(cliMessages('zh-CN').summaries.explain);
    expect(run(['help', 'explain', '--lang', 'zh-CN']).stdout).toBe(zh.stdout);
    expect(run(['help', 'stats']).stdout).toContain('Usage: awaitbot stats');
  });

  it('names a mistyped command in `help CMD` instead of listing every command, in the reader\'s language, and exits 2', () => {
    const typo = run(['help', 'stat']);
    expect(typo.status).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe(`awaitbot: ${cliMessages('en').unknownCommand('stat')}\n`);
    expect(run(['help', 'stat', '--lang', 'zh-CN']).stderr).toContain(cliMessages('zh-CN').unknownCommand('stat'));
  });

  it('prints the version with --version, -V and version, and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V', 'version']) {
      const r = run([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`awaitbot ${version}\n`);
    }
  });

  it('says an unknown command in Chinese', () => {
    const r = run(['frobnicate'], { LANG: 'zh_CN.UTF-8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('awaitbot: 没有“frobnicate”这个命令（试试：awaitbot help）\n');
  });

  it('has a Chinese summary and usage for every command, with no English sentence left in them', () => {
    const zh = cliMessages('zh-CN');
    const en = cliMessages('en');
    expect(Object.keys(zh.summaries)).toEqual(Object.keys(en.summaries));
    for (const [name, text] of [...Object.entries(zh.summaries), ...Object.entries(zh.usages)]) {
      // A usage line is a synopsis (options and placeholders) with a note in words after it.
      const words = text.replace(/^\s*awaitbot .*?(?= {3}|$)/gm, '');
      expect(englishRuns(words), name).toEqual([]);
      if (words.trim()) expect(words, name).toMatch(han);
    }
  });
});

describe('usage mistakes', () => {
  it('are said in Chinese for a Chinese terminal, in English otherwise', () => {
    const zh = run(['explain', '--bogus'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.status).toBe(2);
    expect(zh.stderr).toBe('awaitbot explain: 没有 --bogus 这个选项\n');
    expect(run(['explain', 'missing.txt', '--lang', 'zh-CN']).stderr).toBe('awaitbot explain: 无法读取 missing.txt：文件不存在\n');
    expect(run(['explain', 'missing.txt']).stderr).toBe('awaitbot explain: cannot read missing.txt: no such file\n');
  });

  it('has Chinese for every usage mistake, with no English sentence outside options and placeholders', () => {
    const zh = cliMessages('zh-CN').errors;
    // One sample for every parameter: a list of languages that reads as `x` where a name or a number goes.
    const sample = Object.assign(['en', 'zh-CN'], { toString: () => 'x' });
    for (const [name, say] of Object.entries(zh)) {
      const text = typeof say === 'string' ? say : (say as (...a: unknown[]) => string)(sample, sample, sample);
      expect(englishRuns(text), name).toEqual([]);
      expect(text, name).toMatch(han);
    }
  });
});

describe('what the store commands report', () => {
  it('has Chinese for every report and every FAQ entry problem, with no English sentence in them', () => {
    const zh = cliMessages('zh-CN').reports;
    const sample = Object.assign(['en', 'zh-CN'], { toString: () => 'x' });
    for (const [name, say] of Object.entries(zh)) {
      const text = typeof say === 'string' ? say : (say as (...a: unknown[]) => string)(sample, sample, sample, sample);
      expect(englishRuns(text.replace(/^(ok|unhealthy): /, '')), name).toEqual([]);
      expect(text, name).toMatch(han);
    }
    const problems: EntryProblem[] = [
      ...(['empty', 'too-short', 'too-long', 'too-common', 'chat-words'] as const).map((problem) => ({ kind: 'trigger' as const, trigger: 'x', problem, limit: 6 })),
      { kind: 'too-long', max: 100 },
      { kind: 'empty' },
      { kind: 'name-shape' },
      { kind: 'too-many-triggers', max: 10 },
      { kind: 'unknown-fields', keys: ['colour'] },
      { kind: 'one-of', options: ['python', 'javascript'] },
      { kind: 'wrong-type', expected: 'array' },
      { kind: 'no-front-matter' },
      { kind: 'unclosed-front-matter' },
      { kind: 'bad-yaml', detail: 'Unexpected end' },
      { kind: 'not-a-mapping' },
      { kind: 'body-in-front-matter' },
      { kind: 'name-not-file-name', name: 'x' },
      { kind: 'duplicate-name', name: 'x', firstFile: 'x.md' },
      { kind: 'builtin-name', name: 'x' },
    ];
    for (const p of problems) {
      const text = messages('zh-CN').faqProblem(p);
      expect(englishRuns(text), p.kind).toEqual([]);
      expect(text, p.kind).toMatch(han);
      expect(text, p.kind).not.toBe(messages('en').faqProblem(p));
    }
  });

  it('are said in Chinese for a Chinese terminal: a refused FAQ import, an empty review list, a missing case, the health check', () => {
    const entries = join(dir, 'faq-in');
    mkdirSync(entries, { recursive: true });
    writeFileSync(join(entries, 'short.md'), '---\nname: short\ntitle: Short\ntriggers: [oops]\n---\n\nAn answer.\n');
    const refused = run(['faq', 'import', entries, '--guild', '123', '--lang', 'zh-CN']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`${join(entries, 'short.md')}: triggers.0：“oops”少于 6 个字符\n没有导入任何内容：1 个文件中有 1 个存在问题，共 1 处。\n`);
    expect(run(['faq', 'import', entries, '--guild', '123']).stderr).toContain('short.md: triggers.0: "oops" is shorter than 6 characters\nNothing imported: 1 problem in 1 of 1 files.\n');
    expect(run(['review'], { LANG: 'zh_CN.UTF-8' }).stdout).toBe(`${cliMessages('zh-CN').reports.nothingToReview}\n`);
    const missing = run(['faq', 'add', '--from-case', '99', '--answer', 'x', '--lang', 'zh-CN']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('没有编号为 #99 的案例（见 awaitbot review）。\n');
    const health = run(['health'], { LANG: 'zh_CN.UTF-8' });
    expect(health.status).toBe(0);
    expect(health.stdout).toMatch(/^ok: 数据库 .*cases\.db（结构版本 \d+，0 个案例），控制台模式（没有 DISCORD_TOKEN），未检查网关\n$/);
  });

  it('comes from the catalog: no command writes a sentence of its own', () => {
    const files = readdirSync(join(root, 'src/cli'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    // `.write('Some words` or `.write(`Some words`: a sentence in the code instead of the catalog. `awaitbot CMD:` is the program's name.
    const inline = files.flatMap((f) =>
      readFileSync(join(root, 'src/cli', f), 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
        .filter(({ line }) => /\.write\(\s*[`'"](?!awaitbot\b)[A-Za-z]/.test(line)),
    );
    expect(files.length).toBeGreaterThan(10);
    expect(inline).toEqual([]);
  });
});

describe('the start-up message naming bad settings', () => {
  it('is in Chinese for a Chinese terminal, naming each bad variable and what it expects', () => {
    const r = run(['stats'], { LANG: 'zh_CN.UTF-8', RETENTION_DAYS: '-3', LOG_LEVEL: 'loud' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'awaitbot stats: 有 2 个设置的值 awaitbot 无法使用（来自环境变量或 .env）：\n' +
        '  LOG_LEVEL="loud"：应该是以下之一：fatal、error、warn、info、debug、trace、silent\n' +
        '  RETENTION_DAYS="-3"：应该是1 到 3650 之间的整数天数\n',
    );
  });

  it('has Chinese words for what every setting expects', () => {
    const facts = { logLevels: ['info'], maxRetentionDays: 10, maxShards: 8 };
    for (const [name, expects] of Object.entries(cliMessages('zh-CN').settingExpects)) {
      const text = expects(facts);
      expect(englishRuns(text), name).toEqual([]);
      expect(text, name).toMatch(/[\u4e00-\u9fff]|^[\w, ]+$/);
    }
  });
});

describe('the console in Chinese', () => {
  it('answers /help, an unknown command and /faq TOPIC in Chinese with --lang zh-CN', () => {
    const rule = loadKnowledge().find((r) => r.id === 'py/coroutine-never-awaited')!;
    const help = run(['console', '--lang', 'zh-CN'], {}, '/help\n');
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(cliMessages('zh-CN').consoleHelp + '\n');
    expect(englishRuns(help.stdout)).toEqual([]);
    expect(run(['console'], { LANG: 'zh_CN.UTF-8' }, '/frob\n').stdout).toBe('没有 /frob 这个命令。输入 /help 查看所有命令。\n');
    const faq = run(['console', '--lang', 'zh-CN'], {}, '/faq py/coroutine-never-awaited\n').stdout;
    const zh = ruleText(rule, 'zh-CN');
    expect(faq).toContain(`${zh.title}  [py/coroutine-never-awaited]`);
    expect(faq).toContain(zh.summary);
    expect(faq).toContain(messages('zh-CN').correctedExample);
    expect(faq).toContain('https://docs.python.org/zh-cn/3/');
  });

  it('stays in English without a language', () => {
    expect(run(['console'], {}, '/help\n').stdout).toBe(cliMessages('en').consoleHelp + '\n');
  });
});
