import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/evidence/types.js';
import { analyzeJavaScript } from '../../../src/evidence/javascript/snippet/index.js';
import { syntaxErrorCount } from '../../../src/evidence/javascript/snippet/parse.js';
import { javascriptDetectorIds, javascriptFixers } from '../../../src/fix/javascript/index.js';
import { invalid } from '../../evidence/javascript/cases.js';
import { say } from '../../../src/render/messages.js';

// The agreed detector → fixer pairs (the rule files name the same ones); null: no automatic fix,
// the rule's own corrected example is shown.
const FIXER_OF: Record<string, string | null> = {
  'js.floating-promise': 'js.add-await',
  'js.promise-as-value': 'js.add-await',
  'js.async-foreach': 'js.foreach-to-for-of',
  'js.async-promise-executor': 'js.unwrap-promise-executor',
  'js.await-outside-async': 'js.make-enclosing-async',
  'js.return-without-await-in-try': 'js.return-await',
  'js.blocking-call-in-async': 'js.unblock-call',
  'js.await-in-loop': 'js.promise-all',
  'js.slow-work-before-defer': 'js.defer-first',
  'js.double-reply': 'js.reply-then-followup',
  'js.then-on-non-promise': 'js.then-on-promise',
  'js.done-with-promise': 'js.drop-done',
  'js.response-before-ack': 'js.ack-first',
  'js.mongoose-callback': 'js.mongoose-await',
  'js.await-non-promise': 'js.promise-api',
  'js.never-settles': 'js.settle-timer',
  'js.async-effect': 'js.inner-async-effect',
  'js.test-not-waiting': 'js.await-in-test',
  'js.express-async-route': 'js.forward-to-next',
};

const NO_HINTS = { coroutineNames: [], lines: [], notebook: false };
const evidence = {} as Evidence;

function fix(code: string, detector: string) {
  const findings = analyzeJavaScript(code, 0, NO_HINTS).filter((f) => f.detector === detector);
  if (!(detector in FIXER_OF)) throw new Error(`no fixer agreed for ${detector}`);
  const id = FIXER_OF[detector];
  if (id === null || id === undefined) return null;
  const fixer = javascriptFixers[id];
  if (!fixer) throw new Error(`fixer ${id} for ${detector} does not exist`);
  return fixer({ code, language: 'javascript', findings, evidence });
}

