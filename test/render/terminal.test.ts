/**
 * The text reply in a person's terminal: Markdown markers become styles, prose wraps to the window
 * (Chinese counted two columns wide), and code — the user's line, code blocks, the fixed program —
 * is never styled or wrapped. Pipes and files keep the plain text.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { parseConfig } from '../../src/config.js';
import { createEngine } from '../../src/engine.js';
import { renderText } from '../../src/render/text.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engine = await createEngine();
const paste = readFileSync(new URL('../fixtures/cases/js/async-foreach/all-saved-too-early.paste.md', import.meta.url), 'utf8');
const d = engine.diagnose(paste);

const esc = /\u001b\[[0-9;]*m/g;
/** Columns a line takes on screen: escape sequences none, CJK and full-width characters two. */
const width = (line: string) => [...line.replace(esc, '')].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
const prose = (text: string) => text.split('\n').filter((l) => !l.startsWith('   '));

describe('text replies laid out for a terminal', () => {
  it.each(['en', 'zh-CN'])('%s: prose fits 60 columns, with styles and no Markdown markers', (locale) => {
    expect(d.matches[0]!.rule.id).toBe('js/async-foreach');
    const out = renderText(d, { locale, terminal: { columns: 60, color: true } });
    // A Chinese closing mark stays with the word before it, one character past the edge at most.
    const tooWide = prose(out).filter((l) => width(l) > (/[。，、；：！？）」』】》〉”’]$/.test(l) ? 62 : 60) && /\s/.test(l.replace(esc, '').trim()));
    expect(prose(out).some((l) => /^[。，、；：！？）」』】》〉]/.test(l))).toBe(false);
    expect(tooWide).toEqual([]);
    expect(out).not.toContain('**');
    expect(out).toContain('\u001b[1m');
    expect(out).toContain('\u001b[36m');
  });

  it('leaves the fixed program exactly as written, indented, never wrapped or styled', () => {
    const out = renderText(d, { terminal: { columns: 40, color: true } });
    for (const line of d.matches[0]!.fix!.code.split('\n').filter(Boolean)) expect(out).toContain(`    ${line}\n`);
  });

  it('without colour keeps the wrapping and drops the bold markers, writing no escape sequence', () => {
    const out = renderText(d, { terminal: { columns: 60, color: false } });
    expect(out).not.toMatch(esc);
    expect(out).not.toContain('**');
  });

  it('plain text for pipes: the CLI writes no escape sequence when stdout is not a terminal', () => {
    const r = spawnSync(process.execPath, ['bin/awaitbot.js', 'explain'], { cwd: root, input: paste, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', LOG_LEVEL: 'warn' } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(esc);
    expect(r.stdout).toBe(renderText(d));
  });
});

/** A terminal 60 columns wide that keeps what is written to it. */
function fakeTerminal(): PassThrough & { isTTY: true; columns: number; text(): string } {
  const chunks: string[] = [];
  const tty = Object.assign(new PassThrough(), { isTTY: true as const, columns: 60, text: () => chunks.join('') });
  tty.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return tty;
}

async function explainOnTerminal(env: Record<string, string>): Promise<string> {
  const stdin = new PassThrough();
  stdin.end(paste);
  const stdout = fakeTerminal();
  expect(await explainCommand.run(['--lang', 'en'], { stdin, stdout, stderr: new PassThrough() }, parseConfig(env))).toBe(0);
  return stdout.text();
}

describe('NO_COLOR (https://no-color.org)', () => {
  it('set and not empty: a terminal gets the wrapped answer without a single ANSI style', async () => {
    const out = await explainOnTerminal({ NO_COLOR: '1' });
    expect(out).not.toMatch(esc);
    expect(out).not.toContain('**');
    expect(out).toBe(renderText(d, { locale: 'en', terminal: { columns: 60, color: false } }));
  });

  it('empty or unset: the terminal keeps its styles', async () => {
    for (const env of [{}, { NO_COLOR: '' }] as Record<string, string>[]) expect(await explainOnTerminal(env)).toContain('\u001b[1m');
  });
});
