/**
 * The store awaitbot keeps in one SQLite file, made of one module per
 * concern on top of the guarded connection (guarded.ts), which keeps replies
 * going when the database fails:
 * - cases.ts — the case log: cases, their matches, votes, answering messages;
 * - faq.ts — each server's FAQ entries;
 * - settings.ts — each server's settings;
 * - insight.ts — stats, the review list and the export, for moderators;
 * - retention.ts — deleting expired cases and a user's data;
 * - liveness.ts — the gateway heartbeat and the store's health;
 * - rate-limits.ts — each user's recent explanations, for the per-user rate limit.
 */
import { defaultRetentionDays } from './defaults.js';
import { CaseStore } from './cases.js';
import { FaqStore } from './faq.js';
import { GuardedDb } from './guarded.js';
import { InsightStore } from './insight.js';
import { LivenessStore } from './liveness.js';
import { RateLimitStore } from './rate-limits.js';
import { RetentionStore } from './retention.js';
import { SettingsStore } from './settings.js';
import type { Store, StoreOptions } from './types.js';

export { StoreUnavailableError } from './guarded.js';

export class SqliteStore implements Store {
  private readonly db: GuardedDb;
  private readonly cases: CaseStore;
  private readonly faq: FaqStore;
  private readonly settings: SettingsStore;
  private readonly insight: InsightStore;
  private readonly retention: RetentionStore;
  private readonly liveness: LivenessStore;
  private readonly rateLimits: RateLimitStore;

  constructor(
    readonly path: string,
    options: StoreOptions = {},
  ) {
    const retentionDays = options.defaultRetentionDays ?? defaultRetentionDays;
    this.db = new GuardedDb(path, {
      busyTimeoutMs: options.busyTimeoutMs ?? 500,
      reopenAfterMs: options.reopenAfterMs ?? 30_000,
      maxSizeBytes: options.maxSizeBytes,
      create: options.create ?? true,
    });
    this.cases = new CaseStore(this.db);
    this.faq = new FaqStore(this.db);
    this.settings = new SettingsStore(this.db, retentionDays);
    this.insight = new InsightStore(this.db);
    this.retention = new RetentionStore(this.db, retentionDays);
    this.liveness = new LivenessStore(this.db);
    this.rateLimits = new RateLimitStore(this.db);
  }

  // The case log
  logCase: Store['logCase'] = (input) => this.cases.logCase(input);
  recordFeedback: Store['recordFeedback'] = (caseId, userId, vote) => this.cases.recordFeedback(caseId, userId, vote);
  attachReply: Store['attachReply'] = (caseId, reply) => this.cases.attachReply(caseId, reply);
  expectReply: Store['expectReply'] = (caseId, interactionId, isPublic) => this.cases.expectReply(caseId, interactionId, isPublic);
  caseForReply: Store['caseForReply'] = (messageId, interactionId) => this.cases.caseForReply(messageId, interactionId);
  getCase: Store['getCase'] = (id) => this.cases.getCase(id);
  markCaseAnswered: Store['markCaseAnswered'] = (caseId, faqName) => this.cases.markCaseAnswered(caseId, faqName);

  // Per-user rate limits
  takeRateLimit: Store['takeRateLimit'] = (userId, limit, windowMs, now) => this.rateLimits.takeRateLimit(userId, limit, windowMs, now);

  // FAQ entries
  listFaq: Store['listFaq'] = (guildId) => this.faq.listFaq(guildId);
  getFaq: Store['getFaq'] = (guildId, name) => this.faq.getFaq(guildId, name);
  addFaq: Store['addFaq'] = (entry) => this.faq.addFaq(entry);
  editFaq: Store['editFaq'] = (entry) => this.faq.editFaq(entry);
  removeFaq: Store['removeFaq'] = (guildId, name) => this.faq.removeFaq(guildId, name);
  importFaq: Store['importFaq'] = (guildId, entries) => this.faq.importFaq(guildId, entries);
  faqRevision: Store['faqRevision'] = (guildId) => this.faq.faqRevision(guildId);
  recordFaqUse: Store['recordFaqUse'] = (guildId, name) => this.faq.recordFaqUse(guildId, name);

  // Settings
  getSettings: Store['getSettings'] = (guildId) => this.settings.getSettings(guildId);
  updateSettings: Store['updateSettings'] = (guildId, patch) => this.settings.updateSettings(guildId, patch);
  watchedGuildIds: Store['watchedGuildIds'] = () => this.settings.watchedGuildIds();

  // Retention and erasure
  purgeExpired: Store['purgeExpired'] = (now) => this.retention.purgeExpired(now);
  startRetention: Store['startRetention'] = (intervalMs) => this.retention.startRetention(intervalMs);
  forgetUser: Store['forgetUser'] = (userId) => this.retention.forgetUser(userId);

  // Moderator insight
  stats: Store['stats'] = (query) => this.insight.stats(query);
  review: Store['review'] = (query) => this.insight.review(query);
  exportCases: Store['exportCases'] = (query) => this.insight.exportCases(query);

  // Liveness
  recordGatewayHeartbeat: Store['recordGatewayHeartbeat'] = (now) => this.liveness.recordGatewayHeartbeat(now);
  lastGatewayHeartbeat: Store['lastGatewayHeartbeat'] = () => this.liveness.lastGatewayHeartbeat();
  health: Store['health'] = () => this.liveness.health();

  close(): void {
    this.db.close();
  }
}
