/**
 * js.promise-api: `await` on a callback API becomes `await` on its promise
 * twin: `await setTimeout(ms)` (or with an empty callback) →
 * `await new Promise((resolve) => setTimeout(resolve, ms))`, and
 * `await fs.readFile(p)` (no callback) → `await fs.promises.readFile(p)`.
 * `await load` (the function, never called) → `await load()` when it takes no arguments.
 * A callback that does work, or any other shape, has no certain rewrite.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { unwrap } from '../../evidence/javascript/snippet/where.js';
import { words, type Phrase } from '../../evidence/types.js';

function emptyFunction(ts: typeof TS, node: TS.Expression): boolean {
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  return node.parameters.length === 0 && ts.isBlock(node.body) && node.body.statements.length === 0;
}

export const promiseApi: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.await-non-promise']);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const aw = nodeAt(model, start, end, ts.isAwaitExpression);
    if (aw === null) continue;
    const call = unwrap(ts, aw.expression);
    const line = lineOfPos(model, start);
    const kind = f.data?.kind;
    // `await load;` → `await load();`, when the function takes no arguments (otherwise which ones is the user's call).
    if (kind === 'uncalled' && ts.isIdentifier(call) && f.data?.params === '0') {
      edits.push({ start: call.end, end: call.end, text: '()' });
      notes.push(words('fix.js.call-function', { line, name: call.text }));
      continue;
    }
    if (!ts.isCallExpression(call)) continue;
    if (kind === 'timer' && ts.isIdentifier(call.expression) && call.expression.text !== 'setInterval') {
      const name = call.expression.text;
      const args = [...call.arguments];
      if (args[0] !== undefined && emptyFunction(ts, args[0])) args.shift();
      if (args.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a))) continue;
      const rest = args.map((a) => a.getText(sourceFile)).join(', ');
      edits.push({ start: call.getStart(sourceFile), end: call.end, text: `new Promise((resolve) => ${name}(resolve${rest ? `, ${rest}` : ''}))` });
      notes.push(words('fix.js.timer-promise', { line, name }));
      continue;
    }
    if (kind === 'fs' && ts.isPropertyAccessExpression(call.expression)) {
      const recv = call.expression.expression;
      edits.push({ start: recv.end, end: recv.end, text: '.promises' });
      notes.push(words('fix.js.fs-promises', { line, api: `${recv.getText(sourceFile)}.promises.${call.expression.name.text}` }));
    }
  }
  return fixOutput(input.code, model, edits, notes);
};
