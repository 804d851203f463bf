/**
 * The import rules of README's "How it works", checked on the imports every
 * file under src/ actually has (static, re-exports and dynamic `import()`,
 * read by TypeScript's own pre-processor).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** One import: from a file to a file, both relative to src/ (`app/cases.ts`). */
interface Edge {
  from: string;
  to: string;
}

const edges: Edge[] = sourceFiles(src).flatMap((file) => {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => ({ from: relative(src, file), to: relative(src, resolve(dirname(file), name)).replace(/\.js$/, '.ts') }));
});

/** A file's layer: its folder under src/, or its own name for a top-level file (`engine.ts` → `engine`). */
function layer(path: string): string {
  const [first = '', ...rest] = path.split('/');
  return rest.length > 0 ? first : first.replace(/\.ts$/, '');
}

/** The engine: text in, Diagnosis out, knowing nothing of where the text came from or where the answer goes. */
const engine = ['engine', 'engine-pool', 'analyzers', 'diagnosis', 'intake', 'evidence', 'match', 'fix', 'knowledge'];
const shells = ['discord', 'console', 'http', 'cli'];

function violations(rule: (e: Edge) => boolean): string[] {
  return edges.filter(rule).map((e) => `${e.from} imports ${e.to}`);
}

describe('the import rules', () => {
  it('reads the imports (static, re-export and dynamic) of every file', () => {
    expect(edges).toContainEqual({ from: 'console/console.ts', to: 'app/cases.ts' });
    expect(edges).toContainEqual({ from: 'discord/index.ts', to: 'discord/client.ts' }); // export … from
    expect(edges).toContainEqual({ from: 'cli/commands/start.ts', to: 'discord/index.ts' }); // await import(…)
  });

  it('the engine imports no store, shell or core', () => {
    expect(violations((e) => engine.includes(layer(e.from)) && ['store', 'app', ...shells].includes(layer(e.to)))).toEqual([]);
  });

  it('render imports no store and no shell; of the core only its types', () => {
    expect(violations((e) => layer(e.from) === 'render' && ['store', ...shells].includes(layer(e.to)))).toEqual([]);
    expect(violations((e) => layer(e.from) === 'render' && layer(e.to) === 'app' && e.to !== 'app/types.ts')).toEqual([]);
  });

  it('the console, the Discord bot and the HTTP endpoint never import each other', () => {
    const fronts = ['console', 'discord', 'http'];
    expect(violations((e) => fronts.includes(layer(e.from)) && fronts.includes(layer(e.to)) && layer(e.from) !== layer(e.to))).toEqual([]);
  });

  it('the Discord bot and the HTTP endpoint are thin: the engine and the FAQ machinery only through the core, but for the rule and diagnosis types', () => {
    const types = new Set(['knowledge/schema.ts', 'diagnosis.ts']);
    expect(violations((e) => ['discord', 'http'].includes(layer(e.from)) && [...engine, 'faq'].includes(layer(e.to)) && !types.has(e.to))).toEqual([]);
  });

  it('nothing imports the CLI, and the CLI starts the bot and the console only through their entry points', () => {
    expect(violations((e) => layer(e.from) !== 'cli' && layer(e.to) === 'cli')).toEqual([]);
    expect(violations((e) => layer(e.from) === 'cli' && layer(e.to) === 'discord' && e.to !== 'discord/index.ts')).toEqual([]);
    expect(violations((e) => layer(e.from) === 'cli' && layer(e.to) === 'console' && e.to !== 'console/index.ts')).toEqual([]);
    expect(violations((e) => layer(e.from) === 'cli' && layer(e.to) === 'http' && e.to !== 'http/index.ts')).toEqual([]);
  });

  it('the shells reach the store only through the core, and the core knows no shell', () => {
    expect(violations((e) => shells.includes(layer(e.from)) && layer(e.to) === 'store')).toEqual([]);
    expect(violations((e) => layer(e.from) === 'app' && shells.includes(layer(e.to)))).toEqual([]);
  });

  it('the store takes from the core only the records it keeps, and from the rest only the logger and redaction', () => {
    // The durability tests run the store alone in a child process (test/store/helpers.ts compiles just these).
    const allowed = new Set(['app/types.ts', 'log.ts', 'intake/redact.ts', 'intake/types.ts']);
    expect(violations((e) => layer(e.from) === 'store' && layer(e.to) !== 'store' && !allowed.has(e.to))).toEqual([]);
  });
});
