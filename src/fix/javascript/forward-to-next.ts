/**
 * js.forward-to-next: an async Express 4 handler gets its body wrapped in
 * `try { … } catch (err) { next(err); }` (and a `next` parameter when it had
 * none), so that a failure reaches the error middleware instead of hanging
 * the request. A named `async function name(req, res, next) {…}` whose router
 * is elsewhere gets the same rewrite: where it is mounted does not change
 * what Express 4 does with its promise.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { isInside } from '../../evidence/javascript/snippet/where.js';
import { findingsOf, fixOutput, indentAt, indentUnit, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

export const forwardToNext: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.express-async-route']);
  const model = parse(input.code);
  const { ts, sourceFile, text } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const fn = nodeAt(
      model,
      start,
      end,
      (n): n is TS.ArrowFunction | TS.FunctionExpression | TS.FunctionDeclaration => ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n),
    );
    // A declaration without a body is an overload signature: nothing to wrap.
    if (fn === null || fn.body === undefined || !ts.isBlock(fn.body)) continue;
    let next = f.data?.next ?? '';
    if (next === '') {
      const last = fn.parameters[fn.parameters.length - 1];
      if (last === undefined || (model.identifiers.get('next') ?? []).some((id) => isInside(id, fn))) continue;
      next = 'next';
      edits.push({ start: last.end, end: last.end, text: ', next' });
    }
    const body = fn.body;
    // A paste cut off before the body's closing brace: the body ends at the text's end, not at a "}" to drop.
    if (text[body.end - 1] !== '}') continue;
    const lines = text.slice(body.getStart(sourceFile) + 1, body.end - 1).split('\n');
    while (lines.length > 0 && (lines[0] as string).trim() === '') lines.shift();
    while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
    if (lines.length === 0) continue;
    const outer = indentAt(text, body.end - 1);
    // One level deeper than the body already is: the body's own indentation step, else the snippet's.
    const bodyIndent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length));
    const unit = bodyIndent > outer.length ? ' '.repeat(bodyIndent - outer.length) : indentUnit(text);
    const inner = lines.map((l) => (l.trim() === '' ? l : unit + l)).join('\n');
    const err = (model.identifiers.get('err') ?? []).some((id) => isInside(id, fn)) ? 'error' : 'err';
    edits.push({
      start: body.getStart(sourceFile),
      end: body.end,
      text: `{\n${outer}${unit}try {\n${inner}\n${outer}${unit}} catch (${err}) {\n${outer}${unit}${unit}${next}(${err});\n${outer}${unit}}\n${outer}}`,
    });
    notes.push(words('fix.js.forward-to-next', { line: lineOfPos(model, start), next, err }));
  }
  return fixOutput(input.code, model, edits, notes);
};
