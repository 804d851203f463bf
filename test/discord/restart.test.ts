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
  let customId: string;
  let message: unknown;
  try {
    const asked = first.fake.slash('explain', [{ name: 'text', type: 3, value: snippet }]);
    const cb = await first.fake.firstCallback(asked.token);
    const ids: string[] = cb.data.components.flatMap((r: { components: { custom_id?: string }[] }) => r.components.map((c) => c.custom_id).filter(Boolean));
    customId = ids.find((i) => i.startsWith('ab:fix:'))!;
    expect(customId).toMatch(/^ab:fix:\d+:py\/blocking-call-in-async$/);
    message = { ...first.fake.messagePayload({ author: first.fake.botUser }), embeds: cb.data.embeds, components: cb.data.components };
  } finally {
    expect(await first.stop()).toBe(0);
  }
  const second = await startBot({ DATABASE_PATH: databasePath });
  try {
    const pressed = second.fake.button(customId, message);
    const cb = await second.fake.firstCallback(pressed.token);
    expect(JSON.stringify(cb.data)).toContain("await asyncio.sleep(7.25)");
  } finally {
    expect(await second.stop()).toBe(0);
  }
});
