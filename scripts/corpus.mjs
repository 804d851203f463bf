// The real-paste corpus (corpus/*.jsonl): loading, the fixed working/sealed split, and scoring an engine on it.
// Shared by `npm run eval` (against dist/) and the corpus test (against src/), so both count the same way.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const corpusDir = fileURLToPath(new URL('../corpus/', import.meta.url));
export const kinds = ['traceback', 'stack', 'error-line', 'code+error', 'code-only', 'prose'];
export const langs = ['py', 'js'];
/** Help-channel watching answers unasked only at or above this confidence (src/discord/answer.ts). */
export const watchConfidence = 0.8;

const excluded = () => new Set(readFileSync(join(corpusDir, 'exclude.sha256'), 'utf8').split('\n').filter(Boolean));
export const threadKey = (url) =>
  url.toLowerCase().match(/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull|discussions)\/\d+/)?.[0].replace(/\/(pull|discussions)\//, '/issues/');

/** The threads kept out of the corpus (the SHA-256 of each thread's address, in corpus/exclude.sha256). */
export function isExcludedSource(url, list = excluded()) {
  const k = threadKey(url);
  return !!k && list.has(createHash('sha256').update(k).digest('hex'));
}

/** Every corpus case, in file order; throws naming the file and line when a line is not JSON. */
export function loadCorpus(dir = corpusDir) {
  const salt = readFileSync(join(dir, 'SPLIT'), 'utf8').trim();
  const cases = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let c;
      try {
        c = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not JSON (${e.message})`);
      }
      const sealed = createHash('sha256').update(salt + c.id).digest()[0] % 5 === 0;
      cases.push({ ...c, file, line: i + 1, sealed });
    });
  }
  return cases;
}

const pct = (xs, p) => (xs.length ? xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] : 0);
const ratio = (ok, n) => ({ ok, n, rate: n ? ok / n : null });

function tally(groups, key, ok) {
  const g = (groups[key] ??= { ok: 0, n: 0 });
  g.n++;
  if (ok) g.ok++;
}

/**
 * Scores `engine.diagnose` on `cases`. A positive is right when the first match is one of `expect`;
 * a negative is right when nothing matches. A fix is accepted when the first match is right and its
 * fixed code holds every `fix_contains` string.
 */
export function scoreCorpus(engine, cases, { rounds = 1 } = {}) {
  for (const c of cases.slice(0, 50)) engine.diagnose(c.text); // warm the parsers and caches
  const results = [];
  const times = [];
  for (const c of cases) {
    let d;
    let ms = Infinity;
    for (let r = 0; r < rounds; r++) {
      const s = performance.now();
      d = engine.diagnose(c.text);
      ms = Math.min(ms, performance.now() - s);
    }
    times.push(ms);
    const got = d.matches.map((m) => m.rule.id);
    const best = d.matches[0];
    const negative = c.expect.length === 0;
    const right = negative ? got.length === 0 : !!best && c.expect.includes(best.rule.id);
    const fixOk = c.fix_contains?.length ? right && !!best?.fix && c.fix_contains.every((s) => best.fix.code.includes(s)) : null;
    results.push({ c, got, confidence: best?.confidence ?? 0, right, fixOk, ms });
  }
  const positives = results.filter((r) => r.c.expect.length > 0);
  const negatives = results.filter((r) => r.c.expect.length === 0);
  const withError = positives.filter((r) => r.c.kind !== 'code-only' && r.c.kind !== 'prose');
  const byKind = {}, byLang = {}, byRule = {};
  for (const r of positives) {
    tally(byKind, r.c.kind, r.right);
    tally(byLang, r.c.lang, r.right);
    tally(byRule, r.c.expect[0], r.right);
  }
  // What help-channel watching would post unasked: confident answers to pastes that are not prose.
  const unasked = results.filter((r) => r.c.kind !== 'prose' && r.got.length > 0 && r.confidence >= watchConfidence);
  const fixes = results.filter((r) => r.fixOk !== null);
  return {
    cases: results.length,
    top1: ratio(positives.filter((r) => r.right).length, positives.length),
    top1WithError: ratio(withError.filter((r) => r.right).length, withError.length),
    top1CodeOnly: ratio(positives.filter((r) => r.c.kind === 'code-only' && r.right).length, positives.filter((r) => r.c.kind === 'code-only').length),
    top1Prose: ratio(positives.filter((r) => r.c.kind === 'prose' && r.right).length, positives.filter((r) => r.c.kind === 'prose').length),
    falsePositives: ratio(negatives.filter((r) => !r.right).length, negatives.length),
    unaskedRight: ratio(unasked.filter((r) => r.right).length, unasked.length),
    fixAccepted: ratio(fixes.filter((r) => r.fixOk).length, fixes.length),
    byKind,
    byLang,
    byRule,
    p50: pct(times, 50),
    p99: pct(times, 99),
    slowest: results.slice().sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => ({ id: r.c.id, ms: r.ms })),
    failures: results.filter((r) => !r.right || r.fixOk === false).map((r) => ({ id: r.c.id, kind: r.c.kind, expect: r.c.expect, got: r.got, fixOk: r.fixOk, confidence: r.confidence })),
  };
}
