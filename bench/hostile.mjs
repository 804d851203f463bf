// Hostile shapes (issue 9): engine time of the worst paste of at most 6,000 characters (goal <= 50 ms)
// and of the worst attachment of at most 512 KB (goal <= 500 ms). Each shape is built up to the size
// limit; its time is the median of 5 warm runs, in CPU time (the process's user + system time, which
// other programs on a shared machine do not inflate the way they inflate the wall clock; the wall
// clock is shown beside it). `node bench/hostile.mjs --list` prints the per-shape table.
// Then the worker pool the bot diagnoses through: the round trip of an ordinary paste, and how long
// the issue's 251-character paste takes to be answered "too complex" with the step bounds turned off
// (the budget alone stops it).
import { performance } from 'node:perf_hooks';

// The pool logs the budget stop as a warning; the table is the output here.
process.env.LOG_LEVEL ??= 'error';
const { DiagnosisPool } = await import('../dist/engine-pool/pool.js');
const { createEngine } = await import('../dist/engine.js');

const PASTE = 6_000;
const ATTACHMENT = 512 * 1024;

/** `unit` repeated to fill `size` characters (whole units only), between `head` and `tail`. */
const fill = (head, unit, tail, size) => head + unit.repeat(Math.max(1, Math.floor((size - head.length - tail.length) / unit.length))) + tail;
const jsFence = (unit, size, tail = '') => fill('```js\n', unit, tail + '\n```', size);
const pyFence = (unit, size, tail = '') => fill('```py\n', unit, tail + '\n```', size);

// Code people really paste, each with a mistake the engine fixes (so the fix and its diff run too).
const jsMistake = "client.on('interactionCreate', async (interaction) => {\n  interaction.reply('Pong!');\n});\n";
const pyMistake = 'async def main():\n    asyncio.sleep(1)\n    print("done")\n';
const jsFiller = "function add(a, b) {\n  const total = a + b;\n  return total;\n}\n";
const pyFiller = 'def add(a, b):\n    total = a + b\n    return total\n\n';
const pyFrame = '  File "/app/bot/cogs/music.py", line 120, in play\n    await self.queue.put(track)\n';
const nodeFrame = '    at Client.emit (node:events:519:28)\n';

