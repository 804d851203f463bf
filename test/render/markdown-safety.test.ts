/**
 * User text never becomes Markdown in a reply: no masked link, mention or
 * heading from a paste, no code block closed from inside, every Discord
 * limit kept. Known breakages first, then properties over generated hostile
 * pastes (bench/markdown.mjs runs the same checks over 100,000 of them).
 */
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis, Match } from '../../src/diagnosis.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { intake } from '../../src/intake/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { renderDiagnosis, renderFaqEntry, renderFixDetails, renderNoMatch, renderUnknownTopic, type DiscordReply } from '../../src/render/discord.js';
import { codeBlock, escapeText, escapeWithCode, textWithCode, truncateMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import {
  checkPaste,
  discordReplyProblems,
  hostilePaste,
  hostileText,
  loadFixturePastes,
  readDiscordMarkdown,
  replyCodeBlocks,
  shownInOneBlock,
  terminalControl,
} from './hostile-markdown.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rules = loadKnowledge();
const rule = rules.find((r) => r.id === 'py/coroutine-never-awaited')!;
const runs = { engine: 2000, unit: 2000 };

const replyProblems = (r: DiscordReply) => discordReplyProblems(r);

function match(extra: Partial<Match>): Match {
  return { rule, confidence: 0.9, reasons: [], where: null, findings: [], fix: null, variants: [], ...extra };
}

function diagnosisOf(m: Match, text = 'x'): Diagnosis {
  return { matches: [m], paste: intake(text), evidence: {} as Diagnosis['evidence'], elapsedMs: 1 };
}

const show = { caseKey: '42', askerId: '1100000000000000042', public: true } as const;

describe('the breakages found by the hostile tester', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine();
  });

  it('four backticks in the code do not close the code block, so a link after them stays text', () => {
    const source = 'await ctx.send("````") # [click here](http://evil.test/a)';
    const code = 'async def main():\n    await ctx.send("````")\n    [click here](http://evil.test/a)\n';
    const r = renderDiagnosis(diagnosisOf(match({ where: { file: 'bot.py', line: 3, source }, fix: { language: 'python', code, diff: '', changedLines: [2], note: 'Added `await`.' } })), show);
    expect(replyProblems(r)).toEqual([]);
    const blocks = replyCodeBlocks(r);
    expect(shownInOneBlock(blocks, source)).toBe(true);
    // Code holding ``` can be shown inline only with an invisible character added: it goes as a file, exact.
    expect(r.files.map((f) => f.data.toString())).toEqual([code]);
  });

  it('a traceback whose file name is a Markdown link shows the name as text in "Your line"', () => {
    const paste = "/app/[click here](http://evil.test/x).py:4: RuntimeWarning: coroutine 'fetch_data' was never awaited\n  fetch_data()\n";
    const d = engine.diagnose(paste);
    expect(d.matches.length).toBeGreaterThan(0);
    const r = renderDiagnosis(d, show);
    expect(replyProblems(r)).toEqual([]);
    expect(d.matches[0]!.where?.file).toBe('/app/[click here](http://evil.test/x).py');
    expect(r.embeds[0]!.description).toContain('**Your line** (/app/\\[click here\\](http://evil.test/x).py:4)');
  });

  it('a /faq entry keeps its code block but not its links, mentions or headings', () => {
    const body = '# Reset it\n[the portal](http://evil.test/p) <@123456789012345678> @everyone **now**\n```py\nclient.run(TOKEN)  # ``\n```\nthen `restart`.';
    const r = renderFaqEntry({ guildId: 'g', name: 'token', title: '[t](http://evil.test)', body, triggers: [], language: null, authorId: 'a', uses: 0, createdAt: '', updatedAt: '' }, null);
    expect(replyProblems(r)).toEqual([]);
    const seen = readDiscordMarkdown(r.embeds[0]!.description!);
    expect(seen.blocks.map((b) => [b.label, b.content.replace(/\u200b/g, '')])).toEqual([['py', 'client.run(TOKEN)  # ``']]);
    expect(seen.spans).toEqual(['restart']);
  });

  it('a /faq topic nobody knows is quoted as text', () => {
    const r = renderUnknownTopic('[x](http://evil.test) <@&123456789012345678> `', 'en');
    expect(replyProblems(r)).toEqual([]);
    expect(r.content).toContain('\\[x\\](http://evil.test)');
  });

  it('the text reply shows terminal control characters as symbols', () => {
    const d = engine.diagnose("import asyncio\nasync def fetch_data():\n    return 1\n\nasync def main():\n    fetch_data()  # \u0007\u001bc\b\u009b2J\n");
    const text = renderText(d);
    expect(d.matches.length).toBeGreaterThan(0);
    expect(text).not.toMatch(terminalControl);
    expect(text).toContain('␇␛c␈');
  });
});

