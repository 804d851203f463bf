/**
 * py.native-coroutine: a generator-based coroutine, `@asyncio.coroutine` with `yield from` (removed
 * in Python 3.11), becomes the native coroutine it stands for: the decorator goes, `def` becomes
 * `async def`, and each `yield from` in its own body becomes `await`. On 3.11 and later the code
 * then runs; no Python needs downgrading. A `yield from` left in an `async def` (CPython's
 * "'yield from' inside async function", the half-done port) becomes `await` the same way, and so does
 * the one line such a SyntaxError quotes when no code block is pasted.
 */
import { words, type Phrase } from '../../evidence/types.js';
import type { FunctionInfo, SnippetModel } from '../../evidence/python/snippet/index.js';
import type { Fixer, FixInput, FixOutput } from '../types.js';
import { applyEdits, finish, modelOf, orig, type Edit } from './edit.js';

// CPython's AttributeError once the decorator is gone (3.11+), and its compiler's error for a
// `yield from` in an `async def` (Python/compile.c, YieldFrom_kind in an async function scope).
const DECORATOR_REMOVED = /^module 'asyncio' has no attribute 'coroutine'/;
const YIELD_FROM_IN_ASYNC = /^'yield from' inside async function/;

const GENERATOR_DECORATORS = new Set(['asyncio.coroutine', 'coroutine']);
/** `yield from` as a keyword pair (the expression after it is what is awaited). */
const YIELD_FROM = /\byield\s+from\b/g;

function reportsGeneratorCoroutine(input: FixInput): boolean {
  return input.evidence.errors.some((e) => DECORATOR_REMOVED.test(e.message) || (e.type.endsWith('SyntaxError') && YIELD_FROM_IN_ASYNC.test(e.message)));
}

/** Edits that turn each `yield from` of a function's own body into `await`; null when a nested def has one (a plain generator's, not the coroutine's). */
function awaitEditsIn(m: SnippetModel, code: string, fn: FunctionInfo, others: readonly FunctionInfo[]): Edit[] | null {
  const start = orig(m, code, fn.node.start);
  const end = orig(m, code, fn.node.end);
  if (start < 0 || end < 0) return null;
  const nested = others.filter((o) => o !== fn && o.node.start > fn.node.start && o.node.end <= fn.node.end);
  const edits: Edit[] = [];
  for (const hit of code.slice(start, end).matchAll(YIELD_FROM)) {
    const at = start + hit.index!;
    if (nested.some((o) => at >= orig(m, code, o.node.start) && at < orig(m, code, o.node.end))) return null;
    edits.push({ start: at, end: at + hit[0].length, text: 'await' });
  }
  return edits;
}

/** The line of a decorator, with its newline, when it stands alone on its line. */
function decoratorLine(m: SnippetModel, code: string, fn: FunctionInfo): Edit | null {
  const holder = fn.node.parent;
  if (holder?.type !== 'decorated_definition') return null;
  const deco = holder.children.find((c) => c.type === 'decorator' && GENERATOR_DECORATORS.has(m.text(c).slice(1).trim()));
  if (!deco) return null;
  const s = orig(m, code, deco.start);
  const e = orig(m, code, deco.end);
  const lineStart = code.lastIndexOf('\n', s - 1) + 1;
  const nl = code.indexOf('\n', e);
  if (code.slice(lineStart, s).trim() !== '' || nl < 0 || code.slice(e, nl).trim() !== '') return null;
  return { start: lineStart, end: nl + 1, text: '' };
}

/** The one line a SyntaxError quotes (`yield from waiter`, `data = yield from reader.read()`): `await` in place of `yield from`. */
function quotedLine(input: FixInput): FixOutput | null {
  if (!input.evidence.errors.some((e) => e.type.endsWith('SyntaxError') && YIELD_FROM_IN_ASYNC.test(e.message))) return null;
  const line = input.code;
  if (!/^\s*(?:(?:return|[A-Za-z_][\w.]*\s*=)\s*)?\(?\s*yield\s+from\s+\S/.test(line) || [...line.matchAll(YIELD_FROM)].length !== 1) return null;
  return finish(input, line.replace(YIELD_FROM, 'await'), [words('fix.py.yield-from-to-await')]);
}

export const nativeCoroutine: Fixer = (input) => {
  if (!reportsGeneratorCoroutine(input)) return null;
  if (input.excerpt) return quotedLine(input);
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const fns = [...m.functions.values()].flat();
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const fn of fns) {
    const generatorCoroutine = !fn.isAsync && fn.decorators.some((d) => GENERATOR_DECORATORS.has(d));
    if (!generatorCoroutine && !fn.isAsync) continue;
    const awaits = awaitEditsIn(m, code, fn, fns);
    if (awaits === null) return null;
    if (!generatorCoroutine) {
      // An `async def` still holding a `yield from`: the port was half done.
      if (awaits.length === 0) continue;
      edits.push(...awaits);
      notes.push(words('fix.py.yield-from-to-await-in', { name: fn.name }));
      continue;
    }
    const deco = decoratorLine(m, code, fn);
    const defAt = orig(m, code, fn.defOffset);
    if (deco === null || defAt < 0) return null;
    edits.push(deco, { start: defAt, end: defAt, text: 'async ' }, ...awaits);
    notes.push(words('fix.py.native-coroutine', { name: fn.name }));
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};
