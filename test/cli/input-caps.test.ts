/**
 * Endless input: `explain FILE`, `explain` on stdin, `console` and `batch` lines
 * all stop at the same cap with one clear line, quickly and in little memory.
 * The real entry point runs in a child process; its peak memory is read by
 * the child itself on exit (peak-rss.mjs), its time from spawn to the exit event.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { maxInputBytes } from '../../src/app/input.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-caps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const maxPeakKb = 300 * 1024;
/**
 * "Refused within two seconds" is the work the command does (its own CPU time), which a loaded
 * machine cannot inflate; the wall clock only guards against a command that never stops.
 */
const maxCpuMs = 2000;
const maxWallMs = 20_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  cpuMs: number;
  peakKb: number;
}

let runs = 0;
/** Runs `awaitbot …args` with stdin from `stdinPath`; `until` may end it early (SIGTERM) once stdout shows what the test needs. */
async function run(args: string[], stdinPath: string, until?: (stdout: string) => boolean): Promise<Run> {
  const peakFile = join(dir, `peak-${++runs}`);
  const stdin = openSync(stdinPath, 'r');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', './test/cli/peak-rss.mjs', 'bin/awaitbot.js', ...args], {
    cwd: root,
    stdio: [stdin, 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: join(dir, 'cases.db'), DISCORD_TOKEN: '', LOG_LEVEL: 'warn', PEAK_RSS_FILE: peakFile },
  });
  closeSync(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (until?.(stdout)) child.kill('SIGTERM');
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const wallMs = performance.now() - started;
  const { peakKb, cpuMs } = JSON.parse(readFileSync(peakFile, 'utf8')) as { peakKb: number; cpuMs: number };
  return { code, stdout, stderr, wallMs, cpuMs, peakKb };
}

const oneLine = /^awaitbot \w+: input is larger than 20 MB; awaitbot reads at most that much\n$/;

describe('endless input is refused at the cap', () => {
  it('awaitbot explain /dev/zero', async () => {
    const r = await run(['explain', '/dev/zero'], '/dev/null');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stdout).toBe('');
    expect(r.cpuMs).toBeLessThan(maxCpuMs);
    expect(r.wallMs).toBeLessThan(maxWallMs);
    expect(r.peakKb).toBeLessThan(maxPeakKb);
  });

  it('awaitbot explain < /dev/zero', async () => {
    const r = await run(['explain', '--json'], '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(oneLine);
    expect(r.cpuMs).toBeLessThan(maxCpuMs);
    expect(r.wallMs).toBeLessThan(maxWallMs);
    expect(r.peakKb).toBeLessThan(maxPeakKb);
  });

  it('awaitbot console < /dev/zero', async () => {
    const r = await run(['console'], '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(oneLine);
    expect(r.cpuMs).toBeLessThan(maxCpuMs);
    expect(r.wallMs).toBeLessThan(maxWallMs);
    expect(r.peakKb).toBeLessThan(maxPeakKb);
  });

  it('awaitbot batch < /dev/zero answers the endless line with an error object and keeps reading in bounded memory', async () => {
    const r = await run(['batch'], '/dev/zero', (out) => out.includes('\n'));
    const [first] = r.stdout.split('\n');
    expect(JSON.parse(first!)).toEqual({ id: null, line: 1, error: 'line 1 is larger than 20 MB; awaitbot reads at most that much' });
    expect(r.stderr).toBe('');
    expect(r.peakKb).toBeLessThan(maxPeakKb);
  });
});

describe('batch with one line past the cap', () => {
  it('gives that line an error object and answers the lines around it', async () => {
    const path = join(dir, 'batch.jsonl');
    const paste = "RuntimeError: asyncio.run() cannot be called from a running event loop\n";
    writeFileSync(
      path,
      JSON.stringify({ id: 'a', text: paste }) + '\n' +
        JSON.stringify({ id: 'huge', text: 'x'.repeat(maxInputBytes) }) + '\r\n' +
        JSON.stringify({ id: 'c', text: paste }) + '\n',
    );
    const r = await run(['batch'], path);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', null, 'c']);
    expect(lines[0].matches[0].rule).toBe('py/asyncio-run-nested');
    expect(lines[1]).toEqual({ id: null, line: 2, error: 'line 2 is larger than 20 MB; awaitbot reads at most that much' });
    expect(lines[2].matches[0].rule).toBe('py/asyncio-run-nested');
    expect(r.peakKb).toBeLessThan(maxPeakKb);
  });
});
