/** Per-server settings (watched help channels, auto-reply, retention); a server without a row has the defaults. */
import { maxRetentionDays } from './defaults.js';
import { log } from '../log.js';
import type { GuardedDb } from './guarded.js';
import type { GuildSettings } from './types.js';

interface SettingsRow {
  guild_id: string;
  watch_channels: string;
  auto_reply: number;
  retention_days: number | null;
  language: string | null;
}

export class SettingsStore {
  constructor(
    private readonly db: GuardedDb,
    /** Retention for a server that has not set its own. */
    private readonly defaultRetentionDays: number,
  ) {}

  private defaults(guildId: string): GuildSettings {
    // Watching is opt-in: nothing is answered unasked until a moderator turns it on.
    return { guildId, watchChannels: [], autoReply: false, retentionDays: this.defaultRetentionDays, language: null };
  }

  getSettings(guildId: string): GuildSettings {
    return this.db.lookup('getSettings', this.defaults(guildId), (c) => {
      const row = c.sql<[string], SettingsRow>('SELECT * FROM guild_settings WHERE guild_id = ?').get(guildId);
      if (!row) return this.defaults(guildId);
      return {
        guildId,
        watchChannels: JSON.parse(row.watch_channels) as string[],
        autoReply: row.auto_reply === 1,
        retentionDays: row.retention_days ?? this.defaultRetentionDays,
        language: row.language ?? null,
      };
    });
  }

  updateSettings(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>): GuildSettings | null {
    if (patch.retentionDays !== undefined && !(Number.isInteger(patch.retentionDays) && patch.retentionDays >= 1 && patch.retentionDays <= maxRetentionDays)) {
      log.warn({ guildId, retentionDays: patch.retentionDays }, `retention must be a whole number of days from 1 to ${maxRetentionDays}`);
      return null;
    }
    const current = this.getSettings(guildId);
    const next: GuildSettings = {
      guildId,
      watchChannels: [...new Set(patch.watchChannels ?? current.watchChannels)],
      autoReply: patch.autoReply ?? current.autoReply,
      retentionDays: patch.retentionDays ?? current.retentionDays,
      language: patch.language !== undefined ? patch.language : current.language,
    };
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
    return this.db.lookup('watchedGuildIds', [] as string[], (c) =>
      c
        .sql<[], { guild_id: string }>("SELECT guild_id FROM guild_settings WHERE watch_channels <> '[]' AND auto_reply = 1 ORDER BY guild_id")
        .all()
        .map((r) => r.guild_id),
    );
  }
}
