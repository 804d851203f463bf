import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer } from '../types.js';
import { applyEdits, finish, indentAt, indentUnit, lineEndOf, lineStartOf, modelOf, findingsOf, d, orig, callAt, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

function reindent(text: string, fromIndent: string, toIndent: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : toIndent + (l.startsWith(fromIndent) ? l.slice(fromIndent.length) : l.trimStart())))
    .join('\n');
}

/** py.load-extension-setup-hook: discord.py 2 loads extensions and cogs once, awaited, in `setup_hook`. */
export const loadExtensionSetupHook: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  const unit = indentUnit(code);
  const findings = findingsOf(input, 'py.discord-setup-not-awaited');
  const calls = new Set<PyNode>();
  for (const f of findings) {
    const c = callAt(m, f);
    if (c) calls.add(c);
  }
  // Statements to move, keyed by their node, in document order.
  const moves = new Map<PyNode, { receiver: string; anchor: PyNode }>();
  for (const f of findings) {
    const problem = d(f, 'problem');
    if (problem === 'sync-setup') {
      const fn = [...(m.functions.get('setup') ?? [])].find((x) => m.at(x.defOffset) === d(f, 'fnDef'));
      if (!fn) continue;
      const at = orig(m, code, fn.defOffset);
      edits.push({ start: at, end: at, text: 'async ' });
      for (const c of m.calls) {
        if (m.scopeNode(c) !== fn.node) continue;
        const fx = c.children.find((x) => x.field === 'function');
        if (fx && /\.(add_cog|load_extension)$/.test(m.text(fx)) && m.usage(c).kind !== 'awaited') edits.push({ start: orig(m, code, c.start), end: orig(m, code, c.start), text: 'await ' });
      }
      notes.push(words('fix.py.async-setup'));
      continue;
    }
    const call = callAt(m, f);
    if (!call) continue;
    const scope = m.scopeOf(call);
    if (scope.kind === 'async' && scope.fn && scope.fn.name !== 'on_ready') {
      if (m.usage(call).kind !== 'awaited') {
        edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.start), text: 'await ' });
        notes.push(words('fix.py.added-await', { callee: d(f, 'callee') }));
      }
      continue;
    }
    // Climb to the statement to move: loops/ifs that only load extensions move whole.
    let stmt = m.statementOf(call);
    for (;;) {
      const block = stmt.parent;
      const compound = block?.type === 'block' ? block.parent : null;
      if (!compound || !/^(for_statement|if_statement|with_statement)$/.test(compound.type)) break;
      const t = m.text(compound);
      if (/\.(run|start)\(|\bdef\b/.test(t)) break;
      stmt = m.statementOf(compound);
    }
    const receiver = d(f, 'receiver');
    let anchor: PyNode | null = null;
    if (stmt.parent?.type === 'module') anchor = stmt;
    else if (scope.fn?.name === 'on_ready' && !scope.fn.className && m.scopeNode(scope.fn.node) === null) {
      anchor = scope.fn.node.parent?.type === 'decorated_definition' ? scope.fn.node.parent : scope.fn.node;
      // on_ready must keep a body.
      const body = stmt.parent;
      if (body?.type === 'block' && body.children.filter((c) => c.named && c.type !== 'comment').length === 1) {
        const s = orig(m, code, stmt.start);
        edits.push({ start: s, end: orig(m, code, stmt.end), text: 'pass' });
        moves.set(stmt, { receiver, anchor });
        continue;
      }
    }
    if (!anchor || !/^[A-Za-z_]\w*$/.test(receiver)) continue;
    moves.set(stmt, { receiver, anchor });
  }
  if (moves.size > 0) {
    const existing = (m.functions.get('setup_hook') ?? []).find((x) => x.isAsync && !x.className);
    const groups = new Map<PyNode, { receiver: string; stmts: PyNode[] }>();
    for (const [stmt, { receiver, anchor }] of moves) {
      const g = groups.get(anchor) ?? { receiver, stmts: [] };
      g.stmts.push(stmt);
      groups.set(anchor, g);
    }
    for (const [anchor, g] of groups) {
      const bodyLines: string[] = [];
      for (const stmt of g.stmts) {
        // The statement's text with every setup call in it awaited.
        const s = orig(m, code, stmt.start);
        const e = orig(m, code, stmt.end);
        const inner: Edit[] = [];
        for (const c of calls) {
          if (c.start >= stmt.start && c.end <= stmt.end && m.usage(c).kind !== 'awaited') {
            const cs = orig(m, code, c.start) - s;
            inner.push({ start: cs, end: cs, text: 'await ' });
          }
        }
        const moved = applyEdits(code.slice(s, e), inner);
        if (moved === null) return null;
        const ls = lineStartOf(code, s);
        const fromIndent = code.slice(ls, s);
        bodyLines.push(reindent(fromIndent + moved, fromIndent, existing ? indentAt(code, orig(m, code, existing.node.children.find((c) => c.field === 'body')!.start)) : unit));
        const alreadyPass = edits.some((x) => x.start === s && x.text === 'pass');
        if (!alreadyPass) {
          const onlyOnLine = code.slice(ls, s).trim() === '' && code.slice(e, lineEndOf(code, e)).trim() === '';
          if (!onlyOnLine) return null;
          edits.push({ start: ls, end: Math.min(code.length, lineEndOf(code, e) + 1), text: '' });
        }
      }
      if (existing) {
        const end = orig(m, code, existing.node.end);
        edits.push({ start: end, end, text: '\n' + bodyLines.join('\n') });
      } else {
        const a = orig(m, code, anchor.start);
        const ls = lineStartOf(code, a);
        const last = g.stmts[g.stmts.length - 1]!;
        const after = lineEndOf(code, orig(m, code, last.end)) + 1;
        const nextBlank = after < code.length && code.slice(after, lineEndOf(code, after)).trim() === '';
        edits.push({ start: ls, end: ls, text: `@${g.receiver}.event\nasync def setup_hook():\n${bodyLines.join('\n')}\n${nextBlank ? '' : '\n'}` });
      }
      notes.push(words('fix.py.into-setup-hook'));
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, edits), notes);
};
