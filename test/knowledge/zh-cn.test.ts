/**
 * Every rule reads in Simplified Chinese: each field a reader sees has a
 * zh-CN translation, the Chinese replies hold no English prose outside code,
 * identifiers and quoted error text, and the terms follow the glossary in
 * knowledge/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { exampleComments, type Rule } from '../../src/knowledge/schema.js';
import { defaultKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.js';
import { renderDiagnosis, renderFaqRule, renderFixDetails } from '../../src/render/discord.js';
import { cliMessages, messages, ruleText, say, wordKeys, type CliCommandName } from '../../src/render/messages.js';
import type { Diagnosis } from '../../src/diagnosis.js';
import { replyCases } from '../render/reply-cases.js';
import { invalid as pyCases } from '../evidence/python/cases.js';
import { invalid as jsCases } from '../evidence/javascript/cases.js';
import { renderText } from '../../src/render/text.js';
import { englishRuns, proseOf } from '../render/english-prose.js';

const rules = loadKnowledge(defaultKnowledgeDir);
const translated = rules.filter((r) => r.i18n?.['zh-CN']);
const zhOf = (r: Rule) => r.i18n!['zh-CN']!;

/** Every Chinese string of a rule, each with the field it comes from. */
function chineseFields(r: Rule): [field: string, text: string][] {
  const zh = zhOf(r);
  const fields: [string, string][] = [
    ['title', zh.title],
    ['summary', zh.summary],
    ['happened', zh.happened],
    ['why', zh.why],
    ['fix', zh.fix],
    ...zh.variants.map((v): [string, string] => [`variants.${v.when}`, v.say]),
    ...Object.entries(zh.comments).map(([en, text]): [string, string] => [`comments.${en}`, text]),
  ];
  if (zh.context) fields.push(['context', zh.context]);
  if (zh.summaryInLoop) fields.push(['summaryInLoop', zh.summaryInLoop]);
  return fields;
}
/** An error or warning line as a program prints it: `TypeError: …`, `UnhandledPromiseRejection: …`. */
const quotedOutput = /^[A-Z]\w*(?:Error|Exception|Warning|Rejection)\b[^:]*:/;

const chineseText = (r: Rule) => chineseFields(r).map(([, t]) => t).join('\n');

describe('the English-prose check', () => {
  it('finds a sentence left in English, and not code, links, quoted errors or names', () => {
    expect(englishRuns('调用 `asyncio.run()` 之前 the loop is not running。')).toEqual(['the loop is not running']);
    expect(englishRuns('参见 "This event loop is already running"。')).toEqual([]);
    expect(englishRuns('用 `RuntimeWarning: coroutine was never awaited` 搜索：https://docs.python.org/3/library/asyncio-task.html')).toEqual([]);
    expect(englishRuns('在 Jupyter、FastAPI 或 discord.py 里，`await` 它。')).toEqual([]);
    expect(englishRuns('```python\n# start the loop here\n```\n    print("hello big world")')).toEqual([]);
    expect(englishRuns('在 VS Code notebook 里')).toEqual(['VS Code notebook']);
    expect(englishRuns('**Jupyter / IPython / VS Code**：用 `asyncio_mode = auto`、pytest-asyncio 或 Python 3.11')).toEqual([]);
    expect(englishRuns('**Flask (sync views)**：')).toEqual(['Flask sync views']);
  });
});

