#!/usr/bin/env node
// Python snippet analysis speed and memory, against dist/ (run `npm run build` first).
// Prints per-snippet time for 50-line snippets (goal <= 0.5 ms warm), 2,000-line
// files (goal <= 20 ms) and RSS over 10,000 snippets (must stay flat).
// Beside each analysis time: the process CPU time (steadier than wall time on a
// shared machine; it also counts V8's GC threads) and tree-sitter's parse of the
// same text alone, the part no change to awaitbot can make faster.
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The mistakes both this bench and bench/peers-python.mjs run; `expect` is our detector id. */
export const MISTAKES = [
  { name: 'time.sleep in async def', expect: 'py.blocking-call-in-async', code: 'import time\n\nasync def tick(ctx):\n    time.sleep(5)\n    await ctx.send("tick")\n' },
  { name: 'requests.get in async def', expect: 'py.blocking-call-in-async', code: 'import requests\n\nasync def weather(city):\n    r = requests.get("http://127.0.0.1/" + city)\n    return r.json()\n' },
  { name: 'urlopen in async def', expect: 'py.blocking-call-in-async', code: 'import urllib.request\n\nasync def page(url):\n    return urllib.request.urlopen(url).read()\n' },
  { name: 'subprocess.run in async def', expect: 'py.blocking-call-in-async', code: 'import subprocess\n\nasync def deploy():\n    subprocess.run(["git", "pull"], check=True)\n' },
  { name: 'blocking via a sync helper', expect: 'py.blocking-call-in-async', code: 'import time\n\ndef backoff():\n    time.sleep(2)\n\nasync def retry():\n    backoff()\n' },
  { name: 'open() in async def', expect: 'py.blocking-call-in-async', code: 'async def read_config():\n    with open("config.json") as f:\n        return f.read()\n' },
  { name: 'create_task result dropped', expect: 'py.task-not-kept', code: 'import asyncio\n\nasync def job():\n    await asyncio.sleep(1)\n\nasync def main():\n    asyncio.create_task(job())\n    await asyncio.sleep(10)\n' },
  { name: 'own async def not awaited', expect: 'py.unawaited-coroutine', code: 'async def save(x):\n    return x\n\nasync def handle(x):\n    save(x)\n' },
  { name: 'asyncio.sleep not awaited', expect: 'py.unawaited-coroutine', code: 'import asyncio\n\nasync def wait():\n    asyncio.sleep(1)\n' },
  { name: 'ctx.send not awaited (discord.py)', expect: 'py.unawaited-coroutine', code: 'from discord.ext import commands\n\nbot = commands.Bot(command_prefix="!")\n\n@bot.command()\nasync def ping(ctx):\n    ctx.send("pong")\n' },
  { name: 'asyncio.run(main) without call', expect: 'py.coroutine-function-not-called', code: 'import asyncio\n\nasync def main():\n    pass\n\nasyncio.run(main)\n' },
  { name: 'asyncio.run inside async def', expect: 'py.asyncio-run-in-async', code: 'import asyncio\n\nasync def inner():\n    return 1\n\nasync def route():\n    return asyncio.run(inner())\n' },
  { name: 'Thread(target=async def)', expect: 'py.async-fn-in-thread', code: 'import threading\n\nasync def poll():\n    pass\n\nthreading.Thread(target=poll).start()\n' },
  { name: 'with aiohttp.ClientSession()', expect: 'py.sync-with-async-cm', code: 'import aiohttp\n\nasync def fetch(u):\n    with aiohttp.ClientSession() as s:\n        pass\n' },
  { name: 'load_extension not awaited', expect: 'py.discord-setup-not-awaited', code: 'from discord.ext import commands\n\nbot = commands.Bot(command_prefix="!")\nbot.load_extension("cogs.music")\nbot.run("T")\n' },
  { name: 'await time.sleep', expect: 'py.await-non-awaitable', code: 'import time\n\nasync def f():\n    await time.sleep(1)\n' },
  { name: 'await in plain def', expect: 'py.await-outside-async', code: 'import asyncio\n\ndef f():\n    await asyncio.sleep(1)\n' },
  { name: 'busy while True in async def', expect: 'py.blocking-call-in-async', code: 'async def spin(state):\n    while True:\n        state.tick()\n' },
];

