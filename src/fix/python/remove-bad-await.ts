import type { SnippetModel } from '../../evidence/python/snippet/index.js';
import { child, namedChildren } from '../../evidence/python/snippet/model.js';
import type { Fixer, FixInput, FixOutput } from '../types.js';
import { applyEdits, finish, modelOf, offsetOf, findingsOf, d, callAt, makeAsyncEdits, orig, type Edit, finishWithImport } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';
import { awaitedLock } from './use-async-with.js';

// CPython's TypeError for `await x` on a non-awaitable: "object X can't be used in 'await' expression"
// (before 3.14) and "'X' object can't be awaited" (3.14).
const NOT_AWAITABLE = /^object (\w+) can't be used in 'await' expression|^'(\w+)' object can't be awaited/;

/** `SyncToAsync` → `sync_to_async`: the factory named after the class it returns. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * `await sync_to_async(get_stuff)` where the error names the object awaited (`SyncToAsync`) and the
 * callee is the factory named after it: the factory wraps a function and returns a callable, which
 * must be called to get something awaitable. Only when the wrapped function is the snippet's own
 * def (or a lambda) taking no arguments, so the call we add is complete.
 */
function callWrapper(input: FixInput, m: SnippetModel): FixOutput | null {
  const types = input.evidence.errors.map((e) => NOT_AWAITABLE.exec(e.message)).filter((x) => x !== null).map((x) => x[1] ?? x[2]!);
  if (types.length === 0) return null;
  const factories = new Set(types.map(snakeCase));
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const aw of m.awaits) {
    const call = namedChildren(aw)[0];
    const fn = call?.type === 'call' ? child(call, 'function') : null;
    const name = fn ? m.text(fn).split('.').at(-1)! : '';
    if (!call || !fn || !factories.has(name)) continue;
    const args = namedChildren(child(call, 'arguments')!);
    if (args.length !== 1) continue;
    const wrapped = args[0]!;
    const zeroArgs =
      (wrapped.type === 'identifier' && (m.functions.get(m.text(wrapped)) ?? []).some((f) => f.requiredParams === 0 && !f.className)) ||
      (wrapped.type === 'lambda' && !child(wrapped, 'parameters'));
    if (!zeroArgs) continue;
    const end = orig(m, input.code, call.end);
    edits.push({ start: end, end, text: '()' });
    notes.push(words('fix.py.called-wrapper', { call: m.text(call), name, wrapped: m.text(wrapped) }));
  }
  return finish(input, edits.length ? applyEdits(input.code, edits) : null, notes);
}

/** py.remove-bad-await: fix an `await` on something that is not awaitable. */
/**
 * No code block, only the line a traceback quotes: `x = await cm(…)` where the error names an
 * async context manager object (`_AsyncGeneratorContextManager`, aiohttp's
 * `_SessionRequestContextManager`) that was awaited instead of entered. The line becomes
 * `async with cm(…) as x:`; the note says the lines that use `x` go indented under it.
 */
function asyncWithQuotedAwait(input: FixInput): FixOutput | null {
  const types = input.evidence.errors.map((e) => NOT_AWAITABLE.exec(e.message)).filter((x) => x !== null).map((x) => x[1] ?? x[2]!);
  if (!types.some((t) => /ContextManager$/.test(t))) return null;
  const line = /^(\s*)(?:([A-Za-z_]\w*)\s*=\s*)?await\s+([A-Za-z_][\w.]*\(.*\))\s*$/.exec(input.code);
  if (!line) return null;
  const [, indent, name, call] = line;
  const m = modelOf({ ...input, code: call! });
  // The awaited expression must be one whole call (`stdio_client(params)`, not `a(1) + b(2)`).
  if (!m || m.calls.filter((c) => m.text(c) === call).length !== 1) return null;
  const fixed = `${indent}async with ${call}${name ? ` as ${name}` : ''}:`;
  return { code: fixed, note: words('fix.py.await-to-async-with', { call: call!.replace(/\(.*$/, ''), name: name ?? '' }) };
}

export const removeBadAwait: Fixer = (input) => {
  // `with (await lock):`, refused since 3.9 with this rule's own TypeError: `async with lock:` is the fix, not dropping the await.
  const lock = awaitedLock(input);
  if (lock) return lock;
  if (input.excerpt) return asyncWithQuotedAwait(input);
  const m = modelOf(input);
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  let needsImport = false;
  for (const f of findingsOf(input, 'py.await-non-awaitable')) {
    const awaitStart = offsetOf(code, d(f, 'awaitStart'));
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const calleeEnd = offsetOf(code, d(f, 'calleeEnd'));
    if (awaitStart < 0 || start < 0) continue;
    const q = d(f, 'qname');
    const callee = d(f, 'callee');
    if (q === 'time.sleep') {
      edits.push({ start, end: calleeEnd, text: 'asyncio.sleep' });
      needsImport = true;
      notes.push(words('fix.py.asyncio-sleep', { callee }));
    } else if (d(f, 'targetDef')) {
      if (d(f, 'fnAwaits') === 'true' && m) {
        const fn = [...(m.functions.get(callee) ?? [])].find((x) => m.at(x.defOffset) === d(f, 'targetDef'));
        if (!fn) continue;
        const call = callAt(m, f);
        const r = makeAsyncEdits(m, code, fn, new Set(call ? [call] : []));
        if (!r) continue;
        edits.push(...r.edits);
        needsImport ||= r.needsImport;
        notes.push(words('fix.py.made-async-def-awaits', { name: callee }));
      } else {
        edits.push({ start: awaitStart, end: start, text: '' });
        notes.push(words('fix.py.removed-await-plain', { callee }));
      }
    } else if (['print', 'len', 'open', 'str', 'int', 'json.dumps', 'json.loads'].includes(q)) {
      edits.push({ start: awaitStart, end: start, text: '' });
      notes.push(words('fix.py.removed-await', { callee }));
    } else {
      const argsStart = offsetOf(code, d(f, 'argsStart'));
      const argsEnd = offsetOf(code, d(f, 'argsEnd'));
      if (argsStart < 0 || end < 0) continue;
      const args = code.slice(argsStart, argsEnd).trim().replace(/,\s*$/, '');
      edits.push({ start, end, text: `asyncio.to_thread(${callee}${args ? ', ' + args : ''})` });
      needsImport = true;
      notes.push(words('fix.py.to-thread', { callee }));
    }
  }
  if (edits.length === 0) return m && findingsOf(input, 'py.await-non-awaitable').length === 0 ? callWrapper(input, m) : null;
  return needsImport ? finishWithImport(input, edits, notes) : finish(input, applyEdits(code, edits), notes);
};