const dir = mkdtempSync(join(tmpdir(), 'awaitbot-jsfix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `node --check` as CommonJS, then as an ES module: true when real Node accepts the syntax. */
function nodeAccepts(code: string, name: string): boolean {
  for (const ext of ['cjs', 'mjs']) {
    const file = join(dir, `${name}.${ext}`);
    writeFileSync(file, code);
    try {
      execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' });
      return true;
    } catch {
      // try the other module kind
    }
  }
  return false;
}

describe('JS fixers: the table\'s expected output', () => {
  it.each(invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const detector = c.errors[0]?.detector as string;
    const out = fix(c.code, detector);
    expect(out?.code ?? null).toBe(c.output);
    if (out === null) return;
    expect(say(out.note)).toMatch(/^[A-Z`].*\.$/);
    expect(say(out.note)).not.toContain('\n');
    // Fixed code parses, and the mistake is gone.
    expect(syntaxErrorCount(out.code)).toBeLessThanOrEqual(syntaxErrorCount(c.code));
    expect(analyzeJavaScript(out.code, 0, NO_HINTS).filter((f) => f.detector === detector)).toEqual([]);
  });
});

describe('JS fixers: real Node accepts the fixed code whenever it accepted the input', () => {
  const cases = invalid.filter((c) => c.output !== null);
  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    // Inputs that are themselves syntax errors for Node (await outside async) are checked by the parser test above.
    if (!nodeAccepts(c.code, `in-${i}`)) return;
    expect(nodeAccepts(c.output as string, `out-${i}`)).toBe(true);
  });
});

describe('JS fixers: contract', () => {
  it('has exactly the agreed fixer ids', () => {
    expect(Object.keys(javascriptFixers).sort()).toEqual([...new Set(Object.values(FIXER_OF).filter((f) => f !== null))].sort());
    expect([...javascriptDetectorIds].sort()).toEqual(Object.keys(FIXER_OF).sort());
  });

  it('returns null when there is no finding to fix', () => {
    const code = "client.on('ready', () => console.log('ready'));\n";
    for (const fixer of Object.values(javascriptFixers)) {
      expect(fixer({ code, language: 'javascript', findings: [], evidence })).toBeNull();
    }
  });

  it('keeps fences, stack lines and comments of the paste untouched', () => {
    const code = "```js\n// ping command\nclient.on('messageCreate', async (message) => {\n    at Object.<anonymous> (/app/bot.js:3:3)\n  message.reply('pong'); // answer\n});\n```";
    const out = fix(code, 'js.floating-promise');
    expect(out?.code).toBe(code.replace("  message.reply('pong');", "  await message.reply('pong');"));
  });

  it('leaves the last characters of a paste cut off inside a Promise executor or an effect in place', () => {
    const code = 'function findUser(id) {\n  return new Promise(async (resolve) => {\n    const rows = await db.query(id);\n    resolve(rows[0]);\n😀';
    const out = fix(code, 'js.async-promise-executor');
    expect(out === null || out.code.endsWith('😀')).toBe(true);
    const effect = 'useEffect(async () => {\n  const res = await fetch(url);\n  setData(await res.json());\n😀';
    const fixedEffect = fix(effect, 'js.async-effect');
    expect(fixedEffect === null || fixedEffect.code.includes('😀')).toBe(true);
  });

  it('fixes a method pasted out of its object at the right place', () => {
    const code = 'async execute(interaction) {\n  interaction.reply(`Pong! ${interaction.client.ws.ping}ms`);\n},\n';
    expect(fix(code, 'js.floating-promise')?.code).toBe(code.replace('  interaction.reply', '  await interaction.reply'));
  });

  it('declines (null) when a fix would change what callers get', () => {
    // `total` relies on getTotal returning a number: it cannot become async.
    const code = 'function getTotal(cart) {\n  const prices = await loadPrices(cart);\n  return prices.reduce((a, b) => a + b, 0);\n}\nconst total = getTotal(cart);\n';
    const out = fix(code, 'js.await-outside-async');
    // It still makes the function async (the await demands it) and says that callers must await.
    expect(out?.code).toContain('async function getTotal');
    expect(say(out!.note)).toContain('await getTotal(…)');
    const modal = "async execute(interaction) {\n  const rows = await db.all('SELECT * FROM polls');\n  await interaction.showModal(buildModal(rows));\n}\n";
    expect(fix(modal, 'js.slow-work-before-defer')).toBeNull();
  });

  it('turns an async forEach over a discord.js Collection into a loop over its values', () => {
    const code = "async function purge(guild) {\n  guild.members.cache.forEach(async (member) => {\n    if (member.roles.cache.has(MUTED)) await member.kick();\n  });\n}\n";
    expect(fix(code, 'js.async-foreach')?.code).toBe(
      "async function purge(guild) {\n  for (const member of guild.members.cache.values()) {\n    if (member.roles.cache.has(MUTED)) await member.kick();\n  }\n}\n",
    );
  });

  it('fixes several findings of one kind in one pass', () => {
    const code = "async function execute(interaction) {\n  interaction.deferReply();\n  const user = interaction.options.getUser('target');\n  user.send('You were warned.');\n}\n";
    expect(fix(code, 'js.floating-promise')?.code).toBe(
      "async function execute(interaction) {\n  await interaction.deferReply();\n  const user = interaction.options.getUser('target');\n  await user.send('You were warned.');\n}\n",
    );
  });
});

describe('JS add-await: await, not detach, in top-level code cut from an async function', () => {
  it('awaits a call inside a top-level try, so its catch sees the rejection', () => {
    const code = "try {\n  member.roles.add(role);\n} catch (error) {\n  console.error(error);\n}\n";
    expect(fix(code, 'js.floating-promise')?.code).toBe(code.replace('member.roles.add', 'await member.roles.add'));
  });

  it('awaits a call among top-level lines that already await', () => {
    const code = "const el = await screen.findByRole('button');\nmember.roles.add(role);\nawait expect(el).toHaveTextContent('3');\n";
    expect(fix(code, 'js.floating-promise')?.code).toContain('\nawait member.roles.add(role);');
  });

  it('awaits a call in lines pasted with the indentation of a function body, and says that function must be async', () => {
    // discord.js v12 issue: a command handler's lines, pasted without its head.
    const code = "    const banned = message.guild.roles.cache.get('729298310480789525');\n\n    user.roles.add(banned);\n    db.set(`banned_${user.id}`, true);\n";
    const out = fix(code, 'js.floating-promise');
    expect(out?.code).toBe(code.replace('user.roles.add', 'await user.roles.add'));
    expect(say(out!.note)).toContain('needs `async`');
  });

  it('says nothing about the unseen head when the lines already await (it is async)', () => {
    const code = "const el = await screen.findByRole('button');\nmember.roles.add(role);\n";
    expect(say(fix(code, 'js.floating-promise')!.note)).not.toContain('needs `async`');
  });

  it('keeps .catch on unindented lines with nothing saying they are a function body', () => {
    const code = "user.roles.add(banned);\ndb.set(`banned_${user.id}`, true);\n";
    expect(fix(code, 'js.floating-promise')?.code).toContain('user.roles.add(banned).catch(console.error);');
  });

  it('keeps .catch at the top level of a CommonJS script that never awaits (it cannot)', () => {
    const code = "const fsp = require('fs/promises');\nfsp.writeFile('out.txt', 'hi');\nconsole.log('saved');\n";
    const out = fix(code, 'js.floating-promise');
    expect(out?.code).toContain("fsp.writeFile('out.txt', 'hi').catch(console.error);");
    expect(out?.code).not.toContain('await');
  });
});

describe('JS add-await: a chain that hands back a value, left as the last statement of a function', () => {
  const program = (body: string) =>
    [
      "const lookup = (id) => new Promise((resolve) => setTimeout(() => resolve({ id, name: 'ada' }), 5));",
      'function loadName(id) {',
      body,
      '}',
      'const main = async () => {',
      '  console.log(await loadName(1));',
      '};',
      'main();',
      '',
    ].join('\n');

  it('returns the chain, so the caller gets the value instead of undefined (the fixed program prints it)', () => {
    const code = program('  lookup(id)\n    .then((user) => {\n      return user.name;\n    });');
    expect(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }).trim()).toBe('undefined');
    const out = fix(code, 'js.floating-promise');
    expect(out?.code).toContain('  return lookup(id)\n');
    expect(out?.code).not.toContain('await lookup');
    expect(say(out!.note)).toContain('returns the promise chain');
    expect(analyzeJavaScript(out!.code, 0, NO_HINTS).filter((f) => f.detector === 'js.floating-promise')).toEqual([]);
    const file = join(dir, 'returned-chain.cjs');
    writeFileSync(file, out!.code);
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim()).toBe('ada');
  });

  it('does not return a chain whose last step only logs, nor one from a function that returns something else', () => {
    const logs = fix(program('  lookup(id).then((user) => console.log(user.name));'), 'js.floating-promise');
    expect(logs?.code ?? '').not.toContain('return lookup');
    const other = fix(program('  if (!id) {\n    return null;\n  }\n  lookup(id).then((user) => user.name);'), 'js.floating-promise');
    expect(other?.code ?? '').not.toContain('return lookup');
  });
});

