/**
 * js.promise-all: a for…of loop whose awaits are independent runs them
 * together: `for (const x of xs) { … }` → `await Promise.all(xs.map(async (x)
 * => { … }))`; the collect-into-an-array shape `out.push(await f(x))` becomes
 * `out.push(...(await Promise.all(xs.map((x) => f(x)))))`, keeping the order.
 * A loop that starts with `const v = await f(x);` and then adds results up
 * (`text += …`) keeps its body and its order: only the reads run together,
 * `for (const [x, v] of await Promise.all(xs.map(async (x) => [x, await f(x)])))`.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { isFunctionLike, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { bindingNames, findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, statementLineRange, type Edit } from './edit.js';

/** `out.push(await E)` or `const v = await E; out.push(v);` → [out, E]. */
function collectShape(model: SnippetModel, body: TS.Statement): { target: string; awaited: TS.Expression } | null {
  const { ts, sourceFile } = model;
  const stmts = ts.isBlock(body) ? [...body.statements] : [body];
  const pushOf = (s: TS.Statement | undefined): TS.CallExpression | null => {
    if (!s || !ts.isExpressionStatement(s) || !ts.isCallExpression(s.expression)) return null;
    const c = s.expression;
    return ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'push' && c.arguments.length === 1 ? c : null;
  };
  if (stmts.length === 1) {
    const push = pushOf(stmts[0]);
    const arg = push?.arguments[0];
    if (push && arg && ts.isAwaitExpression(arg)) return { target: (push.expression as TS.PropertyAccessExpression).expression.getText(sourceFile), awaited: arg.expression };
    return null;
  }
  if (stmts.length === 2) {
    const decl = stmts[0];
    const push = pushOf(stmts[1]);
    if (!decl || !push || !ts.isVariableStatement(decl) || decl.declarationList.declarations.length !== 1) return null;
    const d = decl.declarationList.declarations[0] as TS.VariableDeclaration;
    const arg = push.arguments[0];
    if (!ts.isIdentifier(d.name) || !d.initializer || !ts.isAwaitExpression(d.initializer)) return null;
    if (!arg || !ts.isIdentifier(arg) || arg.text !== d.name.text) return null;
    return { target: (push.expression as TS.PropertyAccessExpression).expression.getText(sourceFile), awaited: d.initializer.expression };
  }
  return null;
}

/** `xs.map(fn)`, or `Array.from(it, fn)` for an iterator (`cache.values()`), which has no `map` in Node 20. */
function mapOver(iterable: string, fn: string): string {
  return /\.(?:values|keys|entries)\(\)$/.test(iterable) ? `Array.from(${iterable}, ${fn})` : `${iterable}.map(${fn})`;
}

/** Whether the loop body assigns a variable declared outside it (`total += n`): running the body in parallel would race on it. */
function writesOuter(model: SnippetModel, loop: TS.ForOfStatement): boolean {
  const { ts } = model;
  const K = ts.SyntaxKind;
  const local = new Set<string>();
  const init = loop.initializer;
  if (ts.isVariableDeclarationList(init)) for (const d of init.declarations) bindingNames(ts, d.name, local);
  const collect = (n: TS.Node): void => {
    if (ts.isVariableDeclaration(n)) bindingNames(ts, n.name, local);
    if (ts.isParameter(n)) bindingNames(ts, n.name, local);
    ts.forEachChild(n, collect);
  };
  collect(loop.statement);
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    let target: TS.Expression | null = null;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= K.FirstAssignment && n.operatorToken.kind <= K.LastAssignment) target = n.left;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken)) target = n.operand;
    if (target !== null && ts.isIdentifier(target) && !local.has(target.text)) found = true;
    ts.forEachChild(n, visit);
  };
  visit(loop.statement);
  return found;
}

