import { identifiersAfter, isBinding } from '../../evidence/python/snippet/lifecycle.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer } from '../types.js';
import { applyEdits, finish, lineEndOf, lineStartOf, modelOf, findingsOf, d, orig, callAt, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/**
 * py.await-coroutine-once: a coroutine object awaited twice is awaited once
 * where it is made and its result reused; one awaited on every pass of a
 * loop is made fresh inside the loop instead.
 */
export const awaitCoroutineOnce: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.coroutine-awaited-twice')) {
    const call = callAt(m, f);
    const name = d(f, 'variable');
    if (!call || !name) continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'async' && scope.kind !== 'notebook') continue;
    const stmt = m.statementOf(call);
    const assign = stmt.type === 'expression_statement' ? stmt.children[0] : null;
    if (assign?.type !== 'assignment' || assign.children.find((c) => c.field === 'right') !== call) continue;
    // Every later mention up to a rebinding must be a plain `await name` in the same function.
    const uses: { id: PyNode; awaitNode: PyNode }[] = [];
    let ok = true;
    for (const id of identifiersAfter(m, stmt.end, scope.node)) {
      if (m.text(id) !== name) continue;
      if (m.scopeNode(id) !== scope.node || isBinding(id)) {
        ok = m.scopeNode(id) === scope.node; // a closure reading it: leave it to the person
        break;
      }
      const u = m.usage(id);
      if (u.kind !== 'awaited' || id.parent !== u.node) {
        ok = false;
        break;
      }
      uses.push({ id, awaitNode: u.node });
    }
    if (!ok || uses.length === 0) continue;
    const callText = code.slice(orig(m, code, call.start), orig(m, code, call.end));
    if (d(f, 'inLoop') === 'true') {
      if (uses.length !== 1) continue;
      const s = orig(m, code, stmt.start);
      const e = orig(m, code, stmt.end);
      const ls = lineStartOf(code, s);
      if (code.slice(ls, s).trim() !== '' || code.slice(e, lineEndOf(code, e)).trim() !== '') continue;
      edits.push({ start: ls, end: Math.min(code.length, lineEndOf(code, e) + 1), text: '' });
      edits.push({ start: orig(m, code, uses[0]!.id.start), end: orig(m, code, uses[0]!.id.end), text: callText });
      notes.push(words('fix.py.fresh-each-pass', { call: callText, name }));
    } else {
      if (d(f, 'allAwaited') !== 'true') continue;
      edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.start), text: 'await ' });
      for (const u of uses) edits.push({ start: orig(m, code, u.awaitNode.start), end: orig(m, code, u.id.start), text: '' });
      notes.push(words('fix.py.awaited-once', { callee: d(f, 'callee'), name }));
    }
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};
