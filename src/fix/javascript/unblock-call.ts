/**
 * js.unblock-call: `fs.readFileSync(p)` inside async code → `await
 * fs.promises.readFile(p)` (likewise writeFile, readdir, …); a busy-wait loop
 * on the clock with one fixed delay → `await new Promise((resolve) =>
 * setTimeout(resolve, ms))`; a plain `sleep(ms)` helper that busy-waits →
 * a helper returning a timer promise, awaited where async code calls it.
 * `crypto.pbkdf2Sync` / `scryptSync` → their callback versions inside an
 * awaited promise. bcrypt's `hashSync` / `compareSync` / `genSaltSync` →
 * `await bcrypt.hash(…)` and friends (bcrypt and bcryptjs return a promise
 * when no callback is given). `Atomics.wait(…, ms)` used as a sleep → `await`
 * on a timer. `execSync` has no drop-in replacement here: no automatic fix.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { enclosingFunction, functionName, isFunctionLike, type FunctionLike, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { usageOf } from '../../evidence/javascript/snippet/promises.js';
import { isInside } from '../../evidence/javascript/snippet/where.js';
import { isBusyWait } from '../../evidence/javascript/snippet/detectors/blocking-call-in-async.js';
import { allowAwait, asyncEdit, awaitEdits, findingsOf, fixOutput, lineOfPos, needsParens, nodeAt, num, parse, spansOf, statementLineRange, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

const ASYNC_FS: Record<string, string> = {
  readFileSync: 'readFile', writeFileSync: 'writeFile', appendFileSync: 'appendFile', readdirSync: 'readdir',
  statSync: 'stat', lstatSync: 'lstat', copyFileSync: 'copyFile', mkdirSync: 'mkdir', unlinkSync: 'unlink',
  rmSync: 'rm', rmdirSync: 'rmdir', renameSync: 'rename', accessSync: 'access',
};

function fsNamespace(model: SnippetModel, receiver: string): string | null {
  if (receiver !== '') return receiver;
  const first = [...model.fsNames][0];
  return first ?? null;
}

function loopCondition(ts: SnippetModel['ts'], loop: TS.Node): TS.Expression | undefined {
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return loop.expression;
  return ts.isForStatement(loop) ? loop.condition : undefined;
}

/** The one number in a busy-wait loop's condition (`while (Date.now() - t < 500)`): its delay. */
function delayOf(model: SnippetModel, loop: TS.Node): string | null {
  const { ts, sourceFile } = model;
  const cond = loopCondition(ts, loop);
  if (cond === undefined) return null;
  const numbers: string[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isNumericLiteral(n)) numbers.push(n.getText(sourceFile));
    ts.forEachChild(n, visit);
  };
  visit(cond);
  return numbers.length === 1 ? (numbers[0] as string) : null;
}

const CLOCK = /^(?:Date\.now\(\)|performance\.now\(\)|new Date\(\)(?:\.getTime\(\))?)$/;

/** The declaration of a variable holding a clock reading (`const start = Date.now()`), searched in `scope`. */
function clockVar(model: SnippetModel, expr: TS.Expression, scope: TS.Node): { decl: TS.VariableDeclaration; plus: TS.Expression | null } | null {
  const { ts, sourceFile } = model;
  if (!ts.isIdentifier(expr)) return null;
  for (const id of model.identifiers.get(expr.text) ?? []) {
    const decl = id.parent;
    if (!ts.isVariableDeclaration(decl) || decl.name !== id || !decl.initializer || !isInside(decl, scope)) continue;
    const init = decl.initializer;
    if (CLOCK.test(init.getText(sourceFile))) return { decl, plus: null };
    // const end = Date.now() + ms
    if (ts.isBinaryExpression(init) && init.operatorToken.kind === ts.SyntaxKind.PlusToken && CLOCK.test(init.left.getText(sourceFile))) {
      return { decl, plus: init.right };
    }
  }
  return null;
}

/**
 * How long a busy-wait loop waits, read from its condition: `Date.now() -
 * start < ms`, `Date.now() < end` (end = Date.now() + ms), `Date.now() <
 * start + ms`. Also the clock variables the loop alone uses.
 */
