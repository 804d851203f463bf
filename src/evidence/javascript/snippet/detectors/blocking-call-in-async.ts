/**
 * js.blocking-call-in-async: `readFileSync`, `execSync`, `spawnSync`, sync
 * crypto (`pbkdf2Sync`, bcrypt's `hashSync`) and busy-wait loops inside an
 * async function or an event / route handler: the whole event loop (every
 * other command, the gateway heartbeat) stalls until they finish. Also found
 * through a plain helper of the snippet (`function sleep(ms) { while (…) {} }`)
 * that async code calls: the helper blocks just the same.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, functionName, isAsync, lineOf, type FunctionLike, type SnippetModel } from '../model.js';
import { neverWaits, ownAsyncCallee } from '../never-waits.js';
import { usageOf } from '../promises.js';
import { callText, position, runsOnEventLoop, span, startOf, unwrap } from '../where.js';
import { words } from '../../../types.js';
import type { WordKey } from '../../../../render/messages.js';

const FS_SYNC = new Set([
  'readFileSync', 'writeFileSync', 'appendFileSync', 'readdirSync', 'statSync', 'lstatSync', 'copyFileSync',
  'mkdirSync', 'unlinkSync', 'rmSync', 'rmdirSync', 'renameSync', 'accessSync',
]);
const CHILD_SYNC = new Set(['execSync', 'execFileSync', 'spawnSync']);
const CRYPTO_SYNC = new Set(['pbkdf2Sync', 'scryptSync', 'generateKeyPairSync', 'generatePrimeSync']);
// bcrypt / bcryptjs: hashing on purpose takes tens to hundreds of milliseconds.
const BCRYPT_SYNC = new Set(['hashSync', 'compareSync', 'genSaltSync']);

interface BlockingApi {
  api: string;
  kind: string;
  receiver: string;
}

function blockingApi(model: SnippetModel, call: TS.CallExpression): BlockingApi | null {
  const { ts } = model;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    const imported = model.syncApiNames.get(callee.text);
    if (imported === undefined) return null;
    if (FS_SYNC.has(imported)) return { api: imported, kind: 'fs', receiver: '' };
    if (CHILD_SYNC.has(imported)) return { api: imported, kind: 'child_process', receiver: '' };
    if (CRYPTO_SYNC.has(imported) || BCRYPT_SYNC.has(imported)) return { api: imported, kind: 'crypto', receiver: '' };
    return null;
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return null;
  const name = callee.name.text;
  const recv = callee.expression.text;
  if (FS_SYNC.has(name) && (model.fsNames.has(recv) || recv === 'fs')) return { api: name, kind: 'fs', receiver: recv };
  if (CHILD_SYNC.has(name) && /child_?process|cp|proc/i.test(recv)) return { api: name, kind: 'child_process', receiver: recv };
  if (CRYPTO_SYNC.has(name) && /crypto/i.test(recv)) return { api: name, kind: 'crypto', receiver: recv };
  if (BCRYPT_SYNC.has(name) && /^bcrypt(?:js)?$/i.test(recv)) return { api: name, kind: 'crypto', receiver: recv };
  if (recv === 'Atomics' && name === 'wait') return { api: 'Atomics.wait', kind: 'sleep', receiver: recv };
  return null;
}

const CLOCK = /\bDate\.now\(\)|\bnew Date\(\)|\bperformance\.now\(\)/;

export function isBusyWait(model: SnippetModel, loop: TS.IterationStatement): boolean {
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

/**
 * `while (!flag) {}` where `flag` is changed only inside callbacks (`setTimeout(() => { flag = true; }, 500)`,
 * an event handler, a `.then`): the loop does nothing and holds the thread, so the callback that would end it
 * can never run; the loop spins forever and the event loop with it. Only a loop with an empty body, and a name
 * its condition reads that is assigned somewhere in the paste, every time inside a function other than the
 * loop's own (and never in the loop itself). The name, or null.
 */
