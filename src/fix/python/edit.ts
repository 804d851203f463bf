/**
 * Small text edits on the user's own code: positions come from findings as
 * `line:col` in the original text, so indentation, comments and everything
 * the fix does not touch stay exactly as the user wrote them.
 */
import type { SnippetFinding } from '../../evidence/types.js';
import { buildPythonModel, pythonParseErrors, type FunctionInfo, type SnippetModel } from '../../evidence/python/snippet/index.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer, FixInput, FixOutput } from '../types.js';
import { words, type Phrase } from '../../evidence/types.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Offset in `code` of a `line:col` position (1-based line, 0-based column), or -1. */
/** The minor version of a Python 3 version string the paste shows ("3.8.10" → 8), or null when it shows none. */
export function pythonMinor(version: string | null): number | null {
  const m = version ? /^3\.(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : null;
}

export function offsetOf(code: string, pos: string | undefined): number {
  if (!pos) return -1;
  const m = /^(\d+):(\d+)$/.exec(pos);
  if (!m) return -1;
  let line = Number(m[1]);
  let offset = 0;
  while (line > 1) {
    const nl = code.indexOf('\n', offset);
    if (nl < 0) return -1;
    offset = nl + 1;
    line--;
  }
  return offset + Number(m[2]);
}

export function lineStartOf(code: string, offset: number): number {
  return code.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEndOf(code: string, offset: number): number {
  const nl = code.indexOf('\n', offset);
  return nl < 0 ? code.length : nl;
}

export function indentAt(code: string, offset: number): string {
  const start = lineStartOf(code, offset);
  return /^[ \t]*/.exec(code.slice(start))?.[0] ?? '';
}

/** The indentation step the snippet uses (its first indented line), four spaces by default. */
export function indentUnit(code: string): string {
  const m = /\n([ \t]+)\S/.exec(code);
  return m?.[1] ?? '    ';
}

/** Applies edits from the end backwards; identical edits count once, overlapping ones make the fix unsafe. */
export function applyEdits(code: string, edits: Edit[]): string | null {
  const unique = new Map<string, Edit>();
  for (const e of edits) unique.set(`${e.start}:${e.end}:${e.text}`, e);
  const sorted = [...unique.values()].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = code;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.start < 0 || e.end < e.start || e.end > code.length) return null;
    if (e.end > limit) return null;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

const IMPORTS_ASYNCIO = /^[ \t]*import[ \t]+([\w.]+[ \t]*,[ \t]*)*asyncio[ \t]*(,|#|$)/m;

/** An edit adding `import asyncio` next to the snippet's other imports, or null when it is already there. */
export function importAsyncio(code: string): Edit | null {
  return IMPORTS_ASYNCIO.test(code) ? null : importLine(code, 'import asyncio');
}

/**
 * An edit adding an import line before the snippet's first import (after a
 * `from __future__` line), or at the top; null for a fragment pasted from
 * inside a function, where a top-level line would not fit.
 */
export function importLine(code: string, line: string): Edit | null {
  const lines = code.split('\n');
  let offset = 0;
  let insertAt = -1;
  let firstCode = -1;
  for (const l of lines) {
    if (/^(import|from)\s/.test(l) && !/^from\s+__future__/.test(l)) {
      insertAt = offset;
      break;
    }
    if (firstCode < 0 && l.trim() !== '' && !/^\s*(#|```)/.test(l) && !/^from\s+__future__/.test(l)) firstCode = offset;
    offset += l.length + 1;
  }
  if (insertAt >= 0) return { start: insertAt, end: insertAt, text: `${line}\n` };
  if (firstCode >= 0 && /^[ \t]/.test(code.slice(firstCode))) return null;
  insertAt = firstCode >= 0 ? firstCode : 0;
  return { start: insertAt, end: insertAt, text: `${line}\n\n` };
}

/** Re-parses the fixed code and accepts it only if it has no more parse errors than the input. */
export function finish(input: FixInput, code: string | null, notes: Phrase[]): FixOutput | null {
  if (code === null || code === input.code || notes.length === 0) return null;
  const before = pythonParseErrors(input.code);
  const after = pythonParseErrors(code);
  if (before !== null && after !== null && after > before) return null;
  // The same clause twice (`await` added before two calls of one function) is said once.
  const unique = [...new Map(notes.map((n) => [JSON.stringify(n), n])).values()];
  const note = words('fix.clauses', { parts: unique.slice(0, 2), ...(unique.length > 2 ? { more: unique.length - 2 } : {}) });
  return { code, note };
}

/**
 * The scope model of the block, read with the hints its findings were made with (a notebook's top
 * level runs on a loop; a refused top-level `await` makes lines a script), or null when the
 * grammar is not loaded.
 */
export function modelOf(input: FixInput): SnippetModel | null {
  try {
    return buildPythonModel(input.code, input.evidence.hints).model;
  } catch {
    return null;
  }
}

export const ON_LOOP = new Set(['async', 'notebook', 'unknown-async']);

export function findingsOf(input: FixInput, ...detectors: string[]): SnippetFinding[] {
  return input.findings.filter((f) => detectors.includes(f.detector) && f.data);
}

export function d(f: SnippetFinding, key: string): string {
  return f.data?.[key] ?? '';
}

/** Offset in the original code of a node of the model. */
export function orig(m: SnippetModel, code: string, offset: number): number {
  return offsetOf(code, m.at(offset));
}

export function withImport(code: string, edits: Edit[]): Edit[] {
  const imp = importAsyncio(code);
  return imp ? [...edits, imp] : edits;
}

/**
 * `finish` for a fix that uses `asyncio`: with `import asyncio` added at the top, or, when that
 * line does not fit the paste (a diff hunk, an excerpt the parser reads only as such), without it
 * and with the note saying to add it.
 */
export function finishWithImport(input: FixInput, edits: Edit[], notes: Phrase[]): FixOutput | null {
  const withIt = finish(input, applyEdits(input.code, withImport(input.code, edits)), notes);
  if (withIt !== null || importAsyncio(input.code) === null) return withIt;
  return finish(input, applyEdits(input.code, edits), [...notes, words('fix.py.add-import-asyncio')]);
}

export function awaitEdits(start: number, end: number, wrap: boolean): Edit[] {
  return wrap
    ? [
        { start, end: start, text: '(await ' },
        { start: end, end, text: ')' },
      ]
    : [{ start, end: start, text: 'await ' }];
}

/**
 * The `await` that awaits the wrong thing: `await self.measurement()["consumption"]` awaits the
 * subscript (await binds looser than `[…]`, `.attr` and `(…)`), so the coroutine the call made is
 * indexed first. Walking up from the call through the postfix chain it starts (a subscript's
 * value, an attribute's object, a call's function), the `await` whose operand is that chain. A
 * chain that ends in a call (`await page_of().goto(url)`) may well await a second coroutine, the
 * method's: that `await` stays, and the call gets its own.
 */
export function misplacedAwait(call: PyNode): PyNode | null {
  let n: PyNode = call;
  let chained = false;
  for (;;) {
    const p = n.parent;
    if (!p) return null;
    if (p.type === 'await') return chained && n.type !== 'call' ? p : null;
    const postfix = (p.type === 'subscript' && n.field === 'value') || (p.type === 'attribute' && n.field === 'object') || (p.type === 'call' && n.field === 'function');
    if (!postfix) return null;
    chained = true;
    n = p;
  }
}

/**
 * Edits awaiting `call` where its value is read (`(await f())["key"]`, `(await f()).attr`); when an
 * `await` already sits in front of the whole chain, awaiting the read instead of the call, that
 * `await` moves onto the call rather than a second one being added.
 */
export function awaitReadEdits(m: SnippetModel, code: string, call: PyNode): Edit[] {
  const start = orig(m, code, call.start);
  const end = orig(m, code, call.end);
  const outer = misplacedAwait(call);
  if (!outer) return awaitEdits(start, end, true);
  const awaitAt = orig(m, code, outer.start);
  const keyword = /^await[ \t]+/.exec(code.slice(awaitAt));
  if (!keyword) return awaitEdits(start, end, true);
  return [{ start: awaitAt, end: awaitAt + keyword[0].length, text: '' }, ...awaitEdits(start, end, true)];
}

export function callAt(m: SnippetModel, f: SnippetFinding): PyNode | null {
  const s = m.offsetAt(d(f, 'start'));
  const e = m.offsetAt(d(f, 'end'));
  return s < 0 ? null : m.nodeAt(s, 'call', e);
}

/**
 * Edits that turn a plain def into `async def` and await it at its call
 * sites; null when some caller could not await it (sync code, or the
 * function is handed on as a value).
 */
/** What takes a coroutine object and runs it (asyncio's and a loop's own, by their last name). */
const COROUTINE_RUNNER = /(^|\.)(create_task|ensure_future|run_coroutine_threadsafe|gather|wait_for|shield|run_until_complete)$|^asyncio\.run$/;

export function makeAsyncEdits(m: SnippetModel, code: string, fn: FunctionInfo, handled: Set<PyNode>): { edits: Edit[]; needsImport: boolean } | null {
  if (fn.name.startsWith('__') || fn.isAsync) return null;
  const defAt = orig(m, code, fn.defOffset);
  // A parse that recovered from an error elsewhere can lose the `async` of an `async def`: the text decides.
  if (defAt < 0 || /\basync[ \t]+$/.test(code.slice(lineStartOf(code, defAt), defAt))) return null;
  const edits: Edit[] = [{ start: defAt, end: defAt, text: 'async ' }];
  let needsImport = false;
  for (const id of m.identifiers) {
    if (m.text(id) !== fn.name) continue;
    if (id.parent === fn.node && id.field === 'name') continue;
    let ref: PyNode = id;
    if (fn.className) {
      if (id.parent?.type !== 'attribute' || id.field !== 'attribute') continue;
      ref = id.parent;
    } else if (id.parent?.type === 'attribute' && id.field === 'attribute') continue;
    const call = ref.parent;
    if (!call || call.type !== 'call' || ref.field !== 'function') {
      // Decorator references and `def` names aside, handing the function on as a value is not safe to change.
      if (ref.parent?.type === 'keyword_argument' || ref.parent?.type === 'argument_list' || ref.parent?.type === 'assignment') return null;
      continue;
    }
    if (handled.has(call)) continue;
    const u = m.usage(call);
    if (u.kind === 'awaited') continue;
    // Handed to what runs a coroutine (`loop.create_task(handler(event))`): the call already expects one.
    if (u.kind === 'passed' && COROUTINE_RUNNER.test(u.to ?? '')) continue;
    const scope = m.scopeOf(call);
    const wrap = (u.kind === 'value' && (u.how === 'attribute' || u.how === 'index'));
    if (ON_LOOP.has(scope.kind)) {
      edits.push(...awaitEdits(orig(m, code, call.start), orig(m, code, call.end), wrap));
    } else if (scope.kind === 'module' && (u.kind === 'bare' || u.kind === 'stored')) {
      edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.start), text: 'asyncio.run(' });
      edits.push({ start: orig(m, code, call.end), end: orig(m, code, call.end), text: ')' });
      needsImport = true;
    } else if (scope.fn && scope.fn !== fn && !scope.fn.isAsync) {
      return null; // would need a chain of functions made async: leave it to the person
    } else {
      return null;
    }
  }
  return { edits, needsImport };
}

/**
 * A few lines with no import, no def or class and nothing that starts a loop: not a script but
 * lines cut from an async function (`with aiohttp.ClientSession() as session: ...`), where the
 * keyword goes in place. A script's own top level cannot hold `async with`, and is left alone.
 */
export function fragmentOfAsyncCode(code: string): boolean {
  return !/^[ \t]*(import|from|def|async[ \t]+def|class)\b|\b(asyncio\.run|run_until_complete|run_forever|__main__)\b/m.test(code);
}

export function asyncKeywordFixer(detector: string, posKey: string, keyword: string): Fixer {
  return (input) => {
    const code = input.code;
    const m = modelOf(input);
    const edits: Edit[] = [];
    const notes: Phrase[] = [];
    const done = new Set<FunctionInfo>();
    for (const f of findingsOf(input, detector)) {
      if (detector === 'py.sync-with-async-cm' && d(f, 'allItemsAsync') !== 'true') continue;
      const at = offsetOf(code, d(f, posKey));
      if (at < 0) continue;
      const ctx = d(f, 'context');
      if (ctx === 'sync' && m) {
        const fn = [...m.byNode.values()].find((x) => m.at(x.defOffset) === d(f, 'fnDef'));
        if (!fn) continue;
        if (!done.has(fn)) {
          const r = makeAsyncEdits(m, code, fn, new Set());
          if (!r || r.needsImport) continue;
          done.add(fn);
          edits.push(...r.edits);
          notes.push(words('fix.py.made-async-def', { name: fn.name }));
        }
      } else if (!ON_LOOP.has(ctx) && !(ctx === 'module' && fragmentOfAsyncCode(code))) continue;
      edits.push({ start: at, end: at, text: 'async ' });
      notes.push(words('fix.py.async-keyword', { keyword }));
    }
    return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
  };
}
