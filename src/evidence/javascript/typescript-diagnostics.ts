/**
 * TypeScript diagnostics in the forms people paste: `tsc --pretty false`
 * (`file(3,5): error TS1308: …`), `tsc --pretty` (`file:3:5 - error TS1308: …`),
 * a bare `error TS1308: …`, and VS Code's hover (`… ts(1308)`).
 * Locations are cut out by hand around fixed markers, so nothing here can
 * backtrack on a hostile line.
 */
import type { TsDiagnostic } from '../types.js';

const codeAtStart = /^error TS(\d{1,5}): /;
const vscode = /ts\((\d{4,5})\)$/;
const lineCol = /^\d{1,7}$/;

function location(prefix: string): { file: string | null; line: number | null; column: number | null } {
  // `file(3,5)`
  if (prefix.endsWith(')')) {
    const open = prefix.lastIndexOf('(');
    const [l, c] = prefix.slice(open + 1, -1).split(',');
    if (open >= 0 && l && c && lineCol.test(l) && lineCol.test(c)) return { file: prefix.slice(0, open).trim() || null, line: Number(l), column: Number(c) };
  }
  // `file:3:5`
  const parts = prefix.split(':');
  const c = parts.pop();
  const l = parts.pop();
  if (l && c && lineCol.test(l) && lineCol.test(c)) return { file: parts.join(':').trim() || null, line: Number(l), column: Number(c) };
  return { file: null, line: null, column: null };
}

export function parseTypeScriptDiagnostics(lines: readonly string[]): TsDiagnostic[] {
  const out: TsDiagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = line.indexOf('error TS');
    if (at >= 0) {
      const m = codeAtStart.exec(line.slice(at));
      if (!m) continue;
      let prefix = line.slice(0, at).trimEnd();
      if (prefix.endsWith(' -')) prefix = prefix.slice(0, -2);
      if (prefix.endsWith(':')) prefix = prefix.slice(0, -1);
      out.push({ ...location(prefix), code: Number(m[1]), message: line.slice(at + m[0].length).trim(), lineIndex: i });
    } else if (line.includes('ts(')) {
      const t = line.trimEnd();
      const v = vscode.exec(t);
      if (v) out.push({ file: null, line: null, column: null, code: Number(v[1]), message: t.slice(0, v.index).trim(), lineIndex: i });
    }
  }
  return out;
}
