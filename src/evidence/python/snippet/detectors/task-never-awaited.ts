/** py.task-never-awaited: a task kept in a variable that nothing awaits, gathers or cancels. */
import { isInside, identifiersAfter, calleeQ } from '../lifecycle.js';
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData, code } from './shared.js';
import { words } from '../../../types.js';

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
      words('py.task-never-awaited', { name, function: scope.fn.name }),
      0.8,
      data,
    );
  }
};
