/** py.coroutine-as-value: a coroutine object used as if it were its result (read, compared, iterated). */
import { VALUE_SINKS } from '../known.js';
import type { SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData } from './shared.js';
import { words, type Words } from '../../../types.js';
import type { WordKey } from '../../../../render/messages.js';

/** Usage of a stored coroutine: the first later use of the variable in the same scope. */
/** How a value is used, by the model's `how` (attribute, index, compare, format, condition). */
const VALUE_USE: Record<string, WordKey> = {
  attribute: 'py.value-use.attribute',
  index: 'py.value-use.index',
  compare: 'py.value-use.compare',
  format: 'py.value-use.format',
  condition: 'py.value-use.condition',
};
const COROUTINE_USE: Record<string, WordKey> = {
  attribute: 'py.coroutine-use.attribute',
  index: 'py.coroutine-use.index',
  compare: 'py.coroutine-use.compare',
  format: 'py.coroutine-use.format',
  condition: 'py.coroutine-use.condition',
};

function laterValueUse(m: SnippetModel, assignment: PyNode, name: string): { node: PyNode; how: Words } | null {
  const scope = m.scopeNode(assignment);
  for (const id of m.identifiers) {
    if (id.start <= assignment.end || m.text(id) !== name || m.scopeNode(id) !== scope) continue;
    const u = m.usage(id);
    if (u.kind === 'value') return { node: id, how: words(VALUE_USE[u.how] ?? 'py.value-use.compare') };
    if (u.kind === 'iterated') return { node: id, how: words('py.value-use.iterated') };
    if (u.kind === 'passed' && u.to && VALUE_SINKS.has(u.to)) return { node: id, how: words('py.value-use.passed', { to: u.to }) };
    return null; // awaited, passed on, returned, stored: fine or unknowable
  }
  return null;
}

export const coroutineAsValue: Detector = (m, report) => {
  for (const call of m.calls) {
    const info = m.classify(call);
    if (info.kind !== 'coroutine') continue;
    const u = m.usage(call);
    let how: Words | null = null;
    let useLine: number | null = null;
    let variable = '';
    if (u.kind === 'value') how = words(COROUTINE_USE[u.how] ?? 'py.coroutine-use.compare');
    else if (u.kind === 'iterated') how = words('py.coroutine-use.iterated');
    else if (u.kind === 'passed' && u.to && VALUE_SINKS.has(u.to)) how = words('py.coroutine-use.passed', { to: u.to });
    else if (u.kind === 'stored' && u.targetNode.type === 'identifier') {
      const later = laterValueUse(m, call, u.target);
      if (later) {
        variable = u.target;
        useLine = m.line(later.node);
        how = words('py.coroutine-use.later', { variable: u.target, line: useLine, how: later.how });
      }
    }
    if (!how) continue;
    const data = callData(m, call);
    if (variable) data.variable = variable;
    if (useLine) data.useLine = String(useLine);
    report(
      call,
      'py.coroutine-as-value',
      words('py.coroutine-as-value', { callee: info.callee, how }),
      Math.min(info.confidence, 0.9),
      data,
    );
  }
};
