/**
 * Reads `knowledge/**.md` into validated Rules. Any problem throws a
 * KnowledgeError that names the file and the field, so a broken rule file
 * fails at start and in CI rather than silently matching nothing.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  exampleComments,
  frontMatterSchema,
  optionalSections,
  requiredSections,
  type ExampleKind,
  type Rule,
  type RuleExample,
} from './schema.js';

export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field}: ${detail}`);
    this.name = 'KnowledgeError';
  }
}

/** The knowledge directory shipped with the package (works from src/ and dist/). */
export const defaultKnowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/** Ids of detectors and fixers the code provides; rule files may reference only these. */
export interface KnownIds {
  detectors?: ReadonlySet<string>;
  fixers?: ReadonlySet<string>;
}

const exampleKinds: readonly ExampleKind[] = ['incorrect', 'correct', 'evidence'];

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMarkdown(full));
    else if (entry.isFile() && entry.name.endsWith('.md') && entry.name === entry.name.toLowerCase()) out.push(full);
  }
  return out.sort();
}

/** Splits `---\nyaml\n---\nbody`. */
function splitFrontMatter(file: string, source: string): { yaml: string; body: string; bodyLine: number } {
  const text = source.replace(/\r\n/g, '\n');
  if (!text.startsWith('---\n')) throw new KnowledgeError(file, 'front matter', 'file must start with a --- line');
  const end = text.indexOf('\n---\n', 3);
  if (end < 0) throw new KnowledgeError(file, 'front matter', 'no closing --- line');
  const yaml = text.slice(4, end + 1);
  return { yaml, body: text.slice(end + 5), bodyLine: yaml.split('\n').length + 2 };
}

/** `## Heading` → section text. Checks the fixed order. */
function readSections(file: string, body: string): Record<string, string> {
  const sections: Record<string, string> = {};
  const order: string[] = [];
  let current: string | null = null;
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence ? /^## +(.+?)\s*$/.exec(line) : null;
    if (heading?.[1]) {
      current = heading[1];
      if (current in sections) throw new KnowledgeError(file, `section "${current}"`, 'appears twice');
      sections[current] = '';
      order.push(current);
    } else if (current !== null) {
      sections[current] += line + '\n';
    }
  }
  const allowed = new Set<string>([...requiredSections, ...optionalSections]);
  for (const name of order) {
    if (!allowed.has(name)) {
      throw new KnowledgeError(file, `section "${name}"`, `unknown section; use ${[...allowed].map((s) => `"## ${s}"`).join(', ')}`);
    }
  }
  const required = order.filter((n) => (requiredSections as readonly string[]).includes(n));
  for (const [i, name] of requiredSections.entries()) {
    if (required[i] !== name) {
      throw new KnowledgeError(file, `section "${name}"`, `missing or out of order; sections must be ${requiredSections.join(' → ')}`);
    }
    if (!sections[name]?.trim()) throw new KnowledgeError(file, `section "${name}"`, 'is empty');
  }
  for (const name of Object.keys(sections)) sections[name] = sections[name]!.trim();
  return sections;
}

