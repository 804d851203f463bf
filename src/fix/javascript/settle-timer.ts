/**
 * js.settle-timer: a sleep that never wakes. `await new Promise(() => { setTimeout(() => {}, 2000); })`
 * starts a timer whose callback does nothing, and the executor never takes `resolve`, so the
 * promise never settles and the `await` waits forever. The timer resolves it instead:
 * `new Promise((resolve) => { setTimeout(resolve, 2000); })`. Any other executor that never
 * settles (one that forgets to call the `resolve` it names, one whose timer throws) needs a choice
 * only the person can make, and is left to the rule's own example.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { functionArgument } from '../../evidence/javascript/snippet/where.js';
import { findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
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
    if (executor === null || executor.parameters.length !== 0 || !ts.isBlock(executor.body)) continue;
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
