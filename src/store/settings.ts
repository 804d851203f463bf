/** Per-server settings (watched help channels, auto-reply, retention); a server without a row has the defaults. */
import { maxRetentionDays } from './defaults.js';
import { log } from '../log.js';
import type { GuardedDb } from './guarded.js';
import type { GuildSettings } from './types.js';

export interface SettingsRow {
  guild_id: string;
  watch_channels: string;
  auto_reply: number;
  retention_days: number | null;
  language: string | null;
}

/** A server without a row. Watching is opt-in: nothing is answered unasked until a moderator turns it on. */
export function defaultSettings(guildId: string, retentionDays: number): GuildSettings {
  return { guildId, watchChannels: [], autoReply: false, retentionDays, language: null };
}

export function settingsFromRow(guildId: string, row: SettingsRow | undefined, retentionDays: number): GuildSettings {
  if (!row) return defaultSettings(guildId, retentionDays);
  return {
    guildId,
    watchChannels: JSON.parse(row.watch_channels) as string[],
    autoReply: row.auto_reply === 1,
    retentionDays: row.retention_days ?? retentionDays,
    language: row.language ?? null,
  };
}

/**
 * The settings after `patch`, or null (logged) when it asks for a retention outside 1 to
 * maxRetentionDays whole days.
 */
export function patchedSettings(current: GuildSettings, patch: Partial<Omit<GuildSettings, 'guildId'>>): GuildSettings | null {
  if (patch.retentionDays !== undefined && !(Number.isInteger(patch.retentionDays) && patch.retentionDays >= 1 && patch.retentionDays <= maxRetentionDays)) {
    log.warn({ guildId: current.guildId, retentionDays: patch.retentionDays }, `retention must be a whole number of days from 1 to ${maxRetentionDays}`);
    return null;
  }
  return {
    guildId: current.guildId,
    watchChannels: [...new Set(patch.watchChannels ?? current.watchChannels)],
    autoReply: patch.autoReply ?? current.autoReply,
    retentionDays: patch.retentionDays ?? current.retentionDays,
    language: patch.language !== undefined ? patch.language : current.language,
  };
}

export class SettingsStore {
  constructor(
    private readonly db: GuardedDb,
    /** Retention for a server that has not set its own. */
    private readonly defaultRetentionDays: number,
  ) {}

  getSettings(guildId: string): GuildSettings {
    return this.db.lookupBesideQueue('getSettings', defaultSettings(guildId, this.defaultRetentionDays), (c) =>
      settingsFromRow(guildId, c.sql<[string], SettingsRow>('SELECT * FROM guild_settings WHERE guild_id = ?').get(guildId), this.defaultRetentionDays),
    );
  }

  updateSettings(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>): GuildSettings | null {
    const next = patchedSettings(this.getSettings(guildId), patch);
    if (!next) return null;
    return this.db.write('updateSettings', null, (c) => {
      c
        .sql(
          `INSERT INTO guild_settings (guild_id, watch_channels, auto_reply, retention_days, language, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (guild_id) DO UPDATE SET watch_channels = excluded.watch_channels, auto_reply = excluded.auto_reply,
             retention_days = excluded.retention_days, language = excluded.language, updated_at = excluded.updated_at`,
        )
        .run(guildId, JSON.stringify(next.watchChannels), next.autoReply ? 1 : 0, next.retentionDays, next.language, Date.now());
      return next;
    });
  }

  watchedGuildIds(): string[] {
    return this.db.lookupBesideQueue('watchedGuildIds', [] as string[], (c) =>
      c
        .sql<[], { guild_id: string }>("SELECT guild_id FROM guild_settings WHERE watch_channels <> '[]' AND auto_reply = 1 ORDER BY guild_id")
        .all()
        .map((r) => r.guild_id),
    );
  }
}