function busyDelay(model: SnippetModel, loop: TS.IterationStatement, scope: TS.Node): { delay: string; decls: TS.VariableDeclaration[] } | null {
  const { ts, sourceFile } = model;
  const K = ts.SyntaxKind;
  const cond = loopCondition(ts, loop);
  if (cond === undefined || !ts.isBinaryExpression(cond)) return null;
  const op = cond.operatorToken.kind;
  let small: TS.Expression;
  let big: TS.Expression;
  if (op === K.LessThanToken || op === K.LessThanEqualsToken) [small, big] = [cond.left, cond.right];
  else if (op === K.GreaterThanToken || op === K.GreaterThanEqualsToken) [small, big] = [cond.right, cond.left];
  else return null;
  const isClock = (e: TS.Expression): boolean => CLOCK.test(e.getText(sourceFile));
  let delay: TS.Expression | null = null;
  let decl: TS.VariableDeclaration | null = null;
  if (ts.isBinaryExpression(small) && small.operatorToken.kind === K.MinusToken && isClock(small.left)) {
    const start = clockVar(model, small.right, scope);
    if (start !== null && start.plus === null) [delay, decl] = [big, start.decl];
  } else if (isClock(small)) {
    if (ts.isBinaryExpression(big) && big.operatorToken.kind === K.PlusToken) {
      const start = clockVar(model, big.left, scope);
      if (start !== null && start.plus === null) [delay, decl] = [big.right, start.decl];
    } else {
      const end = clockVar(model, big, scope);
      if (end !== null && end.plus !== null) [delay, decl] = [end.plus, end.decl];
    }
  }
  if (delay === null || decl === null) return null;
  // The clock variable goes away with the loop when nothing else reads it.
  const name = decl.name.getText(sourceFile);
  const onlyHere = (model.identifiers.get(name) ?? []).every((id) => id === decl.name || isInside(id, cond));
  const list = decl.parent;
  const removable = onlyHere && ts.isVariableDeclarationList(list) && list.declarations.length === 1 && ts.isVariableStatement(list.parent);
  return { delay: delay.getText(sourceFile), decls: removable ? [decl] : [] };
}

/**
 * A plain helper that busy-waits (`function sleep(ms) { … while (Date.now() - start < ms) {} }`)
 * becomes one that returns a timer promise, and every call of it gets `await`;
 * null unless every call is a statement in code that can await.
 */
function helperEdits(model: SnippetModel, helper: FunctionLike): { edits: Edit[]; name: string; calls: number } | null {
  const { ts, sourceFile, text } = model;
  const name = functionName(ts, helper);
  const body = helper.body;
  if (name === null || body === undefined || !ts.isBlock(body)) return null;
  const loops = body.statements.filter((s): s is TS.IterationStatement => ts.isIterationStatement(s, false) && isBusyWait(model, s));
  if (loops.length !== 1) return null;
  const loop = loops[0] as TS.IterationStatement;
  const wait = busyDelay(model, loop, helper);
  if (wait === null) return null;
  const edits: Edit[] = [];
  let calls = 0;
  for (const id of model.identifiers.get(name) ?? []) {
    const p = id.parent;
    if (p === helper || (ts.isVariableDeclaration(p) && p.name === id)) continue;
    if (!ts.isCallExpression(p) || p.expression !== id || usageOf(ts, p).usage !== 'statement') return null;
    if (enclosingFunction(ts, p) === helper) return null;
    const allowed = allowAwait(model, p);
    if (allowed === null) return null;
    edits.push(...allowed.edits, ...awaitEdits(model, p));
    calls++;
  }
  if (calls === 0) return null;
  const timer = `new Promise((resolve) => setTimeout(resolve, ${wait.delay}))`;
  const removed = new Set<TS.Node>(wait.decls.map((d) => d.parent.parent));
  const rest = body.statements.filter((s) => s !== loop && !removed.has(s));
  if (rest.length === 0) {
    // Nothing else in the helper: it simply returns the timer.
    edits.push({ start: loop.getStart(sourceFile), end: loop.end, text: `return ${timer};` });
  } else {
    const e = asyncEdit(model, helper);
    if (e) edits.push(e);
    edits.push({ start: loop.getStart(sourceFile), end: loop.end, text: `await ${timer};` });
  }
  for (const stmt of removed) edits.push({ ...statementLineRange(text, stmt, sourceFile), text: '' });
  return { edits, name, calls };
}

// Node's crypto functions whose callback twin takes the same arguments plus `(err, key)`.
const CRYPTO_ASYNC: Record<string, string> = { pbkdf2Sync: 'pbkdf2', scryptSync: 'scrypt' };

/**
 * `crypto.pbkdf2Sync(a…)` → `await new Promise((resolve, reject) => crypto.pbkdf2(a…, (err, key) => …))`.
 * A name imported on its own (`const { pbkdf2Sync } = require('crypto')`) gets its callback twin
 * imported beside it. Null when the twin's name is taken or the import is renamed.
 */
function cryptoEdits(model: SnippetModel, call: TS.CallExpression, api: string, receiver: string): Edit[] | null {
  const { ts, sourceFile } = model;
  const twin = CRYPTO_ASYNC[api];
  if (twin === undefined) return null;
  const edits: Edit[] = [];
  let fnText: string;
  if (receiver !== '') {
    fnText = `${receiver}.${twin}`;
  } else {
    if (!ts.isIdentifier(call.expression) || call.expression.text !== api || model.identifiers.has(twin)) return null;
    const binding = (model.identifiers.get(api) ?? []).map((id) => id.parent).find((p) => (ts.isBindingElement(p) || ts.isImportSpecifier(p)) && p.propertyName === undefined);
    if (binding === undefined) return null;
    const uses = (model.identifiers.get(api) ?? []).filter((id) => id.parent !== binding).length;
    // The only use is this call: the import names the callback version instead; otherwise both.
    if (uses === 1) edits.push({ start: binding.getStart(sourceFile), end: binding.end, text: twin });
    else edits.push({ start: binding.end, end: binding.end, text: `, ${twin}` });
    fnText = twin;
  }
  const allowed = allowAwait(model, call);
  if (allowed === null) return null;
  const args = call.arguments.map((a) => a.getText(sourceFile)).join(', ');
  const promise = `new Promise((resolve, reject) => ${fnText}(${args}, (err, derived) => (err ? reject(err) : resolve(derived))))`;
  const parens = needsParens(ts, call);
  edits.push(...allowed.edits, { start: call.getStart(sourceFile), end: call.end, text: parens ? `(await ${promise})` : `await ${promise}` });
  return edits;
}

