/** py.coroutine-as-value: a coroutine object used as if it were its result (read, compared, iterated). */
import { VALUE_SINKS } from '../known.js';
import type { SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData } from './shared.js';

/** Usage of a stored coroutine: the first later use of the variable in the same scope. */
function laterValueUse(m: SnippetModel, assignment: PyNode, name: string): { node: PyNode; how: string } | null {
  const scope = m.scopeNode(assignment);
  for (const id of m.identifiers) {
    if (id.start <= assignment.end || m.text(id) !== name || m.scopeNode(id) !== scope) continue;
    const u = m.usage(id);
    if (u.kind === 'value') return { node: id, how: u.how };
    if (u.kind === 'iterated') return { node: id, how: 'iterated' };
    if (u.kind === 'passed' && u.to && VALUE_SINKS.has(u.to)) return { node: id, how: `passed to ${u.to}()` };
    return null; // awaited, passed on, returned, stored: fine or unknowable
  }
  return null;
}

export const coroutineAsValue: Detector = (m, report) => {
  for (const call of m.calls) {
    const info = m.classify(call);
    if (info.kind !== 'coroutine') continue;
    const u = m.usage(call);
    let how: string | null = null;
    let useLine: number | null = null;
    let variable = '';
    if (u.kind === 'value') how = u.how === 'attribute' ? 'its attribute is read' : u.how === 'index' ? 'it is indexed' : u.how === 'format' ? 'it is formatted into a string' : u.how === 'condition' ? 'it is tested as a condition' : 'it is compared or computed with';
    else if (u.kind === 'iterated') how = 'it is iterated';
    else if (u.kind === 'passed' && u.to && VALUE_SINKS.has(u.to)) how = `it is passed to ${code(u.to + '()')}`;
    else if (u.kind === 'stored' && u.targetNode.type === 'identifier') {
      const later = laterValueUse(m, call, u.target);
      if (later) {
        variable = u.target;
        useLine = m.line(later.node);
        how = `${code(u.target)} is then used as a value on line ${useLine} (${later.how})`;
      }
    }
    if (!how) continue;
    const data = callData(m, call);
    if (variable) data.variable = variable;
    if (useLine) data.useLine = String(useLine);
    report(
      call,
      'py.coroutine-as-value',
      `${code(info.callee + '()')} returns a coroutine, not its result, because it is not awaited, and ${how}.`,
      Math.min(info.confidence, 0.9),
      data,
    );
  }
};
