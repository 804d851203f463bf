/** py.primitive-across-runs: an asyncio primitive made before one `asyncio.run()` and used in the next. */
import { shortCall, calleeQ, asyncioRuns, secondRun, refersToModule } from '../lifecycle.js';
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData, code } from './shared.js';

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