export function spinsOnCallbackFlag(model: SnippetModel, loop: TS.IterationStatement): string | null {
  const { ts } = model;
  if (!ts.isWhileStatement(loop) && !ts.isDoStatement(loop)) return null;
  const body = loop.statement;
  if (!ts.isEmptyStatement(body) && !(ts.isBlock(body) && body.statements.length === 0)) return null;
  const own = enclosingFunction(ts, loop);
  const read = new Set<string>();
  const visit = (n: TS.Node): void => {
    if (ts.isIdentifier(n)) read.add(n.text);
    // `queue.length`, `state.ready`: the property's name is no variable of the paste.
    if (ts.isPropertyAccessExpression(n)) visit(n.expression);
    else ts.forEachChild(n, visit);
  };
  visit(loop.expression);
  for (const name of read) {
    const writes = (model.identifiers.get(name) ?? []).filter((id) => {
      const p = id.parent;
      if (p === undefined) return false;
      if (ts.isBinaryExpression(p)) return p.left === id && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
      return (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken);
    });
    if (writes.length === 0) continue;
    if (writes.every((w) => { const fn = enclosingFunction(ts, w); return fn !== null && fn !== own && fn !== model.bodyWrapper; })) return name;
  }
  return null;
}

/** What makes a helper block: the first blocking thing in it (or in a helper it calls). */
interface HelperBlock {
  kind: string;
  api: string;
  line: number;
}

/**
 * The snippet's plain (not async) named functions whose body blocks, directly
 * or through another such helper. A name declared twice, or also as async, is
 * left out: we cannot tell which one a call reaches.
 */
export function blockingHelpers(model: SnippetModel): Map<string, { fn: FunctionLike; block: HelperBlock }> {
  const { ts } = model;
  const byName = new Map<string, FunctionLike | null>();
  for (const fn of model.functions) {
    if (isAsync(ts, fn) || fn.asteriskToken !== undefined) continue;
    const named = ts.isFunctionDeclaration(fn) || (fn.parent !== undefined && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn);
    if (!named) continue;
    const name = functionName(ts, fn);
    if (name === null || model.asyncNames.has(name)) continue;
    byName.set(name, byName.has(name) ? null : fn);
  }
  const helpers = new Map<FunctionLike, string>();
  for (const [name, fn] of byName) if (fn !== null && !runsOnEventLoop(model, fn)) helpers.set(fn, name);
  const blocked = new Map<string, { fn: FunctionLike; block: HelperBlock }>();
  if (helpers.size === 0) return blocked;
  const mark = (node: TS.Node, block: HelperBlock): boolean => {
    const fn = enclosingFunction(ts, node);
    const name = fn === null ? undefined : helpers.get(fn);
    if (fn === null || name === undefined || blocked.has(name)) return false;
    blocked.set(name, { fn, block });
    return true;
  };
  for (const call of model.calls) {
    const api = blockingApi(model, call);
    if (api !== null) mark(call, { kind: api.kind, api: api.api, line: lineOf(model.sourceFile, call) });
  }
  for (const loop of model.loops) {
    if (isBusyWait(model, loop)) mark(loop, { kind: 'busy-wait', api: 'busy-wait', line: lineOf(model.sourceFile, loop) });
  }
  // Helpers calling blocking helpers block too; a few rounds reach any depth a paste has.
  for (let changed = true, round = 0; changed && round < 8; round++) {
    changed = false;
    for (const call of model.calls) {
      if (!ts.isIdentifier(call.expression)) continue;
      const inner = blocked.get(call.expression.text);
      if (inner !== undefined && mark(call, inner.block)) changed = true;
    }
  }
  return blocked;
}

/**
 * `const run = async () => { handleInput(msg); }; run();` or `(async () => { work(); })();` inside a
 * handler or async function: synchronous work wrapped in an async function that never waits, started
 * as if it would run in the background. Only a wrapper made where it is called counts: a shared async
 * function that happens not to await yet is just written ahead of its use.
 */
