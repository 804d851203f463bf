/**
 * Small pastes are diagnosed in the calling thread, with the same answer a
 * worker gives; long ones still go to the pool, whose budget still stops them
 * (real worker threads running the compiled engine in dist/).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { DiagnosisPool } from '../../src/engine-pool/pool.js';
import { inlineMaxChars, SmallPastesInline } from '../../src/engine-pool/small-pastes-inline.js';

const filename = fileURLToPath(new URL('../../dist/engine-pool/worker.js', import.meta.url));
const engine = await createEngine();
const floating = "```js\nclient.on('interactionCreate', async (interaction) => {\n  interaction.reply('Pong!');\n});\n```";
// The 251-character paste (2^n work in the TypeScript parser without the step bounds), made longer than inlineMaxChars.
const hostile = '```js\n' + '(async (x)\n'.repeat(22) + '```\n' + 'The paste goes on in words. '.repeat(Math.ceil(inlineMaxChars / 28));

const pools: DiagnosisPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

function pool(options: { budgetMs: number; analysisLimits?: boolean }): DiagnosisPool {
  const p = new DiagnosisPool(engine.rules, { threads: 1, filename, ...options });
  pools.push(p);
  return p;
}

describe('small pastes in this thread', () => {
  it('answers a small paste exactly as a worker does', async () => {
    const workers = pool({ budgetMs: 10_000 });
    const diagnoser = new SmallPastesInline(engine, workers);
    await diagnoser.ready();
    const [inline, fromWorker] = await Promise.all([diagnoser.diagnose(floating), workers.diagnose(floating)]);
    expect(inline.kind).toBe('diagnosis');
    if (inline.kind !== 'diagnosis' || fromWorker.kind !== 'diagnosis') throw new Error('both must diagnose');
    expect(inline.diagnosis.matches[0]?.rule).toBe(engine.rules.find((r) => r.id === 'js/floating-promise'));
    expect({ ...inline.diagnosis, elapsedMs: 0 }).toStrictEqual({ ...fromWorker.diagnosis, elapsedMs: 0 });
  });

  it('answers a small paste while the only worker is stuck on a long one, which the budget still stops', async () => {
    // Workers without the step bounds: only the budget can stop the long hostile paste.
    const diagnoser = new SmallPastesInline(engine, pool({ budgetMs: 1500, analysisLimits: false }));
    await diagnoser.ready();
    expect(hostile.length).toBeGreaterThan(inlineMaxChars);
    const order: string[] = [];
    const stuck = diagnoser.diagnose(hostile).then((o) => (order.push('long'), o));
    const small = await diagnoser.diagnose(floating).then((o) => (order.push('small'), o));
    expect(small.kind === 'diagnosis' && small.diagnosis.matches[0]?.rule.id).toBe('js/floating-promise');
    expect((await stuck).kind).toBe('too-complex');
    expect(order).toEqual(['small', 'long']);
  });
});
