import { describe, expect, it } from 'vitest';
import { intake } from '../../src/intake/index.js';
import { isDiscordToken, redactSecrets } from '../../src/intake/redact.js';
import { ASYNC_ARROW, TRAILING_COMMENT } from '../../src/intake/blocks.js';
import { checkSync } from 'recheck';

// A token-shaped string built at run time (a real-looking id, a timestamp, an HMAC): not a real token.
const id = Buffer.from('812345678901234567').toString('base64url');
const stamp = Buffer.from([0x1f, 0x2e, 0x3d, 0x4c]).toString('base64url').slice(0, 6);
const token = `${id}.${stamp}.${'aB3_xY9-kLmN0pQr5sTuV7wZ1cDe'}`;

describe('normalising a paste', () => {
  it('turns CRLF, ANSI colours, zero-width and non-breaking characters and tabs into plain text', () => {
    const p = intake('\u001b[31mRuntimeError\u001b[0m: boom\r\nline\u200b two\u00a0here\r\n\tindented');
    expect(p.lines).toEqual(['RuntimeError: boom', 'line two here', '    indented']);
  });

  it("takes off colour codes whose ESC was lost (Windows' console shows it as ←, other copies as ?)", () => {
    const p = intake("\u2190[90m    at Object.run (C:\\bot\\ping.js:15:25)\u2190[39m\n  code: ?[32m'MODULE_NOT_FOUND'?[39m,");
    expect(p.lines).toEqual(['    at Object.run (C:\\bot\\ping.js:15:25)', "  code: 'MODULE_NOT_FOUND',"]);
    // A bracket after a question mark that is no colour code stays.
    expect(intake('why?[1, 2] is a list').lines).toEqual(['why?[1, 2] is a list']);
  });

  it('splits fences with and without a language, several in one message, with prose around', () => {
    const p = intake('my bot does nothing 😭\n```py\nasync def f():\n    pass\n```\nand the error:\n```\nTraceback (most recent call last):\n  File "bot.py", line 3, in <module>\nNameError: name \'x\' is not defined\n```');
    expect(p.blocks.map((b) => [b.kind, b.fenceLanguage, b.language])).toEqual([
      ['prose', null, null],
      ['code', 'py', 'python'],
      ['prose', null, null],
      ['code', null, 'traceback'],
    ]);
    expect(p.blocks[1]!.text).toBe('async def f():\n    pass');
    expect(p.blocks[1]!.startLine).toBe(2);
  });

  it('reads a one-line fence and an unclosed fence', () => {
    expect(intake('```js await x()```').blocks[0]).toMatchObject({ kind: 'code', language: 'javascript', text: 'await x()' });
    const open = intake('```python\nimport asyncio\nasyncio.run(main())');
    expect(open.blocks[0]).toMatchObject({ kind: 'code', language: 'python', text: 'import asyncio\nasyncio.run(main())' });
  });

  it('reads a ```diff fence tag as a tag, not as the first line of code, and lets the content say the language', () => {
    const js = intake('```diff\n+async function f() {\n+  return await g();\n+}\n```');
    expect(js.blocks[0]).toMatchObject({ kind: 'code', fenceLanguage: 'diff', language: 'javascript', text: '+async function f() {\n+  return await g();\n+}' });
    const words = intake('```diff\n- old wording\n+ new wording\n```');
    expect(words.blocks[0]).toMatchObject({ fenceLanguage: 'diff', language: 'text', text: '- old wording\n+ new wording' });
  });

  it('reads a line that is only an inline code span holding code as a code block, and leaves words in backticks as prose', () => {
    const p = intake("nvm use this code\n`var user = client.users.fetch('USER_ID_HERE');`\nthen it works");
    expect(p.blocks.map((b) => [b.kind, b.language, b.startLine])).toEqual([
      ['prose', null, 0],
      ['code', 'javascript', 1],
      ['prose', null, 2],
    ]);
    expect(p.blocks[1]!.text).toBe("var user = client.users.fetch('USER_ID_HERE');");
    for (const text of ['run this first\n`npm install discord.js`', '`interaction.reply`', 'see `await` and `async` in the docs']) {
      expect(intake(text).blocks.every((b) => b.kind === 'prose'), text).toBe(true);
    }
  });

  it('reads an inline code span holding an async arrow function as JavaScript; the idiom named in an unfenced sentence stays prose', () => {
    const p = intake('I tried lodash:\n\n`_.filter(answers, async answer=>(await db.get(answer.key))!=undefined)`\n\nIt returns all 5.');
    expect(p.blocks.map((b) => [b.kind, b.language])).toEqual([
      ['prose', null],
      ['code', 'javascript'],
      ['prose', null],
    ]);
    for (const text of ['warning: useEffect(async()=>....) is not supported, call an async function inside the effect', 'see `async` and `=>` in the docs']) {
      expect(intake(text).blocks.every((b) => b.kind === 'prose'), text).toBe(true);
    }
    // Every paste is tested with it: it must not backtrack badly (recheck, automaton checker).
    expect(checkSync(ASYNC_ARROW.source, '', { checker: 'automaton', timeout: 5_000 }).status).toBe('safe');
  });

  it('reads lines of code between two lone backticks as a code block; a quoted error or a sentence stays prose', () => {
    const p = intake("Running this code:\n\n`\nbrowser = await launch()\npage = browser.newPage()\n\nawait page.goto('https://www.test.com')\n`\n\nand getting this:");
    expect(p.blocks.map((b) => [b.kind, b.language])).toEqual([
      ['prose', null],
      ['code', 'python'],
      ['prose', null],
    ]);
    expect(p.blocks[1]!.text).toBe("browser = await launch()\npage = browser.newPage()\n\nawait page.goto('https://www.test.com')");
    for (const text of ['`\nTypeError: x is not a function\n    at main (/app/a.js:1:1)\n`', '`\nsee the docs\nfor more\n`', "`\na = 1\nb = `2`\n`"]) {
      expect(intake(text).blocks.every((b) => b.kind === 'prose'), text).toBe(true);
    }
  });

  it('reads one inline code span wrapped over the last lines of a message as a code block; a span the words go on after stays prose', () => {
    const only = intake('`guild.members.fetch().then(\n  (members) => members.forEach((m) => console.log(m.user.username)),\n  (err) => console.log(err)\n)`');
    expect(only.blocks.map((b) => [b.kind, b.language])).toEqual([['code', 'javascript']]);
    expect(only.blocks[0]!.text).toBe('guild.members.fetch().then(\n  (members) => members.forEach((m) => console.log(m.user.username)),\n  (err) => console.log(err)\n)');
    const closing = intake("snippet of the erroneous code:\n\n`author.save(function (err) {\n    if (err) return cb(err);\n    cb(null, author);\n  });`\n");
    expect(closing.blocks.map((b) => [b.kind, b.language])).toEqual([
      ['prose', null],
      ['code', 'javascript'],
    ]);
    for (const text of [
      // A documentation example the question goes on about: the words are the question.
      "In the docs I found:\n`const jennifer = await Person.query().insert({\n  firstName: 'Jennifer'\n});`\n\nBut what if I want to insert without await?",
      // Words in a span, an error in a span, two spans: none is code.
      'I tried `this\nand that`',
      '`TypeError: x is not a function\n    at main (/app/a.js:1:1)`',
      '`x = 1` and\n`y = 2`',
    ]) {
      expect(intake(text).blocks.every((b) => b.kind === 'prose'), text).toBe(true);
    }
  });

  it('recognises unfenced code as code', () => {
    const p = intake('import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n');
    expect(p.blocks[0]).toMatchObject({ kind: 'code', language: 'python' });
    const js = intake("const x = await fetch(url);\nconst data = x.json();\nconsole.log(data);");
    expect(js.blocks[0]).toMatchObject({ kind: 'code', language: 'javascript' });
  });

  it('keeps the sentences around unfenced code as prose, so the code block holds the code alone', () => {
    const p = intake("When following the guidelines from the readme:\n...\ncomponentWillMount() {\n    await I18n.initAsync();\n}\n...\n\nI get the error 'await is a reserved word'.\n\nThanks!");
    expect(p.blocks.map((b) => b.kind)).toEqual(['prose', 'code', 'prose']);
    expect(p.blocks[1]).toMatchObject({ language: 'javascript', text: 'componentWillMount() {\n    await I18n.initAsync();\n}', startLine: 2 });
    expect(p.lines[p.blocks[1]!.startLine]).toBe('componentWillMount() {');
    // A comment, a keyword line and a line of code with brackets are code, not sentences.
    const py = intake('# fetch the user first and then reply\nimport asyncio\nasync def main():\n    user = await get_user()\n    return user\nDid I get this right?');
    expect(py.blocks.map((b) => b.kind)).toEqual(['code', 'prose']);
    expect(py.blocks[0]!.text.startsWith('# fetch the user')).toBe(true);
    expect(py.blocks[0]!.text.endsWith('    return user')).toBe(true);
  });

  it('takes the paragraphs of code that end a question in words as a code block of their own', () => {
    const text = 'Checks that async functions do not call blocking os.path methods.\n\nWhy is this bad?\n\nCalling them in an async function will block the entire event loop.\n\nExample\n\nimport os\n\n\nasync def func():\n    path = "my_file.txt"\n    file_exists = os.path.exists(path)';
    const p = intake(text);
    expect(p.blocks.map((b) => b.kind)).toEqual(['prose', 'code']);
    expect(p.blocks[1]).toMatchObject({ language: 'python', text: 'import os\n\n\nasync def func():\n    path = "my_file.txt"\n    file_exists = os.path.exists(path)' });
    expect(p.lines[p.blocks[1]!.startLine]).toBe('import os');
  });

  it('leaves a question whole when its last paragraph is a sentence, or a Markdown heading over the lines', () => {
    for (const text of [
      'My bot freezes when it sleeps, and nothing else runs.\nI tried many things and read the docs.\nStill nothing works for me.\n\ntime.sleep(5)\nawait ctx.send("done")\n\nWhy does this happen? Any idea?',
      '# The bug\nAny tool call blocks the entire event loop, freezing all chats.\n\n# Root Cause\nThe handler uses threading.Lock to wrap async code.\nWhen await suspends inside it, the thread is blocked.\n\n# Deadly pattern\nwith self.__lock:\n    return await self.__client.call_tool()',
    ]) {
      expect(intake(text).blocks.every((b) => b.kind === 'prose'), text).toBe(true);
    }
  });

  it('reads code pasted as HTML (<pre><code>…</code></pre>) as a fenced block, its entities decoded', () => {
    const p = intake('`async with` throws error\n\n<pre><code>import aiofiles\n\nasync with aiofiles.open(&quot;a&quot;) as f:\n    if n &lt; 3 &amp;&amp; f:\n        pass\n</code></pre>\n\nOutput:\n<pre><code>\nSyntaxError: invalid syntax\n</code></pre>');
    const code = p.blocks.filter((b) => b.kind === 'code');
    expect(code[0]).toMatchObject({ language: 'python', text: 'import aiofiles\n\nasync with aiofiles.open("a") as f:\n    if n < 3 && f:\n        pass' });
    expect(p.text).toContain('```\nSyntaxError: invalid syntax\n```');
  });

  it('leaves HTML tags alone when they do not pair up as a code block', () => {
    for (const text of ['Use <pre><code> tags for code, and close them.', '<pre><code>print(1)\n</pre> and never </code>']) {
      expect(intake(text).text).toBe(text);
    }
  });

  it('does not take the source line a runtime quotes with its carets, above the error, for code of the paste\'s own', () => {
    for (const text of [
      "file:///home/user/app/null-send.mjs:3\nlogChannel.send('bot started');\n           ^\n\nTypeError: Cannot read properties of null (reading 'send')\n    at file:///home/user/app/null-send.mjs:3:12\n\nNode.js v20.20.2",
      '  File "/app/bot.py", line 12, in main\n    data = fetch()[0]\n           ~~~~~~~^^^\n\nTypeError: \'coroutine\' object is not subscriptable\n\nwhat am I doing wrong?',
    ]) {
      expect(intake(text).blocks.some((b) => b.kind === 'code'), text).toBe(false);
    }
  });

  it('reads Markdown code indented by four spaces between paragraphs of words as code blocks of their own, dedented, on their own lines', () => {
    const text = 'When I call `notify` from my worker it takes ages to arrive.\n\nIn my class:\n\n    def notify(self, text):\n        bot.loop.create_task(send_later(text))\n\nElsewhere:\n\n    async def send_later(text):\n\n        await channel.send(text)\n\nHow can I make it faster?';
    const p = intake(text);
    expect(p.blocks.map((b) => b.kind)).toEqual(['prose', 'code', 'prose', 'code', 'prose']);
    expect(p.blocks[1]).toMatchObject({ language: 'python', text: 'def notify(self, text):\n    bot.loop.create_task(send_later(text))' });
    expect(p.lines[p.blocks[1]!.startLine]).toBe('    def notify(self, text):');
    expect(p.blocks[3]).toMatchObject({ language: 'python', text: 'async def send_later(text):\n\n    await channel.send(text)' });
    const js = intake('**Steps to reproduce**\n\n    const page = await browser.newPage();\n    page.setViewport({ width: 800 });\n    await page.goto(url);\n\n**What happens?** It closes too early.');
    expect(js.blocks.filter((b) => b.kind === 'code').map((b) => b.language)).toEqual(['javascript']);
  });

  it('reads every one of many short indented runs as its own code block, on its own lines', () => {
    // A long issue body alternates words and one-line snippets; each run's rows were once looked up run by run.
    const text = 'Here is what I tried:\n\n' + 'Then I call\n\n    await client.close()\n'.repeat(2_000);
    const p = intake(text);
    const code = p.blocks.filter((b) => b.kind === 'code');
    expect(code).toHaveLength(2_000);
    expect(code.every((b) => b.language === 'python' && b.text === 'await client.close()')).toBe(true);
    expect(code.map((b) => p.lines[b.startLine])).toEqual(Array(2_000).fill('    await client.close()'));
  });

  it('leaves indented lines alone when the lines around them are code, or when the indented lines are an error rather than code', () => {
    const py = intake('import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\n    print("done")\n\nasyncio.run(main())');
    expect(py.blocks).toHaveLength(1);
    expect(py.blocks[0]).toMatchObject({ kind: 'code', language: 'python' });
    expect(py.blocks[0]!.text).toContain('asyncio.run(main())');
    const stack = intake('My bot crashes with this:\n\n    TypeError: channel.send is not a function\n        at Client.<anonymous> (/app/index.js:12:15)\n        at Client.emit (node:events:517:28)\n\nWhat does it mean?');
    expect(stack.blocks.some((b) => b.kind === 'code')).toBe(false);
  });

  it('reads JavaScript whose lines end in a // comment as code, and leaves the sentence that follows it (naming a call or two) as prose', () => {
    const p = intake('Here is a mistake that looks reasonable but does not work:\n// This does NOT catch the error\ntry {\nfetch(url); // Returns a promise, does not throw\n} catch (err) {\nconsole.log("Caught:", err); // Never runs\n}');
    expect(p.blocks.map((b) => b.kind)).toEqual(['prose', 'code']);
    expect(p.blocks[1]).toMatchObject({ language: 'javascript', startLine: 1 });
    const q = intake('This is the slow pattern:\n\nasync function loadAll() {\n    const a = await fetchA(); // wait 1s\n    const b = await fetchB(); // wait 1s\n    return [a, b];\n}\n\nNothing is broken here. But fetchB() does not start until fetchA() finishes, and that is slow.');
    expect(q.blocks.map((b) => b.kind)).toEqual(['prose', 'code', 'prose']);
    expect(q.blocks[1]!.text.endsWith('}')).toBe(true);
    // A URL's // is no comment: the words stay words.
    expect(intake('See https://example.com/docs for more about this problem of mine').blocks.map((b) => b.kind)).toEqual(['prose']);
  });

  it('strips a trailing // comment with a pattern that stays linear on a hostile line (recheck)', () => {
    // Without its s flag the pattern was quadratic: ' //' repeated up to a U+2028 took ~20 ms a line, seconds a paste.
    expect(checkSync(TRAILING_COMMENT.source, TRAILING_COMMENT.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
    expect(checkSync(TRAILING_COMMENT.source, '', { checker: 'automaton', timeout: 30_000 }).status).toBe('vulnerable');
    // Such a paste is still read: no crash, and its lines of comment runs are no code.
    const hostile = Array(50).fill(' //'.repeat(1300) + '\u2028x').join('\n');
    expect(intake(hostile).blocks.some((b) => b.kind === 'code')).toBe(false);
  });

  it('cuts the headings and call-naming sentences of a page pasted as text off the code under them, but never a traceback header', () => {
    const p = intake('Why it matters.\n\nProblem Examples\n\nUsing time.sleep(5) instead of await asyncio.sleep(5).\n\nTroublesome Code (Blocking I/O)\n\nimport time\nimport asyncio\n\nasync def task():\n    time.sleep(3)');
    const code = p.blocks.filter((b) => b.kind === 'code');
    expect(code).toHaveLength(1);
    expect(code[0]!.text.startsWith('import time')).toBe(true);
    expect(p.lines[code[0]!.startLine]).toBe('import time');
    const tb = intake('Traceback (most recent call last):\n  File "bot.py", line 3, in <module>\n    asyncio.run(main())\nRuntimeError: boom');
    expect(tb.blocks.map((b) => [b.language, b.startLine])).toEqual([['traceback', 0]]);
  });

  it('leaves an unfenced block whole when what is left without its sentences is not code', () => {
    const p = intake('This is what I run every day:\nconst a = 1;\nand it works but the other one does not work for me');
    expect(p.blocks.every((b) => b.text.includes('const a = 1;'))).toBe(true);
    expect(p.blocks).toHaveLength(1);
  });

  it('reads a line that starts with the word "await" as code only when what follows is an expression', () => {
    for (const line of ['await asyncio.sleep(1)', 'await self.bot.wait_for("message", check=check)', 'await task', 'await (yield)', 'await queue[0]']) {
      expect(intake(`${line}\nprint("done")`).blocks[0], line).toMatchObject({ kind: 'code', language: 'python' });
    }
    // A PR title is a sentence: "await" then words, not a call or a name.
    const title = intake('await floating promises\n\nThere were some floating promises left in the code, I have simply added an await in front of them.');
    expect(title.blocks.map((b) => b.kind)).toEqual(['prose']);
  });

  it('reads a decorator line as Python and a line that starts with an @mention as words', () => {
    for (const line of ['@bot.command()', '@pytest.mark.asyncio', '@app.route("/items",', '@commands.has_permissions(administrator=True)', '@staticmethod']) {
      expect(intake(`${line}\nasync def handler(ctx):\n    await ctx.send("hi")`).blocks[0], line).toMatchObject({ kind: 'code', language: 'python' });
      expect(intake(line).blocks[0], line).toMatchObject({ kind: 'code', language: 'python' });
    }
    // A reply on GitHub or Discord addresses someone: "@name" then words.
    const reply = intake('Use new_event_loop instead of get_event_loop\n\n@someone I took this from your branch, but what does it do?');
    expect(reply.blocks.map((b) => b.kind)).toEqual(['prose']);
    expect(intake('@alice @bob could you review this?').blocks.map((b) => b.kind)).toEqual(['prose']);
    // An issue's title and headings that name a decorator in words, above its fenced code: words, not Python.
    const issue = intake(
      "@bot.command()-s are ignored when there's an on_message()\n\n### Summary\n\n@bot.command()-s seem not to be picked up at all when on_message() is defined\n\n" +
        '### Minimal Reproducible Code\n\n```python\n@bot.event\nasync def on_message(message):\n    print(message)\n```',
    );
    expect(issue.blocks.map((b) => b.kind)).toEqual(['prose', 'code']);
  });

  it('reads a def with its parameters and a class with its colon as Python, and the same words in a sentence as words', () => {
    for (const line of ['async def main():', 'def handler(event, context):', 'class Bot(commands.Bot):', 'class Config:']) {
      expect(intake(line).blocks[0], line).toMatchObject({ kind: 'code', language: 'python' });
    }
    // pytest's own message, and a title, open with the keywords but say something about them.
    const said = intake('async def functions are not natively supported.\n\nclass Worker never finishes when I cancel it\n\nWhy?');
    expect(said.blocks.map((b) => b.kind)).toEqual(['prose']);
  });

  it('reads a JavaScript declaration or function head as code, and a chat line that starts with the keyword as words', () => {
    for (const code of ['let count = 0', 'const { data } = await axios.get(url)', 'function load(id) {', 'async function* pages() {', 'export default async function () {']) {
      expect(intake(code).blocks[0], code).toMatchObject({ kind: 'code', language: 'javascript' });
    }
    const chat = intake('let me know if you need the whole file\n\nfunction calls inside my loop are not awaited\n\nthanks');
    expect(chat.blocks.map((b) => b.kind)).toEqual(['prose']);
  });

  it('keeps the end of a huge paste and marks it truncated', () => {
    const p = intake('x'.repeat(2_000_000) + '\nRuntimeError: the end');
    expect(p.truncated).toBe(true);
    expect(p.lines.at(-1)).toBe('RuntimeError: the end');
  });

  it('cuts a 100,000-character line', () => {
    const p = intake('a'.repeat(100_000));
    expect(p.lines[0]!.length).toBeLessThan(5_000);
    expect(p.truncated).toBe(true);
  });

  it('says binary input is binary and invalid UTF-8 is still read', () => {
    expect(intake(new Uint8Array([0, 1, 2, 3, 0, 255, 254, 0])).binary).toBe(true);
    const p = intake(new Uint8Array([...Buffer.from('RuntimeError: caf'), 0xe9, ...Buffer.from(' loop')]));
    expect(p.binary).toBe(false);
    expect(p.text).toContain('RuntimeError: caf');
  });

  it('handles empty and whitespace-only input', () => {
    expect(intake('').blocks).toEqual([]);
    expect(intake('   \n\n\t ').blocks).toEqual([]);
  });
});

describe('redacting secrets before anything else sees them', () => {
  it('redacts a Discord bot token in code', () => {
    const p = intake(`\`\`\`py\nbot.run("${token}")\n\`\`\``);
    expect(p.text).not.toContain(token);
    expect(p.text).toContain('bot.run("[REDACTED discord token]")');
    expect(p.redactions.map((r) => r.kind)).toEqual(['discord-token']);
  });

  it('leaves look-alikes alone: placeholders, version strings, dotted names', () => {
    for (const text of ['bot.run("YOUR_TOKEN_HERE")', 'MTIzNDU2Nzg5.xxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxx', 'discord.ext.commands.bot.BotBase.load_extension', 'v1.2.3']) {
      expect(redactSecrets(text).redactions, text).toEqual([]);
    }
    expect(isDiscordToken(Buffer.from('not-a-number').toString('base64url'), stamp, 'abcdefgh')).toBe(false);
  });

  it('redacts webhook URLs, API keys and private keys', () => {
    const text = [
      'https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
      'OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345',
      'token: ghp_abcdefghijklmnopqrstuvwxyz0123456789AB',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      'password = "hunter2hunter2"',
    ].join('\n');
    const r = redactSecrets(text);
    expect(r.text).not.toMatch(/AbCdEfGh|sk-proj|ghp_|MIIEow|hunter2/);
    expect(r.redactions.map((x) => x.kind).sort()).toEqual(['api-key', 'api-key', 'discord-webhook', 'password', 'private-key']);
  });
});

describe('log prefixes', () => {
  it('takes off pm2, Heroku and docker compose prefixes, keeping the line count', () => {
    const p = intake([
      '0|PROD-Swe | (node:10197) UnhandledPromiseRejectionWarning: Error: x',
      '2018-12-17T14:46:10.000369+00:00 app[bot.1]: (node:4) UnhandledPromiseRejectionWarning: Error: y',
      'bot_1  | Traceback (most recent call last):',
      'bot_1  |   File "bot.py", line 3, in <module>',
    ].join('\n'));
    expect(p.lines).toEqual([
      '(node:10197) UnhandledPromiseRejectionWarning: Error: x',
      '(node:4) UnhandledPromiseRejectionWarning: Error: y',
      'Traceback (most recent call last):',
      '  File "bot.py", line 3, in <module>',
    ]);
  });

  it('takes off pm2\'s --time stamp with its prefix', () => {
    expect(intake('2024-05-01T10:00:00: 1|api      |     at main (/srv/app/index.js:3:9)').lines).toEqual(['    at main (/srv/app/index.js:3:9)']);
  });

  it('takes off journald/syslog and `docker logs --timestamps` prefixes when they start two lines or more', () => {
    const syslog = intake([
      'Sep 19 11:23:27 host bot[694755]: Traceback (most recent call last):',
      'Sep 19 11:23:27 host bot[694755]:   File "/opt/bot/main.py", line 10, in <module>',
    ].join('\n'));
    expect(syslog.lines).toEqual(['Traceback (most recent call last):', '  File "/opt/bot/main.py", line 10, in <module>']);
    const stamped = intake(['2023-02-12T02:35:59.775870035Z Traceback (most recent call last):', '2023-02-12T02:35:59.775893900Z   File "/app/main.py", line 30, in <module>'].join('\n'));
    expect(stamped.lines).toEqual(['Traceback (most recent call last):', '  File "/app/main.py", line 30, in <module>']);
  });

  it('leaves one line that merely starts with a date', () => {
    for (const line of ['2023-02-12T02:35:59Z deploy went fine, then the bot crashed', 'Sep 19 11:23:27 host bot[1]: started']) {
      expect(intake(line).lines).toEqual([line]);
    }
  });

  it('leaves shell pipes, Markdown tables and Python\'s group boxes alone', () => {
    const text = ['ls | grep bot', 'name | value', '|---|---|', '  | Traceback (most recent call last):', 'x = a | b', 'flags = READ | WRITE'].join('\n');
    expect(intake(text).lines).toEqual(text.split('\n'));
  });
});

describe('any other prefix repeated before a traceback or a stack', () => {
  const traceback = ['Traceback (most recent call last):', '  File "/app/bot.py", line 12, in on_message', '    data = fetch(url)["items"]', "TypeError: 'coroutine' object is not subscriptable"];

  it.each([
    ['a pod name', 'bot-7d9f-xk2 '],
    ['a bracketed time', '[2024-05-01 10:00:00] '],
    ['a time and a level', '2024-05-01 10:00:00,123 INFO '],
    ['a process and its pid', 'bot[1234]: '],
    ['a Markdown quote', '> '],
  ])('is taken off every line of the run: %s', (_, prefix) => {
    expect(intake(traceback.map((l) => prefix + l).join('\n')).lines).toEqual(traceback);
  });

  it('is taken off whatever its digits (editor line numbers, milliseconds)', () => {
    expect(intake(traceback.map((l, i) => `${i + 9}  ${l}`).join('\n')).lines).toEqual(traceback);
    const stack = ['Error: boom', '    at load (/srv/app/index.js:3:9)', '    at main (/srv/app/index.js:9:1)'];
    expect(intake(stack.map((l, i) => `12:00:0${i}.${100 + i} [bot] ${l}`).join('\n')).lines).toEqual(stack);
  });

  it('is left on fewer than three lines, on a sentence, and on an exception group box', () => {
    const sentence = ['I got this: Traceback (most recent call last):', '  File "bot.py", line 3, in <module>'];
    expect(intake(sentence.join('\n')).lines).toEqual(sentence);
    const group = ['  + Exception Group Traceback (most recent call last):', '  |   File "/app/main.py", line 10, in main', '  |     async with asyncio.TaskGroup() as tg:', '  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)'];
    expect(intake(group.join('\n')).lines).toEqual(group);
  });
});
