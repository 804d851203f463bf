/**
 * js.unwrap-promise-executor: `new Promise(async (resolve, reject) => { … })`
 * loses errors thrown after an `await`. The body already is async code, so
 * it runs as the async function itself: `resolve(v)` → `return v`,
 * `reject(e)` → `throw e`. `return new Promise(async …)` is unwrapped into the
 * function; elsewhere it becomes an async arrow called at once. When the
 * executor hands `resolve` to a callback (it really wraps a callback API), the
 * `async` is dropped if nothing in it awaits; otherwise no automatic fix.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { enclosingFunction, isAsync, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { functionArgument } from '../../evidence/javascript/snippet/where.js';
import { applyEdits, asyncEdit, containsAwait, findingsOf, fixOutput, indentAt, lineOfPos, nodeAt, parse, skipSpace, spansOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** Edits (inside the body) turning each settle call into return/throw; null if one cannot be turned. */
function settleEdits(model: SnippetModel, executor: TS.ArrowFunction | TS.FunctionExpression, resolve: string | null, reject: string | null): Edit[] | null {
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  let ok = true;
  const visit = (n: TS.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(n) && (n.text === resolve || n.text === reject)) {
      const call = n.parent;
      const isSettle = call && ts.isCallExpression(call) && call.expression === n && call.arguments.length <= 1;
      if (!isSettle || enclosingFunction(ts, n) !== executor) {
        ok = false;
        return;
      }
      const stmt = call.parent;
      const arg = call.arguments[0]?.getText(sourceFile);
      if (n.text === reject && arg === undefined) {
        ok = false;
        return;
      }
      const replacement = n.text === resolve ? (arg === undefined ? 'return;' : `return ${arg};`) : `throw ${arg};`;
      if (ts.isExpressionStatement(stmt) || ts.isReturnStatement(stmt)) {
        // Returning changes control flow unless the settle call ends its block (or a `return;` follows).
        const block = stmt.parent;
        if (block && (ts.isBlock(block) || ts.isCaseClause(block) || ts.isDefaultClause(block))) {
          const stmts = block.statements;
          const i = stmts.indexOf(stmt as TS.Statement);
          const next = stmts[i + 1];
          if (i !== stmts.length - 1 && !(next && ts.isReturnStatement(next) && next.expression === undefined)) {
            ok = false;
            return;
          }
        }
        edits.push({ start: stmt.getStart(sourceFile), end: stmt.end, text: replacement });
        return;
      }
      ok = false;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(executor.body, visit);
  return ok ? edits : null;
}

function paramName(ts: SnippetModel['ts'], p: TS.ParameterDeclaration | undefined): string | null {
  return p && ts.isIdentifier(p.name) ? p.name.text : null;
}

function dedent(lines: string[], by: number): string[] {
  return lines.map((l) => {
    const m = /^[ \t]*/.exec(l);
    const lead = m ? m[0].length : 0;
    return l.slice(Math.min(by, lead));
  });
}

export const unwrapPromiseExecutor: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.async-promise-executor']);
  const model = parse(input.code);
  const { ts, sourceFile, text } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { start, end } of spansOf(targets, model)) {
    const expr = nodeAt(model, start, end, ts.isNewExpression);
    if (expr === null) continue;
    const executor = functionArgument(ts, expr.arguments?.[0]);
    if (executor === null || !isAsync(ts, executor) || !ts.isBlock(executor.body)) continue;
    const line = lineOfPos(model, start);
    const resolve = paramName(ts, executor.parameters[0]);
    const reject = paramName(ts, executor.parameters[1]);
    const settle = containsAwait(ts, executor.body) ? settleEdits(model, executor, resolve, reject) : null;
    if (settle === null) {
      // Nothing in it awaits (a callback wrapper, or plain code that settles): only the `async` is
      // wrong, and without it a throw in the executor rejects the promise as it should.
      if (containsAwait(ts, executor.body)) continue;
      const asyncKw = ts.getModifiers(executor)?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
      if (!asyncKw) continue;
      edits.push({ start: asyncKw.getStart(sourceFile), end: skipSpace(text, asyncKw.end), text: '' });
      notes.push(words('fix.js.executor-not-async', { line }));
      continue;
    }
    const body = executor.body;
    const ret = expr.parent;
    const fn = enclosingFunction(ts, expr);
    if (ret && ts.isReturnStatement(ret) && fn !== null && !ts.isConstructorDeclaration(fn) && !ts.isGetAccessorDeclaration(fn) && !ts.isSetAccessorDeclaration(fn)) {
      // return new Promise(async …) → the executor's body, in the function itself.
      // A paste cut off before the body's closing brace: the parser ends the body at the text's end,
      // and slicing off a "brace" there would drop the user's last character instead.
      if (text[body.end - 1] !== '}') continue;
      const from = body.getStart(sourceFile) + 1;
      const inner = applyEdits(text.slice(from, body.end - 1), settle, from);
      if (inner === null) continue;
      const lines = inner.split('\n');
      while (lines.length > 0 && (lines[0] as string).trim() === '') lines.shift();
      while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
      if (lines.length === 0) continue;
      const retIndent = indentAt(text, ret.getStart(sourceFile));
      const bodyIndent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length));
      const moved = dedent(lines, Math.max(0, bodyIndent - retIndent.length));
      const first = (moved[0] as string).replace(/^[ \t]*/, '');
      edits.push({ start: ret.getStart(sourceFile), end: ret.end, text: [first, ...moved.slice(1)].join('\n') });
      // The function returned a promise already, so making it async changes nothing for its callers.
      const e = asyncEdit(model, fn);
      if (e) edits.push(e);
      notes.push(words(isAsync(ts, fn) ? 'fix.js.executor-unwrapped' : 'fix.js.executor-unwrapped-now-async', { line }));
      continue;
    }
    // Elsewhere: the same body as an async arrow called at once, which returns the promise.
    edits.push(...settle);
    edits.push({ start, end: body.getStart(sourceFile), text: '(async () => ' });
    edits.push({ start: body.end, end, text: ')()' });
    notes.push(words('fix.js.executor-to-async-arrow', { line }));
  }
  return fixOutput(input.code, model, edits, notes);
};
