/**
 * js.then-on-promise-all: `.then` on an array of promises has nothing to call
 * (`items.map(async …).then(…)` → "….then is not a function"), and on
 * `forEach`'s `undefined` even less: `Promise.all(items.map(…)).then(…)` is the
 * one promise the code meant. Other values that are not promises (a sync API's
 * result, a function that forgot to `return`) need a change only the person
 * can choose, so they are left to the rule's own example.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { unwrap } from '../../evidence/javascript/snippet/where.js';
import { findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';

const ARRAY_OF_RESULTS = new Set(['map', 'flatMap']);

export const thenOnPromiseAll: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.then-on-non-promise']);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const { start, end } of spansOf(targets, model)) {
    const then = nodeAt(model, start, end, ts.isCallExpression);
    if (then === null || !ts.isPropertyAccessExpression(then.expression)) continue;
    const recv = unwrap(ts, then.expression.expression);
    if (!ts.isCallExpression(recv) || !ts.isPropertyAccessExpression(recv.expression)) continue;
    const method = recv.expression.name;
    if (!ARRAY_OF_RESULTS.has(method.text) && method.text !== 'forEach') continue;
    const from = recv.getStart(sourceFile);
    const line = lineOfPos(model, from);
    if (method.text === 'forEach') {
      // forEach returns undefined; map returns the callbacks' promises, which Promise.all can wait for.
      edits.push({ start: method.getStart(sourceFile), end: method.end, text: 'map' });
      notes.push(`turned \`forEach\` on line ${line} into \`map\` wrapped in \`Promise.all(…)\`: \`forEach\` returns \`undefined\`, and \`.then\` now runs once every callback has finished`);
    } else {
      notes.push(`wrapped the \`${method.text}\` on line ${line} in \`Promise.all(…)\`: it gives an array of promises, and \`.then\` now runs once all of them have settled`);
    }
    edits.push({ start: from, end: from, text: 'Promise.all(' }, { start: (recv as TS.Node).end, end: recv.end, text: ')' });
  }
  return fixOutput(input.code, model, edits, notes);
};
