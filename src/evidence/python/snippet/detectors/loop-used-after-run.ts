/** py.loop-used-after-run: a loop used after it was closed, or a loop or client kept from one `asyncio.run()` for the next. */
import { MAX_USES, EXITS, isInside, nearestLoop, mayFollow, identifiersAfter, isBinding, shortCall, calleeQ, asyncioRuns, secondRun, refersToModule } from '../lifecycle.js';
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData } from './shared.js';
import { words } from '../../../types.js';

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

/** `x.method(…)` where id is `x`: the call and the method name. */
function methodName(m: SnippetModel, id: PyNode): { call: PyNode; method: string } | null {
  const attr = id.parent;
  if (attr?.type !== 'attribute' || id.field !== 'object') return null;
  const call = attr.parent;
  if (call?.type !== 'call' || attr.field !== 'function') return null;
  const name = child(attr, 'attribute');
  return name ? { call, method: m.text(name) } : null;
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
      words(nextPass ? 'py.loop-used.closed-previous-pass' : 'py.loop-used.after-close', { call: name + '.' + use.method, name, line: m.line(close) }),
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
      words('py.loop-used.saved-loop', { name, getter: m.text(child(getter, 'function')!), line: m.line(run), call: name + '.' + mc.method }),
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
    known
      ? words('py.loop-used.client-across-runs-with', { made: name + ' = ' + shortCall(m, ctor), line: m.line(ctor), with: 'async with ' + shortCall(m, ctor) + ' as ' + name + ':' })
      : words('py.loop-used.client-across-runs', { made: name + ' = ' + shortCall(m, ctor), line: m.line(ctor) }),
    0.8,
    data,
  );
}

function isInsideRun(id: PyNode, runs: PyNode[]): boolean {
  return runs.some((r) => id.start >= r.start && id.end <= r.end);
}
