/**
 * js.await-in-loop (a tip, never an error): a `for` loop that awaits one
 * independent call per item, so the calls run one after another when they
 * could run together with `Promise.all`. The same mistake written out without
 * a loop counts too: `const a = await fetch(u1); const b = await fetch(u2);`,
 * the same call awaited on consecutive lines with arguments that do not read
 * each other's results (see `sequenceAt`). Loops whose iterations depend on
 * each other (an outer variable one iteration writes and a later one reads,
 * `break`/`return`, deliberate delays, ordered Discord messages) are left
 * alone. Adding up results (`total += msgs.size`, `text += line`) does not
 * make the reads depend on each other: the classic case is one discord.js
 * `users.fetch` / `messages.fetch` per item.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, isAsync, isFunctionLike, type SnippetModel } from '../model.js';
import { promiseCall } from '../promises.js';
import { isInside, position, span, unwrap } from '../where.js';
import { words } from '../../../types.js';

const DELIBERATE = /sleep|delay|wait|timeout|settimeout|retry|throttle|limit/i;

function bindingNames(ts: SnippetModel['ts'], name: TS.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(ts, el.name, into);
}

function loopNames(model: SnippetModel, loop: TS.ForOfStatement | TS.ForStatement): Set<string> | null {
  const { ts } = model;
  const names = new Set<string>();
  const init = loop.initializer;
  if (init === undefined || !ts.isVariableDeclarationList(init)) return null;
  for (const decl of init.declarations) bindingNames(ts, decl.name, names);
  return names;
}

/** Inspects the loop body; null when the iterations look dependent. */
function independentAwaits(model: SnippetModel, loop: TS.ForOfStatement | TS.ForStatement, names: Set<string>): TS.AwaitExpression[] | null {
  const { ts } = model;
  const K = ts.SyntaxKind;
  const local = new Set(names);
  const awaits: TS.AwaitExpression[] = [];
  let dependent = false;
  // Outer variables the body writes, and the identifiers that are those writes.
  const written = new Set<string>();
  const writeSites = new Set<TS.Node>();
  const write = (target: TS.Expression): void => {
    const t = unwrap(ts, target);
    if (!ts.isIdentifier(t) || local.has(t.text)) return;
    written.add(t.text);
    writeSites.add(t);
  };
  const visit = (node: TS.Node, nested: boolean): void => {
    if (dependent) return;
    if (isFunctionLike(ts, node)) {
      ts.forEachChild(node, (c) => visit(c, true));
      return;
    }
    switch (node.kind) {
      case K.VariableDeclaration:
        bindingNames(ts, (node as TS.VariableDeclaration).name, local);
        break;
      case K.BreakStatement:
      case K.ReturnStatement:
      case K.ThrowStatement:
      case K.LabeledStatement:
        if (!nested) dependent = true;
        break;
      case K.ForStatement:
      case K.ForOfStatement:
      case K.ForInStatement:
      case K.WhileStatement:
      case K.DoStatement:
        if (!nested) dependent = true; // nested loops: leave them to the person
        break;
      case K.BinaryExpression: {
        const bin = node as TS.BinaryExpression;
        const op = bin.operatorToken.kind;
        if (op >= K.FirstAssignment && op <= K.LastAssignment) write(bin.left);
        break;
      }
      case K.PrefixUnaryExpression:
      case K.PostfixUnaryExpression: {
        const un = node as TS.PrefixUnaryExpression | TS.PostfixUnaryExpression;
        if (un.operator === K.PlusPlusToken || un.operator === K.MinusMinusToken) write(un.operand);
        break;
      }
      case K.AwaitExpression:
        if (!nested) awaits.push(node as TS.AwaitExpression);
        break;
    }
    ts.forEachChild(node, (c) => visit(c, nested));
  };
  visit(loop.statement, false);
  if (dependent || awaits.length === 0) return null;
  // A written outer variable read anywhere in the loop (other than by its own `+=`)
  // carries a value from one iteration to the next: pagination cursors, early-exit flags.
  for (const name of written) {
    const reads = (model.identifiers.get(name) ?? []).filter((id) => isInside(id, loop) && !writeSites.has(id));
    if (reads.length > 0) return null;
  }
  for (const aw of awaits) {
    const inner = unwrap(ts, aw.expression);
    const text = inner.getText(model.sourceFile);
    if (DELIBERATE.test(ts.isCallExpression(inner) ? inner.expression.getText(model.sourceFile) : text)) return null;
    if (ts.isCallExpression(inner)) {
      const known = promiseCall(model, inner);
      // Discord messages and replies must keep their order (and rate limits).
      const method = ts.isPropertyAccessExpression(inner.expression) ? inner.expression.name.text : '';
      if (known !== null && ((known.source === 'discord' && method !== 'fetch') || known.source === 'timers')) return null;
    }
    // Each awaited call must use this iteration's own values.
    let usesIteration = false;
    const scan = (n: TS.Node): void => {
      if (usesIteration) return;
      if (ts.isIdentifier(n) && local.has(n.text)) usesIteration = true;
      else ts.forEachChild(n, scan);
    };
    scan(aw.expression);
    if (!usesIteration) return null;
  }
  return awaits;
}

