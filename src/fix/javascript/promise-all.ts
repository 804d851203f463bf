/**
 * js.promise-all: a for…of loop whose awaits are independent runs them
 * together: `for (const x of xs) { … }` → `await Promise.all(xs.map(async (x)
 * => { … }))`; the collect-into-an-array shape `out.push(await f(x))` becomes
 * `out.push(...(await Promise.all(xs.map((x) => f(x)))))`, keeping the order.
 * A loop that starts with `const v = await f(x);` and then adds results up
 * (`text += …`) keeps its body and its order: only the reads run together,
 * `for (const [x, v] of await Promise.all(xs.map(async (x) => [x, await f(x)])))`.
 * The counting loop `for (let i = 0; i < xs.length; i++) { const x = xs[i]; … }`
 * is read as the for…of loop it stands for. Consecutive independent awaits of one
 * call (`const a = await fetch(u1); const b = await fetch(u2);`) become one
 * `const [a, b] = await Promise.all([fetch(u1), fetch(u2)]);`.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { sequenceAt } from '../../evidence/javascript/snippet/detectors/await-in-loop.js';
import { isFunctionLike, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { bindingNames, findingsOf, fixOutput, indentAt, lineOfPos, nodeAt, parse, spansOf, statementLineRange, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** `out.push(await E)` or `const v = await E; out.push(v);` → [out, E]. */
function collectShape(model: SnippetModel, stmts: readonly TS.Statement[]): { target: string; awaited: TS.Expression } | null {
  const { ts, sourceFile } = model;
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
function writesOuter(model: SnippetModel, loop: TS.ForOfStatement | TS.ForStatement): boolean {
  const { ts } = model;
  const K = ts.SyntaxKind;
  const local = new Set<string>();
  const init = loop.initializer;
  if (init !== undefined && ts.isVariableDeclarationList(init)) for (const d of init.declarations) bindingNames(ts, d.name, local);
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
function prefetchShape(model: SnippetModel, body: TS.Statement, stmts: readonly TS.Statement[]): { first: TS.VariableStatement; name: TS.BindingName; awaited: TS.Expression } | null {
  const { ts } = model;
  if (!ts.isBlock(body) || stmts.length < 2) return null;
  const first = stmts[0];
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

/**
 * A loop read as "for each item of an array": for…of, or the counting loop
 * `for (let i = 0; i < xs.length; i++) { const x = xs[i]; … }` whose counter
 * serves only to pick the item (the same loop written the old way).
 */
interface ItemLoop {
  loop: TS.ForOfStatement | TS.ForStatement;
  binding: string;
  iterable: string;
  /** The part inside `for (…)` that names the item: replaced when the loop keeps its body. */
  head: { start: number; end: number };
  /** The body's statements, without the counting loop's `const x = xs[i];`. */
  statements: readonly TS.Statement[];
  /** Edits that drop the counting loop's `const x = xs[i];` line. */
  drop: Edit[];
}

function forOfLoop(model: SnippetModel, loop: TS.ForOfStatement): ItemLoop | null {
  const { ts, sourceFile } = model;
  const init = loop.initializer;
  if (loop.awaitModifier || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return null;
  return {
    loop,
    binding: (init.declarations[0] as TS.VariableDeclaration).name.getText(sourceFile),
    iterable: loop.expression.getText(sourceFile),
    head: { start: init.getStart(sourceFile), end: loop.expression.end },
    statements: ts.isBlock(loop.statement) ? [...loop.statement.statements] : [loop.statement],
    drop: [],
  };
}

function countingLoop(model: SnippetModel, loop: TS.ForStatement): ItemLoop | null {
  const { ts, sourceFile } = model;
  const K = ts.SyntaxKind;
  const init = loop.initializer;
  if (init === undefined || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return null;
  const counter = init.declarations[0] as TS.VariableDeclaration;
  if (!ts.isIdentifier(counter.name) || counter.initializer?.getText(sourceFile) !== '0') return null;
  const i = counter.name.text;
  const cond = loop.condition;
  if (!cond || !ts.isBinaryExpression(cond) || cond.operatorToken.kind !== K.LessThanToken || cond.left.getText(sourceFile) !== i) return null;
  if (!ts.isPropertyAccessExpression(cond.right) || cond.right.name.text !== 'length') return null;
  const iterable = cond.right.expression.getText(sourceFile);
  const inc = loop.incrementor?.getText(sourceFile).replace(/\s+/g, '');
  if (inc !== `${i}++` && inc !== `++${i}` && inc !== `${i}+=1`) return null;
  if (!ts.isBlock(loop.statement)) return null;
  const [first, ...rest] = loop.statement.statements;
  if (!first || !ts.isVariableStatement(first) || first.declarationList.declarations.length !== 1) return null;
  const item = first.declarationList.declarations[0] as TS.VariableDeclaration;
  const pick = item.initializer;
  if (!ts.isIdentifier(item.name) || !pick || !ts.isElementAccessExpression(pick)) return null;
  if (pick.expression.getText(sourceFile) !== iterable || pick.argumentExpression.getText(sourceFile) !== i) return null;
  // The counter must do nothing else: no `xs[i + 1]`, no logging of `i`.
  const uses = (model.identifiers.get(i) ?? []).filter((id) => id.pos >= loop.statement.pos && id.end <= loop.statement.end);
  if (uses.length !== 1) return null;
  return {
    loop,
    binding: item.name.text,
    iterable,
    head: { start: init.getStart(sourceFile), end: loop.incrementor!.end },
    statements: rest,
    drop: [{ ...statementLineRange(model.text, first, sourceFile), text: '' }],
  };
}

/** The straight-line run starting at `start`, as one `Promise.all` declaration; null when its statements differ in kind or hold comments. */
function sequenceFix(model: SnippetModel, start: number): { edit: Edit; note: Phrase } | null {
  const { ts, sourceFile } = model;
  const first = nodeAt(model, start, null, ts.isVariableStatement);
  const list = first?.parent !== undefined && (ts.isBlock(first.parent) || ts.isSourceFile(first.parent)) ? first.parent.statements : null;
  if (first === null || list === null) return null;
  const run = sequenceAt(model, list, list.indexOf(first));
  if (run.length === 0) return null;
  const last = run[run.length - 1]!;
  const kinds = new Set(run.map((s) => s.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)));
  // A comment between the lines would be lost in the rewrite: leave such code to the person.
  if (kinds.size !== 1 || run.slice(1).some((s) => /\/[/*]/.test(model.text.slice(s.pos, s.getStart(sourceFile))))) return null;
  const keyword = first.declarationList.getFirstToken(sourceFile)?.getText(sourceFile) ?? 'const';
  const decls = run.map((s) => s.declarationList.declarations[0]!);
  const names = decls.map((d) => d.name.getText(sourceFile));
  const calls = decls.map((d) => (d.initializer as TS.AwaitExpression).expression.getText(sourceFile));
  const indent = indentAt(model.text, first.getStart(sourceFile));
  const oneLine = `${keyword} [${names.join(', ')}] = await Promise.all([${calls.join(', ')}]);`;
  const text = indent.length + oneLine.length <= 100 ? oneLine : `${keyword} [${names.join(', ')}] = await Promise.all([\n${calls.map((c) => `${indent}  ${c},`).join('\n')}\n${indent}]);`;
  return {
    edit: { start: first.getStart(sourceFile), end: last.end, text },
    note: words('fix.js.all-sequence', { count: run.length, callee: calls[0]!.split('(')[0]!, line: lineOfPos(model, first.getStart(sourceFile)) }),
  };
}

/**
 * Any other counting loop whose body only collects (`out.push(await f(i))`, a range such as
 * `for (let i = 1; i <= 5; i++)` that no array's map stands for): the loop starts every call and
 * keeps its promise, and one `Promise.all` after it waits for them all, in order. Not when the loop's
 * head reads the array it fills (`i < out.length`), which would then never grow.
 */
function gatherThenAwait(model: SnippetModel, loop: TS.ForStatement): Edit[] | null {
  const { ts, sourceFile } = model;
  if (!ts.isBlock(loop.statement)) return null;
  const stmts = loop.statement.statements;
  const shape = collectShape(model, stmts);
  if (shape === null || !/^[\w$.]+$/.test(shape.target)) return null;
  const head = [loop.initializer, loop.condition, loop.incrementor].map((n) => n?.getText(sourceFile) ?? '').join(' ');
  const root = shape.target.split('.')[0]!;
  const reads = new RegExp(`(^|[^\\w$.])${root.replace(/\$/g, '\\$')}\\b`);
  if (reads.test(head) || reads.test(shape.awaited.getText(sourceFile))) return null;
  let pending = 'pending';
  for (let n = 2; model.identifiers.has(pending); n++) pending = `pending${n}`;
  const indent = indentAt(model.text, loop.getStart(sourceFile));
  const first = stmts[0]!;
  const last = stmts[stmts.length - 1]!;
  return [
    { start: loop.getStart(sourceFile), end: loop.getStart(sourceFile), text: `const ${pending} = [];\n${indent}` },
    { start: first.getStart(sourceFile), end: last.end, text: `${pending}.push(${shape.awaited.getText(sourceFile)});` },
    { start: loop.end, end: loop.end, text: `\n${indent}${shape.target}.push(...(await Promise.all(${pending})));` },
  ];
}

export const promiseAll: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.await-in-loop']);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { start, end, finding } of spansOf(targets, model)) {
    if (finding.data?.kind === 'sequence') {
      const seq = sequenceFix(model, start);
      if (seq !== null) {
        edits.push(seq.edit);
        notes.push(seq.note);
      }
      continue;
    }
    const forOf = nodeAt(model, start, end, ts.isForOfStatement);
    const counting = forOf === null ? nodeAt(model, start, end, ts.isForStatement) : null;
    const view = forOf !== null ? forOfLoop(model, forOf) : counting !== null ? countingLoop(model, counting) : null;
    if (view === null) {
      const gathered = counting !== null ? gatherThenAwait(model, counting) : null;
      if (gathered !== null) {
        edits.push(...gathered);
        notes.push(words('fix.js.all-gathered', { line: lineOfPos(model, start) }));
      }
      continue;
    }
    const { loop, binding, iterable, statements, drop } = view;
    const line = lineOfPos(model, start);
    const shape = collectShape(model, statements);
    if (shape !== null) {
      edits.push({
        start,
        end,
        text: `${shape.target}.push(...(await Promise.all(${mapOver(iterable, `(${binding}) => ${shape.awaited.getText(sourceFile)}`)})));`,
      });
      notes.push(words('fix.js.all-in-order', { line }));
      continue;
    }
    if (!ts.isBlock(loop.statement)) continue;
    const inner = writesOuter(model, loop) ? null : continuesToReturns(model, loop.statement);
    if (inner !== null) {
      edits.push({ start, end: loop.statement.getStart(sourceFile), text: `await Promise.all(${mapOver(iterable, `async (${binding}) => `)}`.slice(0, -1) });
      edits.push(...inner, ...drop);
      edits.push({ start: loop.statement.end, end: loop.statement.end, text: '));' });
      notes.push(words('fix.js.all-items', { line, iterable }));
      continue;
    }
    const pre = prefetchShape(model, loop.statement, statements);
    if (pre === null) continue;
    const value = pre.name.getText(sourceFile);
    const fetched = `await Promise.all(${mapOver(iterable, `async (${binding}) => [${binding}, await ${pre.awaited.getText(sourceFile)}]`)})`;
    edits.push({ ...view.head, text: `const [${binding}, ${value}] of ${fetched}` });
    edits.push({ ...statementLineRange(model.text, pre.first, sourceFile), text: '' }, ...drop);
    notes.push(words('fix.js.all-then-body', { line, callee: pre.awaited.getText(sourceFile).split('(')[0]! }));
  }
  return fixOutput(input.code, model, edits, notes);
};