/** name → (size) → text */
const shapes = {
  'repeated (async (x) lines': (n) => jsFence('(async (x)\n', n),
  'repeated (async (x) on one line': (n) => jsFence('(async (x)', n),
  'nested f(async function(){': (n) => jsFence('f(async function(){ ', n),
  'nested async (a=': (n) => jsFence('async (a=', n),
  'nested (async [': (n) => jsFence('(async [', n),
  'nested async ([': (n) => jsFence('async ([', n),
  'nested (async <': (n) => fill('```ts\n', '(async <', '\n```', n),
  'nested async arrows, closed': (n) => jsFence('async (x) => { f(', n),
  'deep JS brackets {(': (n) => jsFence('{(', n),
  'deep JS parens, closed': (n) => fill('```js\nx = ', '(', '', n / 2) + ')'.repeat(n / 2 - 10) + '\n```',
  'deep JS arrays [[': (n) => jsFence('[', n),
  'deep JS template literals': (n) => jsFence('`${', n),
  'deep JS generics a<': (n) => fill('```ts\nlet x: ', 'A<', '\n```', n),
  'deep Python brackets ([': (n) => pyFence('([', n),
  'deep Python indentation': (n) => {
    let s = '```py\nasync def f():\n';
    for (let i = 1; s.length + i * 4 + 20 < n; i++) s += ' '.repeat(i * 4) + 'if x:\n';
    return s + '```';
  },
  'deep Python lambdas': (n) => pyFence('lambda: (', n),
  'deep Python calls, closed': (n) => fill('```py\nasync def f():\n    x = ', 'g(', '', n / 2) + ')'.repeat(n / 2 - 30) + '\n```',
  'long JS line': (n) => jsFence('a + ', n),
  'long Python line': (n) => pyFence('a + ', n),
  'many JS lines with a mistake': (n) => jsFence(jsFiller, n, jsMistake),
  'many Python lines with a mistake': (n) => pyFence(pyFiller, n, pyMistake),
  'mistake in the middle of a JS file': (n) => jsFence(jsFiller, n / 2, jsMistake) + jsFence(jsFiller, n / 2).slice(6),
  'mistake in the middle of a Python file': (n) => pyFence(pyFiller, n / 2, pyMistake) + pyFence(pyFiller, n / 2).slice(6),
  'unfenced Python file with a mistake': (n) => fill('', pyFiller, pyMistake, n),
  'huge Python traceback': (n) => fill('Traceback (most recent call last):\n', pyFrame, 'RuntimeError: Event loop is closed', n),
  'huge chained traceback': (n) =>
    fill('', `Traceback (most recent call last):\n${pyFrame}RuntimeError: boom\n\nDuring handling of the above exception, another exception occurred:\n\n`, 'RuntimeError: Event loop is closed', n),
  'huge Node stack': (n) => fill("TypeError: Cannot read properties of undefined (reading 'then')\n", nodeFrame, '', n),
  'many fences with mistakes': (n) => fill('', '```py\n' + pyMistake + '```\n', '', n),
  'many empty fences': (n) => fill('', '```js\n```\n', '', n),
  'many tiny JS fences': (n) => fill('', '```js\nf()\n```\n', '', n),
  'fences in fences': (n) => fill('', '````\n```js\n', '', n),
  'many warnings lines': (n) => fill('', "/app/bot.py:12: RuntimeWarning: coroutine 'main' was never awaited\n  main()\n", '', n),
  'many error lines': (n) => fill('', 'RuntimeError: Event loop is closed\n', '', n),
  'many tsc diagnostics': (n) => fill('', "src/bot.ts(12,5): error TS2801: This condition will always return true since this 'Promise<boolean>' is always defined.\n", '', n),
  // Log prefixes come off every line, and a repeated warning must not cost n² in a match's reasons.
  'many pm2-prefixed rejection warnings': (n) => fill('', '0|bot      | (node:1) UnhandledPromiseRejectionWarning: Error: boom\n', '', n),
  'long blank runs between borders': (n) => fill('', 'PM2' + ' '.repeat(3900) + 'x\n', '', n),
  // A parameter named like a module-level object, used on every line: is it the caller's own? (asked per use)
  'Python parameter shadowing a module object, used on every line': (n) =>
    fill('```py\nimport aiohttp\nsession = aiohttp.ClientSession()\n\nasync def f(session):\n', '    r = await session.get(u(v))\n', '\n```', n),
  // The same name awaited on every line: what it names is looked up once per name, not once per await.
  'await of one uncalled function on every line': (n) => fill('```js\nasync function load() {}\nasync function main() {\n', '  await load;\n', '}\n```', n),
  // Markdown's indented code blocks in a message of words: thousands of one-line runs between sentences.
  'many short indented code runs': (n) => fill('Here is what I tried:\n\n', 'Then I call\n\n    await client.close()\n', '', n),
  // U+2028 is no newline to intake's line split but ends a line for '.' and a multiline '^': patterns reading a line
  // to its end must not restart from every position before one.
  'JS // comment runs up to a U+2028': (n) => fill('', ' //'.repeat(1300) + '\u2028x\n', '', n),
  'Python import lines split by U+2028': (n) => fill('```py\nprint(sys.argv)\nasyncio.run(main())\n', 's\u2028from\t\u2028'.repeat(550) + '\n', '```', n),
  // Secret redaction reads every paste first: its seams, settings and URL schemes, repeated.
  'redaction: password=password=…': (n) => fill('', 'password=', '', n),
  'redaction: key:key:… on long lines': (n) => fill('', 'a:'.repeat(1900) + '\n', '', n),
  'redaction: x://x://…': (n) => fill('', 'x://', '', n),
  'redaction: %2E%2E…': (n) => fill('', '%2E', '', n),
  'redaction: "a" + "a" + …': (n) => fill('', '"a" + ', '', n),
  'redaction: token-like dotted runs': (n) => fill('', 'MTIzNDU2Nzg5MDEyMzQ1Njc4.', '', n),
};

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

