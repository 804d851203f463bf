/**
 * One line of `awaitbot batch`, and the answers a batch keeps for a paste it sees again
 * (the real engine).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { answerBatchLine, RecentAnswers } from '../../src/engine-pool/batch-line.js';

const engine = await createEngine();
const notImported = "NameError: name 'asyncio' is not defined";
const floating = "```js\nclient.on('interactionCreate', async (interaction) => {\n  interaction.reply('Pong!');\n});\n```";
const line = (id: unknown, text: string) => JSON.stringify({ id, text });

describe('answerBatchLine with RecentAnswers', () => {
  it('answers a paste seen before as it answered it the first time, under the new line\'s id', () => {
    const recent = new RecentAnswers();
    let diagnosed = 0;
    const diagnose = (paste: string) => {
      diagnosed++;
      return engine.diagnose(paste);
    };
    const first = answerBatchLine(line('a', floating), 1, diagnose, recent);
    const again = answerBatchLine(line(7, floating), 2, diagnose, recent);
    const fresh = answerBatchLine(line('b', floating), 3, (paste) => engine.diagnose(paste));
    expect(JSON.stringify(again.out)).toBe(JSON.stringify({ ...(fresh.out as object), id: 7 }));
    expect(JSON.stringify(first.out)).toBe(JSON.stringify({ ...(fresh.out as object), id: 'a' }));
    expect((first.out as { matches: { rule: string }[] }).matches[0]?.rule).toBe('js/floating-promise');
    expect(diagnosed).toBe(1);
    // Another paste is diagnosed, and a line that is not a usable paste still gets its error.
    expect((answerBatchLine(line('c', notImported), 4, diagnose, recent).out as { matches: { rule: string }[] }).matches[0]?.rule).toBe('py/asyncio-not-imported');
    expect(diagnosed).toBe(2);
    expect(answerBatchLine('{not json', 5, diagnose, recent).out).toMatchObject({ id: null, line: 5, error: expect.any(String) });
  });

  it('keeps no more pastes than its character budget: the oldest are diagnosed again', () => {
    const pastes = Array.from({ length: 8 }, (_, i) => `${notImported} (${i})`.padEnd(100, '.'));
    const recent = new RecentAnswers(300, 200); // three 100-character pastes, and none over 200
    let diagnosed = 0;
    const diagnose = (paste: string) => {
      diagnosed++;
      return engine.diagnose(paste);
    };
    for (const p of pastes) answerBatchLine(line(1, p), 1, diagnose, recent);
    expect(diagnosed).toBe(8);
    for (const p of pastes.slice(-3)) answerBatchLine(line(2, p), 2, diagnose, recent);
    expect(diagnosed).toBe(8);
    answerBatchLine(line(3, pastes[0]!), 3, diagnose, recent);
    expect(diagnosed).toBe(9);
    // A paste over the per-paste limit is never kept.
    const long = notImported + ' '.repeat(400);
    answerBatchLine(line(4, long), 4, diagnose, recent);
    answerBatchLine(line(5, long), 5, diagnose, recent);
    expect(diagnosed).toBe(11);
  });
});
