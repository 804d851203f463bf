import type { SnippetModel } from '../../evidence/python/snippet/index.js';
import { child, namedChildren } from '../../evidence/python/snippet/model.js';
import type { Fixer, FixInput, FixOutput } from '../types.js';
import { applyEdits, asyncKeywordFixer, finish, modelOf, orig, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

const forToAsyncFor = asyncKeywordFixer('py.sync-iteration-of-async', 'forStart', 'for');

// Python's AttributeError on an async generator (`await reaction.users().flatten()`: discord.py 2.0
// removed `AsyncIterator.flatten()`, its iterators are async generators now).
const NO_FLATTEN = /^'async_generator' object has no attribute 'flatten'/;

/** A name for one item of `reaction.users()` / `guild.fetch_members()`: the plural's singular, else `item`. */
function itemName(m: SnippetModel, source: string): string {
  const last = /(\w+)\($/.exec(source.replace(/\(.*$/s, '('))?.[1] ?? '';
  const bare = last.replace(/^fetch_/, '');
  const single = /^[a-z]\w*[^s]s$/.test(bare) ? bare.slice(0, -1) : 'item';
  return m.identifiers.some((id) => m.text(id) === single) ? 'item' : single;
}

/** `await it.flatten()` on an async generator → `[x async for x in it]`, the list it was meant to build. */
function flattenToComprehension(input: FixInput): FixOutput | null {
  if (!input.evidence.errors.some((e) => NO_FLATTEN.test(e.message))) return null;
  const m = modelOf(input);
  if (!m) return null;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const aw of m.awaits) {
    const call = namedChildren(aw)[0];
    const fn = call?.type === 'call' ? child(call, 'function') : null;
    if (!call || !fn || fn.type !== 'attribute' || m.text(child(fn, 'attribute')!) !== 'flatten') continue;
    if (namedChildren(child(call, 'arguments')!).length !== 0) continue;
    const source = child(fn, 'object')!;
    const it = m.text(source);
    const x = itemName(m, it);
    edits.push({ start: orig(m, input.code, aw.start), end: orig(m, input.code, aw.end), text: `[${x} async for ${x} in ${it}]` });
    notes.push(words('fix.py.async-comprehension', { it, x }));
  }
  return finish(input, edits.length ? applyEdits(input.code, edits) : null, notes);
}

// Python's TypeError for `for x in it` on an async iterable: an async generator, or a library's
// async iterator class (its name says so). A coroutine ('coroutine' object is not iterable) wants
// `await`, not `async for`.
const NOT_ITERABLE_ASYNC = /^'(async_generator|\w*Async\w*)' object is not iterable$/;

/**
 * No block to read, one quoted line: `for x in it:` becomes `async for x in it:` when the error is
 * the one a plain `for` over an async iterable raises. The note says the function around it must
 * be an `async def` (`async for` compiles nowhere else).
 */
function asyncForQuotedLine(input: FixInput): FixOutput | null {
  const line = input.code.trim();
  if (!/^for\s[^:]*\sin\s.+:$/.test(line)) return null;
  if (!input.evidence.errors.some((e) => NOT_ITERABLE_ASYNC.test(e.message.trim()))) return null;
  return finish(input, input.code.replace(/^(\s*)for\b/, '$1async for'), [words('fix.py.async-for-enclosing')]);
}

/** py.use-async-for: a plain `for` over an async iterable becomes `async for`; `await it.flatten()` becomes an async comprehension. */
export const useAsyncFor: Fixer = (input) => (input.excerpt ? asyncForQuotedLine(input) : (forToAsyncFor(input) ?? flattenToComprehension(input)));
