/**
 * What every shell (the Discord bot, the console) needs from the rest of
 * awaitbot, wired once at start: the engine (text → Diagnosis) in worker
 * threads, the rules (for /faq) and the store (case log, feedback, FAQ
 * entries, settings).
 */
import type { Config } from '../config.js';
import { DiagnosisPool, type Diagnoser } from '../engine-pool/pool.js';
import { SmallPastesInline } from '../engine-pool/small-pastes-inline.js';
import { createEngine, type Engine } from '../engine.js';
import type { Rule } from '../knowledge/schema.js';
import { openConfiguredStore, type Store } from './store.js';

export type { Engine };

/** The part of the store the shells use. */
export type ShellStore = Pick<
  Store,
  | 'logCase'
  | 'recordFeedback'
  | 'attachReply'
  | 'caseForReply'
  | 'takeRateLimit'
  | 'listFaq'
  | 'getFaq'
  | 'addFaq'
  | 'editFaq'
  | 'removeFaq'
  | 'recordFaqUse'
  | 'importFaq'
  | 'faqRevision'
  | 'markCaseAnswered'
  | 'getSettings'
  | 'updateSettings'
  | 'stats'
  | 'ruleWeeks'
  | 'review'
  | 'getCase'
  | 'forgetUser'
  | 'recordGatewayHeartbeat'
  | 'close'
> & {
  /** Guild ids with help-channel watching on (optional in the store; used to pick intents). */
  watchedGuildIds?(): Promise<string[]>;
};

export interface Services {
  /** In-process engine: the rules, and the CLI's own commands. Shells diagnose through `diagnoser`. */
  engine: Engine;
  /** Diagnosis in worker threads with a time budget per paste (AWAITBOT_DIAGNOSIS_BUDGET_MS); small pastes in this thread. */
  diagnoser: Diagnoser;
  rules: Rule[];
  store: ShellStore;
  /** Where docs/rules/ is published (AWAITBOT_RULE_PAGES_URL): "Full explanation" opens the rule's own page there. */
  rulePagesUrl?: string | null;
}

export async function loadServices(config: Config): Promise<Services> {
  const engine = await createEngine();
  // openStore never throws: if the file cannot be used, writes return null and the
  // store logs it once and retries later, so replies keep going out.
  const store = openConfiguredStore(config);
  // Old cases are deleted after each server's retention (default 90 days): now and every 6 hours.
  store.startRetention();
  // Workers start loading their engines now, so the first paste does not wait for them.
  const pool = new DiagnosisPool(engine.rules, {
    budgetMs: config.diagnosisBudgetMs,
    threads: config.diagnosisThreads,
    analysisLimits: config.analysisLimits,
  });
  // Small pastes are cheaper to diagnose here than to hand to a worker, but only the step bounds keep them
  // short here: without them (tests of the budget) every paste goes to the pool.
  const diagnoser = config.analysisLimits ? new SmallPastesInline(engine, pool) : pool;
  return { engine, diagnoser, rules: engine.rules, store, rulePagesUrl: config.rulePagesUrl };
}
