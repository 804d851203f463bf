/**
 * A server's settings as its managers change them (`/settings`): one change
 * at a time, read-modify-write against the store. The Discord layer reads the
 * options into a change and renders the outcome.
 */
import type { ShellStore } from './services.js';
import type { GuildSettings } from './types.js';

export type SettingsChange =
  | { kind: 'show' }
  /** Watch (or stop watching) one help channel; watching one turns auto-reply on. */
  | { kind: 'watch'; channelId: string; on: boolean }
  | { kind: 'auto-reply'; on: boolean }
  /** `en`, `zh-CN`, or anything else for "each paste's own language". */
  | { kind: 'language'; language: string }
  | { kind: 'retention'; days: number | null };

export type SettingsOutcome = { kind: 'unavailable' } | { kind: 'not-saved' } | { kind: 'settings'; settings: GuildSettings };

/** The patch a change makes to `current`. */
function patchFor(current: GuildSettings, change: SettingsChange): Partial<Omit<GuildSettings, 'guildId'>> | null {
  switch (change.kind) {
    case 'show':
      return null;
    case 'watch': {
      const channels = new Set(current.watchChannels);
      if (change.on) channels.add(change.channelId);
      else channels.delete(change.channelId);
      return { watchChannels: [...channels], ...(change.on ? { autoReply: true } : {}) };
    }
    case 'auto-reply':
      return { autoReply: change.on };
    case 'language':
      return { language: change.language === 'en' || change.language === 'zh-CN' ? change.language : null };
    case 'retention':
      return { retentionDays: change.days ?? current.retentionDays };
  }
}

/** Applies `change` to the server's settings and returns them as they now are. */
export async function changeSettings(store: Pick<ShellStore, 'getSettings' | 'updateSettings'>, guildId: string, change: SettingsChange): Promise<SettingsOutcome> {
  let current: GuildSettings;
  try {
    current = await store.getSettings(guildId);
  } catch {
    return { kind: 'unavailable' };
  }
  const patch = patchFor(current, change);
  if (!patch) return { kind: 'settings', settings: current };
  const next = await store.updateSettings(guildId, patch);
  return next ? { kind: 'settings', settings: next } : { kind: 'not-saved' };
}
