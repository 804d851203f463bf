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

/**
 * better-sqlite3 reads rows one by one without waiting; the interface hands them out as an async stream
 * (PostgreSQL's must wait). The query starts at the first row asked for, so a failure rejects there.
 */
async function* fromSync<T>(rows: () => Iterable<T>): AsyncIterable<T> {
  yield* rows();
}

/**
 * The interface is asynchronous (a PostgreSQL store has to wait for its server);
 * SQLite answers synchronously inside, so each method here resolves at once.
 * Being async, a moderator read that fails rejects rather than throws.
 */
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
  recordFeedback: Store['recordFeedback'] = async (caseId, userId, vote) => this.cases.recordFeedback(caseId, userId, vote);
  attachReply: Store['attachReply'] = async (caseId, reply) => this.cases.attachReply(caseId, reply);
  caseForReply: Store['caseForReply'] = async (messageId, interactionId) => this.cases.caseForReply(messageId, interactionId);
  getCase: Store['getCase'] = async (id) => this.cases.getCase(id);
  markCaseAnswered: Store['markCaseAnswered'] = async (caseId, faqName) => this.cases.markCaseAnswered(caseId, faqName);

  // Per-user rate limits
  takeRateLimit: Store['takeRateLimit'] = (userId, limit, windowMs, now) => this.rateLimits.takeRateLimit(userId, limit, windowMs, now);

  // FAQ entries
  listFaq: Store['listFaq'] = async (guildId) => this.faq.listFaq(guildId);
  getFaq: Store['getFaq'] = async (guildId, name) => this.faq.getFaq(guildId, name);
  addFaq: Store['addFaq'] = async (entry) => this.faq.addFaq(entry);
  editFaq: Store['editFaq'] = async (entry) => this.faq.editFaq(entry);
  removeFaq: Store['removeFaq'] = async (guildId, name) => this.faq.removeFaq(guildId, name);
  importFaq: Store['importFaq'] = async (guildId, entries, options) => this.faq.importFaq(guildId, entries, options);
  faqRevision: Store['faqRevision'] = async (guildId) => this.faq.faqRevision(guildId);
  recordFaqUse: Store['recordFaqUse'] = async (guildId, name) => this.faq.recordFaqUse(guildId, name);

  // Settings
  getSettings: Store['getSettings'] = async (guildId) => this.settings.getSettings(guildId);
  updateSettings: Store['updateSettings'] = async (guildId, patch) => this.settings.updateSettings(guildId, patch);
  watchedGuildIds: Store['watchedGuildIds'] = async () => this.settings.watchedGuildIds();

  // Retention and erasure
  purgeExpired: Store['purgeExpired'] = async (now) => this.retention.purgeExpired(now);
  startRetention: Store['startRetention'] = (intervalMs) => this.retention.startRetention(intervalMs);
  forgetUser: Store['forgetUser'] = async (userId) => this.retention.forgetUser(userId);

  // Moderator insight
  stats: Store['stats'] = async (query) => this.insight.stats(query);
  ruleWeeks: Store['ruleWeeks'] = async (query) => this.insight.ruleWeeks(query);
  review: Store['review'] = async (query) => this.insight.review(query);
  exportCases: Store['exportCases'] = (query) => fromSync(() => this.insight.exportCases(query));

  // Liveness
  recordGatewayHeartbeat: Store['recordGatewayHeartbeat'] = async (now, shard) => this.liveness.recordGatewayHeartbeat(now, shard);
  lastGatewayHeartbeat: Store['lastGatewayHeartbeat'] = async () => this.liveness.lastGatewayHeartbeat();
  health: Store['health'] = async () => this.liveness.health();

  async close(): Promise<void> {
    this.db.close();
  }
}
