import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { draftFromDiagnosis, nameFrom } from '../../src/faq/draft.js';
import { validateFaqEntry } from '../../src/faq/entry.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('draftFromDiagnosis', () => {
  it('takes the title and triggers from the error line that ended the traceback, and a name from its type', () => {
    const d = engine.diagnose(
      [
        'Traceback (most recent call last):',
        '  File "/app/bot.py", line 12, in <module>',
        '    config = load_config()',
        'FileNotFoundError: [Errno 2] No such file or directory: \'settings.toml\'',
        '',
        'During handling of the above exception, another exception occurred:',
        '',
        'Traceback (most recent call last):',
        '  File "/app/bot.py", line 14, in <module>',
        '    raise ConfigMissing("settings.toml")',
        'mybot.errors.ConfigMissing: settings.toml',
      ].join('\n'),
    );
    const draft = draftFromDiagnosis(d);
    expect(draft).toEqual({
      name: 'config-missing',
      title: 'mybot.errors.ConfigMissing: settings.toml',
      triggers: ['mybot.errors.ConfigMissing: settings.toml', 'mybot.errors.ConfigMissing'],
      language: 'python',
    });
    expect(validateFaqEntry({ ...draft, body: 'Copy the example settings.' }).ok).toBe(true);
  });

  it('does not offer a bare builtin type as a trigger: it would answer every paste with a KeyError', () => {
    const draft = draftFromDiagnosis(engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 1, in <module>\nKeyError: \'guild_id\''));
    expect(draft.triggers).toEqual(["KeyError: 'guild_id'"]);
    expect(draft.name).toBe('key-error');
  });

  it('offers no line a built-in rule already knows, nor a bare builtin type without a message', () => {
    const known = engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 9, in <module>\n    asyncio.run(main())\nRuntimeError: asyncio.run() cannot be called from a running event loop');
    expect(known.matches.length).toBeGreaterThan(0);
    expect(draftFromDiagnosis(known).triggers).toEqual([]);
    const bare = engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 3, in <module>\n    fetch()\nTimeoutError');
    expect(draftFromDiagnosis(bare).triggers).toEqual([]);
    const qualified = engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 3, in <module>\n    fetch()\nsrvlib.net.UpstreamGone');
    expect(draftFromDiagnosis(qualified).triggers).toEqual(['srvlib.net.UpstreamGone']);
  });

  it('offers no bare library type that only names an HTTP status: every 404 of that library would match it', () => {
    const expired = engine.diagnose('Traceback (most recent call last):\n  File "bot.py", line 12, in ping\n    await interaction.response.send_message("pong")\ndiscord.errors.NotFound: 404 Not Found (error code: 10062): Unknown interaction');
    expect(draftFromDiagnosis(expired).triggers).not.toContain('discord.errors.NotFound');
    const webhook = engine.diagnose('Traceback (most recent call last):\n  File "bot.py", line 20, in later\n    await interaction.followup.send("done")\ndiscord.errors.NotFound: 404 Not Found (error code: 10015): Unknown Webhook');
    expect(draftFromDiagnosis(webhook).triggers).not.toContain('discord.errors.NotFound');
    const own = engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 3, in <module>\n    connect()\nmylib.errors.NotConnected');
    expect(draftFromDiagnosis(own).triggers).toEqual(['mylib.errors.NotConnected']);
  });

  it('offers no line whose message is in every paste with that mistake, nor a type of asyncio\'s own', () => {
    const generic = engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 3\n    if x = 1:\n         ^\nSyntaxError: invalid syntax');
    expect(draftFromDiagnosis(generic).triggers).toEqual([]);
    const outOfRange = engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 3, in <module>\n    rows[5]\nIndexError: list index out of range');
    expect(draftFromDiagnosis(outOfRange).triggers).toEqual([]);
    const timeout = engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 3, in <module>\n    fetch()\nasyncio.exceptions.TimeoutError');
    expect(draftFromDiagnosis(timeout).triggers).toEqual([]);
    // A message that names something of its own still makes a trigger.
    const named = engine.diagnose('Traceback (most recent call last):\n  File "a.py", line 3, in <module>\n    load()\nValueError: unknown region eu_west_9');
    expect(draftFromDiagnosis(named).triggers).toEqual(['ValueError: unknown region eu_west_9']);
  });

  it('without an error line, offers no line of code (nor a fence marker) as a trigger', () => {
    for (const paste of ['```javascript\nconst rows = db.query(sql);\nres.json(rows);\n```', '```diff\n- old\n+ new\n```', 'const rows = db.query(sql);\nres.json(rows);\nconsole.log(rows);']) {
      const d = engine.diagnose(paste);
      expect(draftFromDiagnosis(d).triggers, paste).toEqual([]);
    }
  });

  it('without an error line, offers the first line only when it is safe as a trigger', () => {
    expect(draftFromDiagnosis(engine.diagnose('thanks for the help')).triggers).toEqual([]);
    expect(draftFromDiagnosis(engine.diagnose('srvlib: shard 3 heartbeat lost, reconnecting')).triggers).toEqual(['srvlib: shard 3 heartbeat lost, reconnecting']);
  });

  it('without an error line, skips an issue template\'s headings and offers the first line people wrote', () => {
    const issue = '## Issue\n\nsrvlib: shard 3 heartbeat lost, reconnecting\n\n### Steps to reproduce\nrun the bot for a day';
    const draft = draftFromDiagnosis(engine.diagnose(issue));
    expect(draft.triggers).toEqual(['srvlib: shard 3 heartbeat lost, reconnecting']);
    // A template with headings and nothing of the user's own offers nothing.
    expect(draftFromDiagnosis(engine.diagnose('## Issue\n\n### Describe the bug')).triggers).toEqual([]);
  });
});

describe('nameFrom', () => {
  it('makes a /faq name from a dotted CamelCase type, an acronym and odd characters', () => {
    expect(nameFrom('aiohttp.client_exceptions.ClientConnectorError')).toBe('client-connector-error');
    expect(nameFrom('HTTPException')).toBe('http-exception');
    expect(nameFrom('!!!')).toBe('server-error');
  });
});
