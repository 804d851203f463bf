/**
 * Python fixers, one per file, keyed by the fixer ids rule files name
 * (`fixer: py.add-await`). Each rewrites the user's own block for the
 * findings that made its rule match, changing as little as possible, and
 * returns null when it cannot do so safely (the rule's own corrected example
 * is shown then).
 */
import type { Fixer } from '../types.js';
import { addAwait } from './add-await.js';
import { asyncioVersion } from './asyncio-version.js';
import { awaitCoroutineOnce } from './await-coroutine-once.js';
import { callCoroutineFunction } from './call-coroutine-function.js';
import { callSoonThreadsafe } from './call-soon-threadsafe.js';
import { closeLoopAfterUse } from './close-loop-after-use.js';
import { closeSession } from './close-session.js';
import { deferFirst } from './defer-first.js';
import { djangoSyncToAsync } from './django-sync-to-async.js';
import { gather } from './gather.js';
import { addAsyncioImport } from './import-asyncio.js';
import { keepTaskReference } from './keep-task-reference.js';
import { loadExtensionSetupHook } from './load-extension-setup-hook.js';
import { makeEnclosingAsync } from './make-enclosing-async.js';
import { markAsyncTest } from './mark-async-test.js';
import { nestedRunToAwait } from './nested-run-to-await.js';
import { playwrightAsyncApi } from './playwright-async-api.js';
import { proactorLoopPolicy } from './proactor-loop-policy.js';
import { removeBadAwait } from './remove-bad-await.js';
import { selectorLoop } from './selector-loop.js';
import { threadTargetCoroutine } from './thread-target-coroutine.js';
import { unblockCall } from './unblock-call.js';
import { useAsyncFor } from './use-async-for.js';
import { useAsyncWith } from './use-async-with.js';
import { useAsyncioRun } from './use-asyncio-run.js';

export const pythonFixers: Record<string, Fixer> = {
  'py.add-await': addAwait,
  'py.nested-run-to-await': nestedRunToAwait,
  'py.thread-target-coroutine': threadTargetCoroutine,
  'py.make-enclosing-async': makeEnclosingAsync,
  'py.unblock-call': unblockCall,
  'py.call-soon-threadsafe': callSoonThreadsafe,
  'py.keep-task-reference': keepTaskReference,
  'py.call-coroutine-function': callCoroutineFunction,
  'py.remove-bad-await': removeBadAwait,
  'py.use-async-for': useAsyncFor,
  'py.use-async-with': useAsyncWith,
  'py.use-asyncio-run': useAsyncioRun,
  'py.load-extension-setup-hook': loadExtensionSetupHook,
  'py.import-asyncio': addAsyncioImport,
  'py.await-coroutine-once': awaitCoroutineOnce,
  'py.close-loop-after-use': closeLoopAfterUse,
  'py.django-sync-to-async': djangoSyncToAsync,
  'py.mark-async-test': markAsyncTest,
  'py.gather': gather,
  'py.asyncio-version': asyncioVersion,
  'py.playwright-async-api': playwrightAsyncApi,
  'py.close-session': closeSession,
  'py.proactor-loop-policy': proactorLoopPolicy,
  'py.selector-loop': selectorLoop,
  'py.defer-first': deferFirst,
};
