/**
 * The real bot against the fake Discord: what the hostile tester pasted comes
 * back as text, never as a link, mention or heading, and never closes the
 * reply's code block (issue 9). Checked on the bodies the bot sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../fake-discord/server.mjs';
import { apiReplyProblems, readDiscordMarkdown } from '../render/hostile-markdown.mjs';
import { startBot, type RunningBot } from './harness.js';

const MANAGE_MESSAGES = String(1 << 13);

let bot: RunningBot;
let fake: FakeDiscord;

beforeAll(async () => {
  bot = await startBot({ AWAITBOT_RATE_LIMIT: '100/60' });
  fake = bot.fake;
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
});

const fourBackticks = [
  'my bot never sends this:',
  '```py',
  'import asyncio',
  '',
  'async def send(text):',
  '    await asyncio.sleep(0)',
  '',
  'async def main():',
  '    send("````")  # [click here](http://evil.test/a)',
  '',
  'asyncio.run(main())',
  '```',
].join('\n');

describe('hostile pastes through the bot', () => {
  it('four backticks in the code leave the link after them as text, and the fix comes as the exact file', async () => {
    const it = fake.slash('explain', [{ name: 'text', type: 3, value: fourBackticks }]);
    const cb = await fake.firstCallback(it.token);
    expect(cb.type).toBe(4);
    expect(apiReplyProblems(cb.data)).toEqual([]);
    const seen = readDiscordMarkdown(cb.data.embeds[0].description);
    expect(seen.blocks.map((b) => b.content.replace(/\u200b/g, ''))).toContain('send("````")  # [click here](http://evil.test/a)');
    expect(cb.files.map((f) => f.text)).toEqual([expect.stringContaining('await send("````")  # [click here](http://evil.test/a)')]);
  });

  it('a file name written as a Markdown link shows as text in "Your line"', async () => {
    const paste = "/app/[click here](http://evil.test/x).py:4: RuntimeWarning: coroutine 'fetch_data' was never awaited\n  fetch_data()\n";
    const cb = await fake.firstCallback(fake.slash('explain', [{ name: 'text', type: 3, value: paste }]).token);
    expect(apiReplyProblems(cb.data)).toEqual([]);
    expect(cb.data.embeds[0].description).toContain('(/app/\\[click here\\](http://evil.test/x).py:4)');
  });

  it('a /faq topic nobody knows is quoted as text', async () => {
    const cb = await fake.firstCallback(fake.slash('faq', [{ name: 'topic', type: 3, value: '[x](http://evil.test) @everyone' }]).token);
    expect(apiReplyProblems(cb.data)).toEqual([]);
    expect(cb.data.content).toContain('\\[x\\](http://evil.test)');
  });

  it("a server FAQ entry keeps its author's code block and shows the rest as written", async () => {
    const add = fake.slash('faq-admin', [{ name: 'add', type: 1, options: [{ name: 'name', type: 3, value: 'token-reset' }] }], { permissions: MANAGE_MESSAGES });
    const modal = await fake.firstCallback(add.token);
    const body = '# Reset it now\n[Developer Portal](http://evil.test/p) <@123456789012345678>\n```py\nclient.run(os.environ["TOKEN"])\n```';
    await fake.firstCallback(fake.modalSubmit(modal.data.custom_id, { title: '[Leaked](http://evil.test) token', body }, { permissions: MANAGE_MESSAGES }).token);
    const cb = await fake.firstCallback(fake.slash('faq', [{ name: 'topic', type: 3, value: 'token-reset' }]).token);
    expect(apiReplyProblems(cb.data)).toEqual([]);
    const seen = readDiscordMarkdown(cb.data.embeds[0].description);
    expect(seen.blocks).toEqual([{ label: 'py', content: 'client.run(os.environ["TOKEN"])' }]);
    expect(cb.data.embeds[0].description).toMatch(/^\\# Reset it now\n\\\[Developer Portal\\\]/);
  });
});
