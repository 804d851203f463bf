/**
 * py.sequential-awaits (a tip, never an error): a `for` loop in async code
 * that awaits one independent call per item, so the calls run one after
 * another when `asyncio.gather` (or a TaskGroup) could run them together.
 * The Python twin of js.await-in-loop. Loops whose turns depend on each other
 * are left alone: a name one turn assigns and a later turn reads (a cursor, a
 * running total read back), `break`/`return`/`raise`/`yield`, nested loops,
 * deliberate pacing (sleeps, locks, semaphores, rate limits), work that must
 * keep its order (Discord messages, stream and websocket reads and writes,
 * queues), and database calls on one connection or session, which cannot
 * run two queries at once. Adding results up (`total += len(page)`) does not
 * make the calls depend on each other. The same mistake written out without a
 * loop counts too: `a = await client.get(u1)` then `b = await client.get(u2)`,
 * the same call awaited on consecutive lines with arguments that do not read
 * each other's results (see `sequenceAt`).
 */
import { isBinding } from '../lifecycle.js';
import { child, namedChildren, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, GENERATOR_COROUTINE } from './shared.js';
import { words } from '../../../types.js';

/** Callee words that say the wait is the point. */
const DELIBERATE = /sleep|delay|wait|timeout|retry|throttle|limit|lock|acquire|semaphore|backoff/i;
/** Methods whose calls must keep their order: messages, streams, sockets, queues. */
const ORDERED = /^(send|send_message|reply|respond|edit|edit_message|delete|add_reaction|remove_reaction|pin|followup|defer|purge|write|writelines|drain|read|readline|readexactly|readuntil|recv|receive|receive_json|receive_text|receive_bytes|send_json|send_text|send_bytes|send_str|put|get_nowait|put_nowait|join|publish|ack|nack|commit|rollback|flush|refresh|execute|executemany|fetch|fetchrow|fetchval|fetchone|fetchall|fetchmany|scalar|scalars|stream|merge|add_roles|remove_roles|kick|ban|move_to|create_text_channel|create_role)$/;
/** Calls that already run several awaitables together (or hand work to a thread): two in a row are two rounds, on purpose. */
const COMBINATOR = /(^|\.)(gather|wait|wait_for|as_completed|shield|to_thread|run_in_executor)$/;
/** Methods that send one HTTP request. */
const HTTP_VERBS = /^(get|post|put|patch|delete|head|options|request)$/;
/** Receivers that are one database connection, session or cursor: two queries at once fail on them. */
const ONE_CONNECTION = /(^|\.|_)(conn|connection|con|cursor|cur|db|database|session|tx|transaction|txn|sess)$/i;