describe('the Markdown builders, over hostile text', () => {
  it('escaped text, text with code spans and FAQ text never carry live Markdown, and keep to their budget', () => {
    fc.assert(
      fc.property(hostileText(fc, 10), fc.integer({ min: 1, max: 3000 }), (text, max) => {
        for (const md of [escapeText(text, max), textWithCode(text, max), escapeWithCode(text, max)]) {
          expect(md.length).toBeLessThanOrEqual(max);
          expect(readDiscordMarkdown(md).problems).toEqual([]);
        }
      }),
      { numRuns: runs.unit },
    );
  });

  it('a code block holds the code whole, whatever backticks it has', () => {
    fc.assert(
      fc.property(hostileText(fc, 10), fc.constantFrom('', 'py', 'js', 'diff'), (code, label) => {
        const md = codeBlock(code, label, 100_000);
        const seen = readDiscordMarkdown(md);
        expect(seen.problems).toEqual([]);
        expect(md).not.toMatch(/```[^]*```[^]*```/);
        if (code.trim()) expect(shownInOneBlock(seen.blocks, code)).toBe(true);
      }),
      { numRuns: runs.unit },
    );
  });

  it('cutting Markdown anywhere leaves no code span or block open', () => {
    const piece = fc.oneof(
      hostileText(fc, 4).map((t) => escapeText(t, 800)),
      hostileText(fc, 4).map((t) => textWithCode(t, 800)),
      hostileText(fc, 4).map((t) => codeBlock(t, 'py', 900)),
      fc.constant('**Your line** (bot.py:3)'),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4000 }), (pieces, max) => {
        const md = truncateMarkdown(pieces.join('\n\n'), max);
        expect(md.length).toBeLessThanOrEqual(max);
        expect(readDiscordMarkdown(md).problems).toEqual([]);
      }),
      { numRuns: runs.unit },
    );
  });
});

describe('replies to generated hostile pastes', () => {
  let engine: Engine;
  const corpus = loadFixturePastes(root);
  beforeAll(async () => {
    engine = await createEngine();
  });

  it(`the Discord and text replies to ${runs.engine} pastes keep every limit and show user text only as text`, () => {
    const renderers = { engine, renderDiagnosis, renderNoMatch, renderFixDetails, renderText };
    const seen = { matched: 0, where: 0, file: 0, inlineFix: 0, attachedFix: 0 };
    fc.assert(
      fc.property(hostilePaste(fc, corpus), fc.constantFrom('en', 'zh-CN'), (paste, locale) => {
        const { problems, paths } = checkPaste(renderers, paste, locale);
        expect(problems).toEqual([]);
        for (const k of Object.keys(seen) as (keyof typeof seen)[]) if (paths[k]) seen[k]++;
      }),
      { numRuns: runs.engine },
    );
    // The generator must reach the renderer's interesting paths, not only "no match".
    expect(seen.matched).toBeGreaterThan(runs.engine / 4);
    for (const k of ['where', 'file', 'inlineFix', 'attachedFix'] as const) expect(seen[k], k).toBeGreaterThan(runs.engine / 100);
    // A few ms a paste alone; the whole suite on two shared cores can take several times that.
  }, 300_000);

  it('a match whose every user-given field is hostile still renders safely', () => {
    const fields = fc.record({
      file: fc.option(hostileText(fc, 4)),
      line: fc.option(fc.nat({ max: 100_000 })),
      source: fc.option(hostileText(fc, 6)),
      message: hostileText(fc, 6),
      code: hostileText(fc, 10),
      diff: hostileText(fc, 10),
      note: hostileText(fc, 4),
      ruleIndex: fc.nat(),
      locale: fc.constantFrom('en', 'zh-CN'),
    });
    fc.assert(
      fc.property(fields, (f) => {
        const m = match({
          rule: rules[f.ruleIndex % rules.length]!,
          where: { file: f.file, line: f.line, source: f.source },
          findings: [{ detector: 'x', language: 'python', line: 1, blockIndex: 0, message: f.message, confidence: 0.9 }],
          fix: { language: 'python', code: f.code, diff: f.diff, changedLines: [1], note: f.note },
        });
        const r = renderDiagnosis(diagnosisOf(m), { ...show, locale: f.locale });
        expect(replyProblems(r)).toEqual([]);
        if (f.source) expect(shownInOneBlock(replyCodeBlocks(r), f.source)).toBe(true);
        expect(replyProblems(renderFixDetails(m.rule, m, f.locale))).toEqual([]);
      }),
      { numRuns: runs.unit },
    );
  });

  it('a server FAQ entry of any content renders safely', () => {
    fc.assert(
      fc.property(hostileText(fc, 4), hostileText(fc, 12), (title, body) => {
        const r = renderFaqEntry({ guildId: 'g', name: 'entry', title, body, triggers: [], language: null, authorId: 'a', uses: 0, createdAt: '', updatedAt: '' }, null);
        expect(replyProblems(r)).toEqual([]);
      }),
      { numRuns: runs.unit },
    );
  });
});
