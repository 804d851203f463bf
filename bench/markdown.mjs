// User text never becomes Markdown (issue 9), at scale: 100,000 generated hostile pastes
// (test/fixtures pastes with Markdown, mentions, backtick runs, control characters and long
// lines planted in file names, function names, code and comments) through the real engine and
// every renderer, with the checks of test/render/markdown-safety.test.ts. Goal: 0 failures.
// Run after `npm run build`.
//   node bench/markdown.mjs [--total 100000] [--seed 9]
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../dist/engine.js';
import { renderDiagnosis, renderFaqEntry, renderFixDetails, renderNoMatch } from '../dist/render/discord.js';
import { renderText } from '../dist/render/text.js';
import { checkPaste, discordReplyProblems, hostilePaste, hostileText, loadFixturePastes } from '../test/render/hostile-markdown.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i !== -1 ? Number(process.argv[i + 1]) : fallback;
};
const total = arg('--total', 100_000);
const seed = arg('--seed', 9);
const batch = 1000;

const engine = await createEngine();
const renderers = { engine, renderDiagnosis, renderNoMatch, renderFixDetails, renderText };
const corpus = loadFixturePastes(root);
const paths = { matched: 0, where: 0, file: 0, inlineFix: 0, attachedFix: 0 };
const failures = new Map();
let pasteFailed = 0;
let done = 0;
/** Counts each kind of problem once per input; true when there was any. */
const record = (problems, example) => {
  if (!problems.length) return false;
  for (const p of new Set(problems.map((x) => x.replace(/ at \d+.*$/, '').replace(/: .*$/, '')))) {
    const f = failures.get(p) ?? { n: 0, example };
    f.n++;
    failures.set(p, f);
  }
  return true;
};

const started = performance.now();
for (let b = 0; done < total; b++) {
  const pastes = fc.sample(fc.tuple(hostilePaste(fc, corpus), fc.constantFrom('en', 'zh-CN')), { numRuns: Math.min(batch, total - done), seed: seed * 1_000_003 + b });
  for (const [paste, locale] of pastes) {
    let result;
    try {
      result = checkPaste(renderers, paste, locale);
    } catch (e) {
      result = { problems: [`threw ${e?.constructor?.name ?? 'error'}`], paths: {} };
    }
    if (record(result.problems, paste)) pasteFailed++;
    for (const k of Object.keys(paths)) if (result.paths[k]) paths[k]++;
    done++;
  }
}
const pasteSecs = (performance.now() - started) / 1000;

// Server FAQ entries written to break out: title and body of any content.
const faqTotal = Math.min(total, 100_000);
let faqFailed = 0;
const faqStarted = performance.now();
for (let b = 0, n = 0; n < faqTotal; b++) {
  const entries = fc.sample(fc.tuple(hostileText(fc, 4), hostileText(fc, 12)), { numRuns: Math.min(batch, faqTotal - n), seed: seed * 7_000_003 + b });
  for (const [title, body] of entries) {
    const problems = discordReplyProblems(renderFaqEntry({ guildId: 'g', name: 'entry', title, body, authorId: 'a', uses: 0, createdAt: '', updatedAt: '' }, null));
    if (record(problems.map((p) => `FAQ entry: ${p}`), body)) faqFailed++;
    n++;
  }
}
const faqSecs = (performance.now() - faqStarted) / 1000;

console.log(`awaitbot Markdown safety bench — seed ${seed}\n`);
console.log('| run | n | failed | per second |');
console.log('|---|---:|---:|---:|');
console.log(`| hostile pastes → engine → Discord reply, Show fix, text reply | ${done} | ${pasteFailed} | ${Math.round(done / pasteSecs)} |`);
console.log(`| hostile server FAQ entries → /faq reply | ${faqTotal} | ${faqFailed} | ${Math.round(faqTotal / faqSecs)} |`);
console.log(
  `\npaths reached: matched ${paths.matched}, "Your line" shown ${paths.where}, file name shown ${paths.file}, ` +
    `fix inline ${paths.inlineFix}, fix attached ${paths.attachedFix}`,
);
if (failures.size) {
  console.log('\nfailures by kind (first example):');
  for (const [kind, f] of [...failures].sort((a, b) => b[1].n - a[1].n)) console.log(`  ${f.n} × ${kind}\n      ${JSON.stringify(f.example.slice(0, 300))}`);
}
const failed = pasteFailed + faqFailed;
console.log(`\ngoal 0 failures: ${failed === 0 ? 'met' : 'NOT met'} (${failed})`);
process.exit(failed === 0 ? 0 : 1);
