import type { Fixer, FixInput, FixOutput } from '../types.js';
import type { SnippetModel } from '../../evidence/python/snippet/index.js';
import { child } from '../../evidence/python/snippet/model.js';
import { applyEdits, finish, lineEndOf, lineStartOf, modelOf, findingsOf, d, orig, callAt, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/**
 * The one line a `There is no current event loop` warning quotes (no code block):
 * `asyncio.get_event_loop().run_until_complete(main())` becomes `asyncio.run(main())`. The warning
 * says no loop was running where the line ran, so asyncio.run fits there whatever encloses it.
 */
function runQuotedLine(input: FixInput, m: SnippetModel): FixOutput | null {
  const code = input.code;
  const edits: Edit[] = [];
  for (const call of m.calls) {
    const attr = child(call, 'function');
    const method = attr?.type === 'attribute' ? child(attr, 'attribute') : null;
    const loop = attr?.type === 'attribute' ? child(attr, 'object') : null;
    if (!method || m.text(method) !== 'run_until_complete' || loop?.type !== 'call' || !/^(asyncio\.)?get_event_loop$/.test(m.text(child(loop, 'function') ?? loop))) continue;
    const args = child(call, 'arguments');
    if (!args || args.children.filter((c) => c.named).length !== 1) continue;
    edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.end), text: `asyncio.run(${m.text(args).slice(1, -1).trim()})` });
  }
  return edits.length === 1 ? finish(input, applyEdits(code, edits), [words('fix.py.started-with-asyncio-run')]) : null;
}

/** py.use-asyncio-run: `loop = asyncio.get_event_loop(); loop.run_until_complete(main())` → `asyncio.run(main())`. */
export const useAsyncioRun: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  if (input.excerpt) return runQuotedLine(input, m);
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.get-event-loop-top-level')) {
    if (d(f, 'context') !== 'module') continue;
    const call = callAt(m, f);
    if (!call) continue;
    const variable = d(f, 'variable');
    if (!variable) {
      // asyncio.get_event_loop().run_until_complete(x)
      const attr = call.parent;
      const outer = attr?.parent;
      if (attr?.type !== 'attribute' || outer?.type !== 'call') continue;
      const method = attr.children.find((c) => c.field === 'attribute');
      if (!method || m.text(method) !== 'run_until_complete') continue;
      const args = outer.children.find((c) => c.field === 'arguments');
      if (!args) continue;
      edits.push({ start: orig(m, code, outer.start), end: orig(m, code, outer.end), text: `asyncio.run(${m.text(args).slice(1, -1).trim()})` });
      notes.push(words('fix.py.started-with-asyncio-run'));
      continue;
    }
    if (!/^[A-Za-z_]\w*$/.test(variable)) continue;
    const assignStmt = m.statementOf(call);
    if (assignStmt.parent?.type !== 'module') continue;
    let runs = 0;
    let safe = true;
    const local: Edit[] = [];
    for (const id of m.identifiers) {
      if (m.text(id) !== variable || id.start < assignStmt.end) continue;
      const attr = id.parent;
      const outer = attr?.parent;
      const method = attr?.type === 'attribute' && id.field === 'object' ? attr.children.find((c) => c.field === 'attribute') : null;
      if (!method || outer?.type !== 'call' || m.usage(outer).kind !== 'bare') {
        safe = false;
        break;
      }
      const stmt = m.statementOf(outer);
      const name = m.text(method);
      if (name === 'run_until_complete' && stmt.parent?.type === 'module') {
        const args = outer.children.find((c) => c.field === 'arguments');
        if (!args) {
          safe = false;
          break;
        }
        runs++;
        local.push({ start: orig(m, code, outer.start), end: orig(m, code, outer.end), text: `asyncio.run(${m.text(args).slice(1, -1).trim()})` });
      } else if (name === 'close' && stmt.parent?.type === 'module') {
        const s = orig(m, code, stmt.start);
        local.push({ start: lineStartOf(code, s), end: Math.min(code.length, lineEndOf(code, s) + 1), text: '' });
      } else {
        safe = false;
        break;
      }
    }
    if (!safe || runs !== 1) continue;
    const s = orig(m, code, assignStmt.start);
    edits.push({ start: lineStartOf(code, s), end: Math.min(code.length, lineEndOf(code, s) + 1), text: '' }, ...local);
    notes.push(words('fix.py.replaced-loop', { variable }));
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};
