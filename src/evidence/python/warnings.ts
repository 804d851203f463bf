/**
 * Python warning lines: `app.py:12: RuntimeWarning: coroutine 'f' was never
 * awaited` (plus the source line under it), `sys:1: RuntimeWarning: …`, and
 * bare `RuntimeWarning: …` lines as pytest's summary and loggers print them.
 */
import type { WarningLine } from '../types.js';

const located = /^\s*(\S.*?):(\d+): ([A-Z]\w*Warning): (.*)$/;
const bare = /(?<![\w.])([A-Z]\w*Warning): (.+)$/;

export function parsePythonWarnings(lines: readonly string[], skip: ReadonlySet<number>): WarningLine[] {
  const warnings: WarningLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (skip.has(i) || !line.includes('Warning: ') || line.includes('(node:')) continue;
    const m = located.exec(line);
    if (m) {
      const next = lines[i + 1];
      // Python prints the offending source line indented under the warning.
      const source = next && /^\s{2,}\S/.test(next) && !next.includes('Warning: ') ? next.trim() : null;
      warnings.push({ language: 'python', category: m[3]!, message: m[4]!.trim(), file: m[1]!, line: Number(m[2]), source, lineIndex: i });
      continue;
    }
    const b = bare.exec(line);
    if (b) warnings.push({ language: 'python', category: b[1]!, message: b[2]!.trim(), file: null, line: null, source: null, lineIndex: i });
  }
  return warnings;
}
