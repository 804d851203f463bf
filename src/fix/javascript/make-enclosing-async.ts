/**
 * js.make-enclosing-async: `await` in a function that is not `async` gets the
 * `async` keyword (a `forEach` callback instead becomes a for…of loop, so the
 * awaits are really waited for); `await` at the top of a CommonJS script is
 * wrapped, with the statements that use it, in an async arrow called at once.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { functionName, isFunctionLike, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { calleeMethod, callTakingFunction, isInside } from '../../evidence/javascript/snippet/where.js';
import { asyncEdit, bindingNames, containsAwait, findingsOf, fixOutput, indentUnit, lineOfPos, nodeAt, num, parse, type Edit } from './edit.js';
import { forEachToForOf, wrapMapInPromiseAll } from './foreach-to-for-of.js';
import { words, type Phrase } from '../../evidence/types.js';

function declaredNames(ts: SnippetModel['ts'], stmt: TS.Statement): Iterable<string> {
  if (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) return stmt.name ? [stmt.name.text] : [];
  const names = new Set<string>();
  if (ts.isVariableStatement(stmt)) for (const d of stmt.declarationList.declarations) bindingNames(ts, d.name, names);
  return names;
}

function hasMultilineTemplate(ts: SnippetModel['ts'], node: TS.Node, sf: TS.SourceFile): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if ((ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) && n.getText(sf).includes('\n')) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Wraps the top-level statements from the first one using await to the end in `(async () => { … })();`. */
function wrapTopLevel(model: SnippetModel): Edit[] | null {
  const { ts, sourceFile, text } = model;
  const stmts = sourceFile.statements;
  const first = stmts.findIndex((s) => containsAwait(ts, s));
  if (first === -1) return null;
  // Everything from the first await to the end, so later lines still run after it.
  const inside = stmts.slice(first);
  // Names declared inside must not be used outside, or wrapping would hide them.
  for (const s of inside) {
    for (const name of declaredNames(ts, s)) {
      const outside = (model.identifiers.get(name) ?? []).some((id) => !inside.some((t) => isInside(id, t)));
      if (outside) return null;
    }
    if (hasMultilineTemplate(ts, s, sourceFile)) return null;
  }
  const unit = indentUnit(text);
  const from = (inside[0] as TS.Statement).getStart(sourceFile);
  const to = (inside[inside.length - 1] as TS.Statement).end;
  const body = text
    .slice(from, to)
    .split('\n')
    .map((l) => (l.trim() === '' ? l : unit + l))
    .join('\n');
  return [{ start: from, end: to, text: `(async () => {\n${body}\n})();` }];
}

export const makeEnclosingAsync: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.await-outside-async']);
  const model = parse(input.code);
  const { ts } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of targets) {
    const scope = f.data?.scope;
    if (scope === 'top-level') {
      const e = wrapTopLevel(model);
      if (e === null) continue;
      edits.push(...e);
      notes.push(words('fix.js.wrapped-top-level'));
      continue;
    }
    if (scope !== 'function') continue;
    const fnStart = num(f, 'fnStart', model);
    const fnEnd = num(f, 'fnEnd', model);
    if (fnStart === null || fnEnd === null) continue;
    const fn = nodeAt(model, fnStart, fnEnd, (n): n is Parameters<typeof asyncEdit>[1] => isFunctionLike(ts, n));
    if (fn === null) continue;
    const taker = callTakingFunction(ts, fn);
    const method = taker ? calleeMethod(ts, taker) : null;
    const line = lineOfPos(model, fnStart);
    if (taker !== null && method === 'forEach') {
      const e = forEachToForOf(model, taker);
      if (e === null) continue;
      edits.push(...e);
      notes.push(words('fix.js.forEach-for-of', { line }));
      continue;
    }
    if (taker !== null && method === 'map') {
      const e = wrapMapInPromiseAll(model, taker);
      const a = asyncEdit(model, fn);
      if (e === null || a === null) continue;
      edits.push(a, ...e);
      notes.push(words('fix.js.map-async-all', { line }));
      continue;
    }
    if (taker !== null && method !== null && ['filter', 'some', 'every', 'find', 'findIndex', 'reduce', 'sort'].includes(method)) continue;
    const a = asyncEdit(model, fn);
    if (a === null) continue;
    edits.push(a);
    const name = functionName(ts, fn);
    notes.push(name !== null ? words('fix.js.made-named-async', { name, line }) : words('fix.js.made-function-async', { line }));
  }
  return fixOutput(input.code, model, edits, notes);
};
