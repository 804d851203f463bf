/** py.coroutine-awaited-twice: one coroutine object awaited (or run) twice, directly or by a retry loop over a parameter. */
import { MAX_USES, LOOPS, EXITS, isInside, mayFollow, identifiersAfter, isBinding } from '../lifecycle.js';
import { child, namedChildren, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData } from './shared.js';
import { words } from '../../../types.js';

/** Calls that take a coroutine object and run it (using it up). */
const COROUTINE_CONSUMERS = new Set(['asyncio.run', 'asyncio.create_task', 'asyncio.ensure_future', 'asyncio.gather', 'asyncio.wait_for', 'asyncio.shield']);
const CONSUMER_METHODS = new Set(['run_until_complete', 'create_task']);

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
    // A Tortoise query may be awaited again: each await runs it anew.
    if (info.kind !== 'coroutine' || info.qname?.startsWith('tortoise.')) continue;
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
        if (COROUTINE_CONSUMERS.has(use.to) || (use.to.includes('.') && CONSUMER_METHODS.has(last))) how = use.to; // the function it is passed to
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
      ? words('py.reuse.in-loop', { how: howWords(found.how), line: m.line(found.node) })
      : words('py.reuse.twice', { first: howWords(found.first!.how), firstLine: m.line(found.first!.node), how: howWords(found.how), line: m.line(found.node) });
    report(
      found.node,
      'py.coroutine-awaited-twice',
      words('py.coroutine-awaited-twice', { name, callee: info.callee, line: m.line(call), again }),
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
      words('py.coroutine-awaited-twice.parameter', { fn: fn.name, name, line: m.line(passed), passed: m.text(passed), factory: fn.name + '(' + factory + ')' }),
      0.85,
      data,
    );
  }
};

/** How a use consumed the coroutine: 'awaited', or the name of the function it was passed to. */
function howWords(how: string) {
  return how === 'awaited' ? words('py.reuse.awaited') : words('py.reuse.passed', { to: how });
}