// bcrypt / bcryptjs: the async twin takes the same arguments and returns a promise when given no callback.
const BCRYPT_ASYNC: Record<string, string> = { hashSync: 'hash', compareSync: 'compare', genSaltSync: 'genSalt' };

export const unblockCall: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.blocking-call-in-async']);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  const helpersDone = new Set<number>();
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const line = lineOfPos(model, start);
    if (f.data?.kind === 'helper') {
      const helperStart = num(f, 'helperStart', model);
      if (f.data.via !== 'busy-wait' || helperStart === null || helpersDone.has(helperStart)) continue;
      helpersDone.add(helperStart);
      const helper = nodeAt(model, helperStart, null, (n): n is FunctionLike => isFunctionLike(ts, n));
      const fixed = helper === null ? null : helperEdits(model, helper);
      if (fixed === null) continue;
      edits.push(...fixed.edits);
      notes.push(words(fixed.calls > 1 ? 'fix.js.helper-timer-calls' : 'fix.js.helper-timer', { name: fixed.name }));
      continue;
    }
    if (f.data?.kind === 'busy-wait') {
      const loop = nodeAt(model, start, end, (n): n is TS.IterationStatement => ts.isIterationStatement(n, false));
      if (loop === null) continue;
      const ms = delayOf(model, loop);
      const allowed = allowAwait(model, loop);
      if (ms === null || allowed === null) continue;
      edits.push(...allowed.edits, { start, end, text: `await new Promise((resolve) => setTimeout(resolve, ${ms}));` });
      notes.push(words('fix.js.busy-wait-timer', { line, ms }));
      continue;
    }
    if (f.data?.kind === 'crypto' && BCRYPT_ASYNC[f.data.api ?? ''] !== undefined && f.data.receiver) {
      const call = nodeAt(model, start, end, ts.isCallExpression);
      const allowed = call === null ? null : allowAwait(model, call);
      if (call === null || allowed === null) continue;
      const twin = BCRYPT_ASYNC[f.data.api ?? ''] as string;
      edits.push(...allowed.edits, ...awaitEdits(model, call), { start: call.expression.getStart(sourceFile), end: call.expression.end, text: `${f.data.receiver}.${twin}` });
      notes.push(words('fix.js.hash-async', { api: f.data.api ?? '', line, call: `${f.data.receiver}.${twin}` }));
      continue;
    }
    if (f.data?.kind === 'sleep' && f.data.api === 'Atomics.wait') {
      // Atomics.wait(buffer, index, value, ms) used only to pause: a timer does the same without freezing the loop.
      const call = nodeAt(model, start, end, ts.isCallExpression);
      const ms = call?.arguments[3];
      if (call === null || ms === undefined || usageOf(ts, call).usage !== 'statement') continue;
      const allowed = allowAwait(model, call);
      if (allowed === null) continue;
      edits.push(...allowed.edits, { start, end, text: `await new Promise((resolve) => setTimeout(resolve, ${ms.getText(sourceFile)}))` });
      notes.push(words('fix.js.atomics-wait', { line, ms: ms.getText(sourceFile) }));
      continue;
    }
    if (f.data?.kind === 'crypto') {
      const call = nodeAt(model, start, end, ts.isCallExpression);
      const fixed = call === null ? null : cryptoEdits(model, call, f.data.api ?? '', f.data.receiver ?? '');
      if (fixed === null) continue;
      edits.push(...fixed);
      notes.push(words('fix.js.hash-callback', { api: f.data.api ?? '', line }));
      continue;
    }
    if (f.data?.kind !== 'fs') continue;
    const api = f.data.api ?? '';
    const asyncName = ASYNC_FS[api];
    const ns = fsNamespace(model, f.data.receiver ?? '');
    if (asyncName === undefined || ns === null) continue;
    const call = nodeAt(model, start, end, ts.isCallExpression);
    if (call === null) continue;
    const allowed = allowAwait(model, call);
    if (allowed === null) continue;
    edits.push(...allowed.edits, ...awaitEdits(model, call));
    edits.push({ start: call.expression.getStart(sourceFile), end: call.expression.end, text: `${ns}.promises.${asyncName}` });
    notes.push(words('fix.js.fs-async', { api, line, call: `${ns}.promises.${asyncName}` }));
  }
  return fixOutput(input.code, model, edits, notes);
};
