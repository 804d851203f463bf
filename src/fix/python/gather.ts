/**
 * py.gather: a `for` loop whose awaits are independent runs its items
 * together with `asyncio.gather`, keeping the results in order:
 * - `for x in xs: out.append(await f(x))` (or `v = await f(x)` then
 *   `out.append(v)`) → `out.extend(await asyncio.gather(*(f(x) for x in xs)))`;
 * - a body that writes nothing the rest of the function reads becomes a
 *   nested `async def`, gathered over the items (`continue` → `return`);
 * - a body that starts with `v = await f(x)` and then adds results up keeps
 *   its loop and its order: only the calls run together,
 *   `for x, v in zip(xs, await asyncio.gather(*(f(x) for x in xs))):`.
 * - consecutive `a = await f(u1)`, `b = await f(u2)` of one callee become
 *   `a, b = await asyncio.gather(f(u1), f(u2))`.
 * Anything else is left to the person (the rule's example is shown).
 */
import { independentAwaits, sequenceAt, type LoopShape } from '../../evidence/python/snippet/detectors/sequential-awaits.js';
import { child, namedChildren, type SnippetModel } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer } from '../types.js';
import { d, findingsOf, indentAt, lineEndOf, lineStartOf, modelOf, orig, type Edit, finishWithImport } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

function statements(body: PyNode): PyNode[] {
  return namedChildren(body);
}

function countAwaits(n: PyNode): number {
  let count = n.type === 'await' && n.named ? 1 : 0;
  for (const c of n.children) if (c.type !== 'function_definition' && c.type !== 'lambda' && c.type !== 'class_definition') count += countAwaits(c);
  return count;
}

/** Every identifier the expression reads is a loop name or comes from outside the loop body. */
function onlyUses(m: SnippetModel, expr: PyNode, allowed: Set<string>, boundInBody: Set<string>): boolean {
  let ok = true;
  const visit = (n: PyNode): void => {
    if (!ok) return;
    if (n.type === 'identifier' && n.field !== 'attribute' && n.field !== 'name' && boundInBody.has(m.text(n)) && !allowed.has(m.text(n))) ok = false;
    for (const c of n.children) visit(c);
  };
  visit(expr);
  return ok;
}

function boundNames(m: SnippetModel, body: PyNode): Set<string> {
  const names = new Set<string>();
  const visit = (n: PyNode): void => {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return;
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const left = child(n, 'left');
      if (left) for (const id of identifiersIn(left)) names.add(m.text(id));
    }
    if (n.type === 'as_pattern_target' || (n.type === 'named_expression' && child(n, 'name'))) {
      for (const id of identifiersIn(n.type === 'named_expression' ? child(n, 'name')! : n)) names.add(m.text(id));
    }
    for (const c of n.children) visit(c);
  };
  visit(body);
  return names;
}

function identifiersIn(n: PyNode): PyNode[] {
  if (n.type === 'identifier') return [n];
  if (n.type === 'attribute' || n.type === 'subscript') return [];
  return n.children.flatMap(identifiersIn);
}

/** `out.append(await E)` or `v = await E` + `out.append(v)`: [out, E]. */
function collectShape(m: SnippetModel, shape: LoopShape, bound: Set<string>): { target: string; awaited: PyNode } | null {
  const stmts = statements(shape.body);
  const appendOf = (s: PyNode | undefined): PyNode | null => {
    const call = s?.type === 'expression_statement' ? namedChildren(s)[0] : undefined;
    if (call?.type !== 'call') return null;
    const f = child(call, 'function');
    const args = namedChildren(child(call, 'arguments') ?? call);
    if (f?.type !== 'attribute' || m.text(child(f, 'attribute')!) !== 'append' || args.length !== 1) return null;
    if (child(f, 'object')!.type !== 'identifier') return null;
    return call;
  };
  const targetOf = (call: PyNode) => m.text(child(child(call, 'function')!, 'object')!);
  const names = new Set(shape.names);
  if (stmts.length === 1) {
    const call = appendOf(stmts[0]);
    const arg = call ? namedChildren(child(call, 'arguments')!)[0] : undefined;
    if (!call || arg?.type !== 'await') return null;
    const awaited = namedChildren(arg)[0]!;
    return countAwaits(awaited) === 0 && onlyUses(m, awaited, names, bound) ? { target: targetOf(call), awaited } : null;
  }
  if (stmts.length === 2) {
    const assign = stmts[0]?.type === 'expression_statement' ? namedChildren(stmts[0])[0] : undefined;
    const call = appendOf(stmts[1]);
    if (assign?.type !== 'assignment' || !call) return null;
    const left = child(assign, 'left');
    const right = child(assign, 'right');
    const arg = namedChildren(child(call, 'arguments')!)[0];
    if (left?.type !== 'identifier' || right?.type !== 'await' || arg?.type !== 'identifier' || m.text(arg) !== m.text(left)) return null;
    const awaited = namedChildren(right)[0]!;
    if (countAwaits(awaited) !== 0 || !onlyUses(m, awaited, names, bound)) return null;
    // The value's name must not be read after the loop (the rewrite no longer sets it).
    if (usedOutside(m, shape.loop, m.text(left))) return null;
    return { target: targetOf(call), awaited };
  }
  return null;
}

