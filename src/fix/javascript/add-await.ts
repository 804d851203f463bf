/**
 * js.add-await: puts `await` before a floating promise or a promise read as a
 * value, and makes the function around it `async` when that is safe. Where it
 * is not (a sync function other code calls), a floating promise gets
 * `.catch(console.error)` so at least its failure is seen.
 */
import type { Fixer } from '../types.js';
import { enclosingFunction, isAsync } from '../../evidence/javascript/snippet/model.js';
import { isIterationCallback } from '../../evidence/javascript/snippet/where.js';
import { allowAwait, applyEdits, awaitEdits, checked, findingsOf, lineOfPos, nodeAt, num, parse, type Edit } from './edit.js';

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
  for (const f of targets) {
    const start = num(f, 'start', model);
    const end = num(f, 'end', model);
    if (start === null || end === null) continue;
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
  if (edits.length === 0) return null;
  const code = checked(input.code, applyEdits(input.code, edits, model.offset));
  if (code === null) return null;
  const parts: string[] = [];
  if (awaited.length > 0) parts.push(`added \`await\` before ${awaited.join(', ')}`);
  if (madeAsync.size > 0) parts.push(`made ${[...madeAsync].map((n) => (n === 'the callback' ? n : `\`${n}\``)).join(', ')} async`);
  if (caught.length > 0) parts.push(`added \`.catch(console.error)\` to ${caught.join(', ')} (its function cannot become async without changing its callers)`);
  if (caughtTop.length > 0) parts.push(`added \`.catch(console.error)\` to ${caughtTop.join(', ')} (top-level \`await\` needs an ES module)`);
  const note = parts.join('; ');
  return { code, note: note.charAt(0).toUpperCase() + note.slice(1) + '.' };
};

