/** js.return-await: `return p` inside `try` → `return await p`, so the `catch` sees a rejection. */
import type { Fixer } from '../types.js';
import { applyEdits, checked, findingsOf, lineOfPos, nodeAt, num, parse, type Edit } from './edit.js';

export const returnAwait: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.return-without-await-in-try']);
  const model = parse(input.code);
  const { ts } = model;
  const edits: Edit[] = [];
  const lines: number[] = [];
  for (const f of targets) {
    const start = num(f, 'start', model);
    const end = num(f, 'end', model);
    if (start === null || end === null) continue;
    const expr = nodeAt(model, start, end, (n): n is import('typescript').Expression => ts.isExpression(n) && n.parent !== undefined && ts.isReturnStatement(n.parent));
    if (expr === null) continue;
    edits.push({ start, end: start, text: 'await ' });
    lines.push(lineOfPos(model, start));
  }
  if (edits.length === 0) return null;
  const code = checked(input.code, applyEdits(input.code, edits, model.offset));
  if (code === null) return null;
  return { code, note: `Changed \`return\` to \`return await\` on line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}, so the \`catch\` handles a failure.` };
};
