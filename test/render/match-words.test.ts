/**
 * A reply speaks of the user's code: the summary and the context advice name
 * the user's own call instead of the rule's stock example (`fetch_data()`),
 * in English and in Chinese, and advice that does not fit where the mistake
 * sits (starting a loop with `asyncio.run` inside a discord.py command) is
 * not given. Real pastes from test/fixtures/cases.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnosis, Match } from '../../src/diagnosis.js';
import { createEngine } from '../../src/engine.js';
import { renderDiagnosis } from '../../src/render/discord.js';
import { userNames, withUserNames } from '../../src/render/match-words.js';
import { renderText } from '../../src/render/text.js';

const engine = await createEngine();
const fixture = (path: string) => readFileSync(new URL(`../fixtures/cases/${path}`, import.meta.url), 'utf8').replace(/^# source: .*\n/, '');
const locales = ['en', 'zh-CN'] as const;

function discordText(d: Diagnosis, locale: string): string {
  return renderDiagnosis(d, { caseKey: 'AAAAAAAAAAAAAAAAAAAAAA', public: true, locale }).embeds[0]!.description!;
}

/** The summary paragraph of the terminal reply (after the heading and the "where"/"seen" lines). */
function textSummary(d: Diagnosis, locale: string): string {
  return renderText(d, { locale }).split('\n\n')[1]!;
}

describe('a discord.py command that forgets to await ctx.send', () => {
  const d = engine.diagnose(fixture('py/coroutine-never-awaited/discord_ctx_send.paste.md'));

  it('is the never-awaited rule, found in a handler where the loop already runs', () => {
    expect(d.matches[0]?.rule.id).toBe('py/coroutine-never-awaited');
    expect(d.matches[0]?.onLoop).toBe(true);
  });

  it.each(locales)('%s: names ctx.send(), tells to await it, and never says to start a loop', (locale) => {
    for (const reply of [discordText(d, locale), textSummary(d, locale)]) {
      expect(reply).toContain('`ctx.send()`');
      expect(reply).toContain('`await ctx.send()`');
      expect(reply).not.toContain('fetch_data');
      expect(reply).not.toContain('asyncio.run');
    }
  });

  it.each([
    ['en', 'Almost every discord.py method that talks to Discord is a coroutine'],
    ['zh-CN', 'discord.py 里几乎所有和 Discord 通信的方法都是协程'],
  ])('%s: shows the discord.py advice in Discord', (locale, advice) => {
    expect(discordText(d, locale)).toContain(`> ${advice}`);
  });
});

describe('a logged warning with no code (a real issue)', () => {
  const d = engine.diagnose(fixture('py/coroutine-never-awaited/discord_channel_send.issue.txt'));

  it.each(locales)('%s: names the call on the line Python printed under the warning, and keeps asyncio.run out of a discord.py bot', (locale) => {
    const reply = discordText(d, locale);
    expect(reply).toContain('`await message.channel.send()`');
    expect(reply).not.toContain('fetch_data');
    expect(reply).not.toContain('asyncio.run');
  });
});

describe('a script that calls its coroutine at the top level, where no loop runs', () => {
  const d = engine.diagnose(fixture('py/coroutine-never-awaited/bare_call_at_top_level.out.txt'));

  it.each(locales)('%s: still says to start it with asyncio.run, with its own name', (locale) => {
    expect(d.matches[0]?.onLoop).toBe(false);
    expect(discordText(d, locale)).toContain('`asyncio.run(fetch_data())`');
  });
});

describe('other rules that name the user’s code', () => {
  it.each(locales)('%s: a function passed to create_task without calling it is named', (locale) => {
    const d = engine.diagnose(fixture('py/coroutine-expected/create_task_function.py'));
    const reply = discordText(d, locale);
    expect(reply).toContain('`poll_feed()`');
    expect(reply).toContain('`poll_feed`');
    expect(reply).not.toMatch(/`main\(?\)?`/);
  });

  it.each(locales)('%s: forEach(async …) over members shows the loops over members', (locale) => {
    const d = engine.diagnose(fixture('js/async-foreach/roles-forEach.paste.md'));
    const reply = discordText(d, locale);
    expect(reply).toContain('`for (const x of members) { await … }`');
    expect(reply).toContain('`await Promise.all(members.map(async (x) => …))`');
    expect(reply).not.toContain('array');
  });
});

describe('what may stand in for an example name', () => {
  const rule = engine.rules.find((r) => r.id === 'py/coroutine-never-awaited')!;
  const named = (callee: string) => userNames({ rule, where: null, findings: [{ detector: 'py.unawaited-coroutine', language: 'python', line: 1, blockIndex: 0, message: '', confidence: 0.9, data: { callee } } ] } satisfies Pick<Match, 'rule' | 'where' | 'findings'>);

  it('takes dotted names in any script, and nothing that could be Markdown or a mention', () => {
    expect(named('self.bot.get_channel(1).send').size).toBe(0);
    expect(named('ctx.send').get('fetch_data')).toBe('ctx.send');
    expect(named('频道.发送').get('fetch_data')).toBe('频道.发送');
    for (const hostile of ['a`b', 'x<@1>', 'a](http://x)', 'a b', '@everyone', '']) expect(named(hostile).size, hostile).toBe(0);
  });

  it('replaces whole names inside code spans only', () => {
    const names = new Map([['fetch_data', 'ctx.send']]);
    expect(withUserNames('`fetch_data()` and fetch_data, `fetch_data_all()`, `self.fetch_data()`, `await fetch_data()`', names)).toBe(
      '`ctx.send()` and fetch_data, `fetch_data_all()`, `self.fetch_data()`, `await ctx.send()`',
    );
  });
});
