/**
 * The JavaScript/TypeScript snippet analyser: parses a pasted code block with
 * the TypeScript compiler API (loaded on the first call) and runs every
 * detector over one shared model of the snippet.
 */
import type { SnippetAnalyzer, SnippetHints } from '../../snippet.js';
import type { SnippetFinding } from '../../types.js';
import type { Detector } from './detector.js';
import { buildModel } from './model.js';
import { notePromiseReturners, settlePromiseFacts } from './promises.js';
import { noteTypedPromises } from './typed-promises.js';
import { asyncEffect } from './detectors/async-effect.js';
import { asyncForeach } from './detectors/async-foreach.js';
import { asyncPromiseExecutor } from './detectors/async-promise-executor.js';
import { awaitInLoop } from './detectors/await-in-loop.js';
import { awaitOutsideAsync } from './detectors/await-outside-async.js';
import { awaitNonPromise } from './detectors/await-non-promise.js';
import { blockingCallInAsync } from './detectors/blocking-call-in-async.js';
import { doneWithPromise } from './detectors/done-with-promise.js';
import { doubleReply } from './detectors/double-reply.js';
import { expressAsyncRoute } from './detectors/express-async-route.js';
import { floatingPromise } from './detectors/floating-promise.js';
import { mongooseCallback } from './detectors/mongoose-callback.js';
import { neverSettles } from './detectors/never-settles.js';
import { promiseAsValue } from './detectors/promise-as-value.js';
import { responseBeforeAck } from './detectors/response-before-ack.js';
import { returnWithoutAwaitInTry } from './detectors/return-without-await-in-try.js';
import { slowWorkBeforeDefer } from './detectors/slow-work-before-defer.js';
import { testNotWaiting } from './detectors/test-not-waiting.js';
import { functionsReturningNothing, thenOnNonPromise } from './detectors/then-on-non-promise.js';

export const javascriptDetectors: readonly Detector[] = [
  floatingPromise,
  asyncForeach,
  asyncPromiseExecutor,
  promiseAsValue,
  awaitOutsideAsync,
  returnWithoutAwaitInTry,
  blockingCallInAsync,
  awaitInLoop,
  slowWorkBeforeDefer,
  doubleReply,
  thenOnNonPromise,
  doneWithPromise,
  responseBeforeAck,
  mongooseCallback,
  awaitNonPromise,
  neverSettles,
  asyncEffect,
  testNotWaiting,
  expressAsyncRoute,
];

export const JAVASCRIPT_DETECTOR_IDS = javascriptDetectors.map((d) => d.id);

const NO_HINTS: SnippetHints = { coroutineNames: [], lines: [], notebook: false };

/** Every finding in one JS/TS code block, in line order. */
export function analyzeJavaScript(code: string, blockIndex = 0, hints: SnippetHints = NO_HINTS): SnippetFinding[] {
  if (code.trim() === '') return [];
  const model = buildModel(code, hints.statedAsyncBody === true && !hints.jsAwaitRefused);
  noteTypedPromises(model);
  notePromiseReturners(model);
  for (const name of hints.siblingReturnsNothing ?? []) model.siblingReturnsNothing.add(name);
  for (const name of hints.siblingAsync ?? []) {
    // A name this block declares itself means its own function, whatever another block does.
    if (!model.syncNames.has(name) && !model.asyncNames.has(name) && !model.promiseNames.has(name)) model.chainedCallees.add(name);
  }
  settlePromiseFacts(model);
  const findings: SnippetFinding[] = [];
  for (const detector of javascriptDetectors) {
    for (const raw of detector.detect(model, hints)) {
      const finding: SnippetFinding = {
        detector: detector.id,
        language: 'javascript',
        line: raw.line,
        blockIndex,
        message: raw.message,
        // A line the traceback points at makes the finding there more certain.
        confidence: hints.lines.includes(raw.line) ? Math.min(1, raw.confidence + 0.1) : raw.confidence,
        data: raw.data,
      };
      if (raw.column !== undefined) finding.column = raw.column;
      findings.push(finding);
    }
  }
  findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return findings;
}

/** A paste's block is asked for its async callees, then for what returns nothing: one parse serves both. */
let lastModel: { code: string; model: ReturnType<typeof buildModel> } | null = null;
function modelOf(code: string): ReturnType<typeof buildModel> {
  if (lastModel?.code !== code) {
    const model = buildModel(code);
    noteTypedPromises(model);
    notePromiseReturners(model);
    lastModel = { code, model };
  }
  return lastModel.model;
}

/** What this block shows to return promises: its async and promise-returning functions, its object members, and callees it chains `.then` onto. */
export function javascriptAsyncCallees(code: string): string[] {
  if (code.trim() === '') return [];
  const model = modelOf(code);
  return [...model.asyncNames, ...model.promiseNames, ...model.asyncMembers, ...model.chainedCallees];
}

/** The plain functions this block defines that start a promise and return nothing. */
export function javascriptReturnsNothing(code: string): string[] {
  if (code.trim() === '') return [];
  const names = functionsReturningNothing(modelOf(code));
  lastModel = null; // asked last for a block: the paste's text is not kept past it
  return names;
}

/** The analyser the pipeline registers; cheap to create, TypeScript loads on the first `analyze`. */
export function createJavaScriptAnalyzer(): SnippetAnalyzer {
  return {
    language: 'javascript',
    detectorIds: JAVASCRIPT_DETECTOR_IDS,
    analyze: (code, blockIndex, hints) => analyzeJavaScript(code, blockIndex, hints),
    asyncCallees: (code) => javascriptAsyncCallees(code),
    returnsNothing: (code) => javascriptReturnsNothing(code),
  };
}
