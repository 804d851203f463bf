import type { Fixer } from '../types.js';
import { applyEdits, finish, indentAt, offsetOf, findingsOf, d, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

function freshName(code: string, candidates: string[]): string {
  for (const c of candidates) if (!new RegExp(`\\b${c}\\b`).test(code)) return c;
  return candidates[candidates.length - 1]! + '_ref';
}

/** py.keep-task-reference: keep the task in a set and drop it when done. */
export const keepTaskReference: Fixer = (input) => {
  const code = input.code;
  const findings = findingsOf(input, 'py.task-not-kept');
  if (findings.length === 0) return null;
  const firstCode = /^[ \t]*[^\s#`]/m.exec(code);
  if (firstCode && /^[ \t]/.test(firstCode[0])) return null; // an indented fragment: no module level to keep the set at
  const existing = /^(\w+)\s*=\s*set\(\)\s*$/m.exec(code);
  const setName = existing?.[1] && /task/i.test(existing[1]) ? existing[1] : freshName(code, ['background_tasks', 'running_tasks']);
  const taskVar = freshName(code, ['task', 'bg_task', 'new_task']);
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findings) {
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const stmtStart = offsetOf(code, d(f, 'stmtStart'));
    const stmtEnd = offsetOf(code, d(f, 'stmtEnd'));
    if (start !== stmtStart || end !== stmtEnd) continue; // e.g. `x(); asyncio.create_task(...)` on one line
    const indent = indentAt(code, start);
    const call = code.slice(start, end);
    edits.push({ start, end, text: `${taskVar} = ${call}\n${indent}${setName}.add(${taskVar})\n${indent}${taskVar}.add_done_callback(${setName}.discard)` });
    notes.push(words('fix.py.kept-task', { set: setName }));
  }
  if (edits.length === 0) return null;
  if (!existing || existing[1] !== setName) {
    // After the last top-level import, or at the top.
    let at = 0;
    const re = /^(import|from)\s[^\n]*(\n|$)/gm;
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(code))) {
      if (mm.index > (offsetOf(code, d(findings[0]!, 'start')) ?? 0)) break;
      at = mm.index + mm[0].length;
      if (!mm[0].endsWith('\n')) return null;
    }
    edits.push({ start: at, end: at, text: at > 0 ? `\n${setName} = set()\n` : `${setName} = set()\n\n` });
  }
  return finish(input, applyEdits(code, edits), notes);
};