/** Neutral code that pads a snippet to about 50 lines (a plain class, comments, sync helpers). */
function padding(lines, seed) {
  const out = [];
  out.push(`class Helper${seed}:`, '    """Keeps a few values around."""', '', '    def __init__(self, items):', '        self.items = list(items)', '');
  let i = 0;
  while (out.length < lines) {
    out.push(`    def method_${seed}_${i}(self, value):`, `        # step ${i}`, `        total = sum(x * ${i + 1} for x in self.items)`, `        return total + value if value else {"n": ${i}, "items": self.items[:${i}]}`, '');
    i++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export function snippet50(i) {
  const m = MISTAKES[i % MISTAKES.length];
  const lines = m.code.split('\n').length;
  return padding(Math.max(1, 50 - lines), i) + m.code;
}

export function file2000() {
  let out = 'import asyncio\nimport time\n\n';
  let i = 0;
  while (out.split('\n').length < 2000) {
    out += `async def worker_${i}(queue):\n    while not queue.empty():\n        item = await queue.get()\n        await asyncio.sleep(0)\n        queue.task_done()\n\n`;
    out += padding(30, i) + '\n';
    i++;
  }
  return out.split('\n').slice(0, 2000).join('\n') + '\n';
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall and CPU milliseconds per input over `rounds` passes (after one warm-up pass). */
function measure(fn, inputs, rounds) {
  for (const s of inputs) fn(s);
  const wall = [];
  const cpu = [];
  for (let r = 0; r < rounds; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    for (const s of inputs) fn(s);
    wall.push((performance.now() - t) / inputs.length);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000 / inputs.length);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const t0 = performance.now();
  const { createPythonAnalyzer } = await import(pathToFileURL(`${root}/dist/evidence/python/snippet/index.js`).href);
  const { loadedPythonParser } = await import(pathToFileURL(`${root}/dist/evidence/python/snippet/tree.js`).href);
  const { prepareSnippet } = await import(pathToFileURL(`${root}/dist/evidence/python/snippet/prepare.js`).href);
  const analyzer = await createPythonAnalyzer();
  const hints = { coroutineNames: [], lines: [], notebook: false };
  analyzer.analyze(snippet50(0), 0, hints);
  const coldMs = performance.now() - t0;
  const parser = loadedPythonParser();
  const parseOnly = (code) => parser.parse(code).delete();

  const snippets = Array.from({ length: 200 }, (_, i) => snippet50(i));
  for (const s of snippets) analyzer.analyze(s, 0, hints); // warm-up
  const small = measure((s) => analyzer.analyze(s, 0, hints), snippets, 5);
  const smallParse = measure(parseOnly, snippets.map((s) => prepareSnippet(s).code), 5);
  const big = file2000();
  const large = measure((s) => analyzer.analyze(s, 0, hints), [big], 12);
  const largeParse = measure(parseOnly, [prepareSnippet(big).code], 12);
  let caught = 0;
  for (const m of MISTAKES) {
    const found = analyzer.analyze(m.code, 0, hints).map((f) => f.detector);
    if (m.expect && found.includes(m.expect)) caught++;
  }
  globalThis.gc?.();
  const rss = [];
  const mb = () => Math.round(process.memoryUsage().rss / 1e6);
  rss.push(['0', mb()]);
  for (let i = 1; i <= 10000; i++) {
    analyzer.analyze(snippets[i % snippets.length], 0, hints);
    if (i % 2500 === 0) {
      globalThis.gc?.();
      rss.push([String(i), mb()]);
    }
  }

  const rows = [
    ['grammar load + first analysis (cold)', `${coldMs.toFixed(1)} ms`, ''],
    ['50-line snippet, warm (median of 5 x 200)', `${small.wall.toFixed(3)} ms`, `goal <= 0.5 ms; cpu ${small.cpu.toFixed(3)} ms`],
    ['  of which tree-sitter parse alone', `${smallParse.wall.toFixed(3)} ms`, `cpu ${smallParse.cpu.toFixed(3)} ms`],
    [`2,000-line file (median of 12)`, `${large.wall.toFixed(2)} ms`, `goal <= 20 ms; cpu ${large.cpu.toFixed(2)} ms`],
    ['  of which tree-sitter parse alone', `${largeParse.wall.toFixed(2)} ms`, `cpu ${largeParse.cpu.toFixed(2)} ms`],
    ['seeded mistakes caught', `${caught} / ${MISTAKES.filter((m) => m.expect).length}`, ''],
    ...rss.map(([n, v]) => [`RSS after ${n} snippets`, `${v} MB`, n === '10000' ? `growth ${v - rss[1][1]} MB since 2,500` : '']),
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log('Python snippet analysis (web-tree-sitter + tree-sitter-python)');
  for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w)}  ${b.padStart(10)}  ${c}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
