/**
 * js.await-in-test: the promise a test left behind is awaited, and the test
 * function becomes `async` so that the runner waits for it. Tests take no
 * `done` here, so making them async changes nothing else.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { asyncEdit, awaitEdits, findingsOf, fixOutput, lineOfPos, nodeAt, num, parse, spansOf, type Edit } from './edit.js';
import { words } from '../../evidence/types.js';

export const awaitInTest: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.test-not-waiting']);
  const model = parse(input.code);
  const { ts } = model;
  const edits: Edit[] = [];
  const lines: number[] = [];
  let unseenTest = false;
  const awaitedCalls: { call: string; line: number }[] = [];
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const stmt = nodeAt(model, start, end, ts.isExpressionStatement);
    const fnStart = num(f, 'testStart', model);
    const fnEnd = num(f, 'testEnd', model);
    if (stmt === null) continue;
    // Lines cut from a test whose head is not pasted (`expect(p).rejects…` alone): await the
    // statement; the note says the test function must be async.
    if ((fnStart === null || fnEnd === null) && ts.isSourceFile(stmt.parent)) {
      edits.push(...awaitEdits(model, stmt.expression));
      lines.push(lineOfPos(model, start));
      // Named by the call the chain starts with (`expect(…)` for `expect(p).rejects.toThrow()`).
      const head = stmt.expression.getText(model.sourceFile).split('(')[0]!.trim();
      awaitedCalls.push({ call: `${head}(…)`, line: lineOfPos(model, start) });
      unseenTest = true;
      continue;
    }
    if (fnStart === null || fnEnd === null) continue;
    const fn = nodeAt(model, fnStart, fnEnd, (n): n is TS.ArrowFunction | TS.FunctionExpression => ts.isArrowFunction(n) || ts.isFunctionExpression(n));
    if (fn === null) continue;
    edits.push(...awaitEdits(model, stmt.expression));
    const e = asyncEdit(model, fn);
    if (e) edits.push(e);
    lines.push(lineOfPos(model, start));
  }
  if (unseenTest) {
    const calls = words('fix.list', { items: awaitedCalls.map((c) => words('fix.call-at-line', c)) });
    return fixOutput(input.code, model, edits, [words('fix.js.added-await', { calls }), words('fix.js.fragment-async')]);
  }
  return fixOutput(input.code, model, edits, [words(lines.length > 1 ? 'fix.js.test-awaits-lines' : 'fix.js.test-awaits', { lines: lines.join(', ') })]);
};
