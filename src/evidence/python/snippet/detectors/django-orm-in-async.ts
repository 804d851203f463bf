/**
 * py.django-orm-in-async: a Django query run straight from async code (an
 * `async def` view or consumer, a notebook cell). Django refuses to touch the
 * database while an event loop runs in the thread and raises
 * SynchronousOnlyOperation. Querysets are lazy: building one
 * (`Book.objects.filter(…)`) is fine; running it is not — a method that
 * queries (`get`, `first`, `count`, `create`, …), a plain `for` over it, or
 * `list()` / `len()` of it. `async for`, the `a`-prefixed methods (`aget`)
 * and anything handed to `sync_to_async` are left alone.
 */
import { child, namedChildren, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData } from './shared.js';
import { words, type Words } from '../../../types.js';

/** QuerySet and manager methods that run a query. */
const QUERYING = new Set([
  'get', 'first', 'last', 'count', 'exists', 'create', 'get_or_create', 'update_or_create', 'update', 'delete',
  'bulk_create', 'bulk_update', 'aggregate', 'latest', 'earliest', 'in_bulk', 'contains',
]);
/** Builtins that run a queryset they are given. */
const EVALUATING = new Set(['list', 'len', 'tuple', 'sorted', 'bool', 'set']);
const MANAGER = /^(objects|_default_manager)$/;

/** The `Model.objects` attribute a call chain starts from (`Book.objects.filter(x=1).first`), or null. */
function managerOf(m: SnippetModel, expr: PyNode): PyNode | null {
  let n: PyNode | null = expr;
  while (n) {
    if (n.type === 'attribute') {
      const attr = child(n, 'attribute');
      if (attr && MANAGER.test(m.text(attr))) return n;
      n = child(n, 'object');
    } else if (n.type === 'call') n = child(n, 'function');
    else return null;
  }
  return null;
}

function isQueryset(m: SnippetModel, expr: PyNode): boolean {
  return managerOf(m, expr) !== null && (expr.type === 'call' || expr.type === 'attribute');
}

/** `for x in qs` with the plain (not `async`) keyword, as a statement or in a comprehension. */
function plainFor(n: PyNode): boolean {
  return !n.children.some((k) => !k.named && k.type === 'async');
}

export const djangoOrmInAsync: Detector = (m, report) => {
  const django = [...m.aliases.values()].some((q) => q === 'django' || q.startsWith('django.') || q.startsWith('asgiref.'));
  const confidence = django ? 0.8 : 0.7;
  const where = (n: PyNode) => {
    const scope = m.scopeOf(n);
    return scope.kind === 'notebook' ? words('py.where.notebook-loop') : words('py.where.in-async-def', { name: scope.fn?.name ?? '' });
  };
  const onLoop = (n: PyNode) => {
    const kind = m.scopeOf(n).kind;
    return kind === 'async' || kind === 'notebook';
  };
  for (const call of m.calls) {
    if (!onLoop(call)) continue;
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    if (fnExpr.type === 'attribute') {
      const method = m.text(child(fnExpr, 'attribute')!);
      if (!QUERYING.has(method) || managerOf(m, child(fnExpr, 'object')!) === null) continue;
      const u = m.usage(call);
      if (u.kind === 'awaited') continue;
      report(call, 'py.django-orm-in-async', words('py.django-orm.query', { call: m.text(fnExpr), where: where(call), async: m.text(fnExpr).replace(/\.(\w+)$/, '.a$1') }), confidence, { ...callData(m, call), kind: 'call' });
    } else if (fnExpr.type === 'identifier' && EVALUATING.has(m.text(fnExpr))) {
      const arg = namedChildren(child(call, 'arguments') ?? call)[0];
      if (!arg || call.children.length === 0 || !isQueryset(m, arg) || m.usage(call).kind === 'awaited') continue;
      report(call, 'py.django-orm-in-async', words('py.django-orm.evaluate', { call: m.text(fnExpr), queryset: m.text(arg), where: where(call) }), confidence, { ...callData(m, call), kind: 'call' });
    }
  }
  for (const loop of [...m.forStatements, ...m.forClauses]) {
    if (!onLoop(loop) || !plainFor(loop)) continue;
    const right = child(loop, 'right');
    if (!right || !isQueryset(m, right)) continue;
    report(loop, 'py.django-orm-in-async', words('py.django-orm.for', { queryset: m.text(right), where: where(loop) }), confidence, {
      kind: 'iterate',
      start: m.at(right.start),
      end: m.at(right.end),
      context: m.scopeOf(loop).kind,
    });
  }
};
