/**
 * js.inner-async-effect: `useEffect(async () => { BODY }, deps)` becomes the
 * pattern React documents: a synchronous effect that defines an async
 * function holding BODY and calls it. A BODY that returns something at its
 * own level (a clean-up it hoped to return) has no certain rewrite.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { findingsOf, fixOutput, indentAt, indentUnit, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { isFunctionLike } from '../../evidence/javascript/snippet/model.js';
import { words, type Phrase } from '../../evidence/types.js';

/** A `return x;` of the effect itself (not of a nested function). */
function returnsValue(ts: typeof TS, body: TS.Block): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionLike(ts, n)) return;
    if (ts.isReturnStatement(n) && n.expression !== undefined) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

export const innerAsyncEffect: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.async-effect']);
  const model = parse(input.code);
  const { ts, sourceFile, text } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { start, end } of spansOf(targets, model)) {
    const effect = nodeAt(model, start, end, (n): n is TS.ArrowFunction | TS.FunctionExpression => ts.isArrowFunction(n) || ts.isFunctionExpression(n));
    if (effect === null || !ts.isBlock(effect.body) || effect.parameters.length > 0 || returnsValue(ts, effect.body)) continue;
    const body = effect.body;
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
    const taken = new Set((model.identifiers.get('run') ?? []).length > 0 ? ['run'] : []);
    const name = taken.has('run') ? 'runEffect' : 'run';
    const inner = lines.map((l) => (l.trim() === '' ? l : unit + l)).join('\n');
    const replacement = `{\n${outer}${unit}async function ${name}() {\n${inner}\n${outer}${unit}}\n${outer}${unit}${name}();\n${outer}}`;
    edits.push({ start: body.getStart(sourceFile), end: body.end, text: replacement });
    // Drop `async` from the effect itself.
    const asyncKw = effect.modifiers?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    if (asyncKw) {
      let after = asyncKw.end;
      while (/\s/.test(text.charAt(after))) after++;
      edits.push({ start: asyncKw.getStart(sourceFile), end: after, text: '' });
    }
    notes.push(words('fix.js.inner-async-effect', { line: lineOfPos(model, start), name }));
  }
  return fixOutput(input.code, model, edits, notes);
};
