/**
 * Detectors for objects used past their life: a coroutine awaited twice, a
 * loop used after it was closed, a task nobody awaits, an asyncio primitive
 * or client made before one `asyncio.run()` and used in the next, and
 * `asyncio` used without its import. Until now these were recognised only
 * from the error Python printed; each reads the scope model (no tree walk of
 * its own) and stays silent unless the order of the code proves the mistake.
 */
import { callData, type Detector } from './detectors/shared.js';
import { child, namedChildren, SnippetModel } from './model.js';
import type { PyNode } from './tree.js';

const code = (s: string) => '`' + s + '`';

/** How many earlier uses a forward scan compares each new use with. */
const MAX_USES = 32;

const LOOPS = new Set(['for_statement', 'while_statement']);
const EXITS = new Set(['return_statement', 'raise_statement']);
const JUMPS = new Set(['break_statement', 'continue_statement']);

/** Calls that take a coroutine object and run it (using it up). */
const COROUTINE_CONSUMERS = new Set(['asyncio.run', 'asyncio.create_task', 'asyncio.ensure_future', 'asyncio.gather', 'asyncio.wait_for', 'asyncio.shield']);
const CONSUMER_METHODS = new Set(['run_until_complete', 'create_task']);

/** Loop methods that fail with "Event loop is closed" once the loop is closed. */
const LOOP_WORK = new Set(['run_until_complete', 'run_forever', 'create_task', 'call_soon', 'call_later', 'call_at', 'create_future']);

const LOOP_FACTORIES = new Set(['asyncio.get_event_loop', 'asyncio.new_event_loop']);
const RUNNING_LOOP = new Set(['asyncio.get_running_loop', 'asyncio.get_event_loop']);

/** Async clients whose connections belong to the loop that first used them. */
const ASYNC_CLIENTS = new Set([
  'httpx.AsyncClient',
  'aiohttp.ClientSession',
  'redis.asyncio.Redis',
  'redis.asyncio.from_url',
  'redis.asyncio.StrictRedis',
  'motor.motor_asyncio.AsyncIOMotorClient',
]);

const PRIMITIVES = new Set([
  'asyncio.Lock',
  'asyncio.Event',
  'asyncio.Semaphore',
  'asyncio.BoundedSemaphore',
  'asyncio.Condition',
  'asyncio.Queue',
  'asyncio.PriorityQueue',
  'asyncio.LifoQueue',
  'asyncio.Barrier',
]);

function ancestorSet(n: PyNode): Set<PyNode> {
  const set = new Set<PyNode>();
  for (let p: PyNode | null = n; p; p = p.parent) set.add(p);
  return set;
}

