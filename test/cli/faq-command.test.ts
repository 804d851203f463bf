/** `awaitbot faq export | import | add --from-case` against a real SQLite file, through the binary's dispatcher. */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMain } from './run-main.js';
import { openStore } from '../../src/store/index.js';
import { sampleCase, tempDir } from '../store/helpers.js';

const guild = '100000000000000001';
let dir: string;
let cleanup: () => void;
let dbPath: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  dbPath = join(dir, 'awaitbot.db');
  vi.stubEnv('DATABASE_PATH', dbPath);
  vi.stubEnv('DISCORD_TOKEN', '');
});

afterEach(() => {
  vi.unstubAllEnvs();
  cleanup();
});

const run = runMain;

async function withStore<T>(use: (store: ReturnType<typeof openStore>) => Promise<T>): Promise<T> {
  const store = openStore(dbPath);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

const entryFile = (name: string, triggers: string[], body = 'The answer.') =>
  `---\nname: ${name}\ntitle: About ${name}\ntriggers:\n${triggers.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n---\n\n${body}\n`;

describe('awaitbot faq export / import', () => {
  it('round-trips a server\'s entries through Markdown files, other servers untouched', async () => {
    await withStore(async (s) => {
      await s.addFaq({ guildId: guild, name: 'config-missing', title: 'Config: missing', body: 'Copy it.\n\n```sh\ncp a b\n```', triggers: ['mybot.errors.ConfigMissing'], language: 'python', authorId: 'm' });
      await s.addFaq({ guildId: guild, name: 'plain', title: 'Plain', body: 'No triggers.', authorId: 'm' });
      await s.addFaq({ guildId: '999', name: 'elsewhere', title: 'E', body: 'e', authorId: 'm' });
    });
    const out = join(dir, 'faq');
    expect(await run('faq', 'export', out, '--guild', guild)).toMatchObject({ code: 0, stdout: expect.stringContaining('Wrote 2 entries') });
    expect(readdirSync(out).sort()).toEqual(['config-missing.md', 'plain.md']);
    expect(readFileSync(join(out, 'config-missing.md'), 'utf8')).toContain('triggers:\n  - mybot.errors.ConfigMissing\nlanguage: python\n');
    const other = '200000000000000002';
    expect(await run('faq', 'import', out, '--guild', other)).toMatchObject({ code: 0, stdout: expect.stringContaining('2 new, 0 replaced') });
    await withStore(async (s) => {
      expect((await s.listFaq(other)).map(({ name, title, body, triggers, language }) => ({ name, title, body, triggers, language }))).toEqual(
        (await s.listFaq(guild)).map(({ name, title, body, triggers, language }) => ({ name, title, body, triggers, language })),
      );
    });
  });

  it('with --prune, a file deleted from the directory removes its entry (the directory is the FAQ)', async () => {
    const pruned = '300000000000000003';
    const input = join(dir, 'pruned');
    mkdirSync(input);
    writeFileSync(join(input, 'first.md'), entryFile('first', ['srvlib.FirstSpecificError']));
    writeFileSync(join(input, 'second.md'), entryFile('second', ['srvlib.SecondSpecificError']));
    expect(await run('faq', 'import', input, '--guild', pruned)).toMatchObject({ code: 0, stdout: expect.stringMatching(/2 new, 0 replaced\.\n$/) });
    rmSync(join(input, 'second.md'));
    // Without --prune the entry stays: an import only adds and replaces.
    expect(await run('faq', 'import', input, '--guild', pruned)).toMatchObject({ code: 0, stdout: expect.stringMatching(/0 new, 1 replaced\.\n$/) });
    await withStore(async (s) => expect((await s.listFaq(pruned)).map((e) => e.name)).toEqual(['first', 'second']));
    expect(await run('faq', 'import', input, '--guild', pruned, '--prune')).toMatchObject({ code: 0, stdout: expect.stringContaining('0 new, 1 replaced, 1 removed (no file had them).') });
    await withStore(async (s) => expect((await s.listFaq(pruned)).map((e) => e.name)).toEqual(['first']));
  });

  it('changes nothing when any file is wrong, and names each file and field', async () => {
    const input = join(dir, 'in');
    mkdirSync(input);
    writeFileSync(join(input, 'good.md'), entryFile('good', ['srvlib.GoodSpecificError']));
    writeFileSync(join(input, 'short.md'), entryFile('short', ['oops']));
    writeFileSync(join(input, 'chatty.md'), entryFile('chatty', ['thank you']));
    writeFileSync(join(input, 'twin.md'), entryFile('good', ['srvlib.OtherSpecificError']));
    writeFileSync(join(input, 'await-outside-async.md'), entryFile('await-outside-async', ['srvlib.ThirdSpecificError']));
    writeFileSync(join(input, 'notes.txt'), 'not an entry');
    const result = await run('faq', 'import', input, '--guild', guild);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/short\.md: triggers\.0: "oops" is shorter than 6 characters$/),
        expect.stringMatching(/chatty\.md: triggers\.0: "thank you" is made only of everyday chat words/),
        expect.stringMatching(/twin\.md: name: "good" differs from the file name/),
        expect.stringMatching(/twin\.md: name: "good" is also the name in good\.md/),
        expect.stringMatching(/await-outside-async\.md: name: "await-outside-async" is a built-in topic/),
        expect.stringMatching(/^Nothing imported: 5 problems in 4 of 5 files\.$/),
      ]),
    );
    await withStore(async (s) => expect(await s.listFaq(guild)).toEqual([]));
  });

  it('refuses a missing DIR or --guild as a usage mistake', async () => {
    expect((await run('faq', 'import', '--guild', guild)).code).toBe(2);
    expect((await run('faq', 'export', join(dir, 'x'))).code).toBe(2);
    expect((await run('faq', 'import', join(dir, 'nope'), '--guild', guild)).code).toBe(2);
  });
});

