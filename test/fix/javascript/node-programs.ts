/** What the JS fixer tests share: a fixer run on the findings the analyser makes, and the fixed program run by real Node. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { Evidence } from '../../../src/evidence/types.js';
import { analyzeJavaScript } from '../../../src/evidence/javascript/snippet/index.js';
import { javascriptFixers } from '../../../src/fix/javascript/index.js';

const NO_HINTS = { coroutineNames: [], lines: [], notebook: false };

/** The fixer `fixer` on the code's findings of `detectors` (there must be some). */
export function fixWith(fixer: string, detectors: readonly string[], code: string) {
  const findings = analyzeJavaScript(code, 0, NO_HINTS).filter((f) => detectors.includes(f.detector));
  expect(findings.length).toBeGreaterThan(0);
  return javascriptFixers[fixer]!({ code, language: 'javascript', findings, evidence: {} as Evidence });
}

/** A temporary folder for the programs of one test file, removed after it, and a runner that prints what Node printed. */
export function nodeRunner(prefix: string): (code: string, name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (code, name) => {
    const file = join(dir, name);
    writeFileSync(file, code);
    return execFileSync(process.execPath, [file], { encoding: 'utf8', cwd: dir }).trim();
  };
}