function asyncWrapper(model: SnippetModel, call: TS.CallExpression): { name: string } | { iife: true } | null {
  const { ts } = model;
  if (usageOf(ts, call).usage !== 'statement') return null;
  const fn = ownAsyncCallee(model, call);
  if (fn === null) return null;
  const caller = enclosingFunction(ts, call);
  if (caller === null || caller === model.bodyWrapper || !runsOnEventLoop(model, caller)) return null;
  const iife = unwrap(ts, call.expression) === fn;
  if (!iife && enclosingFunction(ts, fn) !== caller) return null;
  const { never, works } = neverWaits(model, fn);
  if (!never || !works) return null;
  return iife ? { iife: true } : { name: call.expression.getText(model.sourceFile) };
}

const HOW: Record<string, WordKey> = {
  'busy-wait': 'js.blocks.busy-wait',
  fs: 'js.blocks.fs',
  child_process: 'js.blocks.child_process',
  crypto: 'js.blocks.crypto',
  sleep: 'js.blocks.sleep',
};

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
        message: words('js.blocking-call-in-async.call', { call: callText(model, call) }),
        confidence: api.kind === 'fs' ? 0.75 : 0.85,
        data: { ...span(model, call), ...api },
      });
    }
    for (const loop of model.loops) {
      const flag = spinsOnCallbackFlag(model, loop);
      if (flag !== null) {
        out.push({
          ...position(model, loop),
          message: words('js.blocking-call-in-async.spin-on-flag', { flag }),
          // Wherever it runs: nothing else runs while it spins, so the callback that would end it never does.
          confidence: 0.85,
          data: { ...span(model, loop), api: 'busy-wait', kind: 'spin-on-flag', receiver: flag },
        });
        continue;
      }
      if (!isBusyWait(model, loop)) continue;
      if (!runsOnEventLoop(model, enclosingFunction(ts, loop))) continue;
      out.push({
        ...position(model, loop),
        message: words('js.blocking-call-in-async.busy-wait'),
        confidence: 0.9,
        data: { ...span(model, loop), api: 'busy-wait', kind: 'busy-wait', receiver: '' },
      });
    }
    for (const call of model.calls) {
      const wrapper = asyncWrapper(model, call);
      if (wrapper === null) continue;
      // An IIFE has no name to quote, and its own text (the whole function) does not fit in a sentence.
      const message = 'iife' in wrapper
        ? words('js.blocking-call-in-async.never-awaits-iife')
        : words('js.blocking-call-in-async.never-awaits', { wrapper: wrapper.name, call: callText(model, call) });
      out.push({
        ...position(model, call),
        message,
        confidence: 0.7,
        data: { ...span(model, call), api: 'iife' in wrapper ? '' : wrapper.name, kind: 'async-wrapper', receiver: '' },
      });
    }
    const helpers = blockingHelpers(model);
    if (helpers.size === 0) return out;
    for (const call of model.calls) {
      if (!ts.isIdentifier(call.expression)) continue;
      const helper = helpers.get(call.expression.text);
      if (helper === undefined) continue;
      const fn = enclosingFunction(ts, call);
      if (fn === helper.fn || !runsOnEventLoop(model, fn)) continue;
      const { block } = helper;
      out.push({
        ...position(model, call),
        message: words('js.blocking-call-in-async.helper', { call: callText(model, call), how: words(HOW[block.kind] ?? 'js.blocks'), line: block.line }),
        confidence: block.kind === 'busy-wait' ? 0.85 : block.kind === 'fs' ? 0.65 : 0.8,
        data: { ...span(model, call), api: call.expression.text, kind: 'helper', via: block.kind, receiver: '', helperStart: startOf(model, helper.fn) },
      });
    }
    return out;
  },
};
