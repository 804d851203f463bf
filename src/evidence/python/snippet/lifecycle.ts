/**
 * The order of execution the lifecycle detectors read (a coroutine awaited
 * twice, a loop used after it was closed, a task nobody awaits, an asyncio
 * primitive or client made before one `asyncio.run()` and used in the next):
 * which statement may run after which, forward scans over a name's uses, and
 * the event loops a snippet starts. Until now these mistakes were recognised
 * only from the error Python printed; each detector reads the scope model (no
 * tree walk of its own) and stays silent unless the order of the code proves
 * the mistake. The Python fixers reuse the same scans.
 */
import { child, namedChildren, type SnippetModel } from './model.js';
import type { PyNode } from './tree.js';

/** How many earlier uses a forward scan compares each new use with. */
export const MAX_USES = 32;

export const LOOPS = new Set(['for_statement', 'while_statement']);
export const EXITS = new Set(['return_statement', 'raise_statement']);
export const JUMPS = new Set(['break_statement', 'continue_statement']);

function ancestorSet(n: PyNode): Set<PyNode> {
  const set = new Set<PyNode>();
  for (let p: PyNode | null = n; p; p = p.parent) set.add(p);
  return set;
}

export function isInside(n: PyNode, outer: PyNode): boolean {
  for (let p: PyNode | null = n; p; p = p.parent) if (p === outer) return true;
  return false;
}

export function nearestLoop(n: PyNode, stop: PyNode | null): PyNode | null {
  for (let p = n.parent; p && p !== stop; p = p.parent) {
    if (LOOPS.has(p.type)) return p;
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return null;
  }
  return null;
}

/** The branches under `lca` holding a and b can never both run in one pass. */
function exclusive(lca: PyNode, a: PyNode, b: PyNode): boolean {
  const branch = (x: PyNode) => x.type === 'elif_clause' || x.type === 'else_clause' || x.field === 'consequence' || x.field === 'alternative';
  if (lca.type === 'if_statement') return branch(a) && branch(b);
  if (lca.type === 'try_statement') {
    const handler = (x: PyNode) => x.type === 'except_clause' || x.type === 'except_group_clause';
    return (handler(a) && handler(b)) || (handler(a) && b.type === 'else_clause');
  }
  if (lca.type === 'block' && lca.parent?.type === 'match_statement') return a.type === 'case_clause' && b.type === 'case_clause';
  if (lca.type === 'conditional_expression') {
    const [yes, , no] = namedChildren(lca);
    return (a === yes && b === no) || (a === no && b === yes);
  }
  return false;
}

/**
 * True when b (later in the text) can run after a in one call of their
 * scope: they are not in exclusive branches, and no return/raise (or a
 * break/continue inside the part they share) ends a's path first.
 */
export function mayFollow(a: PyNode, b: PyNode): boolean {
  const above = ancestorSet(a);
  let bBranch = b;
  let lca = b.parent;
  while (lca && !above.has(lca)) {
    bBranch = lca;
    lca = lca.parent;
  }
  if (!lca) return true;
  let aBranch = a;
  while (aBranch.parent && aBranch.parent !== lca) aBranch = aBranch.parent;
  if (aBranch !== bBranch && exclusive(lca, aBranch, bBranch)) return false;
  for (let s: PyNode | null = a; s && s !== lca; s = s.parent) {
    const block = s.parent;
    if (!block || (block.type !== 'block' && block.type !== 'module')) continue;
    const siblings = block.children;
    // In the block that also holds b, only the statements before b's branch can end a's path.
    const stop = block === lca ? siblings.indexOf(bBranch) : siblings.length;
    for (let i = siblings.indexOf(s); i < stop; i++) {
      const t = siblings[i]!;
      if (EXITS.has(t.type)) return false;
      if (JUMPS.has(t.type)) {
        // A break/continue ends the path to b only when b is inside the same loop.
        const loop = nearestLoop(t, null);
        if (!loop || !isInside(loop, lca) || loop === lca) return false;
      }
    }
  }
  return true;
}

/** The identifiers from `offset` to the end of `scope` (the list is in document order): what a forward scan reads. */
export function identifiersAfter(m: SnippetModel, offset: number, scope: PyNode | null): PyNode[] {
  const ids = m.identifiers;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  const end = scope ? scope.end : Infinity;
  let stop = lo;
  while (stop < ids.length && ids[stop]!.start < end) stop++;
  return ids.slice(lo, stop);
}

