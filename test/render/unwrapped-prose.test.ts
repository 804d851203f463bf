/**
 * Discord shows every line break, so the rule text a Discord reply carries
 * (/faq, Show fix, Full explanation) is joined back into paragraphs: the rule
 * files wrap their prose at 80 columns, and a reader would see ragged lines.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { renderFaqRule, renderFixDetails, renderRulePageReply } from '../../src/render/discord.js';
import { unwrapMarkdown } from '../../src/render/markdown.js';

const rules = loadKnowledge().filter((r) => r.status !== 'deprecated');

/** Lines of `md` outside code blocks that continue the line before them: a paragraph or list item broken in two. */
function brokenLines(md: string): string[] {
  const broken: string[] = [];
  let inCode = false;
  let previous = '';
  for (const line of md.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      inCode = !inCode;
      previous = '';
      continue;
    }
    if (inCode) continue;
    const startsBlock = /^\s*(?:[-*+]|\d+[.)]|#{1,6}|>|\|)\s/.test(line);
    // After a blank line, or under a bold label of the bot's own (**Why**), a line starts a paragraph.
    if (line.trim() && previous.trim() && !startsBlock && !/^\*\*[^*]+\*\*$/.test(previous.trim())) broken.push(line);
    previous = line;
  }
  return broken;
}

describe('rule text in Discord replies', () => {
  it.each(['en', 'zh-CN'])('%s: /faq, Show fix and Full explanation never break a paragraph or a list item across lines, for any rule', (locale) => {
    const broken: string[] = [];
    for (const rule of rules) {
      for (const reply of [renderFaqRule(rule, null, locale), renderFixDetails(rule, null, locale), renderRulePageReply(rule, locale)]) {
        broken.push(...brokenLines(reply.embeds[0]!.description!).map((l) => `${rule.id}: ${l}`));
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('unwrapMarkdown', () => {
  it('joins wrapped lines of paragraphs and list items, keeps list items, nesting, headings and code as written', () => {
    const md = [
      'A paragraph wrapped',
      'over two lines.',
      '',
      '- an item wrapped',
      '  onto a second line',
      '  - a nested item',
      '- 第二项在这里',
      '  换行了',
      '',
      '```python',
      'x = 1',
      'y = 2',
      '```',
      '## A heading',
      'text under it',
    ].join('\n');
    expect(unwrapMarkdown(md)).toBe(
      ['A paragraph wrapped over two lines.', '', '- an item wrapped onto a second line', '  - a nested item', '- 第二项在这里换行了', '', '```python', 'x = 1', 'y = 2', '```', '## A heading', 'text under it'].join('\n'),
    );
  });
});
