/**
 * Replies in the reader's language: zh-CN gets the rule's Chinese title,
 * summary, sections, context advice and example comments, and the bot's own
 * words in Chinese; anything untranslated (a locale we do not have) stays English.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/diagnosis.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { renderDiagnosis, renderFaqRule, renderFixDetails, renderNoMatch, type DiscordReply } from '../../src/render/discord.js';
import { localeFromTag, messages, resolveLocale, ruleText } from '../../src/render/messages.js';
import { renderText } from '../../src/render/text.js';
import { messageViolations } from '../fake-discord/server.mjs';

const nestedRun =
  'Traceback (most recent call last):\n  File "/app/main.py", line 9, in <module>\n    asyncio.run(main())\n' +
  'RuntimeError: asyncio.run() cannot be called from a running event loop\n';
const neverAwaited = 'import asyncio\n\nasync def fetch_data():\n    await asyncio.sleep(1)\n\nasync def main():\n    fetch_data()\n\nasyncio.run(main())\n';
const unknownInteraction = readFileSync(new URL('../fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt', import.meta.url), 'utf8');

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const diagnose = (text: string): Diagnosis => engine.diagnose(text);
const rule = (id: string) => engine.rules.find((r) => r.id === id)!;
const labels = (r: DiscordReply) => r.components.flatMap((row) => row.components.map((b) => ('label' in b ? b.label : undefined)));
const asApi = (r: DiscordReply) => ({ content: r.content, embeds: r.embeds, components: r.components, allowed_mentions: r.allowedMentions });
const options = { caseKey: '7', askerId: '1100000000000000042', public: true };

describe('locale tags', () => {
  it('maps Simplified Chinese tags to zh-CN and everything else we lack to English', () => {
    for (const tag of ['zh-CN', 'zh_cn', 'ZH-CN', 'zh', 'zh-Hans', 'zh-Hans-CN', 'zh-SG']) expect(resolveLocale(tag), tag).toBe('zh-CN');
    for (const tag of ['en-US', 'en-GB', 'zh-TW', 'zh-HK', 'fr', 'ja', '', null, undefined]) expect(resolveLocale(tag), String(tag)).toBe('en');
    expect(localeFromTag('zh-TW')).toBeNull();
    expect(localeFromTag('fr')).toBeNull();
    expect(localeFromTag('en')).toBe('en');
  });

  it('gives a rule\'s own words in English for English and for a locale we do not have', () => {
    const py = rule('py/asyncio-run-nested');
    expect(ruleText(py, 'zh-CN')).toMatchObject({ title: py.i18n!['zh-CN']!.title, locale: 'zh-CN' });
    expect(ruleText(py, 'zh-CN').sections['How to fix']).toBe(py.i18n!['zh-CN']!.fix);
    expect(ruleText(py, 'en')).toMatchObject({ title: py.title, summary: py.summary, sections: py.sections, locale: 'en' });
    expect(ruleText(py, resolveLocale('fr'))).toMatchObject({ title: py.title, locale: 'en' });
  });

  it('gives the context advice the engine picked in the reader\'s language', () => {
    const py = rule('py/asyncio-run-nested');
    const jupyter = py.variants.find((v) => v.when === 'jupyter')!.say;
    const zh = py.i18n!['zh-CN']!.variants.find((v) => v.when === 'jupyter')!.say;
    expect(ruleText(py, 'zh-CN').variant(jupyter)).toBe(zh);
    expect(ruleText(py, 'en').variant(jupyter)).toBe(jupyter);
  });

  it('has a Chinese word for every label the bot writes in a reply', () => {
    const en = messages('en');
    const zh = messages('zh-CN');
    // A word or a template (a function) that zh-CN shares with English is one left untranslated.
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === zh[k as keyof typeof zh]);
    expect(same).toEqual([]);
  });
});

describe('Discord replies in zh-CN', () => {
  it('an explained traceback: Chinese title, summary, buttons and footer; Python docs in Chinese; within limits', () => {
    const d = diagnose(nestedRun);
    expect(d.matches[0]!.rule.id).toBe('py/asyncio-run-nested');
    const zh = rule('py/asyncio-run-nested').i18n!['zh-CN']!;
    const r = renderDiagnosis(d, { ...options, locale: 'zh-CN' });
    expect(r.embeds[0]!.title).toBe(zh.title);
    expect(r.embeds[0]!.description!.startsWith(zh.summary)).toBe(true);
    expect(r.embeds[0]!.description).toContain('**你的代码行**');
    // The traceback says it plainly: the rule is named without a percentage; a less certain match carries 置信度.
    expect(d.matches[0]!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(r.embeds[0]!.footer!.text).toBe('py/asyncio-run-nested');
    const hedged = renderDiagnosis({ ...d, matches: [{ ...d.matches[0]!, confidence: 0.85 }] }, { ...options, locale: 'zh-CN' });
    expect(hedged.embeds[0]!.footer!.text).toBe('py/asyncio-run-nested · 置信度 85%');
    expect(labels(r)).toEqual(['查看修复方法', '有帮助', '不对', '删除', '完整说明']);
    expect(r.embeds[0]!.url).toMatch(/^https:\/\/docs\.python\.org\/zh-cn\/3\//);
    expect(messageViolations(asApi(r))).toEqual([]);
  });

  it('en-US, zh-TW and no locale give the same English reply', () => {
    const d = diagnose(nestedRun);
    const plain = renderDiagnosis(d, options);
    expect(plain.embeds[0]!.title).toBe(rule('py/asyncio-run-nested').title);
    expect(labels(plain)).toContain('Show fix');
    expect(plain.embeds[0]!.url).toMatch(/^https:\/\/docs\.python\.org\/3\//);
    expect(renderDiagnosis(d, { ...options, locale: 'en-US' })).toEqual(plain);
    expect(renderDiagnosis(d, { ...options, locale: 'zh-TW' })).toEqual(plain);
  });

  it('the user\'s own code, fixed, is labelled in Chinese', () => {
    const d = diagnose(neverAwaited);
    expect(d.matches[0]!.fix).not.toBeNull();
    const r = renderDiagnosis(d, { ...options, locale: 'zh-CN' });
    expect(r.embeds[0]!.title).toBe(rule('py/coroutine-never-awaited').i18n!['zh-CN']!.title);
    expect(r.embeds[0]!.description).toContain('**修改后的代码**');
    expect(r.embeds[0]!.description).toContain('await fetch_data()');
  });

  it('a JavaScript rule answers in Chinese too: title, summary and context advice', () => {
    const d = diagnose(unknownInteraction);
    const js = rule('js/discord-unknown-interaction');
    expect(d.matches[0]!.rule.id).toBe(js.id);
    const zh = js.i18n!['zh-CN']!;
    const r = renderDiagnosis(d, { ...options, locale: 'zh-CN' });
    expect(r.embeds[0]!.title).toBe(zh.title);
    expect(r.embeds[0]!.description!.startsWith(zh.summary)).toBe(true);
    if (d.matches[0]!.variants.length) expect(r.embeds[0]!.description).toContain(`> ${zh.variants[0]!.say}`);
    expect(r.embeds[0]!.description).not.toContain(js.variants[0]!.say.slice(0, 30));
  });

  it('a rule without a translation (a moderator\'s new rule) keeps its English words, with Chinese buttons', () => {
    const d = diagnose(unknownInteraction);
    const js = { ...d.matches[0]!.rule, i18n: undefined };
    const r = renderDiagnosis({ ...d, matches: [{ ...d.matches[0]!, rule: js }] }, { ...options, locale: 'zh-CN' });
    expect(r.embeds[0]!.title).toBe(js.title);
    expect(r.embeds[0]!.description!.startsWith(js.summary)).toBe(true);
    expect(labels(r)).toContain('查看修复方法');
    expect(ruleText(js, 'zh-CN')).toMatchObject({ title: js.title, summary: js.summary, sections: js.sections, locale: 'en' });
  });

  it('Show fix gives the whole Chinese fix section; /faq gives the Chinese summary and "Why"', () => {
    const r = rule('py/asyncio-run-nested');
    const zh = r.i18n!['zh-CN']!;
    const fix = renderFixDetails(r, null, 'zh-CN');
    expect(fix.embeds[0]!.title).toBe(`怎么修复：${zh.title}`);
    expect(fix.embeds[0]!.description!.startsWith(zh.fix)).toBe(true);
    expect(fix.embeds[0]!.description).toContain('**正确的写法**');
    const faq = renderFaqRule(r, '1100000000000000042', 'zh-CN');
    expect(faq.embeds[0]!.title).toBe(zh.title);
    expect(faq.embeds[0]!.description).toContain(zh.summary);
    expect(faq.embeds[0]!.description).toContain(zh.why!);
    expect(faq.embeds[0]!.description).not.toContain(r.sections['Why']!.slice(0, 40));
    expect(faq.content).toBe('<@1100000000000000042>，这个也许有帮助：');
    expect(faq.allowedMentions).toEqual({ parse: [], users: ['1100000000000000042'] });
    expect(renderFaqRule(r, null, 'en-US').embeds[0]!.description).toContain(r.sections['Why']!.slice(0, 40));
  });

  it('no match and the secret warning are in Chinese', () => {
    const none = renderNoMatch(diagnose('KeyError: "name"\n'), 'zh-CN');
    expect(none.content).toContain('没有在里面找到已知的异步错误');
    expect(none.content).toContain('/faq');
    const token = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789ab';
    const secret = renderDiagnosis(diagnose(`${nestedRun}\nDISCORD_TOKEN=${token}\n`), { ...options, locale: 'zh-CN' });
    expect(secret.content).toMatch(/^⚠️ 你粘贴的内容里有.*请马上重置/s);
    expect(secret.content).not.toContain(token);
  });
});

describe('text replies in zh-CN', () => {
  it('shows the Chinese title, summary, why, whole fix section and context advice with Chinese labels', () => {
    const zh = rule('py/asyncio-run-nested').i18n!['zh-CN']!;
    const out = renderText(diagnose(nestedRun), { locale: 'zh-CN' });
    expect(out).toContain(`1. 错误：${zh.title}`);
    // The bracket after the title is Chinese punctuation too: a full-width comma between its parts.
    expect(out).toMatch(/\[py\/asyncio-run-nested，置信度 \d\.\d\d\]/);
    expect(renderText(diagnose(nestedRun))).toMatch(/\[py\/asyncio-run-nested, confidence \d\.\d\d\]/);
    expect(out).toContain('位置：/app/main.py:9');
    expect(out).toContain(zh.summary);
    expect(out).toContain(`原因：${zh.why!.split('\n')[0]}`);
    expect(out).toContain('怎么修复：根据代码运行的位置来决定：\n\n- **还没有事件循环的顶层脚本**');
    // The fix section's code block, its comments in Chinese, laid out for the terminal.
    expect(out).toContain('        result = asyncio.run(fetch_data())   # 这里没有事件循环：启动一个');
    expect(out).toContain('在 Discord 里：/faq topic:py/asyncio-run-nested');
    expect(out).not.toContain('Why:');
    expect(out).not.toContain('Decide by where the code runs');
  });

  it('shows the Chinese context advice for a notebook paste', () => {
    const py = rule('py/asyncio-run-nested');
    const out = renderText(diagnose(`In [3]: asyncio.run(main())\n${nestedRun}`), { locale: 'zh-CN' });
    const jupyter = py.i18n!['zh-CN']!.variants.find((v) => v.when === 'jupyter')!.say;
    expect(out).toContain(`你的情况：${jupyter}`);
  });

  it('stays English without a locale; a rule without a translation shows its English words under Chinese labels', () => {
    const d = diagnose(nestedRun);
    expect(renderText(d)).toContain(`1. Mistake: ${rule('py/asyncio-run-nested').title}`);
    expect(renderText(d, { locale: 'en-US' })).toBe(renderText(d));
    const found = diagnose(unknownInteraction);
    const untranslated = { ...found.matches[0]!.rule, i18n: undefined };
    const js = renderText({ ...found, matches: [{ ...found.matches[0]!, rule: untranslated }] }, { locale: 'zh-CN' });
    expect(js).toContain(untranslated.title);
    expect(js).toContain(`原因：${untranslated.sections['Why']!.split('\n')[0]}`);
  });

  it('says "no known async error" in Chinese', () => {
    expect(renderText(diagnose('hello, how are you all?'), { locale: 'zh-CN' })).toContain('没有在这段内容里找到已知的异步错误');
  });
});

describe('Show fix adds to the answer rather than repeating it', () => {
  it('with the match known and no rewrite, it gives the fix section without the example the answer showed', () => {
    const d = diagnose(nestedRun);
    const best = { ...d.matches[0]!, fix: null };
    const answer = renderDiagnosis({ ...d, matches: [best] }, options);
    const example = best.rule.sections['How to fix'] ? ruleText(best.rule, 'en').correctExample : null;
    expect(example).toBeTruthy();
    // The answer shows the corrected example…
    expect(answer.embeds[0]!.description).toContain(example!.split('\n')[0]!);
    // …so Show fix does not show it again, while it still has the fix section.
    const shown = renderFixDetails(best.rule, best, 'en').embeds[0]!.description!;
    expect(shown).not.toContain(`**${messages('en').correctExample}**`);
    expect(shown).toContain(ruleText(best.rule, 'en').sections['How to fix']!.trim().slice(0, 40));
    // With the match forgotten (the bot restarted), Show fix still carries the example.
    expect(renderFixDetails(best.rule, null, 'en').embeds[0]!.description).toContain(`**${messages('en').correctExample}**`);
  });
});