/** An identifier occurrence that (re)binds its name. */
export function isBinding(id: PyNode): boolean {
  let c = id;
  let p = id.parent;
  while (p && (p.type === 'pattern_list' || p.type === 'tuple_pattern' || p.type === 'list_pattern')) {
    c = p;
    p = p.parent;
  }
  if (!p) return false;
  if ((p.type === 'assignment' || p.type === 'augmented_assignment') && c.field === 'left') return true;
  if ((p.type === 'for_statement' || p.type === 'for_in_clause') && c.field === 'left') return true;
  if (p.type === 'named_expression' && c.field === 'name') return true;
  return p.type === 'as_pattern_target' || p.type === 'global_statement' || p.type === 'nonlocal_statement';
}

/** `f()` or `f(…)`: a call as a message names it. */
export function shortCall(m: SnippetModel, call: PyNode): string {
  const args = child(call, 'arguments');
  return `${m.text(child(call, 'function') ?? call)}(${args && namedChildren(args).length > 0 ? '…' : ''})`;
}

export function calleeQ(m: SnippetModel, call: PyNode): string | null {
  const f = child(call, 'function');
  return f ? m.resolve(f) : null;
}

/** Calls of `asyncio.run` made outside any running loop, in document order. */
export function asyncioRuns(m: SnippetModel): PyNode[] {
  const runs: PyNode[] = [];
  for (const call of m.calls) {
    if (calleeQ(m, call) !== 'asyncio.run') continue;
    const kind = m.scopeOf(call).kind;
    if (kind === 'module' || kind === 'sync') runs.push(call);
  }
  return runs;
}

/** Sync handlers a framework calls again and again in one process: web routes, Celery tasks (not CLI commands: click/typer run one per process). */
const REPEATED_HANDLER = /^(app|router|api|bp|blueprint|routes)\.(get|post|put|delete|patch|route|websocket|api_route)\b|^(app|celery)\.task\b|^shared_task\b/;

/** An `asyncio.run` that can run more than once: in a loop, in a route or task handler, or in a plain def called twice or in a loop. */
function runRepeats(m: SnippetModel, run: PyNode): boolean {
  const scope = m.scopeOf(run);
  if (nearestLoop(run, scope.node)) return true;
  if (scope.kind !== 'sync' || !scope.fn) return false;
  const fn = scope.fn;
  if (fn.decorators.some((d) => REPEATED_HANDLER.test(d))) return true;
  let calls = 0;
  for (const c of m.calls) {
    const info = m.classify(c);
    if (info.kind !== 'snippet-sync' || info.fn !== fn || m.scopeNode(c) === fn.node) continue;
    if (nearestLoop(c, m.scopeNode(c))) return true;
    if (++calls >= 2) return true;
  }
  return false;
}

/**
 * A second event loop the snippet starts after `after` (a module-level
 * statement): an `asyncio.run` that repeats, one that can follow another at
 * module level, or runs in two test functions (one pytest process). Null
 * when the snippet starts at most one loop.
 */
export function secondRun(m: SnippetModel, runs: PyNode[], after: PyNode): PyNode | null {
  const moduleRuns: PyNode[] = [];
  const testRuns: PyNode[] = [];
  for (const r of runs) {
    const scope = m.scopeOf(r);
    const atModule = scope.kind === 'module';
    if (atModule && (r.start < after.end || !mayFollow(after, r))) continue;
    if (runRepeats(m, r)) return r;
    if (atModule) {
      if (moduleRuns.some((prev) => mayFollow(prev, r))) return r;
      moduleRuns.push(r);
    } else if (scope.fn && /^test/.test(scope.fn.name)) {
      if (testRuns.some((prev) => m.scopeNode(prev) !== scope.node)) return r;
      testRuns.push(r);
    }
  }
  return null;
}

/** The name at `id` is the module-level one: no function on the way out binds it (without `global`). */
export function refersToModule(m: SnippetModel, name: string, id: PyNode): boolean {
  for (let s = m.scopeNode(id); s !== null; s = m.scopeNode(s)) {
    if (m.locals.get(s)?.has(name) && !m.globals.get(s)?.has(name)) return false;
  }
  return !m.functions.has(name);
}
