/**
 * Closing a pool while its workers are still starting ends cleanly. On Node 20.19+ piscina loads
 * a worker's ES module with require(), and a worker terminated while that synchronous load links
 * its module graph aborted the whole process ("FATAL ERROR: v8::Module::IsGraphAsync"): the
 * way `awaitbot console` died now and then after answering one paste, when it closed the pool
 * before the second worker had started. The workers load with import() instead (see
 * worker-exec-argv.ts).
 *
 * The window is the linking of the worker's module graph, so the workers here load a long chain
 * of modules, and each pool is closed at a different moment across the load: a child process
 * first times one full start, then closes pools from 40 % of that time to all of it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'awaitbot-pool-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modules = 1_500;
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
mkdirSync(join(dir, 'm'));
for (let i = 0; i < modules; i++) {
  writeFileSync(join(dir, 'm', `${i}.js`), `${i + 1 < modules ? `import './${i + 1}.js';\n` : ''}export const v${i} = ${i};\n`);
}
const workerFile = join(dir, 'worker.js');
writeFileSync(workerFile, "import './m/0.js';\nexport default function answer(task) { return task; }\n");

const dist = (file: string) => pathToFileURL(fileURLToPath(new URL(`../../dist/engine-pool/${file}`, import.meta.url))).href;

/** Runs in a child process, after `makePool` has defined `pool()`: a pool starting its worker, with `warm()` settling once that worker has answered. */
function closeAcrossTheStart(makePool: string) {
  const script = `
    ${makePool}
    const t0 = performance.now();
    const first = pool();
    await first.warm();
    const started = performance.now() - t0;
    await first.close();
    const steps = 36;
    for (let i = 0; i < steps; i++) {
      const p = pool();
      await new Promise((r) => setTimeout(r, started * (0.4 + (0.6 * i) / steps)));
      await p.close();
    }
    console.log('closed ' + (steps + 1) + ' pools');
  `;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
}

describe('a worker pool closed while its workers start (the batch pool uses the same worker flags)', () => {
  it('the diagnosis pool ends without aborting the process', () => {
    const r = closeAcrossTheStart(`
      const { DiagnosisPool } = await import(${JSON.stringify(dist('pool.js'))});
      const pool = () => {
        const p = new DiagnosisPool([], { budgetMs: 60_000, threads: 1, filename: ${JSON.stringify(workerFile)} });
        // The stand-in worker answers nothing a diagnosis is made of: only the wait for it counts.
        const answered = p.diagnose('').catch(() => null);
        return { warm: () => answered, close: () => p.close() };
      };
    `);
    expect(r.stderr).not.toContain('FATAL ERROR');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('closed 37 pools');
  }, 150_000);
});

describe("a worker pool started by a process with V8's own flags", () => {
  it('starts its workers and answers: the flags a worker refuses are not passed on', () => {
    // bench/ runs with these; a worker given them explicitly throws ERR_WORKER_INVALID_EXEC_ARGV.
    const script = `
      const { BatchPool } = await import(${JSON.stringify(dist('batch-pool.js'))});
      const pool = new BatchPool(1, ${JSON.stringify(workerFile)});
      const line = await pool.answer('x', 1);
      await pool.close();
      console.log('answered ' + JSON.stringify(line));
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '--enable-experimental-regexp-engine-on-excessive-backtracks', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV');
    expect(r.status).toBe(0);
    // The stand-in worker hands the task back: the line went through a worker and came home.
    expect(r.stdout).toContain('answered');
    expect(r.stdout).toContain('lineNo');
  }, 150_000);
});