describe('every rule in Chinese (zh-CN)', () => {
  it('every rule has a zh-CN translation of each field a reader sees', () => {
    const missing: string[] = [];
    for (const r of rules) {
      const zh = r.i18n?.['zh-CN'];
      if (!zh) {
        missing.push(`${r.id}: no i18n.zh-CN`);
        continue;
      }
      if (!zh.happened) missing.push(`${r.id}: happened`);
      if (!zh.why) missing.push(`${r.id}: why`);
      if (r.sections['By context'] && !zh.context) missing.push(`${r.id}: context`);
      if (zh.variants.length !== r.variants.length) missing.push(`${r.id}: variants`);
      // A comment quoting what the program prints (`# RuntimeError: …`) is error text, not prose.
      for (const c of exampleComments(r).filter((c) => !quotedOutput.test(c))) {
        if (!zh.comments[c] && englishRuns(c).length) missing.push(`${r.id}: comment "${c}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(translated.map((r) => [r.id, r] as const))('%s is written in Chinese, with no English sentence outside code, names and quoted errors', (_id, r) => {
    for (const [field, text] of chineseFields(r)) {
      expect(text, `${r.id} ${field}`).toMatch(/[\u4e00-\u9fff]/);
      expect(englishRuns(text), `${r.id} ${field}`).toEqual([]);
    }
  });

  it.each(translated.map((r) => [r.id, r] as const))('%s keeps the English rule\'s code: every code span of its fix is in the Chinese fix', (_id, r) => {
    const spans = (s: string) => new Set((s.match(/`[^`\n]+`/g) ?? []).map((x) => x.replace(/\s+/g, ' ')));
    const zh = spans(zhOf(r).fix);
    expect([...spans(r.sections['How to fix']!)].filter((s) => !zh.has(s))).toEqual([]);
  });
});

/** The glossary of knowledge/README.md: the word to use for each concept, and the variants that must not appear. */
const glossary: { term: string; english: RegExp; avoid: string[]; language?: Rule['language'] }[] = [
  { term: '协程', english: /\bcoroutines?\b/i, avoid: ['协同程序', '协同例程', '协作程序', '共常式'] },
  { term: '事件循环', english: /\bevent loops?\b/i, avoid: ['事件回圈', '事件迴圈', '事件环', '事件轮询'] },
  { term: '任务', english: /\btasks?\b/i, avoid: [] },
  // "A timeout is a promise" in a Python rule is the everyday word; in JavaScript it is the object.
  { term: 'Promise', english: /\bpromises?\b/i, avoid: ['承诺', '期约', '期物'], language: 'javascript' },
  { term: '回调', english: /\bcallbacks?\b/i, avoid: ['回呼'] },
  { term: '线程', english: /\bthreads?\b/i, avoid: ['执行绪', '線程'] },
  { term: '置信度', english: /$^/, avoid: ['把握', '信心度', '可信度'] },
];

/**
 * The bot's own sentences beside their English: what the engine says of the user's code and of its
 * fix (each with sample names), and the command line's and console's words.
 */
function catalogSentences(): { id: string; en: string; zh: string }[] {
  const engine = wordKeys.map((key) => ({ id: key, en: say({ key, params: sampleParams }), zh: say({ key, params: sampleParams }, 'zh-CN') }));
  const [en, zh] = [cliMessages('en'), cliMessages('zh-CN')];
  const cli = [
    ...Object.keys(en.summaries).map((k) => ({ id: `summaries.${k}`, en: en.summaries[k as CliCommandName], zh: zh.summaries[k as CliCommandName] })),
    ...(['helpHeading', 'helpFooter', 'consoleHelp', 'consoleExplainWhat', 'consoleNothingPiped'] as const).map((k) => ({ id: k, en: en[k], zh: zh[k] })),
  ];
  return [...engine, ...cli];
}

describe('glossary', () => {
  it.each(glossary)('"$term" is the only word for it', ({ avoid }) => {
    const texts = [
      ...translated.map((r) => [r.id, chineseText(r)] as const),
      ['messages.ts', JSON.stringify(Object.values(messages('zh-CN')).filter((v) => typeof v === 'string'))] as const,
      ...catalogSentences().map((s) => [s.id, s.zh] as const),
    ];
    const found = texts.flatMap(([id, t]) => avoid.filter((w) => t.includes(w)).map((w) => `${id}: ${w}`));
    expect(found).toEqual([]);
  });

  it.each(glossary.filter((g) => g.term !== '置信度'))('a rule whose English prose speaks of $english says "$term" in Chinese', ({ term, english, language }) => {
    const missing = translated.filter((r) => (!language || r.language === language) && english.test(proseOf([r.summary, ...Object.values(r.sections)].join('\n'))) && !chineseText(r).includes(term)).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it.each(glossary.filter((g) => g.term !== '置信度'))('a sentence of the bot whose English speaks of $english says "$term" in Chinese', ({ term, english, language }) => {
    // JavaScript's Promise is the object only in JavaScript's sentences (`js.…`, `fix.js.…`).
    const applies = (id: string) => !language || /(?:^|\.)js\./.test(id);
    const missing = catalogSentences().filter((s) => applies(s.id) && english.test(proseOf(s.en)) && !s.zh.includes(term)).map((s) => s.id);
    expect(missing).toEqual([]);
  });

  it('the bot labels its confidence 置信度', () => {
    expect(messages('zh-CN').confidence).toBe('置信度');
    expect(messages('zh-CN').sure(80)).toBe('置信度 80%');
  });
});

describe('Chinese replies', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine();
  });
  const options = { caseKey: 'AAAAAAAAAAAAAAAAAAAAAA', public: true, locale: 'zh-CN' };

  it.each(translated.map((r) => [r.id, r] as const))('%s: /faq, Show fix and the explained error read in Chinese', (_id, r) => {
    const words = ruleText(r, 'zh-CN');
    const faq = renderFaqRule(r, null, 'zh-CN').embeds[0]!;
    const fix = renderFixDetails(r, null, 'zh-CN').embeds[0]!;
    expect(faq.title).toBe(zhOf(r).title);
    for (const text of [faq.title!, faq.description!, fix.title!, fix.description!]) expect(englishRuns(text), r.id).toEqual([]);
    for (const evidence of r.examples.filter((e) => e.kind === 'evidence')) {
      const diagnosed = engine.diagnose(evidence.code);
      if (diagnosed.matches[0]?.rule.id !== r.id) continue;
      // The rule's own words and the bot's labels only: detector messages and fix notes come from src/evidence and src/fix.
      const d = { ...diagnosed, matches: diagnosed.matches.map((m) => ({ ...m, findings: [], fix: null })) };
      const reply = renderDiagnosis(d, options).embeds[0]!;
      expect(reply.description!.startsWith(zhOf(r).summary)).toBe(true);
      // The terminal shows the user's line and the example as they are: code, not prose.
      const text = renderText(d, { locale: 'zh-CN' }).replace(words.correctExample?.trimEnd() ?? '', '').replace(/^ {3}位置：.*$/gm, '');
      expect(englishRuns(text), r.id).toEqual([]);
      expect(englishRuns(reply.description!.replace(/^> /gm, '')), r.id).toEqual([]);
    }
  });
});

