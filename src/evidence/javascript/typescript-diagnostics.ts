/**
 * TypeScript diagnostics in the forms people paste: `tsc --pretty false`
 * (`file(3,5): error TS1308: …`), `tsc --pretty` (`file:3:5 - error TS1308: …`),
 * a bare `error TS1308: …`, and VS Code's hover (`… ts(1308)`).
 */
import type { TsDiagnostic } from '../types.js';

const plain = /^(.*?)\((\d+),(\d+)\): error TS(\d+): (.*)$/;
const pretty = /^(.*?):(\d+):(\d+) - error TS(\d+): (.*)$/;
const bare = /\berror TS(\d+): (.*)$/;
const vscode = /^(.*?)\s*ts\((\d{4,5})\)\s*$/;

export function parseTypeScriptDiagnostics(lines: readonly string[]): TsDiagnostic[] {
  const out: TsDiagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('error TS')) {
      const m = plain.exec(line) ?? pretty.exec(line);
      if (m) {
        out.push({ file: m[1]!.trim() || null, line: Number(m[2]), column: Number(m[3]), code: Number(m[4]), message: m[5]!.trim(), lineIndex: i });
        continue;
      }
      const b = bare.exec(line);
      if (b) out.push({ file: null, line: null, column: null, code: Number(b[1]), message: b[2]!.trim(), lineIndex: i });
    } else if (line.includes('ts(')) {
      const v = vscode.exec(line);
      if (v) out.push({ file: null, line: null, column: null, code: Number(v[2]), message: v[1]!.trim(), lineIndex: i });
    }
  }
  return out;
}
