/**
 * js.add-await: puts `await` before a floating promise or a promise read as a
 * value, and makes the function around it `async` when that is safe. Where it
 * is not (a sync function other code calls), a floating promise gets
 * `.catch(console.error)` so at least its failure is seen.
 */
import type { Fixer } from '../types.js';
import { enclosingFunction, isAsync } from '../../evidence/javascript/snippet/model.js';
import { isIterationCallback } from '../../evidence/javascript/snippet/where.js';
import { allowAwait, awaitEdits, findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';

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
    const allowed = allowAwait(model, call);
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