describe('JS make-enclosing-async: top-level await the paste shows an engine refusing', () => {
  const REFUSED = { ...NO_HINTS, jsAwaitRefused: true };
  const wrap = (code: string) => {
    const findings = analyzeJavaScript(code, 0, REFUSED).filter((f) => f.detector === 'js.await-outside-async');
    return { findings, out: javascriptFixers['js.make-enclosing-async']!({ code, language: 'javascript', findings, evidence }) };
  };
  const run = (code: string, ext: string) => {
    const file = join(dir, `refused-top.${ext}`);
    writeFileSync(file, code);
    return spawnSync(process.execPath, [file], { encoding: 'utf8' });
  };

  it('wraps lines with no function around them in an async arrow called at once; the script then runs', () => {
    const code = "const text = await Promise.resolve('typed')\nif (text) {\n  console.log(text)\n}\n";
    expect(run(code, 'cjs').stderr).toContain('await is only valid in async functions');
    expect(analyzeJavaScript(code, 0, NO_HINTS).some((f) => f.detector === 'js.await-outside-async')).toBe(false);
    const { out } = wrap(code);
    expect(out?.code).toContain('(async () => {');
    const fixed = run(out!.code, 'cjs');
    expect(fixed.stderr).toBe('');
    expect(fixed.stdout.trim()).toBe('typed');
  });

  it('wraps only the statements that await in a module, leaving import and export at its top level, after a `;` guard', () => {
    const code = "import { EventEmitter } from 'node:events'\nconst bus = new EventEmitter()\nbus.on('ping', () => console.log('pong'))\ntry {\n  await Promise.resolve(bus.emit('ping'))\n} catch (err) {\n  console.log(err)\n}\nexport default bus\n";
    const { out } = wrap(code);
    expect(out?.code).toContain("bus.on('ping', () => console.log('pong'))\n;(async () => {\n");
    expect(out?.code).toContain('})();\nexport default bus');
    const fixed = run(out!.code, 'mjs');
    expect(fixed.stderr).toBe('');
    expect(fixed.stdout.trim()).toBe('pong');
  });

  it("makes the one handler a command file shows async when the refused await is in the part not pasted", () => {
    const fixer = javascriptFixers['js.make-enclosing-async']!;
    const refused = { hints: { ...REFUSED } } as unknown as Evidence;
    const head = "module.exports = {\n  name: 'ping',\n  execute: (message, args) => {";
    expect(fixer({ code: head, language: 'javascript', findings: [], evidence: refused })?.code).toBe(head.replace('execute: (', 'execute: async ('));
    const listener = "client.on('messageCreate', (message) => {\n  handle(message);\n});\n";
    expect(fixer({ code: listener, language: 'javascript', findings: [], evidence: refused })?.code).toContain("client.on('messageCreate', async (message) => {");
    // Two handlers: which one holds the await is not known. No refusal in the paste: nothing to fix.
    expect(fixer({ code: `${head}\n  },\n  run: () => {\n  },\n};\n`, language: 'javascript', findings: [], evidence: refused })).toBeNull();
    expect(fixer({ code: head, language: 'javascript', findings: [], evidence })).toBeNull();
  });

  it('reads an unlabelled fence holding a command file (module.exports = {…}) as JavaScript, and fixes its handler from the error the question quotes', async () => {
    const { createEngine } = await import('../../../src/engine.js');
    const engine = await createEngine();
    const m = engine.diagnose('```\nmodule.exports = {\n\tname: \'ping\',\n\targs: false,\n\texecute:(message, args, client) => {\n```\n\nMy command has "await" and it says "await" is only valid in async function.').matches[0]!;
    expect(m.rule.id).toBe('js/await-outside-async');
    expect(m.fix?.code).toContain('execute:async (message, args, client) => {');
  });

  it('does not take the one line Node quotes under `file:line`, caret and all, for the top level (it may sit in any function)', () => {
    const code = "/home/user/app/callback.cjs:5\n    const text = await fs.readFile(name, 'utf8');\n                 ^^^^^";
    expect(wrap(code).findings).toEqual([]);
  });

  it('leaves a module\'s top level alone when the refused await is the one in a plain function', () => {
    const code = "import { readFile } from 'node:fs/promises'\nconst config = await readFile('a.json', 'utf8')\nfunction load() {\n  return await readFile('b.json', 'utf8')\n}\n";
    const { findings } = wrap(code);
    expect(findings.map((f) => f.data?.scope)).toEqual(['function']);
  });
});

