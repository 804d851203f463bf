/**
 * Loads the TypeScript compiler (9 MB of JavaScript) with V8's code cache, so a process compiles
 * little of it: the first JS paste of a CLI run, a batch or a freshly started bot costs about
 * 150 ms of CPU less, and the functions the parser runs start out compiled rather than being
 * compiled as each paste first reaches them.
 *
 * The cache is what V8 had compiled of the module when the process that made it exited (so it
 * holds the parser's functions, not only the top level; see `typescript()` in parse.ts), in
 * node_modules/.cache/awaitbot beside the knowledge cache. Its name carries what makes it valid: the compiler file's size and mtime
 * (V8 itself checks only the source's length) and V8's version tag, which covers V8's version,
 * its flags (the CLI sets one at run time, tests and benches others) and the CPU. A file V8
 * refuses, or none, means an ordinary compile and a new file at exit; a file that cannot be read
 * or written changes nothing but the time.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';

/** Where the package keeps its caches (as knowledge/load.ts's `defaultKnowledgeCache`). */
export const defaultTypeScriptCacheDir = fileURLToPath(new URL('../../../../node_modules/.cache/awaitbot/', import.meta.url));
const prefix = 'typescript-';

export interface LoadedTypeScript<T> {
  ts: T;
  /** V8 took the compiled code from the cache (false: none, or one it refused). */
  fromCache: boolean;
  /** Writes the cache: what V8 has compiled of the module by now, after a parse of every kind of syntax (best called late: at exit). Never throws. */
  saveCache(): void;
}

/** `require('typescript')`, compiled with the code cache in `dir` when there is a usable one. */
export function loadTypeScript<T>(dir = defaultTypeScriptCacheDir): LoadedTypeScript<T> {
  const require = createRequire(import.meta.url);
  const file = require.resolve('typescript');
  let source: string;
  let stamp: string;
  try {
    source = readFileSync(file, 'utf8');
    const st = statSync(file);
    stamp = `${st.size}-${Math.floor(st.mtimeMs)}`;
  } catch {
    return { ts: require('typescript') as T, fromCache: false, saveCache: () => {} };
  }
  const cacheFile = join(dir, `${prefix}${stamp}-${cachedDataVersionTag()}.v8cache`);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(cacheFile);
  } catch {
    cached = undefined; // none yet
  }
  // CommonJS's own wrapper, on the source's first line so positions in stack traces stay the file's.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new Script(wrapped, { filename: file, ...(cached && { cachedData: cached }) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const ts = module.exports as T;
  const saveCache = () => {
    warmParser(ts as Parser, source);
    writeCache(script, dir, cacheFile, stamp);
  };
  return { ts, fromCache: cached !== undefined && !script.cachedDataRejected, saveCache };
}

type Parser = { createSourceFile(name: string, text: string, target: number, setParents: boolean, kind: number): unknown; ScriptTarget: { Latest: number }; ScriptKind: { JS: number; TSX: number } };

/** TypeScript and JSX a JavaScript file does not show: types, generics, decorators, enums, JSX elements. */
const typedSample = `
import type { Client } from 'discord.js';
enum Level { Low = 1, High }
interface Job<T extends object = {}> { run(input: T): Promise<void>; readonly id?: string }
abstract class Queue<T> implements Iterable<T> {
  @logged private items: T[] = [];
  constructor(protected readonly client: Client, public level: Level = Level.Low) {}
  async *[Symbol.asyncIterator](): AsyncGenerator<T> { for await (const x of this.items as any) yield x as T; }
  [Symbol.iterator]() { return this.items[Symbol.iterator](); }
}
declare function wait<T>(ms: number, value?: T): Promise<T>;
type Handler = (i: { reply(s: string): Promise<unknown> }) => Promise<void> | void;
const view = <T,>(props: { items: T[] }) => <ul className="x">{props.items.map((i) => <li key={String(i)}>{String(i)}</li>)}</ul>;
export default async function main(this: void, ...args: unknown[]): Promise<void> { const n = <number>(args.length satisfies number); await wait(n!); }
`;

/**
 * Parses the compiler's own source (most JavaScript syntax) and a typed, JSX sample before the
 * cache is written, so it holds the parser's functions for every kind of paste, not only for what
 * the first process happened to read. A parse that fails only makes the cache smaller.
 */
function warmParser(ts: Parser, source: string): void {
  try {
    ts.createSourceFile('warm.js', source.slice(0, 400_000), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
    ts.createSourceFile('warm.tsx', typedSample, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  } catch {
    // an older or newer compiler: the cache holds what was compiled
  }
}

function writeCache(script: Script, dir: string, cacheFile: string, stamp: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, cacheFile); // atomic: another process reads the old file or the new one, never half of one
    // Caches of a compiler this package no longer has go (one per V8 flag set of the current one stays).
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.v8cache') && !name.startsWith(`${prefix}${stamp}-`)) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // A read-only or full disk: the next process compiles as this one did.
  }
}
