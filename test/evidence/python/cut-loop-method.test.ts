/**
 * A traceback cut at its last frame, inside asyncio's base_events.py, at one of BaseEventLoop's methods that only
 * `raise NotImplementedError` (the loop cannot do the work): the error it was about to print is known, even when
 * the paste cut the frame's own line short (`…\asyncio\base_events.py", line 487, in _m`, a FastAPI report).
 * Real output of the two programs in test/fixtures/parsers/, cut the ways pastes are cut.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();
const first = (text: string) => engine.diagnose(text).matches[0]?.rule.id ?? null;
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/parsers/${name}`, import.meta.url), 'utf8').trimEnd().split('\n');

/** The lines up to and with the first one holding `marker`, that line cut right after `keep` of it. */
function cutAt(lines: readonly string[], marker: string, keep: string): string {
  const at = lines.findIndex((l) => l.includes(marker));
  expect(at).toBeGreaterThan(0);
  const line = lines[at]!;
  return [...lines.slice(0, at), line.slice(0, line.indexOf(keep) + keep.length)].join('\n');
}

const selector = fixture('selector-loop-subprocess.out.txt');
const unix = fixture('unix-loop-subprocess-missing.out.txt');
const rule = 'py/subprocess-on-selector-loop';

describe('a subprocess started on a loop that cannot start one, the traceback cut at the last frame', () => {
  it('whole, the captured traceback names the rule', () => {
    expect(first(selector.join('\n'))).toBe(rule);
  });

  it('cut inside the last frame line, its function name short', () => {
    for (const keep of ['in _m', 'in _make_sub', 'in _make_subprocess_tr']) {
      expect(first(cutAt(selector, 'in _make_subprocess_transport', keep))).toBe(rule);
    }
  });

  it('cut inside the last frame line, with a Windows path and no traceback header (the report the shape comes from)', () => {
    const text = cutAt(selector, 'in _make_subprocess_transport', 'in _m')
      .split('\n')
      .filter((l) => !l.startsWith('Traceback'))
      .map((l) => l.replace('/root/.pyenv/versions/3.8.18/lib/python3.8/asyncio/', 'C:\\Python\\Python38-32\\lib\\asyncio\\'))
      .join('\n');
    expect(first(text)).toBe(rule);
  });

  it('cut after the last frame line, before its raise line', () => {
    expect(first(cutAt(selector, 'in _make_subprocess_transport', 'in _make_subprocess_transport'))).toBe(rule);
  });
});

describe('the cut traceback under a title that names its last frame and error', () => {
  it("a title retelling the frame and its raise, above a traceback cut before asyncio's frames", () => {
    const cut = cutAt(selector, 'in run_until_complete', 'in run_until_complete');
    expect(first(`_make_subprocess_transport raise NotImplementedError\n\nI get the same result every time.\n\n${cut}`)).toBe(rule);
  });

  it('not when the title names the method with another error (a program that is not there, on the Proactor loop)', () => {
    const cut = cutAt(unix, 'in run_until_complete', 'in run_until_complete');
    expect(first(`FileNotFoundError in _make_subprocess_transport: [WinError 2] The system cannot find the file specified\n\n${cut}`)).not.toBe(rule);
  });
});

describe('near misses: what the cut traceback does not show', () => {
  it('the same call on a loop that can start subprocesses: its frame is in unix_events.py, cut short too', () => {
    expect(first(cutAt(unix, 'unix_events.py", line 197, in _make_subprocess_transport', 'in _m'))).not.toBe(rule);
  });

  it('cut at the call, before the frame of the method it calls (any loop would show it)', () => {
    expect(first(cutAt(unix, 'await self._make_subprocess_transport(', 'await self._make_subprocess_transport('))).not.toBe(rule);
  });

  it('cut short in base_events.py at a frame the call does not name (subprocess_exec, which does the work)', () => {
    expect(first(cutAt(unix, 'in subprocess_exec', 'in subprocess_ex'))).not.toBe(rule);
  });

  it('the whole traceback of the missing program is not this mistake', () => {
    expect(first(unix.join('\n'))).not.toBe(rule);
  });
});
