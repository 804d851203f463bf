/**
 * py.primitive-across-runs: an asyncio primitive made before one `asyncio.run()` and used in the
 * next; or an object of the running loop (a client or connection opened with `async with`, an
 * awaited connection, an asyncio primitive) handed to a coroutine that `asyncio.run` starts on a
 * new loop in a worker thread (`run_in_executor(pool, asyncio.run, fetch(client))`).
 */
import { shortCall, calleeQ, asyncioRuns, secondRun, refersToModule } from '../lifecycle.js';
import { child, namedChildren, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData, keywordArg, pastePythonMinor, positionalArgs } from './shared.js';
import { words, type Words } from '../../../types.js';

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

export const primitiveAcrossRuns: Detector = (m, report) => {
  runInWorkerThread(m, report);
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
    let where: Words;
    let usedName: string;
    let after: PyNode;
    if (scope.kind === 'module' && u.targetNode.type === 'identifier') {
      usedName = u.target;
      where = words('py.where.module-level');
      after = m.statementOf(call);
      if (!m.identifiers.some((id) => id.start > after.end && m.text(id) === usedName && m.scopeNode(id) !== null && refersToModule(m, usedName, id))) continue;
    } else if (scope.kind === 'sync' && scope.fn?.name === '__init__' && scope.fn.className && u.targetNode.type === 'attribute' && u.target.startsWith('self.')) {
      usedName = u.target.slice(5);
      const cls = scope.fn.className;
      const instance = m.calls.find((c) => m.scopeNode(c) === null && m.text(child(c, 'function') ?? c) === cls);
      if (!instance) continue;
      where = words('py.where.init-at-module-level', { cls, line: m.line(instance) });
      after = m.statementOf(instance);
      const usedElsewhere = m.identifiers.some((id) => m.text(id) === usedName && id.field === 'attribute' && id.parent?.type === 'attribute' && m.scopeNode(id) !== scope.node);
      if (!usedElsewhere) continue;
    } else continue;
    runs ??= asyncioRuns(m);
    const second = secondRun(m, runs, after);
    minor ??= pastePythonMinor(m);
    const oldPython = minor !== null && minor < 10 && runs.some((r) => m.scopeNode(r) !== null || r.start > after.end);
    if (!second && !oldPython) continue;
    const data = callData(m, call);
    data.variable = u.target;
    data.problem = second ? 'two-runs' : 'old-python';
    const kind = q.slice('asyncio.'.length);
    const why = second ? words('py.primitive-across-runs.two-runs', { line: m.line(second), kind }) : words('py.primitive-across-runs.old-python', { minor: minor ?? '', kind });
    report(call, 'py.primitive-across-runs', words('py.primitive-across-runs', { made: u.target + ' = ' + shortCall(m, call), where, why }), second ? 0.8 : 0.75, data);
  }
};

/** The callable and its first argument when a call hands work to a worker thread. */
function workerHandOff(m: SnippetModel, call: PyNode): { fn: PyNode; arg: PyNode | undefined } | null {
  const f = child(call, 'function');
  if (!f) return null;
  const args = positionalArgs(call);
  const q = calleeQ(m, call);
  if (q === 'asyncio.to_thread') return args[0] ? { fn: args[0], arg: args[1] } : null;
  if (q === 'threading.Thread') {
    const target = keywordArg(m, call, 'target');
    const tuple = keywordArg(m, call, 'args');
    const items = tuple ? child(tuple, 'value') : null;
    return target ? { fn: child(target, 'value')!, arg: items && /^(tuple|list)$/.test(items.type) ? namedChildren(items)[0] : undefined } : null;
  }
  if (f.type !== 'attribute') return null;
  const method = m.text(child(f, 'attribute')!);
  if (method === 'run_in_executor') return args[1] ? { fn: args[1], arg: args[2] } : null;
  if (method === 'submit') return args[0] ? { fn: args[0], arg: args[1] } : null;
  return null;
}

/** Why a name in an async function belongs to its running loop, or null. */
function loopBound(m: SnippetModel, name: PyNode): Words | null {
  const text = m.text(name);
  const scope = m.scopeNode(name);
  for (const w of m.withStatements) {
    if (m.scopeNode(w) !== scope || !w.children.some((c) => !c.named && c.type === 'async') || w.start > name.start) continue;
    const clause = w.children.find((c) => c.type === 'with_clause');
    for (const item of clause ? namedChildren(clause) : []) {
      const value = child(item, 'value');
      const target = value?.type === 'as_pattern' ? child(value, 'alias') : null;
      if (target && m.text(target) === text) return words('py.bound.async-with');
    }
  }
  const origin = m.originOf(name) ?? '';
  if (PRIMITIVES.has(origin)) return words('py.bound.primitive', { type: origin });
  if (origin.startsWith('await:')) return words('py.bound.awaited');
  if (/^(aiohttp\.ClientSession|httpx\.AsyncClient)$/.test(origin)) return words('py.bound.client', { type: origin });
  return null;
}

function runInWorkerThread(m: SnippetModel, report: Parameters<Detector>[1]): void {
  for (const call of m.calls) {
    if (m.scopeOf(call).kind !== 'async') continue;
    const handOff = workerHandOff(m, call);
    if (!handOff || handOff.arg?.type !== 'call' || m.resolve(handOff.fn) !== 'asyncio.run') continue;
    const coro = handOff.arg;
    for (const a of positionalArgs(coro).concat(namedChildren(child(coro, 'arguments') ?? coro).filter((x) => x.type === 'keyword_argument').map((x) => child(x, 'value')!))) {
      if (a.type !== 'identifier') continue;
      const why = loopBound(m, a);
      if (!why) continue;
      const data = callData(m, call);
      data.variable = m.text(a);
      data.problem = 'run-in-thread';
      report(call, 'py.primitive-across-runs', words('py.primitive-across-runs.thread', { coro: m.text(coro), name: m.text(a), why }), 0.75, data);
      break;
    }
  }
}
