#!/usr/bin/env node
// awaitbot's JS/TS snippet analysis beside ESLint 10 + typescript-eslint's type-aware promise
// rules, on the same snippets (the test table test/evidence/javascript/cases.ts: real discord.js
// and express shapes, mistakes and correct code). Prints time to first result, time per snippet,
// RSS, and which mistakes each one catches that the other does not. Run `npm run build` first.
// Goal: awaitbot catches every mistake ESLint catches on this set, >= 20x faster per snippet.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCases } from './javascript-snippet.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const RULES = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/await-thenable': 'error',
  '@typescript-eslint/require-await': 'error',
  '@typescript-eslint/return-await': ['error', 'in-try-catch'],
  'no-async-promise-executor': 'error',
  'no-await-in-loop': 'error',
};

/** Which awaitbot detector an ESLint message corresponds to (null: no counterpart in our catalog). */
function counterpart(msg, lineText) {
  if (msg.fatal) return /await/i.test(msg.message) ? 'js.await-outside-async' : 'parse-error';
  switch (msg.ruleId) {
    case '@typescript-eslint/no-floating-promises':
      return /array of Promises/i.test(msg.message) ? 'js.async-foreach' : 'js.floating-promise';
    case '@typescript-eslint/no-misused-promises':
      if (msg.messageId === 'conditional' || msg.messageId === 'spread') return 'js.promise-as-value';
      if (/\.(forEach|map|filter|some|every|find)\(/.test(lineText)) return 'js.async-foreach';
      return null; // an async listener/callback where void was expected (client.on('x', async …)): fine for discord.js
    case '@typescript-eslint/return-await':
      return 'js.return-without-await-in-try';
    case 'no-async-promise-executor':
      return 'js.async-promise-executor';
    case 'no-await-in-loop':
      return 'js.await-in-loop';
    default:
      return null; // await-thenable, require-await: no mistake of the catalog
  }
}

function extensionFor(code) {
  const ts = /\binterface\s|:\s*(?:string|number|boolean|Promise<|[A-Z]\w*(?:<[^>]*>)?)\s*[,)=;{]|<[A-Z]\w*>/.test(code);
  const esm = /^\s*(?:import|export)\s/m.test(code);
  if (ts) return esm ? 'mts' : 'ts';
  return esm || /^await\s/m.test(code) ? 'mjs' : 'js';
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const cases = await loadCases();
  const snippets = [
    ...cases.invalid.map((c) => ({ name: c.name, code: c.code, expected: c.errors })),
    ...cases.valid.map((c) => ({ name: c.name, code: c.code, expected: [] })),
  ];
  // Inside node_modules/.cache so @types/node and discord.js resolve as in a bot's project.
  const dir = join(root, 'node_modules', '.cache', `peers-javascript-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'commonjs' }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { allowJs: true, checkJs: false, strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], types: ['node'], skipLibCheck: true },
        include: ['*.js', '*.mjs', '*.ts', '*.mts'],
      }),
    );
    const files = snippets.map((s, i) => {
      const file = join(dir, `snippet-${String(i).padStart(2, '0')}.${extensionFor(s.code)}`);
      writeFileSync(file, s.code);
      return file;
    });

    // --- ESLint + typescript-eslint (type-aware) ---
    const t0 = performance.now();
    const { ESLint } = await import('eslint');
    const tseslint = (await import('typescript-eslint')).default;
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{js,mjs,ts,mts}'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
          plugins: { '@typescript-eslint': tseslint.plugin },
          rules: RULES,
        },
      ],
    });
    const first = await eslint.lintFiles([files[0]]);
    const eslintFirst = performance.now() - t0;
    void first;
    const eslintResults = new Map();
    const eslintTimes = [];
    for (let round = 0; round < 3; round++) {
      const t = performance.now();
      for (const file of files) {
        const [res] = await eslint.lintFiles([file]);
        if (round === 0) eslintResults.set(file, res.messages);
      }
      eslintTimes.push((performance.now() - t) / files.length);
    }
    const eslintRss = process.memoryUsage().rss;

    // --- awaitbot ---
    const a0 = performance.now();
    const { analyzeJavaScript } = await import(pathToFileURL(`${root}dist/evidence/javascript/snippet/index.js`).href);
    const hints = { coroutineNames: [], lines: [], notebook: false };
    const ours = snippets.map((s) => analyzeJavaScript(s.code, 0, hints));
    const oursFirst = performance.now() - a0;
    for (let r = 0; r < 200; r++) for (const s of snippets) analyzeJavaScript(s.code, 0, hints);
    const oursTimes = [];
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      for (let r = 0; r < 100; r++) for (const s of snippets) analyzeJavaScript(s.code, 0, hints);
      oursTimes.push((performance.now() - t) / (100 * snippets.length));
    }

    // --- who catches what ---
    const eslintOnly = [];
    const eslintOnCorrect = [];
    const oursOnly = [];
    const noCounterpart = new Map();
    let bothCaught = 0;
    snippets.forEach((s, i) => {
      const lines = s.code.split('\n');
      const mapped = (eslintResults.get(files[i]) ?? []).map((m) => ({ m, detector: counterpart(m, lines[(m.line ?? 1) - 1] ?? '') }));
      for (const { m, detector } of mapped) {
        if (detector === null || detector === 'parse-error') {
          const key = m.ruleId ?? `parse error: ${m.message.slice(0, 60)}`;
          noCounterpart.set(key, (noCounterpart.get(key) ?? 0) + 1);
          continue;
        }
        const hit = ours[i].some((f) => f.detector === detector && Math.abs(f.line - m.line) <= 1);
        const text = `${s.name}: ${m.ruleId ?? 'parse error'} line ${m.line} (${m.message.split('\n')[0].slice(0, 70)})`;
        if (!hit) (s.expected.length === 0 ? eslintOnCorrect : eslintOnly).push(text);
      }
      for (const e of s.expected) {
        const eslintHit = mapped.some(({ m, detector }) => detector === e.detector && Math.abs(m.line - e.line) <= 1);
        if (eslintHit) bothCaught++;
        else oursOnly.push(`${s.name}: ${e.detector} line ${e.line}`);
      }
    });
    const ourMisses = snippets.flatMap((s, i) => s.expected.filter((e) => !ours[i].some((f) => f.detector === e.detector && f.line === e.line)).map((e) => `${s.name}: ${e.detector}`));

    const mistakes = snippets.reduce((n, s) => n + s.expected.length, 0);
    const perEslint = median(eslintTimes);
    const perOurs = median(oursTimes);
    const w = [34, 22, 22];
    const row = (c) => console.log(c.map((x, i) => String(x).padEnd(w[i])).join('  '));
    console.log(`${snippets.length} snippets (${cases.invalid.length} with mistakes, ${cases.valid.length} correct), ${mistakes} known mistakes\n`);
    row(['', 'ESLint + typescript-eslint', 'awaitbot']);
    row(['-'.repeat(34), '-'.repeat(22), '-'.repeat(22)]);
    row(['time to first result', `${eslintFirst.toFixed(0)} ms`, `${oursFirst.toFixed(0)} ms`]);
    row(['time per snippet (warm)', `${perEslint.toFixed(2)} ms`, `${perOurs.toFixed(3)} ms`]);
    row(['speed-up', '', `${(perEslint / perOurs).toFixed(0)}x (goal >= 20x)`]);
    row(['RSS (ESLint in this process)', `${(eslintRss / 1048576).toFixed(0)} MB`, `+${((process.memoryUsage().rss - eslintRss) / 1048576).toFixed(0)} MB`]);
    row(['known mistakes caught', `${bothCaught} / ${mistakes}`, `${mistakes - ourMisses.length} / ${mistakes}`]);
    console.log(`\nMistakes caught by ESLint, missed by awaitbot (goal: none): ${eslintOnly.length === 0 ? 'none' : ''}`);
    for (const x of eslintOnly) console.log(`  - ${x}`);
    console.log('\nESLint reports on correct code, where awaitbot stays silent by design (dependent or deliberately ordered');
    console.log('awaits in a loop, `main();` starting a script):');
    for (const x of eslintOnCorrect) console.log(`  - ${x}`);
    console.log(`\nCaught by awaitbot, missed by ESLint: ${oursOnly.length}`);
    for (const x of oursOnly) console.log(`  - ${x}`);
    console.log('\nESLint reports with no mistake of our catalog behind them (style rules, async listeners, parse errors):');
    for (const [k, n] of noCounterpart) console.log(`  - ${k}: ${n}`);
    if (ourMisses.length > 0) console.log(`\nawaitbot misses in its own table: ${ourMisses.join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
