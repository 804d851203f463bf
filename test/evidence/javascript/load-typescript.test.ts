/**
 * The TypeScript compiler loaded through V8's code cache: the same compiler with or without a
 * cache, a cache made once and taken by the next process, and a damaged or stale cache that costs
 * only the time. Each load runs in a process of its own (V8 keeps what one process compiled, so a
 * second load in the same process would not read the file), on the compiled dist/ and the
 * installed compiler, with the cache in a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as TS from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const loader = pathToFileURL(fileURLToPath(new URL('../../../dist/evidence/javascript/snippet/load-typescript.js', import.meta.url))).href;
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-ts-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const installed = createRequire(import.meta.url)('typescript') as typeof TS;

const snippet = "client.on('ready', async () => {\n  await login(;\n});\n";
/** What a compiler makes of a snippet with a syntax error: its statements and diagnostics. */
function parsed(ts: typeof TS): { statements: number; errors: string[] } {
  const sf = ts.createSourceFile('s.ts', snippet, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return { statements: sf.statements.length, errors: (sf as unknown as { parseDiagnostics: TS.Diagnostic[] }).parseDiagnostics.map((d) => String(d.messageText)) };
}

/** Loads the compiler in a new process with its cache in `cacheDir` (saving it after, with `save`). */
function load(cacheDir: string, save: boolean): { fromCache: boolean; version: string; parsed: ReturnType<typeof parsed> } {
  const script = `
    const { loadTypeScript } = await import(${JSON.stringify(loader)});
    const c = loadTypeScript(${JSON.stringify(cacheDir)});
    const ts = c.ts;
    const sf = ts.createSourceFile('s.ts', ${JSON.stringify(snippet)}, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    if (${save}) c.saveCache();
    console.log(JSON.stringify({ fromCache: c.fromCache, version: ts.version, parsed: { statements: sf.statements.length, errors: sf.parseDiagnostics.map((d) => String(d.messageText)) } }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ReturnType<typeof load>;
}

describe('loadTypeScript', () => {
  it('loads the installed compiler without a cache, saves one, and the next process takes it', { timeout: 60_000 }, () => {
    const first = load(dir, true);
    expect(first).toEqual({ fromCache: false, version: installed.version, parsed: parsed(installed) });
    expect(readdirSync(dir).filter((f) => f.endsWith('.v8cache'))).toHaveLength(1);
    expect(load(dir, false)).toEqual({ fromCache: true, version: installed.version, parsed: parsed(installed) });
  });

  it('compiles as usual past a damaged cache, and saving replaces it; caches of another compiler file go', { timeout: 60_000 }, () => {
    const [cache] = readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
    expect(cache).toBeDefined();
    writeFileSync(join(dir, cache!), 'not a code cache');
    writeFileSync(join(dir, 'typescript-1-2-3.v8cache'), 'a cache of a compiler no longer installed');
    expect(load(dir, true)).toEqual({ fromCache: false, version: installed.version, parsed: parsed(installed) });
    expect(readdirSync(dir).filter((f) => f.endsWith('.v8cache'))).toEqual([cache]);
    expect(load(dir, false).fromCache).toBe(true);
  });

  it('a cache directory it cannot write to changes nothing but the time', { timeout: 60_000 }, () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(load(join(file, 'cache'), true)).toEqual({ fromCache: false, version: installed.version, parsed: parsed(installed) });
  });
});
