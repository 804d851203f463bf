/**
 * The diagnosis engine: the whole pipeline, top to bottom, in one place.
 *
 *   text ─▶ intake ─▶ evidence ─▶ match ─▶ fix ─▶ Diagnosis
 *
 * Pure: no logging of cases, no Discord, no files but the knowledge base it
 * loads once at creation.
 */
import { performance } from 'node:perf_hooks';
import { loadCodeTools } from './analyzers.js';
import type { Diagnosis } from './diagnosis.js';
import { gatherEvidence } from './evidence/index.js';
import type { PasteContext } from './evidence/types.js';
import { fixMatches } from './fix/index.js';
import { intake, type Paste } from './intake/index.js';
import { defaultKnowledgeCache, defaultKnowledgeDir, loadKnowledgeCached } from './knowledge/load.js';
import type { Rule } from './knowledge/schema.js';
import { likelyCeiling, matchRules } from './match/index.js';
import { mistakeRunsOnLoop } from './match/on-loop.js';
import { createProseMatcher } from './match/prose.js';

export interface Engine {
  rules: Rule[];
  /** `onPaste` sees the normalised, redacted paste as soon as intake is done (the worker pool keeps it in case the rest runs over budget). */
  diagnose(input: string | Uint8Array, onPaste?: (paste: Paste) => void): Diagnosis;
}

export interface EngineOptions {
  knowledgeDir?: string;
}

function variantsFor(rule: Rule, context: PasteContext): string[] {
  return rule.variants.filter((v) => context[v.when]).map((v) => v.say);
}

export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const tools = await loadCodeTools();
  // Rule files may only name detectors and fixers that exist.
  const known = {
    detectors: new Set(tools.analyzers.flatMap((a) => a.detectorIds)),
    fixers: new Set(Object.keys(tools.fixers)),
  };
  // The shipped knowledge base is cached between processes; a custom directory (tests, previews) is always read fresh.
  const rules = options.knowledgeDir
    ? loadKnowledgeCached(options.knowledgeDir, known, null)
    : loadKnowledgeCached(defaultKnowledgeDir, known, defaultKnowledgeCache);
  const prose = createProseMatcher(rules);
  return {
    rules,
    diagnose(input, onPaste) {
      const started = performance.now();
      const paste = intake(input);
      onPaste?.(paste);
      const evidence = gatherEvidence(paste, tools.analyzers);
      const found = matchRules(rules, evidence, paste);
      // A question in words, with nothing else to go on: the rule it describes, as a likely match.
      // A paste showing a fatal failure (a rejected token) or a network failure (a refused connection,
      // a CORS block) is about that failure, not an async question.
      // Words that only hint at a general mistake (a warning's name in a sentence, a likely answer) leave room for the
      // question's own words to name the specific one: "an UnhandledPromiseRejectionWarning fires" when async Express
      // middleware throws is the Express rule's, which specializes the general one and takes its place.
      const onlyHints = found.length > 0 && found.every((m) => m.confidence <= likelyCeiling && m.findings.length === 0);
      if ((found.length === 0 || onlyHints) && !evidence.fatal?.length && !evidence.network?.length) {
        const described = prose.match(paste, evidence);
        const hinted = described && onlyHints ? found.findIndex((m) => m.rule.id === described.rule.specializes) : -1;
        const asked = described ? { rule: described.rule, confidence: described.confidence, reasons: [described.reason], where: null, findings: [], likely: true } : null;
        if (asked && found.length === 0) found.push(asked);
        else if (asked && hinted >= 0) found.splice(hinted, 1, asked);
      }
      // One fix per match, never two that rewrite the same line differently.
      const text = { prose: paste.blocks.filter((b) => b.kind === 'prose').map((b) => b.text), other: paste.blocks.filter((b) => b.kind !== 'prose').map((b) => b.text) };
      const fixes = fixMatches(found, evidence, tools.fixers, text);
      const matches = found.map((m, i) => ({
        ...m,
        fix: fixes[i] ?? null,
        variants: variantsFor(m.rule, evidence.context),
        onLoop: mistakeRunsOnLoop(m.findings, evidence.context),
      }));
      return { matches, paste, evidence, elapsedMs: performance.now() - started };
    },
  };
}