describe('awaitbot faq add --from-case', () => {
  const paste = 'Traceback (most recent call last):\n  File "/app/bot.py", line 3, in <module>\n    start()\nmybot.errors.ConfigMissing: settings.toml\n';

  it('makes an entry pre-filled from the case\'s error line, marks the case answered, and review no longer lists it', async () => {
    const caseId = await withStore(async (s) => (await s.logCase(sampleCase({ matches: [], paste, guildId: guild })))!);
    expect((await run('review', '--guild', guild)).stdout).toContain(`#${caseId}`);
    const result = await run('faq', 'add', '--from-case', String(caseId), '--answer', 'Copy settings.example.toml to settings.toml.');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Added "config-missing"');
    await withStore(async (s) => {
      expect(await s.getFaq(guild, 'config-missing')).toMatchObject({
        title: 'mybot.errors.ConfigMissing: settings.toml',
        triggers: ['mybot.errors.ConfigMissing: settings.toml', 'mybot.errors.ConfigMissing'],
        language: 'python',
        body: 'Copy settings.example.toml to settings.toml.',
      });
      expect((await s.getCase(caseId))!.answeredBy).toBe('config-missing');
    });
    expect((await run('review', '--guild', guild)).stdout).not.toContain(`#${caseId}`);
    // The next time the paste comes, the bot logs it as answered by the entry; stats counts it.
    await withStore(async (s) => (await s.logCase(sampleCase({ matches: [{ rule: 'faq:config-missing', confidence: 1 }], paste, guildId: guild }))));
    expect((await run('stats', '--guild', guild)).stdout).toContain('server FAQ answered 1 case by its triggers');
  });

  it('takes the moderator\'s name, title and triggers over the draft, and refuses an unsafe trigger without saving', async () => {
    const caseId = await withStore(async (s) => (await s.logCase(sampleCase({ matches: [], paste, guildId: guild })))!);
    const bad = await run('faq', 'add', '--from-case', String(caseId), '--answer', 'x', '--trigger', 'thanks');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/triggers\.0: "thanks" is made only of everyday chat words/);
    await withStore(async (s) => {
      expect(await s.listFaq(guild)).toEqual([]);
      expect((await s.getCase(caseId))!.answeredBy).toBeNull();
    });
    const ok = await run('faq', 'add', '--from-case', String(caseId), '--answer', 'x', '--name', 'settings', '--title', 'Settings file', '--trigger', 'ConfigMissing: settings.toml');
    expect(ok.code).toBe(0);
    await withStore(async (s) => expect(await s.getFaq(guild, 'settings')).toMatchObject({ title: 'Settings file', triggers: ['ConfigMissing: settings.toml'] }));
  });

  it('says so for a case that does not exist, or without an answer', async () => {
    expect(await run('faq', 'add', '--from-case', '4242', '--answer', 'x')).toMatchObject({ code: 1, stderr: expect.stringContaining('no case #4242') });
    expect((await run('faq', 'add', '--from-case', '1')).code).toBe(2);
  });
});

describe('awaitbot review --draft-rule', () => {
  const paste = 'my bot:\n```py\nawait start()\n```\nTraceback (most recent call last):\n  File "/app/bot.py", line 3, in <module>\n    start()\nmybot.errors.ConfigMissing: settings.toml\n';

  it('prints a knowledge/-format skeleton holding the case\'s paste as the evidence example, every part to write marked TODO', async () => {
    const caseId = await withStore(async (s) => (await s.logCase(sampleCase({ matches: [], paste, guildId: guild })))!);
    const { code, stdout } = await run('review', '--draft-rule', String(caseId));
    expect(code).toBe(0);
    const [, front] = stdout.split('---\n');
    const { parse } = await import('yaml');
    expect(parse(front!)).toMatchObject({ id: 'py/config-missing', language: 'python', severity: 'error', keywords: ['mybot.errors.ConfigMissing: settings.toml'], match: [{ error: { type: 'mybot.errors.ConfigMissing' } }] });
    // The paste holds a ``` fence of its own: the evidence block's fence is longer, so the paste stays whole inside it.
    expect(stdout).toContain('````text evidence\n' + paste.replace(/\n+$/, '') + '\n````');
    expect(stdout).toContain('```python incorrect\nawait start()\n```');
    for (const section of ['## What happened\n\nTODO', '## Why\n\nTODO', '## How to fix\n\nTODO']) expect(stdout).toContain(section);
  });

  it('writes it to --out, never over an existing file, and says so for an unknown case', async () => {
    const caseId = await withStore(async (s) => (await s.logCase(sampleCase({ matches: [], paste, guildId: guild })))!);
    const out = join(dir, 'draft.md');
    expect(await run('review', '--draft-rule', String(caseId), '--out', out)).toMatchObject({ code: 0, stdout: expect.stringContaining('knowledge/py/config-missing.md') });
    expect(readFileSync(out, 'utf8')).toContain('text evidence');
    expect((await run('review', '--draft-rule', String(caseId), '--out', out)).code).toBe(1);
    expect(await run('review', '--draft-rule', '4242')).toMatchObject({ code: 1, stderr: expect.stringContaining('no case #4242') });
  });
});
