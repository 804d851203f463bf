/**
 * js/promise-used-as-value matched on the output a paste shows (`Promise { <pending> }`), for a call
 * of a library no detector knows returns a promise: the fix awaits the one call whose value the
 * code logs. Run through the engine, as a user pastes it; the fixed program is run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();

const dir = mkdtempSync(join(tmpdir(), 'awaitbot-shown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A library the analyser has no table for, whose function returns a promise (file-type's fromBuffer, in node-fetch issue 1009).
writeFileSync(join(dir, 'sniff.cjs'), "exports.fromBuffer = (buffer) => new Promise((resolve) => setTimeout(() => resolve({ ext: buffer.toString() }), 5));\n");

function run(code: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, code);
  return execFileSync(process.execPath, [file], { encoding: 'utf8', cwd: dir }).trim();
}

const program = (body: string) => ["const sniff = require('./sniff.cjs');", '', '(async () => {', "  const buffer = await Promise.resolve(Buffer.from('png'));", body, '})();', ''].join('\n');
const paste = (code: string) => `I ran the Buffer snippet from the README and got \`Promise { <pending> }\` from console.log.\n\n\`\`\`js\n${code}\`\`\`\n`;

describe('JS: a printed promise from a call no detector knows', () => {
  it('awaits the one call whose value the code logs; the fixed program prints the value', () => {
    const code = program('  const type = sniff.fromBuffer(buffer)\n  console.log(type);');
    expect(run(code, 'before.cjs')).toBe('Promise { <pending> }');
    const m = engine.diagnose(paste(code)).matches[0]!;
    expect(m.rule.id).toBe('js/promise-used-as-value');
    expect(m.fix?.code).toContain('  const type = await sniff.fromBuffer(buffer)\n');
    expect(run(m.fix!.code, 'after.cjs')).toBe("{ ext: 'png' }");
  });

  it('awaits a call logged directly', () => {
    const code = program('  console.log(sniff.fromBuffer(buffer));');
    const m = engine.diagnose(paste(code)).matches[0]!;
    expect(m.fix?.code).toContain('console.log(await sniff.fromBuffer(buffer));');
    expect(run(m.fix!.code, 'direct.cjs')).toBe("{ ext: 'png' }");
  });

  it('leaves the code alone when two calls could be the printed promise, or only calls that answer at once are shown', () => {
    const two = program('  const type = sniff.fromBuffer(buffer)\n  const other = sniff.fromBuffer(buffer)\n  console.log(type, other);');
    const sync = program('  const text = buffer.toString()\n  const size = JSON.stringify(text)\n  console.log(text, size);');
    for (const code of [two, sync]) {
      const m = engine.diagnose(paste(code)).matches[0]!;
      expect(m.rule.id).toBe('js/promise-used-as-value');
      expect(m.fix).toBeNull();
    }
  });
});