describe('JS promise-all: the counting loop over an array', () => {
  const flagged = (code: string) => analyzeJavaScript(code, 0, NO_HINTS).some((f) => f.detector === 'js.await-in-loop');
  const program = (loop: string) =>
    [
      "const basket = { apple: 27, grape: 0, pear: 14 };",
      'const getNum = (fruit) => new Promise((resolve) => setImmediate(() => resolve(basket[fruit])));',
      "const fruits = ['apple', 'grape', 'pear'];",
      'const run = async () => {',
      loop,
      '};',
      'run();',
      '',
    ].join('\n');

  it('runs `for (let i = 0; i < xs.length; i++) { const x = xs[i]; … }` as Promise.all over xs, and the program still prints every item', () => {
    const code = program('  for (let i = 0; i < fruits.length; i++) {\n    const fruit = fruits[i];\n    const n = await getNum(fruit);\n    console.log(fruit, n);\n  }');
    const out = fix(code, 'js.await-in-loop');
    expect(out?.code).toContain('await Promise.all(fruits.map(async (fruit) => {');
    expect(out?.code).not.toContain('fruits[i]');
    const file = join(dir, 'counting.cjs');
    writeFileSync(file, out!.code);
    const printed = execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(printed).toEqual(['apple 27', 'grape 0', 'pear 14']);
  });

  it('leaves the loop alone when the counter does more than pick the item', () => {
    const code = program('  for (let i = 0; i < fruits.length; i++) {\n    const fruit = fruits[i];\n    const n = await getNum(fruit);\n    console.log(i, n);\n  }');
    expect(flagged(code)).toBe(true);
    expect(fix(code, 'js.await-in-loop')).toBeNull();
  });

  it('leaves a loop that does not start at 0 or stops elsewhere alone', () => {
    const from1 = program('  for (let i = 1; i < fruits.length; i++) {\n    const fruit = fruits[i];\n    console.log(await getNum(fruit));\n  }');
    expect(flagged(from1)).toBe(true);
    expect(fix(from1, 'js.await-in-loop')).toBeNull();
    const upTo = program('  for (let i = 0; i <= fruits.length; i++) {\n    const fruit = fruits[i];\n    console.log(await getNum(fruit));\n  }');
    expect(flagged(upTo)).toBe(true);
    expect(fix(upTo, 'js.await-in-loop')).toBeNull();
  });
});

