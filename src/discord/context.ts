/** What every command and event handler receives: the services plus the bot's own state. */
import type { Rule } from '../knowledge/schema.js';
import { RecentCases } from './cases.js';
import { RateLimiter } from './ratelimit.js';
import type { Services } from './services.js';

export interface BotContext extends Services {
  recent: RecentCases;
  limiter: RateLimiter;
  ruleById: Map<string, Rule>;
  /** True when the bot asked for GuildMessages + MessageContent (help-channel watching possible). */
  watching: boolean;
  /** Watched message id → the bot's reply id ('pending' while it is being written). One reply per message. */
  watchReplies: Map<string, string>;
}

export function createContext(services: Services, watching: boolean): BotContext {
  const ruleById = new Map<string, Rule>();
  for (const rule of services.rules) {
    ruleById.set(rule.id, rule);
    for (const alias of rule.aliases) ruleById.set(alias, rule);
  }
  return { ...services, recent: new RecentCases(), limiter: RateLimiter.fromEnv(), ruleById, watching, watchReplies: new Map() };
}
