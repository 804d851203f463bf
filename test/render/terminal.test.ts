/**
 * The text reply in a person's terminal: Markdown markers become styles, prose wraps to the window
 * (Chinese counted two columns wide), and code — the user's line, code blocks, the fixed program —
 * is never styled or wrapped. Pipes and files keep the plain text.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
