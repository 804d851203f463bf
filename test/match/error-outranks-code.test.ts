/**
 * Error text outranks a guess from code: a rule named only by what the code shows, while the paste's
 * own error is one that rule does not explain (a permission error, a host that does not resolve, an
 * AttributeError raised elsewhere), is no answer to that error. A Python one stays silent on its own; behind
 * a rule that does explain the error it may follow, as a second mistake. A JavaScript one stays a likely
 * answer (a promise mistake lets any error through as a rejection), unless the error is a programming error
 * (TypeError, ReferenceError …) with no sign of a promise on its way. Either is kept below the confidence at which
 * help-channel watching answers unasked. Without that error, the same code finding keeps its full confidence.
 */
import { describe, expect, it } from 'vitest';
import { confidentAt } from '../../src/app/answer-reply.js';
import { createEngine } from '../../src/engine.js';
import { likelyCeiling } from '../../src/match/index.js';

const engine = await createEngine();
const first = (text: string) => engine.diagnose(text).matches[0];

const jsCode = [
  '```js',
  "client.on('messageCreate', async (message) => {",
  "  if (message.content === '!role') {",
  "    message.member.roles.add('123');",
  "    await message.reply('done');",
  '  }',
  '});',
  '```',
].join('\n');
const pyCode = [
  '```python',
  'import requests',
  '',
  '@bot.command()',
  'async def weather(ctx):',
  "    r = requests.get('https://api.weather.example/today')",
  "    await ctx.send(r.json()['summary'])",
  '```',
].join('\n');

describe('a code finding next to an error it does not explain', () => {
  it('stays a likely answer in JavaScript, never an unasked one: the rejection may be what the floating promise let through', () => {
    const withError = first(`${jsCode}\nDiscordAPIError[50013]: Missing Permissions\n    at handleErrors (/app/node_modules/@discordjs/rest/dist/index.js:727:13)`);
    expect(first(jsCode)!.confidence).toBeGreaterThanOrEqual(confidentAt);
    expect(withError?.rule.id).toBe('js/floating-promise');
    expect(withError!.confidence).toBeLessThan(confidentAt);
  });

  it("is no answer in JavaScript next to a programming error thrown where it was raised (no promise on its way): that error is not a rejection the floating promise let through", () => {
    const thrown = 'TypeError: Function.prototype.apply was called on 441345567327780875, which is a string and not a function\n    at MessageCollector.handleCollect (/app/node_modules/discord.js/src/structures/interfaces/Collector.js:91:45)';
    expect(engine.diagnose(`${jsCode}\n${thrown}`).matches).toEqual([]);
  });

  it.each([
    ['a rejection Node reports (fromPromise)', "node:internal/process/promises:288\n            triggerUncaughtException(err, true /* fromPromise */);\n            ^\n\nTypeError: Cannot read properties of undefined (reading 'id')"],
    ["a browser's Uncaught (in promise)", "Uncaught (in promise) TypeError: Cannot read properties of undefined (reading 'id')"],
    ['an async frame in the stack', "TypeError: Cannot read properties of undefined (reading 'id')\n    at async Client.<anonymous> (/app/index.js:12:5)"],
  ])('is still given, as a likely answer, in JavaScript next to a programming error that came through a promise: %s', (_, error) => {
    const m = engine.diagnose(`${jsCode}\n${error}`).matches.find((x) => x.rule.id === 'js/floating-promise');
    expect(m).toBeDefined();
    expect(m!.confidence).toBeLessThan(confidentAt);
  });

  it.each([
    ['a DNS failure', "```\nrequests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.weather.example', port=443): Max retries exceeded with url: /today\n```"],
    ['an AttributeError raised elsewhere', "AttributeError: 'str' object has no attribute 'loop'"],
  ])('is no answer in Python: a blocking requests.get next to %s', (_, error) => {
    const alone = first(pyCode);
    expect(alone?.rule.id).toBe('py/blocking-call-in-async');
    expect(alone!.confidence).toBeGreaterThanOrEqual(confidentAt);
    expect(engine.diagnose(`${pyCode}\n${error}`).matches).toEqual([]);
  });

  it('follows an answer to the error, as a second mistake given only as a likely one', () => {
    const matches = engine.diagnose(`${pyCode}\nRuntimeError: Event loop is closed`).matches;
    expect(matches.map((m) => m.rule.id)).toEqual(['py/event-loop-closed', 'py/blocking-call-in-async']);
    expect(matches[1]!.confidence).toBeLessThan(confidentAt);
  });

  it("keeps the engine's ceiling for likely answers under the bot's unasked threshold", () => {
    expect(likelyCeiling).toBeLessThan(confidentAt);
  });
});