describe('JS promise-all: a counting loop that only collects, over a range no array stands for', () => {
  const program = (loop: string) =>
    [
      'const square = (n) => new Promise((resolve) => setTimeout(() => resolve(n * n), 10 - n));',
      'const run = async () => {',
      '  const results = [];',
      loop,
      "  console.log(results.join(','));",
      '};',
      'run();',
      '',
    ].join('\n');

  it('starts every call in the loop and awaits them all after it; the program prints the same results, in order', () => {
    const code = program('  for (let i = 1; i <= 5; i++) {\n    results.push(await square(i));\n  }');
    const out = fix(code, 'js.await-in-loop');
    expect(out?.code).toContain('  const pending = [];\n  for (let i = 1; i <= 5; i++) {\n    pending.push(square(i));\n  }\n  results.push(...(await Promise.all(pending)));');
    expect(analyzeJavaScript(out!.code, 0, NO_HINTS).filter((f) => f.detector === 'js.await-in-loop')).toEqual([]);
    const file = join(dir, 'range.cjs');
    writeFileSync(file, out!.code);
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim()).toBe('1,4,9,16,25');
  });

  it('leaves the loop alone when its head reads the array it fills (it would never grow)', () => {
    const code = program('  for (let i = 1; results.length < 5; i++) {\n    results.push(await square(i));\n  }');
    expect(analyzeJavaScript(code, 0, NO_HINTS).some((f) => f.detector === 'js.await-in-loop')).toBe(true);
    expect(fix(code, 'js.await-in-loop')).toBeNull();
  });

  it('leaves the loop alone when each call reads what the one before it added', () => {
    const code = program('  for (let i = 1; i <= 5; i++) {\n    results.push(await square(results.length + i));\n  }');
    expect(fix(code, 'js.await-in-loop')).toBeNull();
  });
});

describe('JS add-await: a value declared Promise<…> read as its value (TS2339, no finding)', () => {
  const addAwait = javascriptFixers['js.add-await']!;
  it('awaits the promise and makes the function async', () => {
    const code = 'function shout(name: Promise<string>) {\n  return name.toUpperCase();\n}\n';
    const out = addAwait({ code, language: 'javascript', findings: [], evidence });
    expect(out?.code).toBe('async function shout(name: Promise<string>) {\n  return (await name).toUpperCase();\n}\n');
  });

  it('leaves promise methods and other types alone', () => {
    const code = 'function log(p: Promise<string>, s: string) {\n  p.then((v) => console.log(v.trim(), s.trim()));\n}\n';
    expect(addAwait({ code, language: 'javascript', findings: [], evidence })).toBeNull();
  });

  it('declines when the function cannot become async without changing what its callers get', () => {
    const code = 'function size(p: Promise<string>) {\n  return p.length;\n}\nconst n = size(load()) + 1;\n';
    expect(addAwait({ code, language: 'javascript', findings: [], evidence })).toBeNull();
  });
});

describe('JS then-on-promise: .then on an array of promises', () => {
  const program = (chain: string) =>
    ['const ids = [1, 2, 3];', 'const load = (id) => new Promise((resolve) => setImmediate(() => resolve(id * 10)));', chain, ''].join('\n');
  const runs = (code: string, name: string) => {
    const file = join(dir, `${name}.cjs`);
    writeFileSync(file, code);
    return execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: 'pipe' });
  };

  it('wraps items.map(async …) in Promise.all, and the fixed program prints every result', () => {
    const code = program("ids.map(async (id) => load(id)).then((values) => console.log(values.join(',')));");
    expect(() => runs(code, 'then-map-in')).toThrow(/then is not a function/);
    const out = fix(code, 'js.then-on-non-promise');
    expect(out?.code).toContain('Promise.all(ids.map(async (id) => load(id))).then(');
    expect(runs(out!.code, 'then-map-out')).toBe('10,20,30\n');
  });

  it('turns forEach (which returns undefined) into map inside Promise.all', () => {
    const code = program("ids.forEach(async (id) => load(id)).then(() => console.log('done'));");
    expect(() => runs(code, 'then-each-in')).toThrow(/reading 'then'/);
    const out = fix(code, 'js.then-on-non-promise');
    expect(out?.code).toContain('Promise.all(ids.map(async (id) => load(id))).then(');
    expect(runs(out!.code, 'then-each-out')).toBe('done\n');
  });

  it('leaves other non-promises (a sync API, an own plain function) to the rule\'s example', () => {
    const code = "const fs = require('fs');\nfs.readFileSync('a.txt', 'utf8').then((t) => console.log(t));\n";
    expect(analyzeJavaScript(code, 0, NO_HINTS).some((f) => f.detector === 'js.then-on-non-promise')).toBe(true);
    expect(fix(code, 'js.then-on-non-promise')).toBeNull();
  });
});

