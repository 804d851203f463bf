/**
 * `async with` on a plain context manager (`open()`, `threading.Lock()`, a
 * `@contextmanager` def) becomes `with`: the object has `__enter__`/`__exit__`
 * only, so `async with` raises "does not support the asynchronous context
 * manager protocol". The detector's other cases are left to the rule's
 * example: a coroutine returning an async context manager needs an `await`
 * (or the library's own context manager), an async generator a decorator.
 */
import { child, namedChildren, type SnippetModel } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer } from '../types.js';
import { applyEdits, d, findingsOf, finish, modelOf, offsetOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** The item's expression without its `as` target. */
export function itemExpression(item: PyNode): PyNode | null {
  const value = child(item, 'value');
  if (!value) return null;
  return value.type === 'as_pattern' ? (value.children.find((c) => c.named && c.type !== 'as_pattern_target') ?? null) : value;
}

/** Names the `as` clause binds (`as f`, `as (a, b)`). */
function boundNames(m: SnippetModel, item: PyNode): Set<string> {
  const names = new Set<string>();
  const value = child(item, 'value');
  const target = value?.type === 'as_pattern' ? value.children.find((c) => c.type === 'as_pattern_target') : undefined;
  if (!target) return names;
  const stack = [target];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier') names.add(m.text(n));
    stack.push(...n.children);
  }
  return names;
}

/** An `await` in the block on the bound object (`await f.read()`): the code expects an async file, and `with` alone would not run either. */
function awaitsBound(m: SnippetModel, statement: PyNode, names: Set<string>): boolean {
  if (names.size === 0) return false;
  return m.awaits.some((aw) => aw.start >= statement.start && aw.end <= statement.end && m.identifiers.some((id) => id.start >= aw.start && id.end <= aw.end && names.has(m.text(id))));
}

export const usePlainWith: Fixer = (input) => {
  const code = input.code;
  const m = modelOf(input);
  if (!m) return null;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.async-with-sync-cm')) {
    const statement = m.nodeAt(m.offsetAt(d(f, 'start')), 'with_statement');
    const clause = statement?.children.find((c) => c.type === 'with_clause');
    if (!statement || !clause) continue;
    // Several items: the others may be async context managers, which a plain `with` would break.
    const items = namedChildren(clause).filter((c) => c.type === 'with_item');
    if (items.length !== 1) continue;
    const item = items[0]!;
    const expr = itemExpression(item);
    if (!expr || m.at(expr.start) !== d(f, 'itemStart')) continue;
    // A coroutine or an async generator is not a plain context manager: `with` would fail on it too.
    if (expr.type === 'call' && ['coroutine', 'asyncgen', 'asynccm'].includes(m.classify(expr).kind)) continue;
    if (awaitsBound(m, statement, boundNames(m, item))) continue;
    const at = offsetOf(code, d(f, 'asyncStart'));
    const keyword = at < 0 ? null : /^async[ \t]+(?=with\b)/.exec(code.slice(at, at + 40));
    if (!keyword) continue;
    edits.push({ start: at, end: at + keyword[0].length, text: '' });
    notes.push(words('fix.py.plain-with', { expr: m.text(expr) }));
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};