/** `const v = await f(x);` as the body's first statement and the only await in it: [declaration, awaited]. */
function prefetchShape(model: SnippetModel, body: TS.Statement): { first: TS.VariableStatement; name: TS.BindingName; awaited: TS.Expression } | null {
  const { ts } = model;
  if (!ts.isBlock(body) || body.statements.length < 2) return null;
  const first = body.statements[0];
  if (!first || !ts.isVariableStatement(first) || first.declarationList.declarations.length !== 1) return null;
  const decl = first.declarationList.declarations[0] as TS.VariableDeclaration;
  if (!decl.initializer || !ts.isAwaitExpression(decl.initializer)) return null;
  let awaits = 0;
  const visit = (n: TS.Node): void => {
    if (isFunctionLike(ts, n)) return;
    if (ts.isAwaitExpression(n)) awaits++;
    ts.forEachChild(n, visit);
  };
  visit(body);
  return awaits === 1 ? { first, name: decl.name, awaited: decl.initializer.expression } : null;
}

function continuesToReturns(model: SnippetModel, body: TS.Node): Edit[] | null {
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  let ok = true;
  let pushes = false;
  const visit = (n: TS.Node, inLoop: boolean): void => {
    if (!ok || isFunctionLike(ts, n)) return;
    if (ts.isContinueStatement(n) && !inLoop) {
      if (n.label) ok = false;
      else edits.push({ start: n.getStart(sourceFile), end: n.end, text: 'return;' });
    }
    if (ts.isPropertyAccessExpression(n) && (n.name.text === 'push' || n.name.text === 'unshift')) pushes = true;
    const loop = ts.isIterationStatement(n, false);
    ts.forEachChild(n, (c) => visit(c, inLoop || loop));
  };
  ts.forEachChild(body, (c) => visit(c, false));
  // Pushing from parallel callbacks would reorder the array.
  return ok && !pushes ? edits : null;
}

export const promiseAll: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.await-in-loop']);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const { start, end } of spansOf(targets, model)) {
    const loop = nodeAt(model, start, end, ts.isForOfStatement);
    if (loop === null || loop.awaitModifier) continue;
    const init = loop.initializer;
    if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1) continue;
    const binding = (init.declarations[0] as TS.VariableDeclaration).name.getText(sourceFile);
    const iterable = loop.expression.getText(sourceFile);
    const line = lineOfPos(model, start);
    const shape = collectShape(model, loop.statement);
    if (shape !== null) {
      edits.push({
        start,
        end,
        text: `${shape.target}.push(...(await Promise.all(${mapOver(iterable, `(${binding}) => ${shape.awaited.getText(sourceFile)}`)})));`,
      });
      notes.push(`the loop on line ${line} now starts every call at once with \`Promise.all\` and keeps the results in order`);
      continue;
    }
    if (!ts.isBlock(loop.statement)) continue;
    const inner = writesOuter(model, loop) ? null : continuesToReturns(model, loop.statement);
    if (inner !== null) {
      edits.push({ start, end: loop.statement.getStart(sourceFile), text: `await Promise.all(${mapOver(iterable, `async (${binding}) => `)}`.slice(0, -1) });
      edits.push(...inner);
      edits.push({ start: loop.statement.end, end: loop.statement.end, text: '));' });
      notes.push(`the loop on line ${line} now runs every item at once with \`await Promise.all(${iterable}.map(async …))\``);
      continue;
    }
    const pre = prefetchShape(model, loop.statement);
    if (pre === null) continue;
    const value = pre.name.getText(sourceFile);
    const fetched = `await Promise.all(${mapOver(iterable, `async (${binding}) => [${binding}, await ${pre.awaited.getText(sourceFile)}]`)})`;
    edits.push({ start: init.getStart(sourceFile), end: loop.expression.end, text: `const [${binding}, ${value}] of ${fetched}` });
    edits.push({ ...statementLineRange(model.text, pre.first, sourceFile), text: '' });
    notes.push(`the loop on line ${line} now starts every \`${pre.awaited.getText(sourceFile).split('(')[0]}\` call at once with \`Promise.all\`, then runs its body over the results in the original order`);
  }
  return fixOutput(input.code, model, edits, notes);
};
