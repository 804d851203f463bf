import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import ts from 'typescript';
import type { CaseInput } from '../../src/store/types.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A fresh directory for one test's database; removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'awaitbot-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rows of `sql` read straight from the PostgreSQL database at `url`, past the store. */
export async function rawRows(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every item of an async stream (the store's export), in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export function sampleCase(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    source: 'discord',
    guildId: '100000000000000001',
    channelId: '200000000000000001',
    userId: '300000000000000001',
    trigger: 'explain',
    language: 'python',
    matches: [{ rule: 'py/coroutine-never-awaited', confidence: 0.92 }],
    paste: 'async def main():\n    asyncio.sleep(1)\n',
    fixShown: true,
    evidenceSummary: 'finding:py.unawaited-coroutine',
    latencyMs: 3.5,
    ...overrides,
  };
}

/**
 * Child processes run the store as compiled JavaScript (Node 20 cannot load
 * TypeScript). This transpiles the store and what it imports into a folder
 * under node_modules/.cache, where its own imports (better-sqlite3, pino)
 * resolve to the project's node_modules.
 */
export function compileStoreForChild(): { dir: string; cleanup: () => void } {
  const cacheRoot = join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cacheRoot, { recursive: true });
  const dir = mkdtempSync(join(cacheRoot, 'awaitbot-store-test-'));
  const sources = [
    ...readdirSync(join(repoRoot, 'src/store')).map((f) => `src/store/${f}`),
    'src/log.ts',
    'src/intake/redact.ts',
    'src/intake/types.ts',
  ].filter((f) => f.endsWith('.ts'));
  for (const file of sources) {
    const out = ts.transpileModule(readFileSync(join(repoRoot, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, esModuleInterop: true },
      fileName: file,
    });
    const target = join(dir, relative('.', file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.outputText);
  }
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
