/**
 * py.django-sync-to-async: a Django query run from async code goes through
 * `sync_to_async`, which runs it in a worker thread and awaits the result —
 * valid on every Django version with async support (3.0+):
 * `Book.objects.get(pk=1)` → `await sync_to_async(Book.objects.get)(pk=1)`,
 * `len(qs)` → `await sync_to_async(len)(qs)`,
 * `for b in qs:` → `for b in await sync_to_async(list)(qs):`.
 */
import type { Fixer } from '../types.js';
import { applyEdits, d, finish, findingsOf, importLine, offsetOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

const IMPORTED = /^[ \t]*from[ \t]+asgiref\.sync[ \t]+import[^\n]*\bsync_to_async\b/m;

export const djangoSyncToAsync: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.django-orm-in-async')) {
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    if (start < 0 || end < start) continue;
    if (d(f, 'kind') === 'iterate') {
      edits.push({ start, end: start, text: 'await sync_to_async(list)(' }, { start: end, end, text: ')' });
      notes.push(words('fix.py.django-rows', { query: code.slice(start, end) }));
      continue;
    }
    const calleeEnd = offsetOf(code, d(f, 'calleeEnd'));
    if (calleeEnd < start || calleeEnd > end) continue;
    const wrap = d(f, 'wrap') === 'paren';
    edits.push({ start, end: start, text: wrap ? '(await sync_to_async(' : 'await sync_to_async(' }, { start: calleeEnd, end: calleeEnd, text: ')' });
    if (wrap) edits.push({ start: end, end, text: ')' });
    notes.push(words('fix.py.django-thread', { callee: d(f, 'callee') }));
  }
  if (edits.length === 0) return null;
  if (!IMPORTED.test(code)) {
    const imp = importLine(code, 'from asgiref.sync import sync_to_async');
    if (imp) edits.push(imp);
    else notes.push(words('fix.py.django-import'));
  }
  return finish(input, applyEdits(code, edits), notes);
};