/** `d[x] = await E` as the whole body, keyed by the one loop name: [d, E]. */
function fillShape(m: SnippetModel, shape: LoopShape, iter: PyNode, bound: Set<string>): { target: string; awaited: PyNode } | null {
  const stmts = statements(shape.body);
  const assign = stmts.length === 1 && stmts[0]!.type === 'expression_statement' ? namedChildren(stmts[0]!)[0] : undefined;
  if (assign?.type !== 'assignment' || shape.names.length !== 1 || !reiterable(m, iter)) return null;
  const left = child(assign, 'left');
  const right = child(assign, 'right');
  if (left?.type !== 'subscript' || right?.type !== 'await') return null;
  const target = child(left, 'value');
  const key = child(left, 'subscript');
  if (target?.type !== 'identifier' || key?.type !== 'identifier' || m.text(key) !== shape.names[0]) return null;
  const awaited = namedChildren(right)[0]!;
  return countAwaits(awaited) === 0 && onlyUses(m, awaited, new Set(shape.names), bound) ? { target: m.text(target), awaited } : null;
}

/** The name is mentioned in the enclosing function (or module) outside the loop. */
function usedOutside(m: SnippetModel, loop: PyNode, name: string): boolean {
  const scope = m.scopeNode(loop);
  return m.identifiers.some((id) => m.text(id) === name && (id.start < loop.start || id.start >= loop.end) && m.scopeNode(id) === scope && (!scope || (id.start >= scope.start && id.end <= scope.end)));
}

function freshName(m: SnippetModel, base: string): string {
  const taken = new Set(m.identifiers.map((id) => m.text(id)));
  for (const candidate of [`process_${base}`, `handle_${base}`, `process_one_${base}`]) if (!taken.has(candidate)) return candidate;
  return `process_${base}_item`;
}

