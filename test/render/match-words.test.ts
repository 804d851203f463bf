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
import { renderDiagnosis, renderFixDetails } from '../../src/render/discord.js';
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

  it('is stated, not hedged with a percentage: ctx is the object discord.py hands the command', () => {
    const reply = renderDiagnosis(d, { caseKey: 'AAAAAAAAAAAAAAAAAAAAAA', public: true, locale: 'en' });
    expect(reply.embeds[0]!.footer!.text).toBe('py/coroutine-never-awaited');
    // The same call on an object the user made in a plain helper is a guess, and says so.
    const helper = engine.diagnose('```py\nimport discord\n\nasync def notify(bot, channel_id):\n    ctx = bot.get_channel(channel_id)\n    ctx.send("hi")\n```');
    expect(helper.matches[0]?.rule.id).toBe('py/coroutine-never-awaited');
    expect(renderDiagnosis(helper, { caseKey: 'AAAAAAAAAAAAAAAAAAAAAA', public: true, locale: 'en' }).embeds[0]!.footer!.text).toMatch(/% sure/);
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

describe('the whole reply speaks of the discord.py command, not of the stock example', () => {
  const d = engine.diagnose(fixture('py/coroutine-never-awaited/discord_ctx_send.paste.md'));

  it.each(locales)('%s: the text reply and Show fix name ctx.send() in every section and offer no asyncio.run() to start a loop', (locale) => {
    const showFix = renderFixDetails(d.matches[0]!.rule, d.matches[0]!, locale).embeds[0]!.description!;
    for (const reply of [renderText(d, { locale }), showFix]) {
      expect(reply).toContain('`data = await ctx.send()`');
      expect(reply).not.toContain('fetch_data');
      expect(reply).not.toMatch(/asyncio\.run\(\w/);
    }
    // The steps that still apply inside a running loop stay.
    expect(showFix).toContain('asyncio.gather(');
  });

  it.each(locales)('%s: where no loop runs, the steps that start one stay, in the user\'s name', (locale) => {
    const top = engine.diagnose(fixture('py/coroutine-never-awaited/bare_call_at_top_level.out.txt'));
    expect(renderText(top, { locale })).toContain('`asyncio.run(fetch_data())`');
    expect(renderText(top, { locale })).toContain('`asyncio.run(main())`');
  });
});

describe('more rules put the user\'s names in their advice', () => {
  const replyTo = (code: string, lang: string, locale: string) => {
    const d = engine.diagnose('```' + lang + '\n' + code + '\n```');
    // The summary: the rule's own words (a finding's sentence quotes the user's code anyway).
    return { id: d.matches[0]?.rule.id, reply: textSummary(d, locale) };
  };

  it.each(locales)('%s: return without await in try names the returned call', (locale) => {
    const { id, reply } = replyTo(`async function loadProfile(id) {\n  try {\n    return fetchProfile(id);\n  } catch (err) {\n    return null;\n  }\n}\nasync function fetchProfile(id) {\n  const res = await fetch('/p/' + id);\n  return res.json();\n}`, 'js', locale);
    expect(id).toBe('js/return-without-await-in-try');
    expect(reply).toContain('`return await fetchProfile()`');
    expect(reply).not.toContain('somePromise');
  });

  it.each(locales)('%s: independent awaits in a for…of name the array it walks', (locale) => {
    const { id, reply } = replyTo(`async function main(channelIds) {\n  for (const id of channelIds) {\n    const channel = await client.channels.fetch(id);\n    console.log(channel.name);\n  }\n}`, 'js', locale);
    expect(id).toBe('js/await-in-loop');
    expect(reply).toContain('`await Promise.all(channelIds.map(…))`');
    expect(reply).not.toContain('items.map');
  });

  it.each(locales)('%s: an async useLayoutEffect is named as written', (locale) => {
    const { id, reply } = replyTo(`function Sidebar() {\n  const [rows, setRows] = useState([]);\n  useLayoutEffect(async () => {\n    const res = await fetch('/api/rows');\n    setRows(await res.json());\n  }, []);\n  return null;\n}`, 'jsx', locale);
    expect(id).toBe('js/async-useeffect');
    expect(reply).toContain('`useLayoutEffect(async () => …)`');
  });

  it.each(locales)('%s: an interaction parameter called i is deferred as i', (locale) => {
    const { id, reply } = replyTo(`client.on('interactionCreate', async (i) => {\n  if (!i.isChatInputCommand()) return;\n  const report = await buildReport(i.guildId);\n  await i.reply(report);\n});`, 'js', locale);
    expect(id).toBe('js/discord-unknown-interaction');
    expect(reply).toContain('`await i.deferReply()`');
    expect(reply).not.toContain('interaction.deferReply');
    // Discord's own error text is quoted as Discord prints it.
    expect(reply).toContain('`DiscordAPIError[10062]: Unknown interaction`');
  });

  it.each(locales)('%s: a test callback called cb is the one to drop', (locale) => {
    const { id, reply } = replyTo(`it('saves', async (cb) => {\n  await save();\n  cb();\n});`, 'js', locale);
    expect(id).toBe('js/mocha-done-with-async');
    expect(reply).toContain('`cb()`');
  });

  it.each(locales)('%s: a promise whose resolve is called res is told to call res', (locale) => {
    const { id, reply } = replyTo(`function wait(emitter) {\n  return new Promise((res, rej) => {\n    emitter.on('data', (d) => console.log(d));\n  });\n}\nawait wait(stream);`, 'js', locale);
    expect(id).toBe('js/unsettled-promise');
    expect(reply).toContain('`res`');
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

  it('leaves quoted names, definitions, printed errors and example programs as written', () => {
    const names = new Map([['fetch_data', 'ctx.send']]);
    expect(withUserNames("`coroutine 'fetch_data' was never awaited`, `async def fetch_data():`, `RuntimeWarning: fetch_data()`", names)).toBe(
      "`coroutine 'fetch_data' was never awaited`, `async def fetch_data():`, `RuntimeWarning: fetch_data()`",
    );
    expect(withUserNames('Call `fetch_data()`:\n\n```python\nresult = await fetch_data()\n```\n\nthen `await fetch_data()`.', names)).toBe(
      'Call `ctx.send()`:\n\n```python\nresult = await fetch_data()\n```\n\nthen `await ctx.send()`.',
    );
    // A text that defines the name itself means its own function by it.
    expect(withUserNames('`async def main(): …` then `asyncio.run(main())`', new Map([['main', 'poll_feed']]))).toBe('`async def main(): …` then `asyncio.run(main())`');
    // A JavaScript name with `$` is written as it is, not read as a replacement pattern.
    expect(withUserNames('`array.forEach()`', new Map([['array', '$$items']]))).toBe('`$$items.forEach()`');
  });
});
