/**
 * The diagnosis worker pool, with real worker threads running the compiled
 * engine (dist/, built by the global setup): answers cross the thread
 * boundary with this process's Rule objects, a paste over budget is stopped
 * and answered as too complex, and the pool goes on answering.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { DiagnosisPool } from '../../src/engine-pool/pool.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const filename = fileURLToPath(new URL('../../dist/engine-pool/worker.js', import.meta.url));
const rules = loadKnowledge();
const floating = "```js\nclient.on('interactionCreate', async (interaction) => {\n  interaction.reply('Pong!');\n});\n```";
const secret = 'ghp_' + 'a1B2c3D4e5'.repeat(4);
// The issue's own paste: 2^n work in the TypeScript parser when nothing bounds it.
const hostile = '```js\n' + '(async (x)\n'.repeat(22) + '```\nmy token is ' + secret;

const pools: DiagnosisPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

/** A pool whose workers run without the engine's step bounds, so only the budget can stop the hostile paste. */
function unboundedPool(budgetMs: number, threads: number): DiagnosisPool {
  const pool = new DiagnosisPool(rules, { budgetMs, threads, filename, analysisLimits: false });
  pools.push(pool);
  return pool;
}

describe('the diagnosis pool', () => {
  it("answers with this process's own Rule objects, and the user's fix", async () => {
    const pool = new DiagnosisPool(rules, { budgetMs: 10_000, threads: 1, filename });
    pools.push(pool);
    const outcome = await pool.diagnose(floating);
    expect(outcome.kind).toBe('diagnosis');
    if (outcome.kind !== 'diagnosis') return;
    const best = outcome.diagnosis.matches[0]!;
    expect(best.rule).toBe(rules.find((r) => r.id === 'js/floating-promise'));
    expect(best.fix?.code).toContain("await interaction.reply('Pong!')");
  });

  it("answers every fixture paste exactly as the engine does in this thread (nothing lost crossing threads)", async () => {
    const pool = new DiagnosisPool(rules, { budgetMs: 60_000, threads: 1, filename });
    pools.push(pool);
    const engine = await createEngine();
    const dir = fileURLToPath(new URL('../fixtures/cases/', import.meta.url));
    const pastes = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(pastes.length).toBeGreaterThan(100);
    for (const paste of pastes) {
      const outcome = await pool.diagnose(paste);
      expect(outcome.kind).toBe('diagnosis');
      if (outcome.kind !== 'diagnosis') return;
      // The time each took is the only thing allowed to differ.
      expect({ ...outcome.diagnosis, elapsedMs: 0 }).toStrictEqual({ ...engine.diagnose(paste), elapsedMs: 0 });
    }
  }, 120_000);

  it('turns the hostile paste away before parsing when the step bounds are on', async () => {
    const pool = new DiagnosisPool(rules, { budgetMs: 10_000, threads: 1, filename });
    pools.push(pool);
    const outcome = await pool.diagnose(hostile);
    expect(outcome.kind).toBe('diagnosis');
    if (outcome.kind === 'diagnosis') expect(outcome.diagnosis.evidence.skipped).toEqual([{ blockIndex: 0, reason: 'parser-work' }]);
  });

  it('stops a paste over budget, keeps only its redacted text, and goes on answering with a new worker', async () => {
    const pool = unboundedPool(500, 1);
    await pool.ready();
    const stopped = await pool.diagnose(hostile);
    expect(stopped.kind).toBe('too-complex');
    if (stopped.kind !== 'too-complex') return;
    expect(stopped.elapsedMs).toBeGreaterThanOrEqual(500);
    expect(stopped.paste?.text).toContain('(async (x)');
    expect(stopped.paste?.text).not.toContain(secret);
    expect(stopped.paste?.redactions.map((r) => r.kind)).toEqual(['api-key']);
    const next = await pool.diagnose(floating);
    expect(next.kind === 'diagnosis' && next.diagnosis.matches[0]?.rule.id).toBe('js/floating-promise');
    // The worker that replaced the stopped one is watched the same way.
    const again = await pool.diagnose(hostile.replace('my token', 'my other token'));
    expect(again.kind).toBe('too-complex');
    if (again.kind === 'too-complex') expect(again.paste?.text).toContain('my other token is [REDACTED');
  });

  it('counts the budget from when a worker starts on a paste, not while it waits its turn', async () => {
    const pool = unboundedPool(800, 1);
    await pool.ready();
    // The second paste waits out the whole budget of the first, and the start of a new worker.
    const [first, second] = await Promise.all([pool.diagnose(hostile), pool.diagnose(floating)]);
    expect(first.kind).toBe('too-complex');
    expect(second.kind).toBe('diagnosis');
  });
});