describe('what the engine says of the user\'s code, in Chinese', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine();
  });

  /** A rule's reply as a Chinese reader gets it, with the detector's message and the fix note, code left out. */
  function chineseProse(d: Diagnosis): string[] {
    const reply = renderDiagnosis(d, { caseKey: 'AAAAAAAAAAAAAAAAAAAAAA', public: true, locale: 'zh-CN' }).embeds[0]!.description!;
    // The user's line, the fixed program, its diff and the rule's example are code: what is left is prose.
    let text = renderText(d, { locale: 'zh-CN' }).replace(/^ {3}位置：.*$/gm, '');
    for (const m of d.matches) {
      for (const code of [m.fix?.code, m.fix?.diff, ruleText(m.rule, 'zh-CN').correctExample]) if (code) text = text.replace(code.trimEnd(), '');
    }
    return [reply.replace(/^> /gm, ''), text];
  }

  it('every rule\'s reply case (the one its snapshots show): findings and fix notes read in Chinese', () => {
    const leftInEnglish: string[] = [];
    let said = 0;
    for (const { id, fixture } of replyCases(engine)) {
      if (!fixture) continue;
      const d = engine.diagnose(fixture.text);
      said += d.matches.filter((m) => m.findings.length || m.fix).length;
      for (const prose of chineseProse(d)) leftInEnglish.push(...englishRuns(prose).map((run) => `${id}: ${run}`));
    }
    // The cases do show findings and fixes (a dozen rules answer from the user's code).
    expect(said).toBeGreaterThan(10);
    expect(leftInEnglish).toEqual([]);
  });

  it('a finding and a fix note name the user\'s own code in both languages', () => {
    const d = engine.diagnose('```js\nasync function save(users) {\n  users.forEach(async (u) => {\n    await db.insert(u);\n  });\n}\n```');
    const m = d.matches[0]!;
    expect(m.rule.id).toBe('js/async-foreach');
    expect(say(m.findings[0]!.message, 'zh-CN')).toContain('`users.forEach(async …)` 会启动每个回调后立刻返回');
    expect(say(m.fix!.note, 'zh-CN')).toContain('第 2 行的 `users.forEach(async …)` 改成了逐项 await 的 `for…of` 循环');
    expect(say(m.fix!.note)).toMatch(/^`users\.forEach\(async …\)` on line 2 became a `for…of` loop/);
  });

  it('every detector and fixer speaks through the catalog: no finding or fix note in the fixtures and detector tables is a sentence written in place', () => {
    const pastes = [
      ...fixtureFiles(fileURLToPath(new URL('../fixtures/cases', import.meta.url))).map((f) => readFileSync(f, 'utf8')),
      ...pyCases.map((c) => '```python\n' + c.code + '\n```'),
      ...jsCases.map((c) => '```js\n' + c.code + '\n```'),
    ];
    const inPlace: string[] = [];
    let said = 0;
    for (const text of pastes) {
      for (const m of engine.diagnose(text).matches) {
        for (const phrase of [...m.findings.map((f) => f.message), ...(m.fix ? [m.fix.note] : [])]) {
          said++;
          if (typeof phrase === 'string') inPlace.push(`${m.rule.id}: ${phrase}`);
        }
      }
    }
    expect(said).toBeGreaterThan(300);
    expect(inPlace).toEqual([]);
  });

  it('every sentence of the catalog is written in Chinese, with no English sentence outside code and quoted errors', () => {
    for (const key of wordKeys) {
      const text = say({ key, params: sampleParams }, 'zh-CN');
      expect(englishRuns(text), key).toEqual([]);
      // A few are a name or a separator only (a list of calls, "`x`").
      if (englishRuns(say({ key, params: sampleParams })).length) expect(text, key).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

/** A value for every parameter a sentence may take: a name, and lists of two names. */
const sampleParams = new Proxy({} as Record<string, string | string[]>, {
  get: (_, name) => (listParams.includes(name as string) ? ['`a`', '`b`'] : 'x'),
  ownKeys: () => [...listParams, ...paramNames],
  getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
});
/** Parameters that are lists of phrases (the parts of a fix note, the items of a list, the tests marked). */
const listParams = ['parts', 'items', 'names'];
/** Every parameter name a sentence of the catalog reads (`p.name`), from its source. */
const paramNames = [...new Set([...readFileSync(new URL('../../src/render/messages.ts', import.meta.url), 'utf8').matchAll(/\bp\.(\w+)/g)].map((m) => m[1]!))].filter((n) => !listParams.includes(n));

/** Every captured paste under `dir` (tracebacks, pastes, issue texts). */
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtureFiles(join(dir, e.name)) : /\.(?:out\.txt|paste\.md|issue\.txt)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