/** Fenced blocks whose info string names an example kind: ```python incorrect */
function readExamples(file: string, body: string, bodyLine: number): RuleExample[] {
  const examples: RuleExample[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```([\w+-]*)(?:[ \t]+(.*))?$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new KnowledgeError(file, `code fence at line ${bodyLine + i}`, 'is never closed');
    const labels = (open[2] ?? '').trim().split(/\s+/).filter(Boolean);
    const kind = labels.find((l): l is ExampleKind => (exampleKinds as readonly string[]).includes(l));
    const unknown = labels.filter((l) => !(exampleKinds as readonly string[]).includes(l));
    if (unknown.length) throw new KnowledgeError(file, `code fence at line ${bodyLine + i}`, `unknown label "${unknown[0]}"; use incorrect, correct or evidence`);
    if (kind) {
      examples.push({ kind, fenceLanguage: open[1] || 'text', code: lines.slice(i + 1, end).join('\n') + '\n', line: bodyLine + i });
    }
    i = end;
  }
  return examples;
}

function checkPattern(file: string, field: string, pattern: string | undefined): void {
  if (pattern === undefined) return;
  try {
    new RegExp(pattern, 'i');
  } catch (e) {
    throw new KnowledgeError(file, field, `invalid regular expression: ${(e as Error).message}`);
  }
}

/** TypeScript's own diagnostic texts by code, read once from the installed compiler (the source that prints them). */
let tsMessages: Map<number, string> | null = null;
function typescriptMessage(code: number): string | undefined {
  if (!tsMessages) {
    const ts = createRequire(import.meta.url)('typescript') as { Diagnostics: Record<string, { code: number; message: string }> };
    tsMessages = new Map(Object.values(ts.Diagnostics).map((d) => [d.code, d.message]));
  }
  return tsMessages.get(code);
}

/**
 * The YAML parser, loaded on the first rule file read: a process that finds the knowledge cache
 * fresh (every CLI run but the first) never reads YAML, and loading the parser is a tenth of its start.
 */
let yamlParse: ((source: string) => unknown) | null = null;
function parseYaml(source: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  return yamlParse(source);
}

export function parseRuleFile(file: string, source: string, known: KnownIds = {}): Rule {
  const { yaml, body, bodyLine } = splitFrontMatter(file, source);
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (e) {
    throw new KnowledgeError(file, 'front matter', `invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KnowledgeError(file, issue.path.join('.') || 'front matter', issue.message);
  }
  const fm = parsed.data;
  const expectedId = file.replace(/\\/g, '/').replace(/\.md$/, '');
  if (fm.id !== expectedId) throw new KnowledgeError(file, 'id', `is "${fm.id}" but the file path says "${expectedId}"`);
  if ((fm.language === 'python') !== fm.id.startsWith('py/')) {
    throw new KnowledgeError(file, 'language', `"${fm.language}" does not fit the id prefix`);
  }
  fm.match.forEach((m, i) => {
    if ('error' in m) checkPattern(file, `match.${i}.error.pattern`, m.error.pattern);
    if ('warning' in m) checkPattern(file, `match.${i}.warning.pattern`, m.warning.pattern);
    if ('line' in m) checkPattern(file, `match.${i}.line.pattern`, m.line.pattern);
    if ('ts' in m && !m.message) m.message = typescriptMessage(m.ts);
    if ('finding' in m && known.detectors && !known.detectors.has(m.finding)) {
      throw new KnowledgeError(file, `match.${i}.finding`, `no detector "${m.finding}" exists`);
    }
  });
  for (const field of ['context', 'tool', 'notContext'] as const) checkPattern(file, `prose.${field}`, fm.prose[field]);
  checkPattern(file, 'prose.remedy.pattern', fm.prose.remedy?.pattern);
  checkPattern(file, 'prose.remedy.mistake', fm.prose.remedy?.mistake);
  if (fm.fixer && known.fixers && !known.fixers.has(fm.fixer)) {
    throw new KnowledgeError(file, 'fixer', `no fixer "${fm.fixer}" exists`);
  }
  const sections = readSections(file, body);
  const examples = readExamples(file, body, bodyLine);
  if (!examples.some((e) => e.kind === 'incorrect')) throw new KnowledgeError(file, 'Examples', 'needs at least one ```<lang> incorrect block');
  if (!examples.some((e) => e.kind === 'correct')) throw new KnowledgeError(file, 'Examples', 'needs at least one ```<lang> correct block');
  const rule: Rule = { ...fm, file, body, sections, examples };
  checkTranslations(rule);
  return rule;
}

/**
 * A translation must follow its English rule: a "By context" translation
 * exactly where the English has that section, the same variants in the same
 * order, and comment translations only for comments the examples hold (a
 * stale one would never be shown).
 */
function checkTranslations(rule: Rule): void {
  for (const [locale, t] of Object.entries(rule.i18n ?? {})) {
    if (!t) continue;
    const field = `i18n.${locale}`;
    if (t.context && !rule.sections['By context']) throw new KnowledgeError(rule.file, `${field}.context`, 'the English rule has no "## By context" section');
    if (!t.context && rule.sections['By context']) throw new KnowledgeError(rule.file, `${field}.context`, 'missing: translate the "## By context" section');
    if (t.summaryInLoop && !rule.summaryInLoop) throw new KnowledgeError(rule.file, `${field}.summaryInLoop`, 'the English rule has no summaryInLoop');
    if (!t.summaryInLoop && rule.summaryInLoop) throw new KnowledgeError(rule.file, `${field}.summaryInLoop`, 'missing: translate summaryInLoop');
    const english = rule.variants.map((v) => v.when);
    const translated = t.variants.map((v) => v.when);
    if (translated.join() !== english.join()) {
      throw new KnowledgeError(rule.file, `${field}.variants`, `must translate the variants ${english.join(', ') || '(none)'} in that order, not ${translated.join(', ') || '(none)'}`);
    }
    const comments = new Set(exampleComments(rule));
    for (const key of Object.keys(t.comments)) {
      if (!comments.has(key)) throw new KnowledgeError(rule.file, `${field}.comments`, `no example has the comment "${key}"`);
    }
  }
}