/** `const x = await f(…);`: the declaration's name and awaited call, or null. */
function awaitedDeclaration(model: SnippetModel, stmt: TS.Statement): { name: string; call: TS.CallExpression } | null {
  const { ts } = model;
  if (!ts.isVariableStatement(stmt) || stmt.declarationList.declarations.length !== 1) return null;
  const decl = stmt.declarationList.declarations[0] as TS.VariableDeclaration;
  if (!ts.isIdentifier(decl.name) || decl.initializer === undefined || !ts.isAwaitExpression(decl.initializer)) return null;
  const call = unwrap(ts, decl.initializer.expression);
  return ts.isCallExpression(call) && call.arguments.length > 0 ? { name: decl.name.text, call } : null;
}

/** The statement's call passes the straight-line checks: not a deliberate wait, not an ordered Discord message or timer. */
function independentByItself(model: SnippetModel, call: TS.CallExpression): boolean {
  const { ts } = model;
  // `await Promise.all([…])` twice in a row: two rounds that each run together, on purpose.
  if (DELIBERATE.test(call.expression.getText(model.sourceFile)) || /^Promise\./.test(call.expression.getText(model.sourceFile))) return false;
  const known = promiseCall(model, call);
  const method = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
  return !(known !== null && ((known.source === 'discord' && method !== 'fetch') || known.source === 'timers'));
}

/**
 * The run of straight-line awaits starting at `statements[from]`: at least two consecutive
 * `const x = await f(…)` of the same callee, each with its own arguments, none reading a name an
 * earlier one of the run declared. Shared with the fixer, which rewrites exactly this run.
 */
export function sequenceAt(model: SnippetModel, statements: readonly TS.Statement[], from: number): TS.VariableStatement[] {
  const { ts } = model;
  const first = statements[from];
  const head = first === undefined ? null : awaitedDeclaration(model, first);
  if (head === null || !independentByItself(model, head.call)) return [];
  const callee = head.call.expression.getText(model.sourceFile);
  const names = new Set([head.name]);
  const argTexts = new Set([head.call.arguments.map((a) => a.getText(model.sourceFile)).join(',')]);
  const run = [first as TS.VariableStatement];
  for (let i = from + 1; i < statements.length; i++) {
    const next = awaitedDeclaration(model, statements[i]!);
    if (next === null || next.call.expression.getText(model.sourceFile) !== callee || names.has(next.name)) break;
    const args = next.call.arguments.map((a) => a.getText(model.sourceFile)).join(',');
    let reads = false;
    const scan = (n: TS.Node): void => {
      if (reads) return;
      if (ts.isIdentifier(n) && names.has(n.text)) reads = true;
      else ts.forEachChild(n, scan);
    };
    next.call.arguments.forEach(scan);
    if (reads || argTexts.has(args)) break;
    names.add(next.name);
    argTexts.add(args);
    run.push(statements[i] as TS.VariableStatement);
  }
  return run.length >= 2 ? run : [];
}

/** Statement lists of async code: async function bodies, and the top level where it may await. */
function asyncStatementLists(model: SnippetModel): (readonly TS.Statement[])[] {
  const { ts } = model;
  const lists: (readonly TS.Statement[])[] = [];
  if (model.esModule) lists.push(model.sourceFile.statements);
  const wrapper = model.bodyWrapper;
  if (wrapper?.body !== undefined && ts.isBlock(wrapper.body)) lists.push(wrapper.body.statements);
  for (const fn of model.functions) if (isAsync(ts, fn) && fn.body !== undefined && ts.isBlock(fn.body)) lists.push(fn.body.statements);
  return lists;
}

export const awaitInLoop: Detector = {
  id: 'js.await-in-loop',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const loop of model.loops) {
      if (!(ts.isForOfStatement(loop) && loop.awaitModifier === undefined) && !ts.isForStatement(loop)) continue;
      const fn = enclosingFunction(ts, loop);
      if (fn === null ? !model.esModule : !isAsync(ts, fn)) continue;
      // Only the innermost loop: an outer loop around it is dependent by our rule anyway.
      const names = loopNames(model, loop);
      if (names === null) continue;
      const awaits = independentAwaits(model, loop, names);
      if (awaits === null) continue;
      const first = awaits[0] as TS.AwaitExpression;
      if (!isInside(first, loop.statement)) continue;
      out.push({
        ...position(model, loop),
        message: words('js.await-in-loop', { call: first.expression.getText(model.sourceFile).split('\n')[0]! }),
        confidence: 0.5,
        // What a for…of loop walks over (`ids`), so the reply's `Promise.all(….map(…))` can name it.
        data: { ...span(model, loop), kind: ts.isForOfStatement(loop) ? 'for-of' : 'for', ...(ts.isForOfStatement(loop) ? { iterable: loop.expression.getText(model.sourceFile) } : {}) },
      });
    }
    for (const statements of asyncStatementLists(model)) {
      for (let i = 0; i < statements.length; i++) {
        const run = sequenceAt(model, statements, i);
        if (run.length === 0) continue;
        const first = run[0]!;
        const last = run[run.length - 1]!;
        const call = awaitedDeclaration(model, first)!.call;
        out.push({
          ...position(model, first),
          message: words('js.await-in-loop.sequence', { count: run.length, call: call.expression.getText(model.sourceFile) }),
          confidence: 0.5,
          data: { start: String(first.getStart(model.sourceFile) - model.offset), end: String(last.end - model.offset), kind: 'sequence', count: String(run.length) },
        });
        i += run.length - 1;
      }
    }
    return out;
  },
};
