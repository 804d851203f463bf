/** What every command and event handler receives: the services plus the bot's own state. */
import type { Config } from '../config.js';
import type { Rule } from '../knowledge/schema.js';
import { AnsweredMessages } from './answered.js';
import { attachmentOrigins } from '../app/attachments.js';
import { rulesById } from '../app/answer-buttons.js';
import { RecentCases } from '../app/cases.js';
import type { Services } from '../app/services.js';

export interface BotContext extends Services {
  recent: RecentCases;
  /** Which case each recent answer message belongs to (buttons act on their own message's case). */
  answered: AnsweredMessages;
  /** Ids of interactions already handled: a repeated one is ignored (it can be acknowledged only once). */
  handledInteractions: Set<string>;
  /**
   * The per-user limit on explanations, counted in the store: the same count for every shard and every
   * `awaitbot serve` copy on the case log. Resolves to 0 when allowed, else the seconds to wait.
   */
  limiter: { take(userId: string): Promise<number> };
  /** Where attachments may be downloaded from: Discord's CDN plus AWAITBOT_ATTACHMENT_ORIGINS. */
  attachmentOrigins: string[];
  ruleById: Map<string, Rule>;
  /** True when the bot asked for GuildMessages + MessageContent (help-channel watching possible). */
  watching: boolean;
  /** Watched message id → the bot's reply id ('pending' while it is being written). One reply per message. */
  watchReplies: Map<string, string>;
}

export function createContext(services: Services, watching: boolean, config: Pick<Config, 'rateLimit' | 'attachmentOrigins'>): BotContext {
  const ruleById = rulesById(services.rules);
  return { ...services, recent: new RecentCases(), answered: new AnsweredMessages(), handledInteractions: new Set(), limiter: { take: (userId) => services.store.takeRateLimit(userId, config.rateLimit.limit, config.rateLimit.windowMs) },
    attachmentOrigins: attachmentOrigins(config.attachmentOrigins),
    ruleById, watching, watchReplies: new Map() };
}
