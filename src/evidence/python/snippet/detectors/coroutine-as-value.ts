/** py.coroutine-as-value: a coroutine object used as if it were its result (read, compared, iterated). */
import { FUTURE_FUNCTIONS, FUTURE_METHODS, TORTOISE_QUERY_METHODS, VALUE_SINKS } from '../known.js';
import { child, type SnippetModel, type Usage } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData } from './shared.js';
import { words, type Words } from '../../../types.js';
import type { WordKey } from '../../../../render/messages.js';

/** Usage of a stored coroutine: the first later use of the variable in the same scope. */
/** How a value is used, by the model's `how` (attribute, index, compare, format, condition). */
const VALUE_USE: Record<string, WordKey> = {
  attribute: 'py.value-use.attribute',
  index: 'py.value-use.index',
  compare: 'py.value-use.compare',
  format: 'py.value-use.format',
  condition: 'py.value-use.condition',
};
const COROUTINE_USE: Record<string, WordKey> = {
  attribute: 'py.coroutine-use.attribute',
  index: 'py.coroutine-use.index',
  compare: 'py.coroutine-use.compare',
  format: 'py.coroutine-use.format',
  condition: 'py.coroutine-use.condition',
};

/** Is `expr`, the object of an attribute, one of the awaitable's own methods being read (`task.result`, `gather(...).done`, `query.filter`)? */
function ownMethodOf(m: SnippetModel, expr: PyNode, methods: ReadonlySet<string>): boolean {
  const parent = expr.parent;
  if (parent?.type !== 'attribute' || child(parent, 'object') !== expr) return false;
  const attr = child(parent, 'attribute');
  return !!attr && methods.has(m.text(attr));
}

/** `async for row in query` / `[r async for r in query]`: iterating as an async iterator. */
function asyncIterated(expr: PyNode): boolean {
  const p = expr.parent;
  return (p?.type === 'for_statement' || p?.type === 'for_in_clause') && p.children.some((c) => !c.named && c.type === 'async');
}

/**
 * What an awaitable of this kind lets code do before awaiting it: a Future's own methods; a Tortoise
 * query's methods (each builds the next query), a slice (`[:10]`, another query) and `async for`.
 */
interface OwnUses {
  methods: ReadonlySet<string>;
  query: boolean;
}

function ownUsesOf(qname: string | null): OwnUses | null {
  if (qname !== null && FUTURE_FUNCTIONS.has(qname)) return { methods: FUTURE_METHODS, query: false };
  if (qname?.startsWith('tortoise.')) return { methods: TORTOISE_QUERY_METHODS, query: true };
  return null;
}

/** The use is one the awaitable allows (see `ownUsesOf`). */
function allowedUse(m: SnippetModel, expr: PyNode, u: Usage, own: OwnUses | null): boolean {
  if (own === null) return false;
  if (u.kind === 'value' && u.how === 'attribute' && ownMethodOf(m, expr, own.methods)) return true;
  return own.query && ((u.kind === 'value' && u.how === 'index') || (u.kind === 'iterated' && asyncIterated(expr)));
}

function laterValueUse(m: SnippetModel, assignment: PyNode, name: string, own: OwnUses | null): { node: PyNode; how: Words } | null {
  const scope = m.scopeNode(assignment);
  for (const id of m.identifiers) {
    if (id.start <= assignment.end || m.text(id) !== name || m.scopeNode(id) !== scope) continue;
    const u = m.usage(id);
    if (allowedUse(m, id, u, own)) return null;
    if (u.kind === 'value') return { node: id, how: words(VALUE_USE[u.how] ?? 'py.value-use.compare') };
    if (u.kind === 'iterated') return { node: id, how: words('py.value-use.iterated') };
    if (u.kind === 'passed' && u.to && VALUE_SINKS.has(u.to)) return { node: id, how: words('py.value-use.passed', { to: u.to }) };
    if (u.kind === 'passed') return useInLocalCallee(m, id);
    return null; // awaited, returned, stored: fine or unknowable
  }
  return null;
}

/**
 * The coroutine is handed, as a plain positional argument, to a function the paste defines
 * (`browser = launch()` … `main(browser)`): what that function first does with its parameter is
 * what happens to the coroutine. Unknown callees and keyword or starred arguments stay unknowable.
 */
function useInLocalCallee(m: SnippetModel, arg: PyNode): { node: PyNode; how: Words } | null {
  const list = arg.parent;
  const call = list?.parent;
  if (list?.type !== 'argument_list' || call?.type !== 'call') return null;
  const callee = call.children.find((c) => c.field === 'function');
  if (callee?.type !== 'identifier') return null;
  const defs = m.functions.get(m.text(callee));
  if (defs?.length !== 1 || defs[0]!.className) return null;
  const fn = defs[0]!;
  const position = list.children.filter((c) => c.named && c.type !== 'comment').indexOf(arg);
  const params = fn.node.children.find((c) => c.field === 'parameters');
  const names = params ? params.children.filter((c) => c.type === 'identifier' || c.type === 'typed_parameter').map((c) => m.text(c).split(':')[0]!.trim()) : [];
  const param = names[position];
  if (position < 0 || !param) return null;
  for (const id of m.identifiers) {
    if (id.start <= params!.end || id.end > fn.node.end || m.text(id) !== param || m.scopeOf(id).fn !== fn) continue;
    const u = m.usage(id);
    if (u.kind === 'value') return { node: id, how: words(VALUE_USE[u.how] ?? 'py.value-use.compare') };
    if (u.kind === 'iterated') return { node: id, how: words('py.value-use.iterated') };
    return null;
  }
  return null;
}

export const coroutineAsValue: Detector = (m, report) => {
  for (const call of m.calls) {
    const info = m.classify(call);
    if (info.kind !== 'coroutine') continue;
    const u = m.usage(call);
    const own = ownUsesOf(info.qname);
    if (allowedUse(m, call, u, own)) continue;
    let how: Words | null = null;
    let useLine: number | null = null;
    let variable = '';
    if (u.kind === 'value') how = words(COROUTINE_USE[u.how] ?? 'py.coroutine-use.compare');
    else if (u.kind === 'iterated') how = words('py.coroutine-use.iterated');
    else if (u.kind === 'passed' && u.to && VALUE_SINKS.has(u.to)) how = words('py.coroutine-use.passed', { to: u.to });
    else if (u.kind === 'stored' && u.targetNode.type === 'identifier') {
      const later = laterValueUse(m, call, u.target, own);
      if (later) {
        variable = u.target;
        useLine = m.line(later.node);
        how = words('py.coroutine-use.later', { variable: u.target, line: useLine, how: later.how });
      }
    }
    if (!how) continue;
    const data = callData(m, call);
    if (variable) data.variable = variable;
    if (useLine) data.useLine = String(useLine);
    report(
      call,
      'py.coroutine-as-value',
      words(own?.query ? 'py.coroutine-as-value.query' : 'py.coroutine-as-value', { callee: info.callee, how }),
      Math.min(info.confidence, 0.9),
      data,
    );
  }
};
