/**
 * "Where" and JSON `where.file` name the user's own file and line: in a real Node stack the innermost
 * frame of the user's code (not the outermost, not node: internals, without the `{` Node opens for the
 * error's properties), in a real Python traceback the last frame outside asyncio and site-packages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { parseStackFrame } from '../../src/evidence/javascript/stack.js';
import { diagnosisToJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';

let engine: Engine;
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-where-'));
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a real program and returns what it printed on stderr. */
function run(cmd: string, name: string, source: string): { file: string; stderr: string } {
  const file = join(dir, name);
  writeFileSync(file, source);
  const r = spawnSync(cmd, [file], { encoding: 'utf8', cwd: dir });
  expect(r.status, r.stderr).not.toBe(0);
  return { file, stderr: r.stderr };
}

describe('where the mistake is', () => {
  it('a Node stack: the innermost frame of the user\'s code, not the outermost call', () => {
    const { file, stderr } = run(
      process.execPath,
      'app.js',
      [
        'function getUser() { return { name: "a" }; }',
        'function greet() {',
        '  return getUser().then((u) => console.log(u.name));',
        '}',
        'async function main() { greet(); }',
        'main();',
        '',
      ].join('\n'),
    );
    expect(stderr).toContain('is not a function');
    const d = engine.diagnose(stderr);
    const json = diagnosisToJson(d);
    const m = json.matches.find((x) => x.rule === 'js/then-not-a-function');
    expect(m, JSON.stringify(json.matches)).toBeDefined();
    expect(m!.where).toMatchObject({ file, line: 3 });
    expect(renderText(d)).toContain(`Where: ${file}:3`);
  });

  it('a Node frame followed by the error\'s properties keeps a clean file name', () => {
    const { file, stderr } = run(
      process.execPath,
      'config.js',
      "const fs = require('fs/promises');\nasync function main() {\n  await fs.readFile('/nonexistent/awaitbot/config.json', 'utf8');\n}\nmain();\n",
    );
    const frameLine = stderr.split('\n').find((l) => l.includes(file));
    expect(frameLine, stderr).toMatch(/\{$/);
    expect(parseStackFrame(frameLine!)).toMatchObject({ file, line: 3, function: 'main', library: false });
    // Negatives: frames without properties are unchanged, and a brace inside a path is kept.
    expect(parseStackFrame(`    at main (${file}:3:9)`)).toMatchObject({ file, line: 3 });
    expect(parseStackFrame('    at /srv/{app}/x.js:1:2')).toMatchObject({ file: '/srv/{app}/x.js', line: 1 });
  });

  it('a Python traceback: the user\'s innermost frame, not asyncio\'s own files', () => {
    const { file, stderr } = run(
      'python3',
      'slow.py',
      'import asyncio\n\nasync def work():\n    await asyncio.wait_for(asyncio.sleep(1), timeout=0.01)\n\nasync def main():\n    await work()\n\nasyncio.run(main())\n',
    );
    const d = engine.diagnose(stderr);
    const json = diagnosisToJson(d);
    const located = json.matches.filter((x) => x.where?.file);
    expect(located.length, JSON.stringify(json.matches)).toBeGreaterThan(0);
    for (const x of located) expect(x.where).toMatchObject({ file, line: 4 });
  });
});