describe('JS unblock-call: Atomics.wait as a sleep, bcrypt sync calls', () => {
  const runs = (code: string, name: string) => {
    const file = join(dir, `${name}.cjs`);
    writeFileSync(file, code);
    return execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: 'pipe', cwd: dir });
  };

  it('replaces Atomics.wait(…, ms) with an awaited timer, so other work runs during the pause', () => {
    const code = [
      'async function sleepThenLog() {',
      '  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);',
      "  console.log('slept');",
      '}',
      'async function immediatelyLog() {',
      "  console.log('no sleep');",
      '}',
      'sleepThenLog();',
      'immediatelyLog();',
      '',
    ].join('\n');
    expect(runs(code, 'atomics-in')).toBe('slept\nno sleep\n');
    const out = fix(code, 'js.blocking-call-in-async');
    expect(out?.code).toContain('  await new Promise((resolve) => setTimeout(resolve, 50));\n');
    expect(runs(out!.code, 'atomics-out')).toBe('no sleep\nslept\n');
  });

  it('turns bcrypt.hashSync into await bcrypt.hash (the promise form), and the program still hashes', () => {
    // A stand-in with bcrypt's two forms, so the test needs no native module.
    mkdirSync(join(dir, 'node_modules', 'bcrypt'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'bcrypt', 'index.js'),
      "exports.hashSync = (s, salt) => `h(${s},${salt})`;\nexports.hash = (s, salt) => new Promise((r) => setImmediate(() => r(`h(${s},${salt})`)));\n",
    );
    const code = "const bcrypt = require('bcrypt');\nasync function register(plain, salt) {\n  const hash = bcrypt.hashSync(plain, salt);\n  console.log(hash);\n}\nregister('pw', 10);\n";
    const out = fix(code, 'js.blocking-call-in-async');
    expect(out?.code).toContain('const hash = await bcrypt.hash(plain, salt);');
    expect(runs(out!.code, 'bcrypt-out')).toBe('h(pw,10)\n');
  });

  it('awaits bcrypt.hash in lines cut from a method (they read this), and the method then hashes', () => {
    mkdirSync(join(dir, 'node_modules', 'bcrypt'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'bcrypt', 'index.js'),
      "exports.hashSync = (s, salt) => `h(${s},${salt})`;\nexports.hash = (s, salt) => new Promise((r) => setImmediate(() => r(`h(${s},${salt})`)));\n",
    );
    // loopback's model code, as an issue quotes it: one line of a method body.
    // The issue says it is "in an async routine": the analyser reads the line as an async body.
    const fragment = 'this.$password = bcrypt.hashSync(plain, salt);\n';
    const findings = analyzeJavaScript(fragment, 0, { ...NO_HINTS, statedAsyncBody: true }).filter((f) => f.detector === 'js.blocking-call-in-async');
    expect(findings).toHaveLength(1);
    const out = javascriptFixers['js.unblock-call']!({ code: fragment, language: 'javascript', findings, evidence });
    expect(out?.code).toBe('this.$password = await bcrypt.hash(plain, salt);\n');
    const program = (body: string) =>
      ["const bcrypt = require('bcrypt');", 'class User {', '  async setPassword(plain, salt) {', body, '  }', '}', '(async () => {', '  const u = new User();', "  await u.setPassword('pw', 10);", '  console.log(u.$password);', '})();', ''].join('\n');
    expect(runs(program(out!.code), 'bcrypt-method')).toBe('h(pw,10)\n');
    // Lines that read no this say nothing of the function around them: no await is put there.
    const script = 'const hash = bcrypt.hashSync(plain, salt);\nuser.password = hash;\n';
    const scriptFindings = analyzeJavaScript(script, 0, { ...NO_HINTS, statedAsyncBody: true }).filter((f) => f.detector === 'js.blocking-call-in-async');
    expect(scriptFindings).toHaveLength(1);
    expect(javascriptFixers['js.unblock-call']!({ code: script, language: 'javascript', findings: scriptFindings, evidence })?.code ?? '').not.toContain('await');
  });

  it('leaves Atomics.wait alone when it is a real wait on shared memory (no timeout) or its result is used', () => {
    const noTimeout = 'async function take(buf) {\n  Atomics.wait(buf, 0, 0);\n  return buf[0];\n}\n';
    const used = "async function take(buf) {\n  const r = Atomics.wait(buf, 0, 0, 100);\n  return r === 'ok';\n}\n";
    for (const code of [noTimeout, used]) {
      expect(analyzeJavaScript(code, 0, NO_HINTS).some((f) => f.detector === 'js.blocking-call-in-async')).toBe(true);
      expect(fix(code, 'js.blocking-call-in-async')).toBeNull();
    }
  });
});

describe('JS foreach-to-for-of: a forEach(async …) pasted without its function', () => {
  it('becomes a for…of loop in top-level code that is not a CommonJS script', () => {
    const code = 'items.forEach(async (item) => {\n  const saved = await save(item);\n  console.log(saved);\n});\n';
    expect(fix(code, 'js.async-foreach')?.code).toBe('for (const item of items) {\n  const saved = await save(item);\n  console.log(saved);\n}\n');
  });

  it('is left alone at the top level of a CommonJS script, which cannot await', () => {
    const code = "const db = require('./db');\nitems.forEach(async (item) => {\n  await db.save(item);\n});\n";
    expect(analyzeJavaScript(code, 0, NO_HINTS).some((f) => f.detector === 'js.async-foreach')).toBe(true);
    expect(fix(code, 'js.async-foreach')).toBeNull();
  });
});

