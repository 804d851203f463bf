/**
 * The coroutines handed to `asyncio.wait()` become tasks. Until Python 3.10 `asyncio.wait()`
 * wrapped bare coroutines in tasks itself (warning from 3.8 on); from 3.11 it refuses them
 * ("Passing coroutines is forbidden, use tasks explicitly", Lib/asyncio/tasks.py), so code written
 * for an older Python wraps each one with `asyncio.create_task()`: the comprehension's element
 * (`[asyncio.create_task(w.wait_closed()) for w in writers]`), each item of a literal list or set,
 * or, for a name holding the coroutines, a comprehension over it. Only on that error or warning:
 * a call of `asyncio.wait()` alone says nothing about what its argument holds.
 */
import { words } from '../../evidence/types.js';
import { child, namedChildren } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer } from '../types.js';
import { applyEdits, finish, modelOf, orig, type Edit } from './edit.js';

const REFUSED = /^Passing coroutines is forbidden, use tasks explicitly/;
const DEPRECATED = /^The explicit passing of coroutine objects to asyncio\.wait\(\) is deprecated/;

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'generator_expression']);
const LITERALS = new Set(['list', 'set', 'tuple']);

/** Edits wrapping what `node` (the first argument of asyncio.wait) holds in tasks, or null for a shape it cannot see into. */
function wrapEdits(text: (n: PyNode) => string, at: (offset: number) => number, node: PyNode): Edit[] | null {
  const wrap = (n: PyNode): Edit[] | null => {
    const s = at(n.start);
    const e = at(n.end);
    if (s < 0 || e < 0) return null;
    if (/^(?:asyncio\.)?(?:create_task|ensure_future)\(/.test(text(n))) return []; // already a task
    return [{ start: s, end: s, text: 'asyncio.create_task(' }, { start: e, end: e, text: ')' }];
  };
  if (COMPREHENSIONS.has(node.type)) {
    const body = child(node, 'body');
    return body ? wrap(body) : null;
  }
  if (LITERALS.has(node.type)) {
    const items = namedChildren(node);
    if (items.length === 0 || items.some((i) => i.type !== 'call' && i.type !== 'identifier' && i.type !== 'attribute')) return null;
    const edits: Edit[] = [];
    for (const item of items) {
      const one = wrap(item);
      if (one === null) return null;
      edits.push(...one);
    }
    return edits;
  }
  if (node.type === 'identifier') {
    const s = at(node.start);
    const e = at(node.end);
    if (s < 0 || e < 0) return null;
    const name = text(node);
    const item = name === 'c' ? 'coro' : 'c';
    return [{ start: s, end: e, text: `[asyncio.create_task(${item}) for ${item} in ${name}]` }];
  }
  return null;
}

export const waitWithTasks: Fixer = (input) => {
  const refused = input.evidence.errors.some((e) => REFUSED.test(e.message)) || input.evidence.warnings.some((w) => DEPRECATED.test(w.message));
  if (!refused) return null;
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  for (const call of m.calls) {
    const fn = child(call, 'function');
    if (!fn || m.text(fn) !== 'asyncio.wait') continue;
    const args = child(call, 'arguments');
    const first = args ? namedChildren(args)[0] : undefined;
    if (!first || first.type === 'keyword_argument') continue;
    const more = wrapEdits((n) => m.text(n), (o) => orig(m, code, o), first);
    if (more) edits.push(...more);
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, [words('fix.py.wait-with-tasks')]);
};
