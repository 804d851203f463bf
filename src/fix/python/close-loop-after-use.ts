import { identifiersAfter, isBinding, nearestLoop } from '../../evidence/python/snippet/lifecycle.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer } from '../types.js';
import { applyEdits, finish, indentAt, lineEndOf, lineStartOf, modelOf, findingsOf, d, orig, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** py.close-loop-after-use: `loop.close()` moves below the loop's last use (or out of the `for` that reuses the loop). */
export const closeLoopAfterUse: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.loop-used-after-run')) {
    if (d(f, 'problem') !== 'closed') continue;
    const name = d(f, 'variable');
    const cs = m.offsetAt(d(f, 'closeStart'));
    const close = cs < 0 ? null : m.nodeAt(cs, 'call', m.offsetAt(d(f, 'closeEnd')));
    if (!close || !name) continue;
    const stmt = m.statementOf(close);
    if (stmt.type !== 'expression_statement' || stmt.children[0] !== close) continue;
    const s = orig(m, code, stmt.start);
    const e = orig(m, code, stmt.end);
    const ls = lineStartOf(code, s);
    if (code.slice(ls, s).trim() !== '' || code.slice(e, lineEndOf(code, e)).trim() !== '') continue;
    const scope = m.scopeNode(close);
    // Where the close goes: after the `for` that reuses the loop, or after the last statement (in the close's own block) that mentions the loop.
    let after: PyNode | null = null;
    if (d(f, 'nextPass') === 'true') {
      const loop = nearestLoop(close, scope);
      if (loop && stmt.parent?.parent === loop && m.statementOf(loop) === loop) after = loop;
    } else {
      for (const id of identifiersAfter(m, stmt.end, scope)) {
        if (m.text(id) !== name || m.scopeNode(id) !== scope) continue;
        if (isBinding(id)) break;
        let top: PyNode = id;
        while (top.parent && top.parent !== stmt.parent) top = top.parent;
        after = top.parent === stmt.parent ? top : null;
        if (!after) break;
      }
    }
    if (!after) continue;
    const at = Math.min(code.length, lineEndOf(code, orig(m, code, after.end)) + 1);
    const line = `${indentAt(code, orig(m, code, after.start))}${name}.close()\n`;
    edits.push({ start: ls, end: Math.min(code.length, lineEndOf(code, e) + 1), text: '' });
    edits.push({ start: at, end: at, text: at === code.length && !code.endsWith('\n') ? '\n' + line : line });
    notes.push(words('fix.py.close-after-use', { name }));
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};
