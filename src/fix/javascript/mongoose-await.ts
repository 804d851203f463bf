/**
 * js.mongoose-await: Mongoose 7 dropped callbacks, so `User.find(q, (err, users) => { … })` throws
 * "Model.find() no longer accepts a callback". The call loses its callback and is awaited: the
 * value the callback got becomes a `const`, the callback's `if (err) …` becomes the `catch`, and the
 * rest of its body follows the `await` (`try { const users = await User.find(q); … } catch (err) { … }`),
 * with the function around it made `async` when that is safe. Where nothing can await (a CommonJS
 * script's top level, a function others call synchronously) the promise gets `.then(…)` and `.catch(…)`
 * with the same two parts. A callback that reads its error anywhere else, or whose body is an
 * expression, is left to the person.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import type { SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { functionArgument } from '../../evidence/javascript/snippet/where.js';
import { allowAwait, findingsOf, fixOutput, indentAt, indentUnit, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** The statements a callback's body splits into: what runs on an error, and what runs on success. */
interface Parts {
  onError: readonly TS.Statement[] | null;
  onSuccess: readonly TS.Statement[];
}

/** `err`, `err != null`, `err !== null`, `!!err`: a test that is true when the callback got an error. */
function testsError(ts: SnippetModel['ts'], cond: TS.Expression, err: string): boolean {
  if (ts.isIdentifier(cond)) return cond.text === err;
  if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = cond.operand;
    return ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken && testsError(ts, inner.operand, err);
  }
  if (ts.isBinaryExpression(cond) && ts.isIdentifier(cond.left) && cond.left.text === err) {
    const op = cond.operatorToken.kind;
    const neq = op === ts.SyntaxKind.ExclamationEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken;
    return neq && (cond.right.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(cond.right) && cond.right.text === 'undefined'));
  }
  return false;
}

/** `!err`: true when the callback got no error. */
function testsNoError(ts: SnippetModel['ts'], cond: TS.Expression, err: string): boolean {
  return ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken && ts.isIdentifier(cond.operand) && cond.operand.text === err;
}

function statementsOf(ts: SnippetModel['ts'], s: TS.Statement | undefined): readonly TS.Statement[] {
  if (s === undefined) return [];
  return ts.isBlock(s) ? s.statements : [s];
}

function mentions(ts: SnippetModel['ts'], nodes: readonly TS.Node[], name: string): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  for (const n of nodes) visit(n);
  return found;
}

/** The body split at its leading `if (err) …` (or `if (!err) … else …`); null when the error is read anywhere else. */
function split(ts: SnippetModel['ts'], body: TS.Block, err: string): Parts | null {
  const [first, ...rest] = body.statements;
  if (first !== undefined && ts.isIfStatement(first)) {
    if (testsError(ts, first.expression, err)) {
      const parts = { onError: statementsOf(ts, first.thenStatement), onSuccess: [...statementsOf(ts, first.elseStatement), ...rest] };
      return mentions(ts, parts.onSuccess, err) ? null : parts;
    }
    if (testsNoError(ts, first.expression, err) && first.elseStatement !== undefined) {
      const parts = { onError: statementsOf(ts, first.elseStatement), onSuccess: [...statementsOf(ts, first.thenStatement), ...rest] };
      return mentions(ts, parts.onSuccess, err) ? null : parts;
    }
  }
  return mentions(ts, body.statements, err) ? null : { onError: null, onSuccess: body.statements };
}

/** The statements' text, each line moved from its own indentation to `indent`. */
function reindented(model: SnippetModel, stmts: readonly TS.Statement[], indent: string): string[] {
  const { text, sourceFile } = model;
  const lines: string[] = [];
  for (const s of stmts) {
    const start = s.getStart(sourceFile);
    const own = indentAt(text, start);
    for (const [i, line] of text.slice(start, s.end).split('\n').entries()) {
      const body = i === 0 ? line : line.startsWith(own) ? line.slice(own.length) : line.trimStart();
      lines.push(body.trim() === '' ? '' : indent + body);
    }
  }
  return lines;
}

export const mongooseAwait: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.mongoose-callback']);
  const model = parse(input.code);
  const { ts, sourceFile, text } = model;
  const unit = indentUnit(text);
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { start, end } of spansOf(targets, model)) {
    const call = nodeAt(model, start, end, ts.isCallExpression);
    const stmt = call?.parent;
    if (!call || !stmt || !ts.isExpressionStatement(stmt)) continue;
    const cb = functionArgument(ts, call.arguments[call.arguments.length - 1]);
    if (cb === null || !ts.isBlock(cb.body) || cb.parameters.length > 2) continue;
    const [errParam, valueParam] = cb.parameters;
    if (!errParam || !ts.isIdentifier(errParam.name) || (valueParam && !ts.isIdentifier(valueParam.name))) continue;
    const err = errParam.name.text;
    const value = valueParam ? (valueParam.name as TS.Identifier).text : null;
    const parts = split(ts, cb.body, err);
    if (parts === null) continue;
    // The call as written, without its callback (and the comma before it).
    const args = call.arguments.slice(0, -1);
    const bare = `${text.slice(call.getStart(sourceFile), call.arguments.pos)}${args.length ? text.slice(args[0]!.getStart(sourceFile), args[args.length - 1]!.end) : ''})`;
    const indent = indentAt(text, stmt.getStart(sourceFile));
    const line = lineOfPos(model, start);
    const allowed = allowAwait(model, call);
    let replacement: string;
    if (allowed !== null) {
      edits.push(...allowed.edits);
      const got = value ? `const ${value} = await ${bare};` : `await ${bare};`;
      if (parts.onError === null) {
        replacement = [got, ...reindented(model, parts.onSuccess, indent)].join('\n');
      } else {
        const inner = indent + unit;
        replacement = [`try {`, `${inner}${got}`, ...reindented(model, parts.onSuccess, inner), `${indent}} catch (${err}) {`, ...reindented(model, parts.onError, inner), `${indent}}`].join('\n');
      }
      notes.push(words('fix.js.mongoose-awaited', { call: bare, line }));
    } else {
      const inner = indent + unit;
      const then = parts.onSuccess.length === 0 && parts.onError !== null ? '' : [`.then((${value ?? ''}) => {`, ...reindented(model, parts.onSuccess, inner), `${indent}})`].join('\n');
      const caught = parts.onError === null ? '' : [`.catch((${err}) => {`, ...reindented(model, parts.onError, inner), `${indent}})`].join('\n');
      replacement = `${bare}${then}${caught};`;
      notes.push(words('fix.js.mongoose-then', { call: bare, line }));
    }
    edits.push({ start: stmt.getStart(sourceFile), end: stmt.end, text: replacement });
  }
  return fixOutput(input.code, model, edits, notes);
};
