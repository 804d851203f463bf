/**
 * js.add-await: puts `await` before a floating promise or a promise read as a
 * value, and makes the function around it `async` when that is safe. Where it
 * is not (a sync function other code calls), a floating promise gets
 * `.catch(console.error)` so at least its failure is seen.
 *
 * Top-level code of a snippet that is not an ES module is usually a piece cut
 * from a function: when it already awaits elsewhere, or the call sits in a
 * `try` whose `catch` is meant to see its failure, it gets `await` (a
 * `.catch(…)` there would detach the call and the `catch` would still never
 * run). Only a CommonJS script's own top level, which cannot await, is left
 * with `.catch(…)`.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { enclosingFunction, isAsync, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { isIterationCallback } from '../../evidence/javascript/snippet/where.js';
import { allowAwait, awaitEdits, containsAwait, findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';

/** Whether a top-level call sits in the block of a `try` that has a `catch`. */
function inTryBlock(model: SnippetModel, node: TS.Node): boolean {
  const { ts } = model;
  for (let cur = node.parent; cur !== undefined; cur = cur.parent) {
    if (ts.isTryStatement(cur)) return cur.catchClause !== undefined && node.pos >= cur.tryBlock.pos && node.end <= cur.tryBlock.end;
  }
  return false;
}

/** Top-level code that reads as the body of an async function: it awaits elsewhere, or its `try` is meant to catch this call. */
function awaitableFragment(model: SnippetModel, call: TS.Node): boolean {
  const { ts, sourceFile } = model;
  if (sourceFile.statements.some((s) => containsAwait(ts, s))) return true;
  return !model.commonJs && inTryBlock(model, call);
}

export const addAwait: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.floating-promise', 'js.promise-as-value']);
  if (targets.length === 0) return null;
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const awaited: string[] = [];
  const caught: string[] = [];
  const caughtTop: string[] = [];
  const madeAsync = new Set<string>();
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const call = nodeAt(model, start, end, ts.isCallExpression);
    if (call === null) continue;
    const fn = enclosingFunction(ts, call);
    // An un-awaited call inside forEach's callback: `async` there would only move the problem.
    if (fn !== null && !isAsync(ts, fn) && isIterationCallback(ts, fn)) continue;
    const shown = `\`${call.expression.getText(sourceFile)}()\` (line ${lineOfPos(model, start)})`;
    const allowed = allowAwait(model, call) ?? (fn === null && awaitableFragment(model, call) ? { edits: [], madeAsync: null } : null);
    if (allowed !== null) {
      edits.push(...allowed.edits, ...awaitEdits(model, call));
      if (allowed.madeAsync !== null) madeAsync.add(allowed.madeAsync);
      awaited.push(shown);
    } else if (f.detector === 'js.floating-promise') {
      edits.push({ start: call.end, end: call.end, text: '.catch(console.error)' });
      (fn === null ? caughtTop : caught).push(shown);
    }
  }
  const parts: string[] = [];
  if (awaited.length > 0) parts.push(`added \`await\` before ${awaited.join(', ')}`);
  if (madeAsync.size > 0) parts.push(`made ${[...madeAsync].join(', ')} async`);
  if (caught.length > 0) parts.push(`added \`.catch(console.error)\` to ${caught.join(', ')} (its function cannot become async without changing its callers)`);
  if (caughtTop.length > 0) parts.push(`added \`.catch(console.error)\` to ${caughtTop.join(', ')} (top-level \`await\` needs an ES module)`);
  return fixOutput(input.code, model, edits, parts);
};

