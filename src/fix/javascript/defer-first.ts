/**
 * js.defer-first: acknowledge the interaction before the slow work.
 * Inserts `await interaction.deferReply()` (keeping an ephemeral reply
 * ephemeral) just before the statement that does the slow work, and turns the
 * later `reply(…)` into `editReply(…)`. A button's `update(…)` gets
 * `deferUpdate()` instead. A modal must be shown first: no automatic fix.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { enclosingFunction, isFunctionLike } from '../../evidence/javascript/snippet/model.js';
import { interactionCalls } from '../../evidence/javascript/snippet/interactions.js';
import { findingsOf, fixOutput, indentAt, lineOfPos, nodeAt, parse, spansOf, statementLineRange, type Edit } from './edit.js';
import { words } from '../../evidence/types.js';

export const deferFirst: Fixer = (input) => {
  const f = findingsOf(input.findings, ['js.slow-work-before-defer'])[0];
  if (f === undefined) return null;
  const model = parse(input.code);
  const { ts, sourceFile, text } = model;
  const span = spansOf([f], model)[0];
  const receiver = f.data?.receiver;
  const ackMethod = f.data?.ackMethod;
  if (span === undefined || !receiver || !ackMethod || ackMethod === 'showModal') return null;
  const { start, end } = span;
  const slow = nodeAt(model, start, end, ts.isAwaitExpression);
  if (slow === null) return null;
  const fn = enclosingFunction(ts, slow);
  if (fn === null) return null;
  // The statement holding the slow work, directly inside a block of the handler.
  let stmt: TS.Node = slow;
  while (stmt.parent && !(ts.isBlock(stmt.parent) || ts.isCaseClause(stmt.parent) || ts.isDefaultClause(stmt.parent))) {
    if (isFunctionLike(ts, stmt.parent)) return null;
    stmt = stmt.parent;
  }
  const insertAt = stmt.getStart(sourceFile);
  const calls = (interactionCalls(model).get(fn) ?? []).filter((c) => c.receiver === receiver && c.call.pos >= insertAt);
  const isUpdate = ackMethod === 'update' || ackMethod === 'deferUpdate';
  const ackText = calls.find((c) => c.method === ackMethod)?.call.arguments.map((a) => a.getText(sourceFile)).join(' ') ?? '';
  let deferArgs = '';
  if (!isUpdate && /MessageFlags\.Ephemeral/.test(ackText)) deferArgs = '{ flags: MessageFlags.Ephemeral }';
  else if (!isUpdate && /ephemeral\s*:\s*true/.test(ackText)) deferArgs = '{ ephemeral: true }';
  const defer = `await ${receiver}.${isUpdate ? 'deferUpdate' : 'deferReply'}(${deferArgs});`;
  const edits: Edit[] = [{ start: insertAt, end: insertAt, text: `${defer}\n${indentAt(text, insertAt)}` }];
  for (const c of calls) {
    const name = (c.call.expression as TS.PropertyAccessExpression).name;
    if (c.method === 'reply' || c.method === 'update') {
      edits.push({ start: name.getStart(sourceFile), end: name.end, text: 'editReply' });
    } else if (c.method === 'deferReply' || c.method === 'deferUpdate') {
      // Already deferred above: drop the later, now redundant, defer.
      const stmtOfDefer = ts.isAwaitExpression(c.call.parent) ? c.call.parent.parent : c.call.parent;
      if (!stmtOfDefer || !ts.isExpressionStatement(stmtOfDefer)) return null;
      const range = statementLineRange(text, stmtOfDefer, sourceFile);
      edits.push({ start: range.start, end: range.end, text: '' });
    } else if (c.method === 'showModal') {
      return null;
    }
  }
  const renamed = calls.some((c) => c.method === 'reply' || c.method === 'update');
  return fixOutput(input.code, model, edits, [
    words(renamed ? 'fix.js.defer-first-renamed' : 'fix.js.defer-first', { defer, line: lineOfPos(model, start) }),
  ]);
};
