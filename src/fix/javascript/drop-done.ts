/**
 * js.drop-done: a test that returns a promise and also takes `done` keeps the
 * promise and loses `done`: the parameter goes, `done();` statements go, and
 * `.then(done)` / `.then(() => done())` / `.catch(done)` links go (a rejected
 * promise fails the test by itself). Any other use of `done` (`done(err)`
 * inside a callback, `done` handed to another API) means the callback is doing
 * real work: no automatic fix then.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import type { SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { isInside } from '../../evidence/javascript/snippet/where.js';
import { findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, statementLineRange, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

const LINKS = new Set(['then', 'catch', 'finally']);

/** `() => done()` (or `() => { done(); }`): a callback that only signals completion. */
function onlyCallsDone(ts: SnippetModel['ts'], node: TS.Node, done: string): boolean {
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  if (node.parameters.length > 0) return false;
  let body: TS.Node = node.body;
  if (ts.isBlock(body)) {
    if (body.statements.length !== 1) return false;
    const only = body.statements[0] as TS.Statement;
    if (!ts.isExpressionStatement(only)) return false;
    body = only.expression;
  }
  return ts.isCallExpression(body) && body.arguments.length === 0 && ts.isIdentifier(body.expression) && body.expression.text === done;
}

/** The `.then(…)` / `.catch(…)` link `arg` is the only argument of, as the edit cutting it out (`p.then(done)` → `p`). */
function cutLink(model: SnippetModel, arg: TS.Node): Edit | null {
  const { ts } = model;
  const link = arg.parent;
  if (!link || !ts.isCallExpression(link) || link.arguments.length !== 1 || link.arguments[0] !== arg) return null;
  const callee = link.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LINKS.has(callee.name.text)) return null;
  return { start: callee.expression.end, end: link.end, text: '' };
}

/** The edit removing one use of `done`, or null when that use cannot simply go. */
function removeUse(model: SnippetModel, id: TS.Identifier): Edit | null {
  const { ts, sourceFile, text } = model;
  const parent = id.parent;
  if (!parent) return null;
  // p.then(done), p.catch(done)
  if (!(ts.isCallExpression(parent) && parent.expression === id)) return cutLink(model, id);
  if (parent.arguments.length > 0) return null;
  // p.then(() => done()), p.then(() => { done(); })
  let fn: TS.Node | undefined = parent.parent;
  if (fn && ts.isExpressionStatement(fn)) fn = fn.parent?.parent;
  if (fn !== undefined && onlyCallsDone(ts, fn, id.text)) return cutLink(model, fn);
  // done();
  const stmt = parent.parent;
  if (stmt && ts.isExpressionStatement(stmt)) {
    const range = statementLineRange(text, stmt, sourceFile);
    return { start: range.start, end: range.end, text: '' };
  }
  return null;
}

export const dropDone: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.done-with-promise']);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const name = f.data?.done;
    if (!name) continue;
    const fn = nodeAt(model, start, end, (n): n is TS.ArrowFunction | TS.FunctionExpression | TS.MethodDeclaration => ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n));
    if (fn === null) continue;
    const param = fn.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
    // Only `(done)`: with a `this` parameter or others beside it, the list is not simply emptied.
    if (param === undefined || fn.parameters.length !== 1) continue;
    const body = fn.body;
    if (body === undefined) continue;
    const uses = (model.identifiers.get(name) ?? []).filter((id) => isInside(id, body));
    const removals: Edit[] = [];
    let ok = true;
    for (const id of uses) {
      const e = removeUse(model, id);
      if (e === null) {
        ok = false;
        break;
      }
      removals.push(e);
    }
    if (!ok) continue;
    edits.push(...removals);
    // `(done) =>` / `function (done)` keep their parentheses; `done =>` becomes `() =>`.
    const head = ts.isArrowFunction(fn) ? sourceFile.text.slice(fn.modifiers?.end ?? fn.getStart(sourceFile), param.getStart(sourceFile)) : '(';
    const parenthesized = head.includes('(');
    edits.push({ start: param.getStart(sourceFile), end: param.end, text: parenthesized ? '' : '()' });
    const line = lineOfPos(model, fn.getStart(sourceFile));
    const what = f.data?.hook === 'true' ? words('js.hook', { kind: f.data?.kind ?? '' }) : words('js.test');
    const calls = removals.length === 0 ? 'fix.js.drop-done.no-call' : removals.length === 1 ? 'fix.js.drop-done.one-call' : 'fix.js.drop-done.calls';
    const by = f.data?.async === 'true' ? 'fix.js.drop-done.by-async' : 'fix.js.drop-done.by-promise';
    notes.push(words('fix.js.drop-done', { name, what, line, calls: words(calls), by: words(by) }));
  }
  return fixOutput(input.code, model, edits, notes);
};
