/** Runs a Python script with the real python3, for fixer tests that check a fixed program runs. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `code` to a script.py of its own, hands its path to `use`, and removes it after. */
function withScript<T>(code: string, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'awaitbot-py-'));
  try {
    const file = join(dir, 'script.py');
    writeFileSync(file, code);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The script's stdout, or, when it fails, what it printed to stderr (its traceback); trimmed. */
export function runPythonScript(code: string): string {
  return withScript(code, (file) => {
    try {
      return execFileSync('python3', [file], { encoding: 'utf8', stdio: 'pipe' }).trim();
    } catch (e) {
      return String((e as { stderr: string }).stderr).trim();
    }
  });
}

/** What the script printed to stderr (warnings included), whether it failed or not. */
export function pythonStderr(code: string): string {
  return withScript(code, (file) => spawnSync('python3', [file], { encoding: 'utf8' }).stderr);
}
