/** Compiles src/ to dist/ once per test run, so spawned CLI and bot processes run the code under test. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    // Type errors are reported by `tsc --noEmit` in `npm test`; tsc still emits, so tests can run.
    if (!existsSync(`${root}/dist/cli/main.js`)) throw e;
  }
}
