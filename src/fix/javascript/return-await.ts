/** js.return-await: `return p` inside `try` → `return await p`, so the `catch` sees a rejection. */
import type { Fixer } from '../types.js';
import { findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { words } from '../../evidence/types.js';

export const returnAwait: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.return-without-await-in-try']);
  const model = parse(input.code);
  const { ts } = model;
  const edits: Edit[] = [];
  const lines: number[] = [];
  for (const { start, end } of spansOf(targets, model)) {
    const expr = nodeAt(model, start, end, (n): n is import('typescript').Expression => ts.isExpression(n) && n.parent !== undefined && ts.isReturnStatement(n.parent));
    if (expr === null) continue;
    edits.push({ start, end: start, text: 'await ' });
    lines.push(lineOfPos(model, start));
  }
  return fixOutput(input.code, model, edits, [words(lines.length > 1 ? 'fix.js.return-await-lines' : 'fix.js.return-await', { lines: lines.join(', ') })]);
};
