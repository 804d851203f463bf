/**
 * js.settle-timer: a sleep that never wakes. `await new Promise(() => { setTimeout(() => {}, 2000); })`
 * starts a timer whose callback does nothing, and the executor never takes `resolve`, so the
 * promise never settles and the `await` waits forever. The timer resolves it instead:
 * `new Promise((resolve) => { setTimeout(resolve, 2000); })`; so does a timer whose callback
 * hands `resolve` back without calling it (`setTimeout(() => resolve, 1000)`). An executor that
 * resolves only when its test passes (`if (ok) resolve();`, nothing after) rejects otherwise, so
 * the caller hears of the failure instead of waiting forever. Any other executor that never
 * settles (one that forgets to call the `resolve` it names, one whose timer throws) needs a choice
 * only the person can make, and is left to the rule's own example.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { functionArgument } from '../../evidence/javascript/snippet/where.js';
import { findingsOf, fixOutput, indentAt, indentUnit, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import type { SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { words, type Phrase } from '../../evidence/types.js';

/** `() => {}` or `function () {}`: a callback that does nothing. */
function emptyCallback(ts: typeof TS, n: TS.Expression | undefined): boolean {
  const fn = functionArgument(ts, n);
  return fn !== null && fn.parameters.length === 0 && ts.isBlock(fn.body) && fn.body.statements.length === 0;
}

export const settleTimer: Fixer = (input) => {
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { start, end } of spansOf(findingsOf(input.findings, ['js.never-settles']), model)) {
    const expr = nodeAt(model, start, end, ts.isNewExpression);
    if (expr === null || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'Promise') continue;
    const executor = functionArgument(ts, expr.arguments?.[0]);
    if (executor === null || !ts.isBlock(executor.body)) continue;
    const resolve = executor.parameters[0]?.name;
    if (resolve !== undefined && ts.isIdentifier(resolve)) {
      const handedBack = timerHandingBack(model, executor.body, resolve.text);
      if (handedBack !== null) {
        edits.push({ start: handedBack.getStart(sourceFile), end: handedBack.end, text: resolve.text });
        notes.push(words('fix.js.timer-resolves', { line: lineOfPos(model, start) }));
        continue;
      }
      const otherwise = rejectOtherwise(model, executor, resolve.text);
      if (otherwise !== null) {
        edits.push(...otherwise);
        notes.push(words('fix.js.rejects-otherwise', { line: lineOfPos(model, start) }));
        continue;
      }
    }
    if (executor.parameters.length !== 0) continue;
    const [only, ...rest] = executor.body.statements;
    if (only === undefined || rest.length > 0 || !ts.isExpressionStatement(only) || !ts.isCallExpression(only.expression)) continue;
    const timer = only.expression;
    if (!ts.isIdentifier(timer.expression) || timer.expression.text !== 'setTimeout' || timer.arguments.length !== 2 || !emptyCallback(ts, timer.arguments[0])) continue;
    // `(` … `)` of the executor's parameter list: an arrow without parentheses has none to fill.
    const open = executor.parameters.pos - 1;
    if (model.text[open] !== '(') continue;
    edits.push({ start: open + 1, end: open + 1, text: 'resolve' });
    const cb = timer.arguments[0]!;
    edits.push({ start: cb.getStart(sourceFile), end: cb.end, text: 'resolve' });
    notes.push(words('fix.js.timer-resolves', { line: lineOfPos(model, start) }));
  }
  return fixOutput(input.code, model, edits, notes);
};

/** `() => resolve` handed to `setTimeout` among the executor's statements: the callback that returns `resolve` instead of calling it. */
function timerHandingBack(model: SnippetModel, body: TS.Block, resolve: string): TS.ArrowFunction | null {
  const { ts } = model;
  for (const stmt of body.statements) {
    if (!ts.isExpressionStatement(stmt) || !ts.isCallExpression(stmt.expression)) continue;
    const timer = stmt.expression;
    if (!ts.isIdentifier(timer.expression) || !/^set(?:Timeout|Immediate)$/.test(timer.expression.text)) continue;
    const cb = timer.arguments[0];
    if (cb !== undefined && ts.isArrowFunction(cb) && cb.parameters.length === 0 && ts.isIdentifier(cb.body) && cb.body.text === resolve) return cb;
  }
  return null;
}

/** Whether a statement is a call of `name` (`resolve(x);`), or a block whose statements include one. */
function callsDirectly(model: SnippetModel, stmt: TS.Statement, name: string): boolean {
  const { ts } = model;
  if (ts.isBlock(stmt)) return stmt.statements.some((s) => callsDirectly(model, s, name));
  return ts.isExpressionStatement(stmt) && ts.isCallExpression(stmt.expression) && ts.isIdentifier(stmt.expression.expression) && stmt.expression.expression.text === name;
}

/** What the rejection says: the test that failed, when it is short code on one line. */
function failedTest(model: SnippetModel, test: TS.Expression): string {
  const text = test.getText(model.sourceFile);
  return /^[\w$.()!]{1,40}$/.test(text) ? `${text} is false` : 'the promise could not be resolved';
}

/**
 * `if (result) resolve();` as the executor's last statement, with no `else`: the edits adding
 * `else reject(new Error(…))` (and the `reject` parameter when the executor names only `resolve`
 * in parentheses). Null when anything else in the executor could settle it (a `reject`, a `throw`,
 * a callback) or the test is not its last statement.
 */
function rejectOtherwise(model: SnippetModel, executor: TS.ArrowFunction | TS.FunctionExpression, resolve: string): Edit[] | null {
  const { ts, sourceFile, text } = model;
  const body = executor.body as TS.Block;
  const last = body.statements[body.statements.length - 1];
  if (last === undefined || !ts.isIfStatement(last) || last.elseStatement !== undefined || !callsDirectly(model, last.thenStatement, resolve)) return null;
  // Anything else that could settle it: a second parameter used, a throw, a function handed on.
  let other = false;
  const second = executor.parameters[1]?.name;
  const visit = (n: TS.Node): void => {
    if (other) return;
    if (ts.isThrowStatement(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n)) other = true;
    else if (second !== undefined && ts.isIdentifier(second) && ts.isIdentifier(n) && n.text === second.text && n !== second) other = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  if (other) return null;
  const edits: Edit[] = [];
  let reject: string;
  if (second !== undefined) {
    if (!ts.isIdentifier(second)) return null;
    reject = second.text;
  } else {
    const close = executor.parameters.end;
    if (executor.parameters.length !== 1 || text[close] !== ')') return null;
    reject = 'reject';
    edits.push({ start: close, end: close, text: ', reject' });
  }
  const message = failedTest(model, last.expression).replace(/'/g, "\\'");
  const call = `${reject}(new Error('${message}'));`;
  const indent = indentAt(text, last.getStart(sourceFile));
  const then = last.thenStatement;
  const insert = ts.isBlock(then) ? ` else {\n${indent}${indentUnit(text)}${call}\n${indent}}` : `\n${indent}else ${call}`;
  edits.push({ start: then.end, end: then.end, text: insert });
  return edits;
}