describe('JS add-await: a promise stored in a variable at the top level', () => {
  it('is awaited, not given a .catch (the variable is meant to hold the value)', () => {
    const code = "var user = client.users.fetch('123');\n";
    const out = fix(code, 'js.floating-promise');
    expect(out?.code).toBe("var user = await client.users.fetch('123');\n");
  });

  it('gets no .catch in a CommonJS script either (the variable would still hold a promise)', () => {
    const code = "const { Client } = require('discord.js');\nconst client = new Client({ intents: [] });\nvar user = client.users.fetch('123');\n";
    expect(analyzeJavaScript(code, 0, NO_HINTS).some((f) => f.detector === 'js.floating-promise')).toBe(true);
    expect(fix(code, 'js.floating-promise')?.code ?? '').not.toContain('.catch(console.error)');
  });
});

describe('JS then-on-promise: .then on a function (no finding, the error names it)', () => {
  const thenOnPromise = javascriptFixers['js.then-on-promise']!;
  const program = (wrapped: string) =>
    [
      'function debounce(fn, ms) {',
      '  let t;',
      '  return (...args) => new Promise((resolve) => { clearTimeout(t); t = setTimeout(() => resolve(fn(...args)), ms); });',
      '}',
      wrapped,
      'const afterDebounce = debounce(expensiveOperation, 10);',
      'afterDebounce.then(({ data }) => console.log(data));',
      '',
    ].join('\n');
  const noArgs = "function expensiveOperation() {\n  return Promise.resolve({ status: 200, data: 'something' });\n}";
  /** Runs a script: its stdout, or the message of the error it dies with. */
  const run = (code: string, name: string) => {
    const file = join(dir, `${name}.cjs`);
    writeFileSync(file, code);
    try {
      return execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      return /TypeError: (.*)/.exec(String((e as { stderr: string }).stderr))?.[1] ?? 'failed';
    }
  };
  const withError = (message: string) => ({ ...evidence, errors: [{ language: 'javascript', type: 'TypeError', message, frames: [], lineIndex: 0 }] }) as unknown as Evidence;

  it('calls the debounced function before .then, and the fixed program prints the result', () => {
    const code = program(noArgs);
    const message = run(code, 'debounce-in');
    expect(message).toBe('afterDebounce.then is not a function');
    const out = thenOnPromise({ code, language: 'javascript', findings: [], evidence: withError(message) });
    expect(out?.code).toContain('afterDebounce().then(');
    expect(run(out!.code, 'debounce-out')).toBe('something\n');
  });

  it('leaves it when the wrapped function needs arguments the fix cannot know', () => {
    const code = program("function expensiveOperation(id) {\n  return Promise.resolve({ data: id });\n}");
    expect(thenOnPromise({ code, language: 'javascript', findings: [], evidence: withError('afterDebounce.then is not a function') })).toBeNull();
  });

  it('finds the function from the code alone when the error was only quoted in words (no parsed error)', () => {
    const out = thenOnPromise({ code: program(noArgs), language: 'javascript', findings: [], evidence });
    expect(out?.code).toContain('afterDebounce().then(');
    const plain = "const result = compute();\nresult.then((v) => console.log(v));\n";
    expect(thenOnPromise({ code: plain, language: 'javascript', findings: [], evidence })).toBeNull();
  });

  it('leaves it when the error names another value', () => {
    const code = program(noArgs);
    expect(thenOnPromise({ code, language: 'javascript', findings: [], evidence: withError('result.then is not a function') })).toBeNull();
  });
});

describe('JS forward-to-next: a named async function declaration as the handler', () => {
  // An Express 4-like router: it calls the handler and ignores the promise it returns.
  const program = (handler: string) =>
    [
      handler,
      "const router = { delete: (path, handle) => handle({ params: { id: '7' } }, {}, (err) => console.log(`error middleware: ${err.message}`)) };",
      "router.delete('/users/:id', deleteUser);",
      '',
    ].join('\n');
  const run = (code: string, name: string) => {
    const file = join(dir, `${name}.cjs`);
    writeFileSync(file, code);
    return spawnSync(process.execPath, [file], { encoding: 'utf8' });
  };

  it('wraps the body in try/catch, and the fixed program hands the error to next instead of dying of an unhandled rejection', () => {
    const code = program("async function deleteUser(req, res, next) {\n  if (req.params.id !== '1') throw new Error('not allowed');\n  res.sent = true;\n}");
    const before = run(code, 'named-next-in');
    expect(before.status).not.toBe(0);
    expect(before.stderr).toContain('not allowed');
    expect(before.stdout).toBe('');
    const out = fix(code, 'js.express-async-route');
    expect(out?.code).toContain('  try {\n    if (req.params.id');
    const after = run(out!.code, 'named-next-out');
    expect(after.status).toBe(0);
    expect(after.stdout).toBe('error middleware: not allowed\n');
  });

  it('leaves a declaration handed to a wrapper (asyncHandler) alone', () => {
    const code = "async function deleteUser(req, res, next) {\n  throw new Error('not allowed');\n}\nrouter.delete('/users/:id', asyncHandler(deleteUser));\n";
    expect(fix(code, 'js.express-async-route')).toBeNull();
  });
});

