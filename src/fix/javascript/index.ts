/**
 * The JavaScript/TypeScript fixers, keyed by the fixer ids rule files name
 * (`fixer: js.add-await`), and the detector ids the JS analyser reports.
 */
import type { Fixer } from '../types.js';
import { JAVASCRIPT_DETECTOR_IDS } from '../../evidence/javascript/snippet/index.js';
import { ackFirst } from './ack-first.js';
import { addAwait } from './add-await.js';
import { deferFirst } from './defer-first.js';
import { dropDone } from './drop-done.js';
import { awaitInTest } from './await-in-test.js';
import { foreachToForOf } from './foreach-to-for-of.js';
import { makeEnclosingAsync } from './make-enclosing-async.js';
import { mongooseAwait } from './mongoose-await.js';
import { settleTimer } from './settle-timer.js';
import { forwardToNext } from './forward-to-next.js';
import { innerAsyncEffect } from './inner-async-effect.js';
import { promiseAll } from './promise-all.js';
import { promiseApi } from './promise-api.js';
import { replyThenFollowUp } from './reply-then-followup.js';
import { returnAwait } from './return-await.js';
import { thenOnPromise } from './then-on-promise.js';
import { unblockCall } from './unblock-call.js';
import { unwrapPromiseExecutor } from './unwrap-promise-executor.js';

export const javascriptFixers: Record<string, Fixer> = {
  'js.add-await': addAwait,
  'js.foreach-to-for-of': foreachToForOf,
  'js.unwrap-promise-executor': unwrapPromiseExecutor,
  'js.make-enclosing-async': makeEnclosingAsync,
  'js.return-await': returnAwait,
  'js.unblock-call': unblockCall,
  'js.promise-all': promiseAll,
  'js.defer-first': deferFirst,
  'js.reply-then-followup': replyThenFollowUp,
  'js.drop-done': dropDone,
  'js.ack-first': ackFirst,
  'js.promise-api': promiseApi,
  'js.inner-async-effect': innerAsyncEffect,
  'js.await-in-test': awaitInTest,
  'js.forward-to-next': forwardToNext,
  'js.then-on-promise': thenOnPromise,
  'js.mongoose-await': mongooseAwait,
  'js.settle-timer': settleTimer,
};

export const javascriptDetectorIds: readonly string[] = JAVASCRIPT_DETECTOR_IDS;
