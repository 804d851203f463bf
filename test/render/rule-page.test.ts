/**
 * Each rule's own page (docs/rules/, written by `npm run docs`) is its whole
 * text in English and in Chinese, kept up to date with knowledge/, and it is
 * what a reply's "Full explanation" opens where a server publishes the pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { defaultKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.js';
import { renderDiagnosis, renderFaqRule, renderFixDetails, renderRulePageReply } from '../../src/render/discord.js';
import { messages } from '../../src/render/messages.js';
import { rulePage, rulePages } from '../../src/render/rule-page.js';

const rules = loadKnowledge(defaultKnowledgeDir);
const dir = fileURLToPath(new URL('../../docs/rules/', import.meta.url));
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
const rule = rules.find((r) => r.id === 'py/coroutine-never-awaited')!;
const engine = await createEngine();

describe('docs/rules', () => {
  it('holds exactly the pages knowledge/ makes, each as generated (run `npm run docs` after editing a rule)', () => {
    const expected = rulePages(rules);
    const onDisk = walk(dir).map((f) => relative(dir, f));
    expect(onDisk.sort()).toEqual([...expected.keys()].sort());
    const stale = onDisk.filter((p) => readFileSync(join(dir, p), 'utf8') !== expected.get(p));
    expect(stale).toEqual([]);
  });

  it('has every rule in both languages', () => {
    const pages = rulePages(rules);
    expect(rules.filter((r) => !pages.has(`${r.id}.md`) || !pages.has(`${r.id}.zh-CN.md`)).map((r) => r.id)).toEqual([]);
  });

  it.each([
    ['en', rule.title, rule.sections['How to fix']!.trim(), '## By context', '[简体中文](coroutine-never-awaited.zh-CN.md)'],
    ['zh-CN', rule.i18n!['zh-CN']!.title, rule.i18n!['zh-CN']!.fix.trim(), '## 分场景说明', '[English](coroutine-never-awaited.md)'],
  ] as const)('%s: the whole rule, not a part of it, with a link to the other language', (locale, title, fix, context, other) => {
    const page = rulePage(rule, locale);
    expect(page).toContain(`# ${title}\n`);
    expect(page).toContain(fix);
    expect(page).toContain(context);
    expect(page).toContain(other);
    for (const e of rule.examples) expect(page).toContain(e.kind === 'evidence' ? e.code.trimEnd() : e.code.split('\n')[0]);
  });

  it('shows the examples in Chinese with their comments translated', () => {
    const withComments = rules.find((r) => Object.keys(r.i18n?.['zh-CN']?.comments ?? {}).length > 0)!;
    const [english, chinese] = Object.entries(withComments.i18n!['zh-CN']!.comments)[0]!;
    expect(rulePage(withComments, 'zh-CN')).toContain(chinese);
    expect(rulePage(withComments, 'en')).toContain(english);
  });
});

describe('"Full explanation"', () => {
  const base = 'https://github.com/you/awaitbot/blob/main/docs/rules';
  const d = engine.diagnose(readFileSync(fileURLToPath(new URL('../fixtures/cases/py/coroutine-never-awaited/discord_ctx_send.paste.md', import.meta.url)), 'utf8'));
  const linkOf = (reply: ReturnType<typeof renderFaqRule>) =>
    reply.components.flatMap((row) => row.components).find((b) => 'url' in b)?.url;

  it.each([
    ['en', `${base}/py/coroutine-never-awaited.md`],
    ['zh-CN', `${base}/py/coroutine-never-awaited.zh-CN.md`],
  ])('%s: opens the rule’s own page in the reader’s language, from an answer, /faq and Show fix', (locale, page) => {
    const answer = renderDiagnosis(d, { caseKey: 'AAAAAAAAAAAAAAAAAAAAAA', public: true, locale, rulePages: base });
    expect(linkOf(answer)).toBe(page);
    expect(answer.embeds[0]!.url).toBe(page);
    expect(linkOf(renderFaqRule(rule, null, locale, base))).toBe(page);
    expect(renderFixDetails(rule, d.matches[0]!, locale, base).embeds[0]!.url).toBe(page);
  });

  it('posts the page itself when the server publishes no pages (the title still links the official documentation)', () => {
    const answer = renderDiagnosis(d, { caseKey: 'AAAAAAAAAAAAAAAAAAAAAA', public: true, locale: 'en' });
    expect(linkOf(answer)).toBeUndefined();
    const button = answer.components.flatMap((row) => row.components).find((b) => 'label' in b && b.label === messages('en').fullExplanation);
    expect(button && 'custom_id' in button ? button.custom_id : null).toBe('ab:full:AAAAAAAAAAAAAAAAAAAAAA');
    expect(answer.embeds[0]!.url).toBe(rule.docs[0]!.url);
  });

  it.each(['en', 'zh-CN'] as const)('%s: the posted page holds every section in the embed and the whole page as a file', (locale) => {
    const reply = renderRulePageReply(rule, locale);
    expect(reply.ephemeral).toBe(true);
    const words = messages(locale).rulePage;
    for (const heading of [words.whatHappened, words.why, words.howToFix]) expect(reply.embeds[0]!.description).toContain(`**${heading}**`);
    expect(reply.files.map((f) => f.name)).toEqual([locale === 'en' ? 'coroutine-never-awaited.md' : 'coroutine-never-awaited.zh-CN.md']);
    expect(reply.files[0]!.data.toString('utf8')).toBe(rulePage(rule, locale));
  });
});
