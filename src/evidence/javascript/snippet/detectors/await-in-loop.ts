/**
 * js.await-in-loop (a tip, never an error): a `for` loop that awaits one
 * independent call per item, so the calls run one after another when they
 * could run together with `Promise.all`. Loops whose iterations depend on
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
        message: `Tip: this loop waits for \`${first.expression.getText(model.sourceFile).split('\n')[0]}\` on each item before starting the next; the calls look independent, so \`await Promise.all(…)\` could run them together.`,
        confidence: 0.5,
        data: { ...span(model, loop), kind: ts.isForOfStatement(loop) ? 'for-of' : 'for' },
      });
    }
    return out;
  },
};