function ownNodes(n: PyNode, visit: (c: PyNode) => boolean | void): void {
  for (const c of n.children) {
    if (c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
    if (visit(c) === false) continue;
    ownNodes(c, visit);
  }
}

function hasKeyword(n: PyNode, keyword: string): boolean {
  return n.children.some((c) => !c.named && c.type === keyword);
}

/** Names bound by a `for` target (`x`, `a, b`, `(i, item)`). */
export function targetNames(m: SnippetModel, target: PyNode): string[] {
  if (target.type === 'identifier') return [m.text(target)];
  if (/pattern_list|tuple_pattern|list_pattern|tuple|list|parenthesized_expression/.test(target.type)) return namedChildren(target).flatMap((c) => targetNames(m, c));
  return [];
}

/** `client.get("https://…")`: an HTTP verb method called with a written-out address (a `queue.get()` has none). */
function isRequestTo(m: SnippetModel, call: PyNode): boolean {
  const callee = call.type === 'call' ? child(call, 'function') : null;
  if (callee?.type !== 'attribute' || !HTTP_VERBS.test(m.text(child(callee, 'attribute')!))) return false;
  const first = namedChildren(child(call, 'arguments') ?? call)[0];
  return first?.type === 'string' || first?.type === 'concatenated_string';
}

export interface LoopShape {
  loop: PyNode;
  body: PyNode;
  names: string[];
  awaits: PyNode[];
}

/**
 * The loop's awaits when its turns look independent, else null. Shared with
 * the fixer, which must not rewrite what the detector would not report.
 * `yieldFrom`: the loop is in a generator-based coroutine, where `yield from`
 * waits as `await` does (the fixer leaves those loops alone: its rewrite awaits).
 */
export function independentAwaits(m: SnippetModel, loop: PyNode, yieldFrom = false): LoopShape | null {
  if (loop.type !== 'for_statement' || hasKeyword(loop, 'async') || child(loop, 'alternative')) return null;
  const left = child(loop, 'left');
  const body = child(loop, 'body');
  if (!left || !body) return null;
  const names = targetNames(m, left);
  if (names.length === 0) return null;
  const local = new Set(names);
  // `for _ in range(n):` repeats one call: the turns share nothing, so the same request can run n times at once.
  const right = child(loop, 'right');
  // `for f in asyncio.as_completed(aws):` already runs the awaitables together; each turn only collects one.
  if (right?.type === 'call' && COMBINATOR.test(m.text(child(right, 'function') ?? right))) return null;
  const repeats = right?.type === 'call' && m.text(child(right, 'function') ?? right) === 'range';
  const awaits: PyNode[] = [];
  let dependent = false;
  ownNodes(body, (n) => {
    if (dependent) return false;
    switch (n.type) {
      case 'yield':
        // The keyword token of a `yield from` counted already (it is also of type `yield`).
        if (!n.named) break;
        if (yieldFrom && hasKeyword(n, 'from')) {
          awaits.push(n);
          break;
        }
        dependent = true;
        return false;
      case 'break_statement':
      case 'return_statement':
      case 'raise_statement':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'for_statement':
      case 'while_statement':
        dependent = true;
        return false;
      case 'await':
        // The expression, not its keyword token (also of type `await`).
        if (n.named) awaits.push(n);
        break;
      case 'with_clause':
        // `async with lock:` / `async with semaphore:` paces the loop on purpose.
        if (DELIBERATE.test(m.text(n))) dependent = true;
        break;
    }
    return true;
  });
  if (dependent || awaits.length === 0) return null;
  // Names the body binds; a name read before the body first binds it carries a value from the turn before.
  const bound = new Map<string, number>();
  const totals = new Set<string>();
  const reads: PyNode[] = [];
  ownNodes(body, (n) => {
    if (n.type !== 'identifier') return true;
    const name = m.text(n);
    if (isBinding(n)) {
      if (n.parent?.type === 'augmented_assignment') totals.add(name);
      else if (!bound.has(name)) bound.set(name, n.start);
    } else reads.push(n);
    return true;
  });
  for (const id of reads) {
    const name = m.text(id);
    if (local.has(name)) continue;
    const at = bound.get(name);
    if (at !== undefined && id.start < at) return null;
    // A running total read back (`if total > limit`) makes a turn depend on the ones before.
    if (totals.has(name) && at === undefined) return null;
  }
  // A turn that assigns a name its function declares `global` or `nonlocal` publishes its value to
  // other code (`task = create_task(work())`, read by `work` as the current task): not independent.
  const shared = sharedNames(m, loop);
  for (const name of bound.keys()) if (shared.has(name)) return null;
  for (const aw of awaits) if (!independentCall(m, aw, local, bound, repeats)) return null;
  return { loop, body, names, awaits };
}

/** The names the function around `n` declares `global` or `nonlocal`. */
function sharedNames(m: SnippetModel, n: PyNode): Set<string> {
  const names = new Set<string>();
  const fn = m.scopeOf(n).node;
  const body = fn ? child(fn, 'body') : null;
  if (!body) return names;
  ownNodes(body, (c) => {
    if (c.type !== 'global_statement' && c.type !== 'nonlocal_statement') return true;
    for (const id of namedChildren(c)) if (id.type === 'identifier') names.add(m.text(id));
    return false;
  });
  return names;
}

/**
 * One awaited call of a turn is independent of the other turns: no pacing, no ordered or
 * one-connection receiver, and it uses this turn's own values (or is an HTTP request a counting
 * loop repeats). `local`: the loop's names; `bound`: names the turn binds, by first offset.
 */
function independentCall(m: SnippetModel, aw: PyNode, local: Set<string>, bound: Map<string, number>, repeats: boolean): boolean {
  const inner = namedChildren(aw)[0];
  if (!inner) return false;
  // `await task` of the loop's own item: the work was started before the loop (a list of tasks), the loop only collects it.
  if (inner.type === 'identifier' && local.has(m.text(inner))) return false;
  const callee = inner.type === 'call' ? child(inner, 'function') : null;
  const calleeText = callee ? m.text(callee) : m.text(inner);
  if (DELIBERATE.test(calleeText)) return false;
  if (callee?.type === 'attribute') {
    const method = m.text(child(callee, 'attribute')!);
    const receiver = m.text(child(callee, 'object')!);
    // An object of this turn's own (`resp` of this turn's request) is read independently of the others.
    const root = receiver.split(/[.[(]/)[0]!;
    if (bound.has(root) && !local.has(root)) return true;
    if (ORDERED.test(method)) return false;
    const origin = m.originOf(child(callee, 'object')!) ?? '';
    // `session.get(url)` on an HTTP client is a request; on an ORM session it is a query.
    const http = /aiohttp|httpx/.test(origin) || HTTP_VERBS.test(method);
    if (ONE_CONNECTION.test(receiver) && !(http && !/^[A-Z]/.test(m.text(namedChildren(child(inner, 'arguments') ?? inner)[0] ?? inner)))) return false;
    if (m.classify(inner).qname?.startsWith('discord.') && !/^fetch_/.test(method)) return false;
  }
  // Each awaited call must use this turn's own values, or be an HTTP request repeated by a counting loop.
  let usesTurn = false;
  ownNodes(aw, (n) => {
    if (n.type === 'identifier' && (local.has(m.text(n)) || (bound.has(m.text(n)) && !local.has(m.text(n))))) usesTurn = true;
    return !usesTurn;
  });
  return usesTurn || (repeats && isRequestTo(m, inner));
}

/**
 * `[await fetch(u) for u in urls]`: a comprehension whose element awaits one independent call per
 * item (one plain `for`, no `async for`, the await is the whole element); null otherwise.
 */
function comprehensionAwait(m: SnippetModel, comp: PyNode): PyNode | null {
  const body = child(comp, 'body');
  const clauses = comp.children.filter((c) => c.type === 'for_in_clause');
  if (body?.type !== 'await' || clauses.length !== 1) return null;
  const clause = clauses[0]!;
  if (clause.children.some((c) => !c.named && c.type === 'async')) return null;
  const left = child(clause, 'left');
  const names = left ? targetNames(m, left) : [];
  if (names.length === 0) return null;
  let nested = false;
  ownNodes(body, (n) => {
    if (n.type === 'await' && n.named) nested = true;
    return !nested;
  });
  if (nested) return null;
  const right = child(clause, 'right');
  const repeats = right?.type === 'call' && m.text(child(right, 'function') ?? right) === 'range';
  return independentCall(m, body, new Set(names), new Map(), repeats) ? body : null;
}

/** `x = await f(…)` as a whole statement: the name and the awaited call, or null. */
function awaitedAssignment(m: SnippetModel, stmt: PyNode): { name: string; call: PyNode } | null {
  const assign = stmt.type === 'expression_statement' ? namedChildren(stmt) : [];
  if (assign.length !== 1 || assign[0]!.type !== 'assignment') return null;
  const left = child(assign[0]!, 'left');
  const right = child(assign[0]!, 'right');
  if (left?.type !== 'identifier' || right?.type !== 'await') return null;
  const call = namedChildren(right)[0];
  if (call?.type !== 'call' || namedChildren(child(call, 'arguments') ?? call).length === 0) return null;
  let nested = false;
  ownNodes(call, (n) => {
    if (n.type === 'await' && n.named) nested = true;
    return !nested;
  });
  return nested ? null : { name: m.text(left), call };
}

/**
 * The run of straight-line awaits starting at `statements[from]`: at least two consecutive
 * `x = await f(…)` of the same callee, each with its own arguments, none reading a name an
 * earlier one of the run assigned, and none paced, ordered or on one connection (as for loops).
 * Shared with the fixer, which rewrites exactly this run.
 */
export function sequenceAt(m: SnippetModel, statements: readonly PyNode[], from: number): PyNode[] {
  const first = statements[from];
  const head = first ? awaitedAssignment(m, first) : null;
  if (!head) return [];
  const calleeOf = (call: PyNode) => m.text(child(call, 'function') ?? call);
  const argsOf = (call: PyNode) => m.text(child(call, 'arguments') ?? call).replace(/\s+/g, '');
  const callee = calleeOf(head.call);
  if (!sameCallIndependent(m, head.call)) return [];
  const names = new Set([head.name]);
  const args = new Set([argsOf(head.call)]);
  const run = [first!];
  for (let i = from + 1; i < statements.length; i++) {
    const next = awaitedAssignment(m, statements[i]!);
    if (!next || calleeOf(next.call) !== callee || names.has(next.name) || args.has(argsOf(next.call))) break;
    let reads = false;
    ownNodes(child(next.call, 'arguments') ?? next.call, (n) => {
      if (n.type === 'identifier' && names.has(m.text(n))) reads = true;
      return !reads;
    });
    if (reads) break;
    names.add(next.name);
    args.add(argsOf(next.call));
    run.push(statements[i]!);
  }
  return run.length >= 2 ? run : [];
}

/** A call that is not paced, not ordered, not on one connection and not a Discord action (the checks `independentCall` makes of a loop's call). */
function sameCallIndependent(m: SnippetModel, call: PyNode): boolean {
  const callee = child(call, 'function');
  const calleeText = callee ? m.text(callee) : '';
  if (DELIBERATE.test(calleeText) || COMBINATOR.test(calleeText)) return false;
  if (callee?.type !== 'attribute') return true;
  const method = m.text(child(callee, 'attribute')!);
  const receiver = m.text(child(callee, 'object')!);
  if (ORDERED.test(method)) return false;
  const origin = m.originOf(child(callee, 'object')!) ?? '';
  const http = /aiohttp|httpx/.test(origin) || HTTP_VERBS.test(method);
  if (ONE_CONNECTION.test(receiver) && !http) return false;
  return !(m.classify(call).qname?.startsWith('discord.') && !/^fetch_/.test(method));
}

/** Statement lists that may run on the event loop: the top level (a piece cut from an async function, a notebook cell) and async function bodies. */
function statementLists(m: SnippetModel): PyNode[][] {
  const lists: PyNode[][] = [namedChildren(m.root)];
  for (const [node, fn] of m.byNode) {
    const body = child(node, 'body');
    if (fn.isAsync && body) lists.push(namedChildren(body));
  }
  return lists;
}

export const sequentialAwaits: Detector = (m, report) => {
  for (const statements of statementLists(m)) {
    for (let i = 0; i < statements.length; i++) {
      const run = sequenceAt(m, statements, i);
      if (run.length === 0) continue;
      const kind = m.scopeOf(run[0]!).kind;
      if (kind !== 'async' && kind !== 'unknown-async' && kind !== 'notebook') continue;
      const call = awaitedAssignment(m, run[0]!)!.call;
      const callee = m.text(child(call, 'function') ?? call);
      report(run[0]!, 'py.sequential-awaits', words('py.sequential-awaits.sequence', { count: run.length, call: callee }), 0.5, {
        start: m.at(run[0]!.start),
        end: m.at(run[run.length - 1]!.end),
        context: kind,
        shape: 'sequence',
        count: String(run.length),
      });
      i += run.length - 1;
    }
  }
  for (const aw of m.awaits) {
    const comp = aw.parent;
    if (!aw.named || !comp || !/^(list_comprehension|set_comprehension|dictionary_comprehension)$/.test(comp.type) || child(comp, 'body') !== aw) continue;
    const scope = m.scopeOf(comp);
    if (scope.kind !== 'async' && scope.kind !== 'notebook' && scope.kind !== 'unknown-async') continue;
    if (!comprehensionAwait(m, comp)) continue;
    const shown = m.text(namedChildren(aw)[0]!).split('\n')[0]!;
    report(comp, 'py.sequential-awaits', words('py.sequential-awaits.comprehension', { call: shown }), 0.5, {
      start: m.at(comp.start),
      end: m.at(comp.end),
      context: scope.kind,
      shape: 'comprehension',
    });
  }
  for (const loop of m.forStatements) {
    const scope = m.scopeOf(loop);
    const legacy = scope.kind === 'sync' && scope.fn?.decorators.some((d) => GENERATOR_COROUTINE.test(d)) === true;
    if (scope.kind !== 'async' && scope.kind !== 'notebook' && scope.kind !== 'unknown-async' && !legacy) continue;
    const shape = independentAwaits(m, loop, legacy);
    if (!shape) continue;
    const first = namedChildren(shape.awaits[0]!)[0]!;
    const shown = m.text(first).split('\n')[0]!;
    report(loop, 'py.sequential-awaits', words('py.sequential-awaits.loop', { call: shown }), 0.5, {
      start: m.at(loop.start),
      end: m.at(loop.end),
      context: scope.kind,
    });
  }
};
