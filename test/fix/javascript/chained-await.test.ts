/**
 * A promise read as the receiver of a second promise-returning call (`fetch(url).json()`): both are
 * awaited, the inner one in parentheses inside the outer one's await, `await (await fetch(url)).json()`.
 * The order of the two inserts at the same place decides it: `(await await fetch(url)).json()` would
 * leave the JSON's promise in `data`. The fixed program runs with Node.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { nodeRunner } from './node-programs.js';

const engine = await createEngine();
const run = nodeRunner('awaitbot-chained-');

// A stand-in for fetch: the response's json() is a promise too, as the real one's is.
const fakeFetch = 'async function fetch(url) {\n  return { json: async () => ({ items: [url.length, 2] }) };\n}\n\n';
const get = 'async function get(url) {\n  const data = fetch(url).json();\n  return data.items;\n}\n';
const main = "\nget('abc').then((items) => console.log(JSON.stringify(items)), (e) => console.log(e.constructor.name));\n";

describe('a call chained on a promise and read as a value', () => {
  it('awaits both, the inner one first, and the fixed program prints the items', () => {
    expect(run(fakeFetch + get + main, 'before.cjs')).toBe('TypeError');
    const m = engine.diagnose(`data.items is undefined:\n\`\`\`js\n${get}\`\`\`\nTypeError: fetch(...).json is not a function`).matches[0]!;
    expect(m.rule.id).toBe('js/promise-used-as-value');
    expect(m.fix?.code).toContain('const data = await (await fetch(url)).json();');
    expect(run(fakeFetch + m.fix!.code + main, 'after.cjs')).toBe('[3,2]');
  });

  it('awaits a lone call read as a receiver in parentheses only (no second await)', () => {
    const one = 'async function name(id) {\n  return getUser(id).name;\n}\n\nasync function getUser(id) {\n  return { name: `u${id}` };\n}\n';
    const m = engine.diagnose(`\`\`\`js\n${one}\`\`\``).matches[0]!;
    expect(m.fix?.code).toContain('return (await getUser(id)).name;');
    expect(m.fix?.code).not.toContain('await await');
  });
});