/** Every `continue` of the loop body (there are no nested loops) as `return`; null when the body appends to a list or fills a dict (order would change). */
function bodyEdits(m: SnippetModel, code: string, body: PyNode): Edit[] | null {
  const edits: Edit[] = [];
  let ok = true;
  const visit = (n: PyNode): void => {
    if (!ok || n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return;
    if (n.type === 'continue_statement') edits.push({ start: orig(m, code, n.start), end: orig(m, code, n.end), text: 'return' });
    if (n.type === 'attribute' && /^(append|extend|insert|appendleft)$/.test(m.text(child(n, 'attribute') ?? n))) ok = false;
    // `results[key] = …` from tasks finishing in any order would reorder the dict.
    if (n.type === 'assignment' && child(n, 'left')?.type === 'subscript') ok = false;
    for (const c of n.children) visit(c);
  };
  visit(body);
  return ok ? edits : null;
}

/** An iterable that can be read twice and gives the same items: a name, an attribute, or a dict view of one. */
function reiterable(m: SnippetModel, iter: PyNode): boolean {
  if (iter.type === 'identifier' || iter.type === 'attribute') return true;
  if (iter.type !== 'call' || namedChildren(child(iter, 'arguments') ?? iter).length > 0) return false;
  const f = child(iter, 'function');
  return f?.type === 'attribute' && /^(items|keys|values)$/.test(m.text(child(f, 'attribute')!)) && /^(identifier|attribute)$/.test(child(f, 'object')!.type);
}

/** The straight-line run at `at` as one `asyncio.gather` assignment; null when a comment sits between its lines. */
function sequenceEdit(m: SnippetModel, code: string, at: number): { edit: Edit; note: Phrase } | null {
  const first = at < 0 ? null : m.nodeAt(at, 'expression_statement');
  const list = first?.parent ? namedChildren(first.parent) : [];
  const run = first ? sequenceAt(m, list, list.indexOf(first)) : [];
  if (!first || run.length === 0) return null;
  const last = run[run.length - 1]!;
  const between = first.parent!.children.filter((c) => c.start > first.start && c.end < last.end);
  if (between.some((c) => c.type === 'comment')) return null;
  const parts = run.map((s) => namedChildren(s)[0]!);
  const names = parts.map((a) => m.text(child(a, 'left')!));
  const calls = parts.map((a) => m.text(namedChildren(child(a, 'right')!)[0]!));
  const start = orig(m, code, first.start);
  const indent = indentAt(code, start);
  const oneLine = `${names.join(', ')} = await asyncio.gather(${calls.join(', ')})`;
  const text = indent.length + oneLine.length <= 100 ? oneLine : `${names.join(', ')} = await asyncio.gather(\n${calls.map((c) => `${indent}    ${c},`).join('\n')}\n${indent})`;
  const callee = m.text(child(namedChildren(child(parts[0]!, 'right')!)[0]!, 'function')!);
  return {
    edit: { start, end: orig(m, code, last.end), text },
    note: words('fix.py.gather-sequence', { count: run.length, callee, line: m.line(first) }),
  };
}

export const gather: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.sequential-awaits')) {
    if (d(f, 'shape') === 'sequence') {
      const seq = sequenceEdit(m, code, m.offsetAt(d(f, 'start')));
      if (seq) {
        edits.push(seq.edit);
        notes.push(seq.note);
      }
      continue;
    }
    const at = m.offsetAt(d(f, 'start'));
    const loop = at < 0 ? null : m.nodeAt(at, 'for_statement');
    const shape = loop ? independentAwaits(m, loop) : null;
    if (!loop || !shape) continue;
    const left = child(loop, 'left')!;
    const iter = child(loop, 'right')!;
    const targetText = m.text(left);
    const iterText = m.text(iter);
    const start = orig(m, code, loop.start);
    const end = orig(m, code, loop.end);
    const line = m.line(loop);
    const bound = boundNames(m, shape.body);
    // The loop's own names stop existing after the rewrite: they must not be read after the loop.
    if (shape.names.some((name) => usedOutside(m, loop, name))) continue;
    const collect = collectShape(m, shape, bound);
    if (collect) {
      edits.push({ start, end, text: `${collect.target}.extend(await asyncio.gather(*(${m.text(collect.awaited)} for ${targetText} in ${iterText})))` });
      notes.push(words('fix.py.gather-in-order', { line }));
      continue;
    }
    const fill = fillShape(m, shape, iter, bound);
    if (fill) {
      edits.push({ start, end, text: `${fill.target}.update(zip(${iterText}, await asyncio.gather(*(${m.text(fill.awaited)} for ${targetText} in ${iterText}))))` });
      notes.push(words('fix.py.gather-fills', { line, target: fill.target }));
      continue;
    }
    const indent = indentAt(code, start);
    const writesOuter = [...bound].some((name) => !shape.names.includes(name) && usedOutside(m, loop, name));
    const inner = writesOuter || [...bound].some((n) => shape.names.includes(n)) ? null : bodyEdits(m, code, shape.body);
    if (inner) {
      const fn = freshName(m, shape.names[0]!);
      const params = shape.names.join(', ');
      const colon = loop.children.find((c) => !c.named && c.type === ':')!;
      edits.push({ start, end: orig(m, code, colon.end), text: `async def ${fn}(${params}):` });
      edits.push(...inner);
      edits.push({ start: end, end, text: `\n${indent}await asyncio.gather(*(${fn}(${params}) for ${targetText} in ${iterText}))` });
      notes.push(words('fix.py.gather-body', { line, fn }));
      continue;
    }
    // Prefetch: `v = await E` first, the only await; the rest of the body keeps its order.
    const stmts = statements(shape.body);
    const firstStmt = stmts[0];
    const assign = firstStmt?.type === 'expression_statement' ? namedChildren(firstStmt)[0] : undefined;
    if (stmts.length < 2 || assign?.type !== 'assignment' || shape.awaits.length !== 1 || !reiterable(m, iter)) continue;
    const value = child(assign, 'left');
    const right = child(assign, 'right');
    if (value?.type !== 'identifier' || right?.type !== 'await' || shape.names.includes(m.text(value))) continue;
    const awaited = namedChildren(right)[0]!;
    if (!onlyUses(m, awaited, new Set(shape.names), bound)) continue;
    const target = /,/.test(targetText) && left.type !== 'tuple_pattern' && left.type !== 'parenthesized_expression' ? `(${targetText})` : targetText;
    edits.push({ start: orig(m, code, left.start), end: orig(m, code, iter.end), text: `${target}, ${m.text(value)} in zip(${iterText}, await asyncio.gather(*(${m.text(awaited)} for ${targetText} in ${iterText})))` });
    const stmtStart = lineStartOf(code, orig(m, code, firstStmt!.start));
    const stmtEnd = lineEndOf(code, orig(m, code, firstStmt!.end));
    edits.push({ start: stmtStart, end: Math.min(code.length, stmtEnd + 1), text: '' });
    notes.push(words('fix.py.gather-then-body', { line, call: m.text(child(awaited, 'function') ?? awaited) }));
  }
  if (edits.length === 0) return null;
  return finishWithImport(input, edits, notes);
};