function isInside(n: PyNode, outer: PyNode): boolean {
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

/** `x.method(…)` where id is `x`: the call and the method name. */
function methodName(m: SnippetModel, id: PyNode): { call: PyNode; method: string } | null {
  const attr = id.parent;
  if (attr?.type !== 'attribute' || id.field !== 'object') return null;
  const call = attr.parent;
  if (call?.type !== 'call' || attr.field !== 'function') return null;
  const name = child(attr, 'attribute');
  return name ? { call, method: m.text(name) } : null;
}

/** `f()` or `f(…)`: a call as a message names it. */
function shortCall(m: SnippetModel, call: PyNode): string {
  const args = child(call, 'arguments');
  return `${m.text(child(call, 'function') ?? call)}(${args && namedChildren(args).length > 0 ? '…' : ''})`;
}

function calleeQ(m: SnippetModel, call: PyNode): string | null {
  const f = child(call, 'function');
  return f ? m.resolve(f) : null;
}

/** A loop around `n` (inside scope `scope`, not around `outside`) that runs it more than once. */
function repeatingLoop(m: SnippetModel, n: PyNode, outside: PyNode, name: string): PyNode | null {
  const scope = m.scopeNode(n);
  for (let p = n.parent; p && p !== scope; p = p.parent) {
    if (!LOOPS.has(p.type) || isInside(outside, p)) continue;
    const body = child(p, 'body');
    if (!body || !isInside(n, body)) continue;
    // Rebound inside the loop: every pass may have a fresh one.
    if (identifiersAfter(m, p.start, p).some((id) => isBinding(id) && m.text(id) === name)) return null;
    let leaves = false;
    const stack = [...body.children];
    while (stack.length > 0 && !leaves) {
      const c = stack.pop()!;
      if (c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
      if (EXITS.has(c.type) || c.type === 'break_statement') leaves = true;
      else stack.push(...c.children);
    }
    if (!leaves) return p;
    // A retry loop: the use sits in a `try` whose `except` lets the loop go round again.
    for (let t = n.parent; t && t !== p; t = t.parent) {
      if (t.type === 'block' && t.field === 'body' && t.parent?.type === 'try_statement' && t.parent.children.some((x) => x.type === 'except_clause' || x.type === 'except_group_clause')) return p;
    }
    return null;
  }
  return null;
}

export const coroutineAwaitedTwice: Detector = (m, report) => {
  for (const call of m.calls) {
    const info = m.classify(call);
    if (info.kind !== 'coroutine') continue;
    const u = m.usage(call);
    if (u.kind !== 'stored' || u.targetNode.type !== 'identifier') continue;
    const name = u.target;
    const scope = m.scopeNode(call);
    const binding = m.statementOf(call);
    const uses: { node: PyNode; how: string }[] = [];
    let found: { node: PyNode; how: string; first: { node: PyNode; how: string } | null; loop: PyNode | null } | null = null;
    for (const id of identifiersAfter(m, binding.end, scope)) {
      if (m.scopeNode(id) !== scope || m.text(id) !== name) continue;
      if (isBinding(id)) break;
      const use = m.usage(id);
      let how: string | null = null;
      if (use.kind === 'awaited') how = 'awaited';
      else if (use.kind === 'passed' && use.to) {
        const last = use.to.split('.').pop()!;
        if (COROUTINE_CONSUMERS.has(use.to) || (use.to.includes('.') && CONSUMER_METHODS.has(last))) how = `passed to ${code(use.to + '()')}`;
      }
      if (!how) break; // kept, returned or handed on: what happens next is not visible
      const at = use.kind === 'awaited' ? use.node : id;
      const first = uses.find((prev) => mayFollow(prev.node, at));
      if (first) {
        found = { node: at, how, first, loop: null };
        break;
      }
      const loop = repeatingLoop(m, at, binding, name);
      if (loop) {
        found = { node: at, how, first: null, loop };
        break;
      }
      uses.push({ node: at, how });
      if (uses.length >= MAX_USES) break; // dozens of exclusive branches: not a shape worth a quadratic scan
    }
    if (!found) continue;
    const data = callData(m, call);
    data.variable = name;
    data.useStart = m.at(found.node.start);
    data.useEnd = m.at(found.node.end);
    data.uses = uses.map((x) => `${m.at(x.node.start)}-${m.at(x.node.end)}`).join(' ');
    data.allAwaited = uses.every((x) => x.how === 'awaited') && found.how === 'awaited' ? 'true' : 'false';
    data.inLoop = found.loop ? 'true' : 'false';
    const again = found.loop
      ? `${found.how} inside a loop on line ${m.line(found.node)}, so the second pass reuses it`
      : `${found.first!.how} on line ${m.line(found.first!.node)} and ${found.how} again on line ${m.line(found.node)}`;
    report(
      found.node,
      'py.coroutine-awaited-twice',
      `${code(name)} holds one coroutine object (${code(info.callee + '()')} on line ${m.line(call)}), ${again}: a coroutine runs only once, and the second use raises "cannot reuse already awaited coroutine". Call ${code(info.callee + '()')} again for a fresh one, or await it once and keep the result.`,
      Math.min(info.confidence, 0.9),
      data,
    );
  }
};

/** The names of a def's parameters, in order (`self` included). */
function parameterNames(m: SnippetModel, fnNode: PyNode): string[] {
  const params = child(fnNode, 'parameters');
  if (!params) return [];
  const names: string[] = [];
  for (const p of namedChildren(params)) {
    if (p.type === 'identifier') names.push(m.text(p));
    else if (p.type === 'typed_parameter') names.push(m.text(p.children.find((c) => c.type === 'identifier') ?? p));
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') names.push(m.text(child(p, 'name') ?? p));
    else names.push('*');
  }
  return names;
}

/**
 * `async def with_retries(coro): for …: try: return await coro` called as
 * `with_retries(download())`: the retry awaits the one coroutine it was given
 * again. Needs a call site in the snippet that passes a coroutine object.
 */
export const coroutineParameterRetried: Detector = (m, report) => {
  for (const a of m.awaits) {
    const inner = namedChildren(a)[0];
    if (inner?.type !== 'identifier') continue;
    const scope = m.scopeOf(a);
    if (scope.kind !== 'async' || !scope.fn || scope.fn.className) continue;
    const name = m.text(inner);
    const index = parameterNames(m, scope.node!).indexOf(name);
    if (index < 0) continue;
    const params = child(scope.node!, 'parameters');
    const loop = params ? repeatingLoop(m, a, params, name) : null;
    if (!loop) continue;
    const fn = scope.fn;
    let passed: PyNode | null = null;
    for (const c of m.calls) {
      const info = m.classify(c);
      if (info.fn !== fn) continue;
      const args = child(c, 'arguments');
      if (!args) continue;
      const all = namedChildren(args);
      const kw = all.find((x) => x.type === 'keyword_argument' && m.text(child(x, 'name') ?? x) === name);
      const arg = kw ? child(kw, 'value') : all.filter((x) => x.type !== 'keyword_argument')[index] ?? null;
      if (arg?.type === 'call' && m.classify(arg).kind === 'coroutine') {
        passed = arg;
        break;
      }
    }
    if (!passed) continue;
    const data: Record<string, string> = { variable: name, start: m.at(a.start), end: m.at(a.end), useStart: m.at(a.start), useEnd: m.at(a.end), inLoop: 'true', allAwaited: 'false', problem: 'parameter' };
    const passedArgs = child(passed, 'arguments');
    const factory = passedArgs && namedChildren(passedArgs).length > 0 ? `lambda: ${m.text(passed)}` : m.text(child(passed, 'function')!);
    report(
      a,
      'py.coroutine-awaited-twice',
      `${code('async def ' + fn.name)} awaits its parameter ${code(name)} inside a loop, and line ${m.line(passed)} passes it one coroutine object (${code(m.text(passed))}): the second attempt awaits a used-up coroutine and raises "cannot reuse already awaited coroutine". Pass something that makes a fresh one (${code(fn.name + '(' + factory + ')')}) and call it on every attempt.`,
      0.85,
      data,
    );
  }
};

/** Calls of `asyncio.run` made outside any running loop, in document order. */
function asyncioRuns(m: SnippetModel): PyNode[] {
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
function secondRun(m: SnippetModel, runs: PyNode[], after: PyNode): PyNode | null {
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

export const loopUsedAfterRun: Detector = (m, report) => {
  let runs: PyNode[] | null = null;
  for (const call of m.calls) {
    const q = calleeQ(m, call);
    if (!q || !(LOOP_FACTORIES.has(q) || RUNNING_LOOP.has(q) || ASYNC_CLIENTS.has(q) || q.startsWith('local:'))) continue;
    const scope = m.scopeOf(call);
    const u = m.usage(call);
    if (q.startsWith('local:')) {
      // An instance of a snippet class that keeps connections made inside the run.
      if (scope.kind !== 'module' || u.kind !== 'stored' || u.targetNode.type !== 'identifier' || child(call, 'function')?.type !== 'identifier') continue;
      if (!statefulClasses(m).has(q.slice(6))) continue;
      runs ??= asyncioRuns(m);
      clientAcrossRuns(m, call, u.target, runs, report);
      continue;
    }
    if (LOOP_FACTORIES.has(q) && (scope.kind === 'module' || scope.kind === 'sync') && u.kind === 'stored' && u.targetNode.type === 'identifier') {
      closedLoopUse(m, call, u.target, report);
    } else if (RUNNING_LOOP.has(q) && scope.kind === 'async' && scope.fn && u.kind === 'stored' && u.targetNode.type === 'identifier' && m.globals.get(scope.node!)?.has(u.target)) {
      runs ??= asyncioRuns(m);
      savedLoopUse(m, call, u.target, runs, report);
    } else if (ASYNC_CLIENTS.has(q) && scope.kind === 'module' && u.kind === 'stored' && u.targetNode.type === 'identifier') {
      runs ??= asyncioRuns(m);
      clientAcrossRuns(m, call, u.target, runs, report);
    }
  }
};

type Report = Parameters<Detector>[1];

const stateful = new WeakMap<SnippetModel, Set<string>>();

/** Snippet classes whose methods keep a loop-bound object on `self` (`self.writer = await …`, `self.session = aiohttp.ClientSession()`). */
function statefulClasses(m: SnippetModel): Set<string> {
  let set = stateful.get(m);
  if (set) return set;
  set = new Set<string>();
  const keeps = (value: PyNode) => {
    const p = value.parent;
    if (p?.type !== 'assignment' || value.field !== 'right') return;
    const left = child(p, 'left');
    if (!left || !/^\(?\s*self\./.test(m.text(left))) return;
    const fn = m.scopeOf(p).fn;
    if (fn?.className) set!.add(fn.className);
  };
  for (const a of m.awaits) if (m.scopeOf(a).kind === 'async') keeps(a);
  for (const c of m.calls) {
    const q = c.parent?.type === 'assignment' ? calleeQ(m, c) : null;
    if (q && ASYNC_CLIENTS.has(q)) keeps(c);
  }
  stateful.set(m, set);
  return set;
}

/** A break/return/raise follows `n` on its way up to `loop`: the pass that closed the loop is the last one. */
function leavesAfter(n: PyNode, loop: PyNode): boolean {
  for (let s: PyNode | null = n; s && s !== loop; s = s.parent) {
    const block = s.parent;
    if (block?.type !== 'block') continue;
    const siblings = block.children;
    for (let i = siblings.indexOf(s); i < siblings.length; i++) {
      const t = siblings[i]!.type;
      if (EXITS.has(t) || t === 'break_statement') return true;
    }
  }
  return false;
}

/** `loop = asyncio.new_event_loop()` … `loop.close()` … `loop.run_until_complete(…)`. */
function closedLoopUse(m: SnippetModel, factory: PyNode, name: string, report: Report): void {
  const scope = m.scopeNode(factory);
  const binding = m.statementOf(factory);
  const closes: PyNode[] = [];
  const uses: { call: PyNode; method: string }[] = [];
  for (const id of identifiersAfter(m, binding.end, scope)) {
    if (m.scopeNode(id) !== scope || m.text(id) !== name) continue;
    if (isBinding(id)) break;
    const mc = methodName(m, id);
    if (!mc) continue;
    if (mc.method === 'close') {
      if (closes.length < MAX_USES) closes.push(mc.call);
      continue;
    }
    if (!LOOP_WORK.has(mc.method)) continue;
    uses.push(mc);
    const close = closes.find((c) => mayFollow(c, mc.call));
    if (close) {
      flag(mc, close, false);
      return;
    }
  }
  // A close inside a loop body closes the loop the next pass uses.
  for (const close of closes) {
    const loop = nearestLoop(close, scope);
    if (!loop || isInside(binding, loop) || leavesAfter(close, loop)) continue;
    const use = uses.find((x) => isInside(x.call, loop));
    if (use) {
      flag(use, close, true);
      return;
    }
  }
  function flag(use: { call: PyNode; method: string }, close: PyNode, nextPass: boolean): void {
    const data = callData(m, use.call);
    data.variable = name;
    data.method = use.method;
    data.closeLine = String(m.line(close));
    data.closeStart = m.at(close.start);
    data.closeEnd = m.at(close.end);
    data.nextPass = nextPass ? 'true' : 'false';
    data.problem = 'closed';
    report(
      use.call,
      'py.loop-used-after-run',
      `${code(name + '.' + use.method + '()')} uses the loop ${nextPass ? `that ${code(name + '.close()')} on line ${m.line(close)} closed in the previous pass` : `after ${code(name + '.close()')} on line ${m.line(close)}`}: a closed loop cannot run anything ("Event loop is closed"). Run everything with one ${code('asyncio.run(main())')} instead of managing the loop.`,
      0.9,
      data,
    );
  }
}

/** `global saved; saved = asyncio.get_running_loop()` inside the run, then `saved.call_later(…)` after `asyncio.run()` returned. */
function savedLoopUse(m: SnippetModel, getter: PyNode, name: string, runs: PyNode[], report: Report): void {
  const moduleRuns = runs.filter((r) => m.scopeNode(r) === null);
  if (moduleRuns.length === 0) return;
  for (const id of m.identifiers) {
    if (m.scopeNode(id) !== null || m.text(id) !== name) continue;
    const mc = methodName(m, id);
    if (!mc || !LOOP_WORK.has(mc.method)) continue;
    const run = moduleRuns.find((r) => r.end <= mc.call.start && mayFollow(m.statementOf(r), mc.call));
    if (!run) continue;
    const data = callData(m, mc.call);
    data.variable = name;
    data.method = mc.method;
    data.problem = 'saved-loop';
    report(
      mc.call,
      'py.loop-used-after-run',
      `${code(name)} is the loop ${code(m.text(child(getter, 'function')!) + '()')} returned inside the run, and ${code('asyncio.run()')} on line ${m.line(run)} closed that loop when it finished: ${code(name + '.' + mc.method + '()')} raises "Event loop is closed". Do the work inside ${code('main()')}, before it returns.`,
      0.9,
      data,
    );
    return;
  }
}

/** `client = httpx.AsyncClient()` at module level, used by one `asyncio.run()` and then another. */
function clientAcrossRuns(m: SnippetModel, ctor: PyNode, name: string, runs: PyNode[], report: Report): void {
  const binding = m.statementOf(ctor);
  const used = m.identifiers.some((id) => id.start > binding.end && m.text(id) === name && !isBinding(id) && (m.scopeNode(id) !== null || isInsideRun(id, runs)) && refersToModule(m, name, id));
  if (!used) return;
  const second = secondRun(m, runs, binding);
  if (!second) return;
  const data = callData(m, second);
  data.variable = name;
  data.problem = 'client-across-runs';
  data.createdLine = String(m.line(ctor));
  const known = ASYNC_CLIENTS.has(calleeQ(m, ctor) ?? '');
  report(
    second,
    'py.loop-used-after-run',
    `${code(name + ' = ' + shortCall(m, ctor))} on line ${m.line(ctor)} is made once at module level but used by more than one ${code('asyncio.run()')}: its connections belong to the first run's loop, which is closed when that run ends, so the next run fails with "Event loop is closed". Create it inside ${code('main()')}${known ? ` (${code('async with ' + shortCall(m, ctor) + ' as ' + name + ':')})` : ''} and start the program with one ${code('asyncio.run()')}.`,
    0.8,
    data,
  );
}

/** The name at `id` is the module-level one: no function on the way out binds it (without `global`). */
function refersToModule(m: SnippetModel, name: string, id: PyNode): boolean {
  for (let s = m.scopeNode(id); s !== null; s = m.scopeNode(s)) {
    if (m.locals.get(s)?.has(name) && !m.globals.get(s)?.has(name)) return false;
  }
  return !m.functions.has(name);
}

function isInsideRun(id: PyNode, runs: PyNode[]): boolean {
  return runs.some((r) => id.start >= r.start && id.end <= r.end);
}

/** Lines that say code was left out: `...`, `…`, `# ...`, `# rest of the code`. */
const ELISION = /^[ \t]*(\.\.\.|…)[ \t]*$|^[ \t]*#.*(\.\.\.|…|\brest of\b|\bmore code\b|\bsnip|\bomitted\b)/im;

/**
 * The whole function is on the page: it parsed, nothing in it says code was
 * left out, and the paste does not stop right after the statement that
 * matters (something follows it in the function or after the function).
 */
function visibleInFull(m: SnippetModel, fnNode: PyNode, stmt: PyNode): boolean {
  if (m.errorNodes.some((e) => isInside(e, fnNode)) || ELISION.test(m.text(fnNode))) return false;
  const rest = m.code.slice(stmt.end);
  return rest.trim() !== '' && !/^\s*(\.\.\.|…)\s*$/.test(rest) && !ELISION.test(m.code.slice(fnNode.end));
}

/**
 * `t = asyncio.create_task(…)` in a function that never looks at `t` again:
 * if the task fails, its exception is never retrieved (and the task may be
 * collected before it finishes).
 */
export const taskNeverAwaited: Detector = (m, report) => {
  for (const call of m.calls) {
    const f = child(call, 'function');
    if (!f) continue;
    const q = calleeQ(m, call);
    let isTask = q === 'asyncio.create_task' || q === 'asyncio.ensure_future';
    if (!isTask && f.type === 'attribute' && m.text(child(f, 'attribute')!) === 'create_task') {
      const obj = child(f, 'object')!;
      const origin = m.originOf(obj) ?? '';
      isTask = !/TaskGroup/.test(origin) && /^(await:)?asyncio\.(get_event_loop|get_running_loop|new_event_loop)$/.test(origin);
    }
    if (!isTask) continue;
    const u = m.usage(call);
    if (u.kind !== 'stored' || u.targetNode.type !== 'identifier') continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'async' || !scope.fn || !scope.node) continue;
    const fnNode = scope.node;
    if (!visibleInFull(m, fnNode, m.statementOf(call))) continue;
    if (m.globals.get(fnNode)?.has(u.target)) continue;
    const name = u.target;
    const mentioned = identifiersAfter(m, fnNode.start, fnNode).some((id) => id !== u.targetNode && m.text(id) === name);
    if (mentioned) continue;
    // Tasks reached another way: asyncio.all_tasks(), a TaskGroup, a gather over them.
    const fnText = m.text(fnNode);
    if (/\ball_tasks\b|\bTaskGroup\b|\blocals\(\)/.test(fnText)) continue;
    const data = callData(m, call);
    data.variable = name;
    report(
      call,
      'py.task-never-awaited',
      `The task ${code(name)} started in ${code('async def ' + scope.fn.name)} is never awaited, gathered, cancelled or given a done callback: if it raises, nobody sees the error until asyncio logs "Task exception was never retrieved". Await it (or ${code('asyncio.gather')} it), or add a done callback that logs ${code('task.exception()')}.`,
      0.8,
      data,
    );
  }
};

/** Python version the paste shows (`3.8`), from the evidence when the pipeline passes it, or a comment in the code. */
function pasteVersion(m: SnippetModel): number | null {
  const hinted = (m.hints as { pythonVersion?: string | null }).pythonVersion;
  const text = hinted ?? /#.*\bpython\s*v?(3\.\d{1,2})\b/i.exec(m.code)?.[1] ?? null;
  if (!text) return null;
  const minor = Number(text.split('.')[1]);
  return Number.isFinite(minor) ? minor : null;
}

export const primitiveAcrossRuns: Detector = (m, report) => {
  let runs: PyNode[] | null = null;
  let minor: number | null | undefined;
  for (const call of m.calls) {
    const f = child(call, 'function');
    if (!f) continue;
    const q = calleeQ(m, call);
    if (!q || !PRIMITIVES.has(q)) continue;
    const u = m.usage(call);
    if (u.kind !== 'stored') continue;
    const scope = m.scopeOf(call);
    let where: string;
    let usedName: string;
    let after: PyNode;
    if (scope.kind === 'module' && u.targetNode.type === 'identifier') {
      usedName = u.target;
      where = 'at module level';
      after = m.statementOf(call);
      if (!m.identifiers.some((id) => id.start > after.end && m.text(id) === usedName && m.scopeNode(id) !== null && refersToModule(m, usedName, id))) continue;
    } else if (scope.kind === 'sync' && scope.fn?.name === '__init__' && scope.fn.className && u.targetNode.type === 'attribute' && u.target.startsWith('self.')) {
      usedName = u.target.slice(5);
      const cls = scope.fn.className;
      const instance = m.calls.find((c) => m.scopeNode(c) === null && m.text(child(c, 'function') ?? c) === cls);
      if (!instance) continue;
      where = `in ${code(cls + '.__init__')}, and ${code(cls + '()')} is made at module level on line ${m.line(instance)}`;
      after = m.statementOf(instance);
      const usedElsewhere = m.identifiers.some((id) => m.text(id) === usedName && id.field === 'attribute' && id.parent?.type === 'attribute' && m.scopeNode(id) !== scope.node);
      if (!usedElsewhere) continue;
    } else continue;
    runs ??= asyncioRuns(m);
    const second = secondRun(m, runs, after);
    minor ??= pasteVersion(m);
    const oldPython = minor !== null && minor < 10 && runs.some((r) => m.scopeNode(r) !== null || r.start > after.end);
    if (!second && !oldPython) continue;
    const data = callData(m, call);
    data.variable = u.target;
    data.problem = second ? 'two-runs' : 'old-python';
    const kind = q.slice('asyncio.'.length);
    const why = second
      ? `the snippet starts more than one event loop (${code('asyncio.run()')} again on line ${m.line(second)}), and the ${kind} belongs to the loop that first used it, so the next run fails with "is bound to a different event loop"`
      : `on Python 3.${minor} an asyncio ${kind} binds to a loop when it is created, and ${code('asyncio.run()')} starts a new one, so using it raises "attached to a different loop"`;
    report(call, 'py.primitive-across-runs', `${code(u.target + ' = ' + shortCall(m, call))} is created ${where}, but ${why}. Create it inside ${code('main()')} and pass it to the code that needs it.`, second ? 0.8 : 0.75, data);
  }
};

/** Inside a type annotation (`-> asyncio.Task`): not evaluated under `from __future__ import annotations`. */
function inAnnotation(id: PyNode): boolean {
  for (let p = id.parent; p && p.type !== 'block' && p.type !== 'module'; p = p.parent) if (p.type === 'type') return true;
  return false;
}

export const asyncioNotImported: Detector = (m, report) => {
  if (m.moduleImports === 0 || m.importsFromAsyncio || m.aliases.has('asyncio') || m.notebook || m.prepared.prefixEnd > 0) return;
  for (const id of m.identifiers) {
    if (id.field !== 'object' || id.parent?.type !== 'attribute' || m.text(id) !== 'asyncio' || inAnnotation(id)) continue;
    if (m.resolveName('asyncio', id) !== 'asyncio') return; // a local or parameter named asyncio
    const attr = child(id.parent, 'attribute');
    report(id, 'py.asyncio-not-imported', `${code('asyncio.' + (attr ? m.text(attr) : ''))} is used, but the snippet's imports never ${code('import asyncio')}: Python stops with "NameError: name 'asyncio' is not defined". Add ${code('import asyncio')} next to the other imports.`, 0.85, {
      start: m.at(id.start),
      end: m.at(id.end),
      context: m.scopeOf(id).kind,
    });
    return;
  }
};
