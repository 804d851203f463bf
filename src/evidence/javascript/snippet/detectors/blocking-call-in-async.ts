/**
 * js.blocking-call-in-async: `readFileSync`, `execSync`, `spawnSync`, sync
 * crypto and busy-wait loops inside an async function or an event / route
 * handler: the whole event loop (every other command, the gateway heartbeat)
 * stalls until they finish.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, type SnippetModel } from '../model.js';
import { callText, position, runsOnEventLoop, span } from '../where.js';

const FS_SYNC = new Set([
  'readFileSync', 'writeFileSync', 'appendFileSync', 'readdirSync', 'statSync', 'lstatSync', 'copyFileSync',
  'mkdirSync', 'unlinkSync', 'rmSync', 'rmdirSync', 'renameSync', 'accessSync',
]);
const CHILD_SYNC = new Set(['execSync', 'execFileSync', 'spawnSync']);
const CRYPTO_SYNC = new Set(['pbkdf2Sync', 'scryptSync']);

function blockingApi(model: SnippetModel, call: TS.CallExpression): { api: string; kind: string; receiver: string } | null {
  const { ts } = model;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    const imported = model.syncApiNames.get(callee.text);
    if (imported === undefined) return null;
    return { api: imported, kind: FS_SYNC.has(imported) ? 'fs' : 'child_process', receiver: '' };
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return null;
  const name = callee.name.text;
  const recv = callee.expression.text;
  if (FS_SYNC.has(name) && (model.fsNames.has(recv) || recv === 'fs')) return { api: name, kind: 'fs', receiver: recv };
  if (CHILD_SYNC.has(name) && /child_?process|cp|proc/i.test(recv)) return { api: name, kind: 'child_process', receiver: recv };
  if (CRYPTO_SYNC.has(name) && /crypto/i.test(recv)) return { api: name, kind: 'crypto', receiver: recv };
  if (recv === 'Atomics' && name === 'wait') return { api: 'Atomics.wait', kind: 'sleep', receiver: recv };
  return null;
}

const CLOCK = /\bDate\.now\(\)|\bnew Date\(\)|\bperformance\.now\(\)/;

function isBusyWait(model: SnippetModel, loop: TS.IterationStatement): boolean {
  const { ts, sourceFile } = model;
  let condition: TS.Expression | undefined;
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) condition = loop.expression;
  else if (ts.isForStatement(loop)) condition = loop.condition;
  if (condition === undefined || !CLOCK.test(condition.getText(sourceFile))) return false;
  const body = loop.statement;
  if (ts.isEmptyStatement(body)) return true;
  if (ts.isBlock(body)) {
    const text = body.getText(sourceFile);
    return !/\bawait\b/.test(text) && !/\byield\b/.test(text);
  }
  return false;
}

export const blockingCallInAsync: Detector = {
  id: 'js.blocking-call-in-async',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const call of model.calls) {
      const api = blockingApi(model, call);
      if (api === null) continue;
      if (!runsOnEventLoop(model, enclosingFunction(ts, call))) continue;
      out.push({
        ...position(model, call),
        message: `\`${callText(model, call)}\` blocks the whole event loop inside async code: nothing else (other commands, Discord's heartbeat, other requests) runs until it returns.`,
        confidence: api.kind === 'fs' ? 0.75 : 0.85,
        data: { ...span(model, call), ...api },
      });
    }
    for (const loop of model.loops) {
      if (!isBusyWait(model, loop)) continue;
      if (!runsOnEventLoop(model, enclosingFunction(ts, loop))) continue;
      out.push({
        ...position(model, loop),
        message: 'This loop waits by spinning on the clock, which freezes the whole event loop; wait with `await` on a timer instead.',
        confidence: 0.9,
        data: { ...span(model, loop), api: 'busy-wait', kind: 'busy-wait', receiver: '' },
      });
    }
    return out;
  },
};
