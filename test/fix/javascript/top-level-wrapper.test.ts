import { describe, expect, it } from 'vitest';
import { say } from '../../../src/render/messages.js';
import { fixWith, nodeRunner } from './node-programs.js';

const fix = (code: string) => fixWith('js.add-await', ['js.promise-as-value', 'js.floating-promise'], code);
const run = nodeRunner('awaitbot-wrapper-');

const LOOKUP = "const lookup = (key) => new Promise((resolve) => setTimeout(() => resolve(`value of ${key}`), 5));\n";

describe('JS add-await: a promise used as a value at the top level of a script that cannot await', () => {
  it('awaits it inside (async () => { … })() with the lines after it, in a CommonJS script; the fixed script prints the value', () => {
    // freeCodeCamp's bcrypt question: `var hash = bcrypt.hash(…)` then `console.log(hash)`, in a CommonJS script.
    const code = `const path = require('path');\n${LOOKUP}\nvar hash = lookup('a');\n\nconsole.log(hash) // a Promise, not the value\n`;
    expect(run(code, 'before.cjs')).toBe('Promise { <pending> }');
    const out = fix(code);
    expect(out?.code).toContain("(async () => {\n  var hash = await lookup('a');\n\n  console.log(hash) // a Promise, not the value\n})();");
    expect(say(out!.note)).toContain('(async () => { … })();');
    expect(run(out!.code, 'after.cjs')).toBe('value of a');
  });

  it('does the same for a plain script that logs the promise (no require, no import): it runs as either kind of module', () => {
    const code = `${LOOKUP}\nconst getResult = async () => {\n  return await lookup('b');\n}\n\nconsole.log(getResult());\n`;
    const out = fix(code);
    expect(out?.code).toContain("(async () => {\n  console.log(await getResult());\n})();");
    expect(run(out!.code, 'plain.cjs')).toBe('value of b');
    expect(run(out!.code, 'plain.mjs')).toBe('value of b');
  });

  it('awaits a call whose object the next lines use again, so they run after it', () => {
    const code = "const fsp = require('fs/promises');\nfsp.writeFile('out.txt', 'written');\nfsp.readFile('out.txt', 'utf8').then((text) => console.log(text), () => console.log('missing'));\n";
    const out = fix(code);
    expect(out?.code).toContain("(async () => {\n  await fsp.writeFile('out.txt', 'written');\n");
    expect(run(out!.code, 'written.cjs')).toBe('written');
  });

  it('does not wrap an ES module (it awaits at the top level), nor hide a name a function above reads', () => {
    const esm = `import path from 'node:path';\n${LOOKUP}var hash = lookup('a');\nconsole.log(hash);\n`;
    const out = fix(esm);
    expect(out?.code).toContain("var hash = await lookup('a');");
    expect(out?.code).not.toContain('async () => {\n');
    const hidden = `const path = require('path');\n${LOOKUP}function size() {\n  return hash.length;\n}\nvar hash = lookup('a');\nconsole.log(hash);\nsize();\n`;
    expect(fix(hidden)).toBeNull();
  });

  it('keeps .catch on a last top-level call of a CommonJS script, which nothing after it waits for', () => {
    const code = "const fsp = require('fs/promises');\nconsole.log('saving');\nfsp.writeFile('out.txt', 'hi');\n";
    expect(fix(code)?.code).toContain("fsp.writeFile('out.txt', 'hi').catch(console.error);");
  });
});
