/** /settings' core: each change read, applied and saved against a real SQLite store, and the settings as they now are. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { changeSettings } from '../../src/app/server-settings.js';
import { openStore } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'awaitbot-settings-'));
const store = openStore(join(dir, 'cases.db'));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
const guildId = '111111111111111111';
const settingsAfter = async (change: Parameters<typeof changeSettings>[2]) => {
  const outcome = await changeSettings(store, guildId, change);
  if (outcome.kind !== 'settings') throw new Error(`not saved: ${outcome.kind}`);
  return outcome.settings;
};

it('watching a channel adds it and turns auto-reply on; unwatching removes only it', async () => {
  expect(await settingsAfter({ kind: 'show' })).toMatchObject({ watchChannels: [], autoReply: false });
  await settingsAfter({ kind: 'watch', channelId: 'help', on: true });
  expect(await settingsAfter({ kind: 'watch', channelId: 'python-help', on: true })).toMatchObject({ watchChannels: ['help', 'python-help'], autoReply: true });
  expect(await settingsAfter({ kind: 'watch', channelId: 'help', on: false })).toMatchObject({ watchChannels: ['python-help'], autoReply: true });
  expect(await settingsAfter({ kind: 'auto-reply', on: false })).toMatchObject({ watchChannels: ['python-help'], autoReply: false });
});

it('the language is English, Chinese, or each paste’s own for anything else', async () => {
  expect((await settingsAfter({ kind: 'language', language: 'zh-CN' })).language).toBe('zh-CN');
  expect((await settingsAfter({ kind: 'language', language: 'auto' })).language).toBeNull();
});

it('retention changes only with a number of days', async () => {
  expect((await settingsAfter({ kind: 'retention', days: 30 })).retentionDays).toBe(30);
  expect((await settingsAfter({ kind: 'retention', days: null })).retentionDays).toBe(30);
  expect(await store.getSettings(guildId)).toMatchObject({ retentionDays: 30, watchChannels: ['python-help'] });
});
