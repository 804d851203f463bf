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
 * make the calls depend on each other.
 */
import { isBinding } from '../lifecycle.js';
import { child, namedChildren, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, GENERATOR_COROUTINE } from './shared.js';

/** Callee words that say the wait is the point. */
const DELIBERATE = /sleep|delay|wait|timeout|retry|throttle|limit|lock|acquire|semaphore|backoff/i;
/** Methods whose calls must keep their order: messages, streams, sockets, queues. */
const ORDERED = /^(send|send_message|reply|respond|edit|edit_message|delete|add_reaction|remove_reaction|pin|followup|defer|purge|write|writelines|drain|read|readline|readexactly|readuntil|recv|receive|receive_json|receive_text|receive_bytes|send_json|send_text|send_bytes|send_str|put|get_nowait|put_nowait|join|publish|ack|nack|commit|rollback|flush|refresh|execute|executemany|fetch|fetchrow|fetchval|fetchone|fetchall|fetchmany|scalar|scalars|stream|merge|add_roles|remove_roles|kick|ban|move_to|create_text_channel|create_role)$/;
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
  for (const aw of awaits) if (!independentCall(m, aw, local, bound, repeats)) return null;
  return { loop, body, names, awaits };
}

/**
 * One awaited call of a turn is independent of the other turns: no pacing, no ordered or
 * one-connection receiver, and it uses this turn's own values (or is an HTTP request a counting
 * loop repeats). `local`: the loop's names; `bound`: names the turn binds, by first offset.
 */
function independentCall(m: SnippetModel, aw: PyNode, local: Set<string>, bound: Map<string, number>, repeats: boolean): boolean {
  const inner = namedChildren(aw)[0];
  if (!inner) return false;
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

export const sequentialAwaits: Detector = (m, report) => {
  for (const aw of m.awaits) {
    const comp = aw.parent;
    if (!aw.named || !comp || !/^(list_comprehension|set_comprehension|dictionary_comprehension)$/.test(comp.type) || child(comp, 'body') !== aw) continue;
    const scope = m.scopeOf(comp);
    if (scope.kind !== 'async' && scope.kind !== 'notebook' && scope.kind !== 'unknown-async') continue;
    if (!comprehensionAwait(m, comp)) continue;
    const shown = m.text(namedChildren(aw)[0]!).split('\n')[0]!;
    report(comp, 'py.sequential-awaits', `Tip: this comprehension waits for ${code(shown)} on each item before starting the next; the calls look independent, so ${code('await asyncio.gather(…)')} could run them together (it keeps their order).`, 0.5, {
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
    report(loop, 'py.sequential-awaits', `Tip: this loop waits for ${code(shown)} on each item before starting the next; the calls look independent, so ${code('await asyncio.gather(…)')} could run them together.`, 0.5, {
      start: m.at(loop.start),
      end: m.at(loop.end),
      context: scope.kind,
    });
  }
};
