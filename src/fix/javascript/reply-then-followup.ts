/**
 * js.reply-then-followup: the second acknowledgement of one interaction
 * becomes a follow-up: `reply` after `reply` → `followUp`, `reply` after
 * `deferReply` → `editReply`, a second `deferReply` is removed, and a `reply`
 * in a `catch` checks `replied || deferred` first.
 */
import type { Fixer } from '../types.js';
import { bracedBlock, findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, statementLineRange, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

export const replyThenFollowUp: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.double-reply']);
  const model = parse(input.code);
  const { ts, sourceFile, text } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const first = f.data?.first ?? '';
    const second = f.data?.second ?? '';
    const receiver = f.data?.receiver ?? '';
    if (receiver === '') continue;
    const call = nodeAt(model, start, end, ts.isCallExpression);
    if (call === null || !ts.isPropertyAccessExpression(call.expression)) continue;
    const name = call.expression.name;
    const line = lineOfPos(model, start);
    const awaited = ts.isAwaitExpression(call.parent) ? call.parent : null;
    const stmt = (awaited ?? call).parent;
    if (second === 'deferReply' || second === 'deferUpdate') {
      if (!stmt || !ts.isExpressionStatement(stmt)) continue;
      const range = statementLineRange(text, stmt, sourceFile);
      edits.push({ start: range.start, end: range.end, text: '' });
      notes.push(words('fix.js.removed-second', { second, line }));
      continue;
    }
    if (second !== 'reply' && second !== 'update') continue;
    if (f.data?.via === 'catch') {
      const args = call.arguments.map((a) => a.getText(sourceFile)).join(', ');
      const guard = `${receiver}.replied || ${receiver}.deferred`;
      if (stmt && ts.isExpressionStatement(stmt)) {
        const at = stmt.getStart(sourceFile);
        const aw = awaited ? 'await ' : '';
        const followUp = bracedBlock(text, at, `${aw}${receiver}.followUp(${args});`);
        const answer = bracedBlock(text, at, `${aw}${receiver}.${second}(${args});`);
        edits.push({ start: at, end: stmt.end, text: `if (${guard}) ${followUp} else ${answer}` });
      } else {
        edits.push({ start, end, text: `(${guard} ? ${receiver}.followUp(${args}) : ${receiver}.${second}(${args}))` });
      }
      notes.push(words('fix.js.catch-follow-up', { second, line }));
      continue;
    }
    const replacement = first === 'deferReply' || first === 'deferUpdate' ? 'editReply' : 'followUp';
    edits.push({ start: name.getStart(sourceFile), end: name.end, text: replacement });
    notes.push(words('fix.js.second-became', { second, line, replacement }));
  }
  return fixOutput(input.code, model, edits, notes);
};

