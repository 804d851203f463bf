/**
 * A rule's own page, in English and in Simplified Chinese: its whole text
 * (summary, every section, the examples with their comments in the page's
 * language, the official documentation). `npm run docs` writes one per rule
 * and locale under docs/rules/ (`py/coroutine-never-awaited.md`,
 * `py/coroutine-never-awaited.zh-CN.md`); a reply's "Full explanation" opens
 * it where a server publishes them (AWAITBOT_RULE_PAGES_URL).
 */
import type { ExampleKind, Rule } from '../knowledge/schema.js';
import { docsUrlFor, messages, ruleText, translateComments, type Locale } from './messages.js';

/** The page's path under docs/rules/: the rule id, then `.zh-CN` for the translation. */
export function rulePagePath(id: string, locale: Locale): string {
  return `${id}${locale === 'en' ? '' : `.${locale}`}.md`;
}

/** The page's address under a published docs/rules/ folder (`base` without a trailing slash). */
export function rulePageUrl(base: string, id: string, locale: Locale): string {
  return `${base}/${rulePagePath(id, locale)}`;
}

/** Fence labels a page shows: the language alone, so every Markdown viewer colours it. */
const fenceOf: Record<string, string> = { python: 'python', py: 'python', javascript: 'js', js: 'js', typescript: 'ts', ts: 'ts' };
const exampleOrder: ExampleKind[] = ['incorrect', 'evidence', 'correct'];

export function rulePage(rule: Rule, locale: Locale): string {
  const words = ruleText(rule, locale);
  const m = messages(words.locale).rulePage;
  const slug = rule.id.split('/')[1]!;
  const other: Locale = words.locale === 'en' ? 'zh-CN' : 'en';
  const out: string[] = [`<!-- ${m.generated(rule.file)} -->`, '', `# ${words.title}`, ''];
  const translated = !!rule.i18n?.['zh-CN'];
  out.push(`\`${rule.id}\` · ${m.severity[rule.severity]}${translated ? ` · [${m.otherLanguage}](${rulePagePath(slug, other)})` : ''}`, '');
  out.push(words.summary.trim(), '');
  const sections: [string, string | undefined][] = [
    [m.whatHappened, words.sections['What happened']],
    [m.why, words.sections['Why']],
    [m.howToFix, words.sections['How to fix']],
    [m.byContext, words.sections['By context']],
  ];
  for (const [heading, text] of sections) if (text?.trim()) out.push(`## ${heading}`, '', text.trim(), '');
  out.push(`## ${m.examples}`, '');
  const comments = words.locale === 'en' ? {} : (rule.i18n?.[words.locale]?.comments ?? {});
  for (const kind of exampleOrder) {
    for (const e of rule.examples.filter((x) => x.kind === kind)) {
      const code = kind === 'evidence' ? e.code : translateComments(e.code, comments);
      // A fence longer than any backtick run in the code, so the code cannot close it.
      const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((r) => r[0].length + 1)));
      out.push(`**${m.example[kind]}**`, '', fence + (fenceOf[e.fenceLanguage] ?? 'text'), code.trimEnd(), fence, '');
    }
  }
  out.push(`## ${m.officialDocs}`, '', ...rule.docs.map((d) => `- [${d.title}](${docsUrlFor(d.url, words.locale)})`), '');
  out.push(m.inDiscord(rule.id), '');
  return out.join('\n');
}

/** Every page docs/rules/ holds, by path: each rule in English, and in Chinese where it is translated. */
export function rulePages(rules: readonly Rule[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const rule of rules) {
    pages.set(rulePagePath(rule.id, 'en'), rulePage(rule, 'en'));
    if (rule.i18n?.['zh-CN']) pages.set(rulePagePath(rule.id, 'zh-CN'), rulePage(rule, 'zh-CN'));
  }
  return pages;
}