describe('a Mongoose callback in code, where the paste states a Mongoose that still takes callbacks', () => {
  const code = "const Todo = mongoose.model('Todo', todoSchema);\nTodo({ item: 'buy a cat' }).save(function (err) {\n  if (err) throw err;\n  console.log('item saved');\n});";
  const warning = '(node:13452) UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). (rejection id: 1)';

  it("is no mistake before Mongoose 7: the rejection Node reported is the answer, not the callbacks' removal", () => {
    expect(first(`I am using mongoose 5.2.3 and node 8.11.1\n\n${code}\n\nI got:\n${warning}`)?.rule.id).toBe('js/unhandled-rejection');
    expect(first(`"mongoose": "^6.13.0",\n\n${code}`)).toBeUndefined();
  });

  it('is still the mistake on Mongoose 7, or when the paste names several versions or none', () => {
    expect(first(`"mongoose": "^7.6.3",\n\n${code}`)?.rule.id).toBe('js/mongoose-callback-removed');
    expect(first(`upgraded mongoose 6 to mongoose 7 and now\n\n${code}`)?.rule.id).toBe('js/mongoose-callback-removed');
    expect(first(`${code}\n\n${warning}`)?.rule.id).toBe('js/mongoose-callback-removed');
  });
});

describe('a synchronous discord.py extension setup, where the paste states a discord.py before 2', () => {
  const code = '```py\nfrom discord.ext import commands\n\nclass Fun(commands.Cog):\n    pass\n\ndef setup(bot):\n    bot.add_cog(Fun(bot))\n```';

  it('is no mistake on discord.py 1.x, where setup and add_cog are plain calls', () => {
    expect(first(`I am on discord.py==1.7.3\n\n${code}`)).toBeUndefined();
  });

  it('is still the mistake on discord.py 2, or when the paste names no version', () => {
    expect(first(`I am on discord.py 2.3.2\n\n${code}`)?.rule.id).toBe('py/discord-py-async-setup');
    expect(first(code)?.rule.id).toBe('py/discord-py-async-setup');
  });
});

describe('a tip (awaits that could run together) in a paste about an error', () => {
  const code = [
    'import asyncio',
    '',
    'async def main(session, urls):',
    '    pages = []',
    '    for url in urls:',
    '        pages.append(await session.get(url))',
    '    return pages',
  ].join('\n');
  const cutTraceback = [
    'Traceback (most recent call last):',
    '  File "/home/me/app.py", line 9, in <module>',
    '    asyncio.run(main(session, urls))',
    '  File "/home/me/app.py", line 6, in main',
    '    pages.append(await session.get(url))',
  ].join('\n');

  it('is given for the code on its own', () => {
    expect(first(`\`\`\`py\n${code}\n\`\`\``)?.rule.id).toBe('py/sequential-awaits');
  });

  it('is no answer next to a traceback, even one cut before its error line', () => {
    expect(first(`\`\`\`py\n${code}\n\`\`\`\n\n\`\`\`\n${cutTraceback}\n\`\`\``)).toBeUndefined();
    expect(first(`\`\`\`\n${code}\n\n${cutTraceback}\n\`\`\``)).toBeUndefined();
  });
});
