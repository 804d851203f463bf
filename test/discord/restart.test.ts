/**
 * "Show fix" on an answer given before the bot restarted: the fix is no longer
 * in memory, so the bot diagnoses the logged (redacted) paste again and shows
 * the same fix of the user's code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startBot } from './harness.js';

const snippet = '```py\nimport asyncio\n\n@bot.command()\nasync def wait(ctx):\n    time.sleep(7.25)\n    await ctx.send("done")\n```';

it('shows the user\'s own fix after a restart, from the case log', async () => {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'awaitbot-restart-')), 'cases.db');
  const first = await startBot({ DATABASE_PATH: databasePath });
  let message: { components: { components: { label: string; custom_id: string }[] }[] };
  try {
    const asked = first.fake.slash('explain', [{ name: 'text', type: 3, value: snippet }]);
    await first.fake.firstCallback(asked.token);
    message = first.fake.answerMessage(asked.token);
    // The button names its case by a random public id, never by the sequential row id.
    expect(message.components[0]!.components.find((b) => b.label === 'Show fix')!.custom_id).toMatch(/^ab:fix:[A-Za-z0-9_-]{22}$/);
  } finally {
    expect(await first.stop()).toBe(0);
  }
  const second = await startBot({ DATABASE_PATH: databasePath });
  try {
    // The same message, pressed after the restart: its case is found in the log by the message's id.
    const pressed = second.fake.press(message, 'Show fix');
    const cb = await second.fake.firstCallback(pressed.token);
    expect(JSON.stringify(cb.data)).toContain("await asyncio.sleep(7.25)");
  } finally {
    expect(await second.stop()).toBe(0);
  }
}, 90_000); // two bot starts, each waiting for a diagnosis worker to load its engine
