/**
 * js.ack-first: the first answer to an interaction cannot be an edit or a
 * follow-up, so it becomes the initial response: `editReply` → `reply`
 * (`update` for a button or menu, whose message is what gets edited),
 * `followUp` → `reply`. `deleteReply` has no such twin: no automatic fix.
 */
import type { Fixer } from '../types.js';
import { findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

export const ackFirst: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.response-before-ack']);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const answer = f.data?.answer;
    if (!answer) continue;
    const call = nodeAt(model, start, end, ts.isCallExpression);
    if (call === null || !ts.isPropertyAccessExpression(call.expression)) continue;
    const name = call.expression.name;
    edits.push({ start: name.getStart(sourceFile), end: name.end, text: answer });
    notes.push(words('fix.js.ack-first', { line: lineOfPos(model, start), answer, method: name.text }));
  }
  return fixOutput(input.code, model, edits, notes);
};