const engine = await createEngine();
// A running bot is warm: TypeScript and the grammars loaded, the hot paths compiled. Without this the
// first shapes measured would carry the JIT's compile time (its threads count in the process CPU time).
for (let round = 0; round < 10; round++) for (const make of Object.values(shapes)) engine.diagnose(make(PASTE));

function measure(limit) {
  const rows = [];
  for (const [name, make] of Object.entries(shapes)) {
    const text = make(limit);
    if (text.length > limit) throw new Error(`${name}: ${text.length} characters, over ${limit}`);
    const cpu = [];
    const wall = [];
    engine.diagnose(text);
    for (let i = 0; i < 5; i++) {
      const c = process.cpuUsage();
      const s = performance.now();
      engine.diagnose(text);
      wall.push(performance.now() - s);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
    rows.push({ name, chars: text.length, ms: median(cpu), wall: median(wall) });
  }
  return rows.sort((a, b) => b.ms - a.ms);
}

const list = process.argv.includes('--list');
const out = [];
for (const [label, limit, goal] of [
  ['paste <= 6,000 characters', PASTE, 50],
  ['attachment <= 512 KB', ATTACHMENT, 500],
]) {
  const rows = measure(limit);
  if (list) for (const r of rows) console.log(`  ${label.split(' ')[0]}  ${r.name.padEnd(40)} ${String(r.chars).padStart(7)} ch  ${r.ms.toFixed(1).padStart(6)} ms CPU  ${r.wall.toFixed(1).padStart(6)} ms wall`);
  const worst = rows[0];
  out.push([`worst ${label}, ${rows.length} shapes (goal <= ${goal} ms)`, `${worst.ms.toFixed(1)} ms CPU, ${worst.wall.toFixed(1)} ms wall  (${worst.name})`]);
}
// The pool: an ordinary paste's round trip (structured clone both ways, rules put back), 200 in a row.
const ordinary = '```js\n' + jsMistake + '```';
const pool = new DiagnosisPool(engine.rules, { budgetMs: 2000, threads: 2 });
await pool.ready();
for (let i = 0; i < 50; i++) await pool.diagnose(ordinary);
const trips = [];
const inProcess = [];
for (let i = 0; i < 200; i++) {
  let s = performance.now();
  await pool.diagnose(ordinary);
  trips.push(performance.now() - s);
  s = performance.now();
  engine.diagnose(ordinary);
  inProcess.push(performance.now() - s);
}
await pool.close();
const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];
out.push([`pool round trip, ordinary paste (in-process ${median(inProcess).toFixed(2)} ms)`, `median ${median(trips).toFixed(2)} ms, p99 ${p99(trips).toFixed(2)} ms wall`]);

// The safety net: no step bounds, a 500 ms budget, the issue's paste (minutes of work unbounded).
process.env.AWAITBOT_ANALYSIS_LIMITS = 'off';
const unbounded = new DiagnosisPool(engine.rules, { budgetMs: 500, threads: 1 });
delete process.env.AWAITBOT_ANALYSIS_LIMITS;
await unbounded.ready();
let s = performance.now();
const stopped = await unbounded.diagnose('```js\n' + '(async (x)\n'.repeat(22) + '```');
const stopMs = performance.now() - s;
s = performance.now();
await unbounded.diagnose(ordinary); // waits for the replacement worker to load its engine
const replaceMs = performance.now() - s;
await unbounded.close();
out.push([`unbounded hostile paste, 500 ms budget → ${stopped.kind}`, `answered after ${stopMs.toFixed(0)} ms; next paste after ${replaceMs.toFixed(0)} ms (new worker)`]);

const w = Math.max(...out.map((r) => r[0].length));
for (const [k, v] of out) console.log(`${k.padEnd(w)}  ${v}`);
