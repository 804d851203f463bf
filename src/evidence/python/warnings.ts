/**
 * Python warning lines: `app.py:12: RuntimeWarning: coroutine 'f' was never
 * awaited` (plus the source line under it), `sys:1: RuntimeWarning: …`, and
 * bare `RuntimeWarning: …` lines as pytest's summary and loggers print them.
 */
import type { WarningLine } from '../types.js';

const category = /^[A-Z]\w*Warning$/;
const lineNumber = /^\d{1,7}$/;

/** Cuts `file:line: CategoryWarning: message` around its fixed markers (no backtracking regex). */
function splitWarning(line: string): { file: string | null; line: number | null; category: string; message: string } | null {
  const at = line.indexOf('Warning: ');
  if (at < 0) return null;
  let start = at;
  while (start > 0 && /\w/.test(line[start - 1]!)) start--;
  const cat = line.slice(start, at + 7);
  if (!category.test(cat)) return null;
  const message = line.slice(at + 9).trim();
  const prefix = line.slice(0, start).trim();
  if (prefix.endsWith(':')) {
    const loc = prefix.slice(0, -1);
    const colon = loc.lastIndexOf(':');
    if (colon > 0 && lineNumber.test(loc.slice(colon + 1))) return { file: loc.slice(0, colon).trim(), line: Number(loc.slice(colon + 1)), category: cat, message };
  }
  return { file: null, line: null, category: cat, message };
}

export function parsePythonWarnings(lines: readonly string[], skip: ReadonlySet<number>): WarningLine[] {
  const warnings: WarningLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (skip.has(i) || !line.includes('Warning: ') || line.includes('(node:')) continue;
    const w = splitWarning(line);
    if (!w || !w.message) continue;
    const next = lines[i + 1];
    // Python prints the offending source line indented under a located warning.
    const source = w.file && next && /^\s{2,}\S/.test(next) && !next.includes('Warning: ') ? next.trim() : null;
    warnings.push({ language: 'python', ...w, source, lineIndex: i });
  }
  return warnings;
}