/** Loads and cross-checks every rule file under `dir`. */
export function loadKnowledge(dir: string = defaultKnowledgeDir, known: KnownIds = {}): Rule[] {
  const rules: Rule[] = [];
  for (const full of listMarkdown(dir)) {
    const file = relative(dir, full).split(sep).join('/');
    if (!/^(py|js)\//.test(file)) continue; // README.md, TEMPLATE.md and friends are not rules
    rules.push(parseRuleFile(file, readFileSync(full, 'utf8'), known));
  }
  const names = new Map<string, string>();
  for (const rule of rules) {
    for (const name of [rule.id, ...rule.aliases]) {
      const other = names.get(name);
      if (other) throw new KnowledgeError(rule.file, name === rule.id ? 'id' : 'aliases', `"${name}" is already used by ${other}`);
      names.set(name, rule.file);
    }
  }
  const ids = new Set(rules.map((r) => r.id));
  for (const rule of rules) {
    if (rule.specializes && !ids.has(rule.specializes)) {
      throw new KnowledgeError(rule.file, 'specializes', `no rule "${rule.specializes}" exists`);
    }
  }
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const rule of rules) {
    const twin = rule.prose.twin;
    if (twin === undefined) continue;
    const other = byId.get(twin);
    if (!other) throw new KnowledgeError(rule.file, 'prose.twin', `no rule "${twin}" exists`);
    if (other.language === rule.language) throw new KnowledgeError(rule.file, 'prose.twin', `"${twin}" is in the same language; a twin is the same mistake in the other one`);
    if (other.prose.twin !== rule.id) throw new KnowledgeError(rule.file, 'prose.twin', `"${twin}" must name this rule as its twin too`);
  }
  const pinned = rules.filter((r) => r.pinned).length;
  if (pinned > 25) throw new KnowledgeError('knowledge/', 'pinned', `${pinned} rules are pinned; /faq can show at most 25`);
  return rules;
}

/**
 * `loadKnowledge` with a cache for one-shot CLI runs: parsing and validating
 * every rule's YAML costs ~100 ms per process, reading one JSON file ~2 ms. The
 * cache is keyed by every rule file's path, size and mtime and by the known
 * detector and fixer ids, so an edited rule is always re-validated.
 */
export function loadKnowledgeCached(dir: string, known: KnownIds, cacheFile: string | null): Rule[] {
  if (!cacheFile) return loadKnowledge(dir, known);
  let fingerprint: string;
  try {
    const files = listMarkdown(dir).map((f) => {
      const s = statSync(f);
      return `${relative(dir, f)}:${s.size}:${s.mtimeMs}`;
    });
    fingerprint = JSON.stringify([cacheFormat, files, [...(known.detectors ?? [])].sort(), [...(known.fixers ?? [])].sort()]);
  } catch {
    return loadKnowledge(dir, known);
  }
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { fingerprint: string; rules: Rule[] };
    if (cached.fingerprint === fingerprint) return cached.rules;
  } catch {
    // no cache yet, or unreadable: rebuild it below
  }
  const rules = loadKnowledge(dir, known);
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ fingerprint, rules }));
    renameSync(temp, cacheFile); // atomic: a concurrent reader sees the old or the new file, never half of one
  } catch {
    // a read-only install still works, just without the speed-up
  }
  return rules;
}

/** Bump when the Rule shape changes, so old caches are ignored. */
const cacheFormat = 5;

/**
 * Where the package keeps its cache: node_modules/.cache/awaitbot beside the knowledge it came with, one file per
 * knowledge directory. Checkouts that share one node_modules (git worktrees linking it) keep a cache each: with one
 * file for all, a process started in one checkout found another's cache there, threw it away and read every rule
 * file again (about 0.6 s of CPU at every start of `awaitbot batch` or `explain`), and the next one in the other
 * checkout did the same.
 */
export const defaultKnowledgeCache = fileURLToPath(
  new URL(`../../node_modules/.cache/awaitbot/knowledge-${createHash('sha256').update(defaultKnowledgeDir).digest('hex').slice(0, 16)}.json`, import.meta.url),
);