describe('JS await-in-test: an assertion on a promise pasted without its test', () => {
  // github.com/LiskArchive/lisk-sdk/issues/3262: the lines of a Jest test, its head not pasted.
  const code = "\t// Act && Assert\n\texpect(\n\t     bus.registerChannel(moduleAlias, [], actions)\n\t).rejects.toBeInstanceOf('###### ---> MYERROR###');\n";

  it('awaits the assertion and says the test function it came from must be async', () => {
    const out = fix(code, 'js.test-not-waiting');
    expect(out?.code).toContain('\tawait expect(\n');
    expect(say(out!.note)).toContain('needs `async`');
  });

  it('still makes a visible test async, and says nothing about an unseen head', () => {
    const whole = `it('rejects', () => {\n${code}});\n`;
    const out = fix(whole, 'js.test-not-waiting');
    expect(out?.code).toContain("it('rejects', async () => {");
    expect(say(out!.note)).not.toContain('needs `async`');
  });
});

describe('JS add-await: a function named after the method it calls last delegates to it', () => {
  const program = (wrapper: string) =>
    [
      "const fsp = require('fs/promises');",
      'const store = {',
      wrapper,
      '};',
      '(async () => {',
      '  const text = await store.readFile(__filename);',
      '  console.log(typeof text);',
      '})();',
      '',
    ].join('\n');

  it('returns the call, so the caller gets its result instead of undefined (the fixed program prints it)', () => {
    const code = program("  readFile(path) {\n    console.log('reading');\n    fsp.readFile(path, 'utf8');\n  },");
    const before = join(dir, 'delegating.cjs');
    writeFileSync(before, code);
    expect(execFileSync(process.execPath, [before], { encoding: 'utf8' }).trim().split('\n').at(-1)).toBe('undefined');
    const out = fix(code, 'js.floating-promise');
    expect(out?.code).toContain("    return fsp.readFile(path, 'utf8');\n");
    expect(out?.code).not.toContain('await fsp');
    expect(say(out!.note)).toContain('the call it is named after');
    const file = join(dir, 'delegated.cjs');
    writeFileSync(file, out!.code);
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim().split('\n').at(-1)).toBe('string');
  });

  it('does not return the call from a function named otherwise, one that returns something else, or a callback handed to a call', () => {
    const other = fix(program("  load(path) {\n    fsp.readFile(path, 'utf8');\n  },\n  readFile(path) {\n    return this.load(path);\n  },"), 'js.floating-promise');
    expect(other).not.toBeNull();
    expect(other?.code).not.toContain('return fsp.readFile');
    const early = fix(program("  readFile(path) {\n    if (!path) {\n      return null;\n    }\n    fsp.readFile(path, 'utf8');\n  },"), 'js.floating-promise');
    expect(early).not.toBeNull();
    expect(early?.code).not.toContain('return fsp.readFile');
    const callback = fix("const fsp = require('fs/promises');\nprocess.on('exit', function readFile() {\n  fsp.readFile('a.txt');\n});\n", 'js.floating-promise');
    expect(callback).not.toBeNull();
    expect(callback?.code).not.toContain('return fsp.readFile');
  });
});

describe('JS add-await: a stored promise read only as a condition', () => {
  const program = (body: string) =>
    [
      'const ready = (v) => new Promise((resolve) => setTimeout(() => resolve(v), 5));',
      'async function check() {',
      body,
      '}',
      'check();',
      '',
    ].join('\n');

  it('awaits each condition that reads it, keeping the variable a promise (the fixed program takes the right branch)', () => {
    const mixed = program("  const isReady = ready(false);\n  if (isReady) {\n    console.log('ready');\n  }\n  while (!isReady) {\n    console.log('not ready');\n    break;\n  }");
    expect(execFileSync(process.execPath, ['-e', mixed], { encoding: 'utf8' }).trim()).toBe('ready');
    const out = fix(mixed, 'js.promise-as-value');
    expect(out?.code).toContain('  const isReady = ready(false);\n');
    expect(out?.code).toContain('  if (await isReady) {\n');
    expect(out?.code).toContain('  while (!await isReady) {\n');
    const file = join(dir, 'condition.cjs');
    writeFileSync(file, out!.code);
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim()).toBe('not ready');
  });

  it('awaits the declaration instead when the variable is also read as a value', () => {
    const code = program("  const isReady = ready(false);\n  if (isReady) {\n    console.log('ready');\n  }\n  console.log(isReady);");
    const out = fix(code, 'js.promise-as-value');
    expect(out?.code).toContain('  const isReady = await ready(false);\n');
    expect(out?.code).toContain('  if (isReady) {\n');
  });
});
