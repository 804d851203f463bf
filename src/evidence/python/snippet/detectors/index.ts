/**
 * The Python detectors, one per file, listed in the order they run. Each
 * reads the SnippetModel and reports the mistakes it is sure about; precision
 * comes first (a wrong answer in a help channel costs more than a missed one).
 * The order matters: findings at the same place keep it, and the first
 * report of a detector at a node wins.
 */
import { asyncFnInThread } from './async-fn-in-thread.js';
import { asyncioApiNewer } from './asyncio-api-newer.js';
import { asyncTestNotMarked } from './async-test-not-marked.js';
import { asyncioNotImported } from './asyncio-not-imported.js';
import { asyncioPrimitiveFromThread } from './asyncio-primitive-from-thread.js';
import { asyncioRunInAsync } from './asyncio-run-in-async.js';
import { asyncWithSyncCm } from './async-with-sync-cm.js';
import { awaitNonAwaitable } from './await-non-awaitable.js';
import { awaitOutsideAsync } from './await-outside-async.js';
import { blockingCallInAsync } from './blocking-call-in-async.js';
import { coroutineAsValue } from './coroutine-as-value.js';
import { coroutineAwaitedTwice, coroutineParameterRetried } from './coroutine-awaited-twice.js';
import { coroutineFunctionNotCalled } from './coroutine-function-not-called.js';
import { discordSetupNotAwaited } from './discord-setup-not-awaited.js';
import { djangoOrmInAsync } from './django-orm-in-async.js';
import { futureNotAwaited } from './future-not-awaited.js';
import { getEventLoopTopLevel } from './get-event-loop-top-level.js';
import { loopGoneAfterRun } from './loop-gone-after-run.js';
import { loopStopWhileWaiting } from './loop-stop-while-waiting.js';
import { loopUsedAfterRun } from './loop-used-after-run.js';
import { playwrightSyncInAsync } from './playwright-sync-in-async.js';
import { primitiveAcrossRuns } from './primitive-across-runs.js';
import { runGivenNonCoroutine } from './run-given-non-coroutine.js';
import { runUntilCompleteInAsync } from './run-until-complete-in-async.js';
import { sequentialAwaits } from './sequential-awaits.js';
import { sessionPerRequest } from './session-per-request.js';
import { sqlalchemyImplicitIo } from './sqlalchemy-implicit-io.js';
import { subprocessOnSelectorLoop } from './subprocess-on-selector-loop.js';
import type { Detector } from './shared.js';
import { syncIterationOfAsync } from './sync-iteration-of-async.js';
import { syncWithAsyncCm } from './sync-with-async-cm.js';
import { taskNeverAwaited } from './task-never-awaited.js';
import { taskNotKept } from './task-not-kept.js';
import { taskWithoutLoop } from './task-without-loop.js';
import { unawaitedCoroutine } from './unawaited-coroutine.js';

export type { Detector, Report } from './shared.js';

export const pythonDetectors: Record<string, Detector> = {
  'py.unawaited-coroutine': unawaitedCoroutine,
  'py.coroutine-as-value': coroutineAsValue,
  'py.asyncio-run-in-async': asyncioRunInAsync,
  'py.run-until-complete-in-async': runUntilCompleteInAsync,
  'py.async-fn-in-thread': asyncFnInThread,
  'py.await-outside-async': awaitOutsideAsync,
  'py.blocking-call-in-async': blockingCallInAsync,
  'py.asyncio-primitive-from-thread': asyncioPrimitiveFromThread,
  'py.task-not-kept': taskNotKept,
  'py.task-without-loop': taskWithoutLoop,
  'py.coroutine-function-not-called': coroutineFunctionNotCalled,
  'py.run-given-non-coroutine': runGivenNonCoroutine,
  'py.await-non-awaitable': awaitNonAwaitable,
  'py.sync-iteration-of-async': syncIterationOfAsync,
  'py.sync-with-async-cm': syncWithAsyncCm,
  'py.async-with-sync-cm': asyncWithSyncCm,
  'py.session-per-request': sessionPerRequest,
  'py.get-event-loop-top-level': getEventLoopTopLevel,
  'py.discord-setup-not-awaited': discordSetupNotAwaited,
  'py.coroutine-awaited-twice': (m, report) => {
    coroutineAwaitedTwice(m, report);
    coroutineParameterRetried(m, report);
  },
  'py.loop-used-after-run': loopUsedAfterRun,
  'py.loop-gone-after-run': loopGoneAfterRun,
  'py.task-never-awaited': taskNeverAwaited,
  'py.primitive-across-runs': primitiveAcrossRuns,
  'py.asyncio-not-imported': asyncioNotImported,
  'py.asyncio-api-newer': asyncioApiNewer,
  'py.future-not-awaited': futureNotAwaited,
  'py.loop-stop-while-waiting': loopStopWhileWaiting,
  'py.django-orm-in-async': djangoOrmInAsync,
  'py.sqlalchemy-implicit-io': sqlalchemyImplicitIo,
  'py.async-test-not-marked': asyncTestNotMarked,
  'py.sequential-awaits': sequentialAwaits,
  'py.playwright-sync-in-async': playwrightSyncInAsync,
  'py.subprocess-on-selector-loop': subprocessOnSelectorLoop,
};
