/**
 * js.double-reply: a discord.js handler that acknowledges one interaction
 * twice on the same path (reply then reply, deferReply then reply, …); the
 * second call fails with `InteractionAlreadyReplied` / 40060.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import type { SnippetModel } from '../model.js';
import { interactionCalls, isAck, type InteractionCall } from '../interactions.js';
import { isInside, position, span } from '../where.js';
import { words } from '../../../types.js';

const GUARD = /\.(?:replied|deferred)\b|isRepliable\(\)/;

/** True when running `a` means `b` cannot run afterwards (other branch, or `a` is followed by return). */
function exclusive(model: SnippetModel, a: TS.Node, b: TS.Node): boolean {
  const { ts, sourceFile } = model;
  // Different branches of an if / switch.
  let cur: TS.Node | undefined = a.parent;
  while (cur !== undefined && !isInside(b, cur)) {
    const parent: TS.Node | undefined = cur.parent;
    if (parent && ts.isIfStatement(parent) && parent.thenStatement === cur && parent.elseStatement && isInside(b, parent.elseStatement)) return true;
    if (parent && ts.isCaseBlock(parent) && ts.isCaseOrDefaultClause(cur)) return true;
    if (parent && ts.isTryStatement(parent) && parent.catchClause === cur) return true; // a in catch, b after: rare
    cur = parent;
  }
  // `a` ends its path: a return/throw after it, before the branch that contains `b`.
  let node: TS.Node = a;
  while (node.parent !== undefined && !isInside(b, node.parent)) {
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) return true;
    const parent: TS.Node = node.parent;
    if (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isSourceFile(parent)) {
      const stmts = parent.statements;
      const i = stmts.indexOf(node as TS.Statement);
      for (let j = i + 1; j < stmts.length; j++) {
        const s = stmts[j] as TS.Statement;
        if (ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s)) return true;
      }
    }
    node = parent;
  }
  if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) return true;
  // `b` guarded by `if (interaction.replied || interaction.deferred)`.
  let g: TS.Node | undefined = b.parent;
  while (g !== undefined && !isInside(a, g)) {
    if ((ts.isIfStatement(g) || ts.isConditionalExpression(g)) && GUARD.test((ts.isIfStatement(g) ? g.expression : g.condition).getText(sourceFile))) return true;
    g = g.parent;
  }
  return false;
}

/**
 * `a` is the last statement of the `try` that `b`'s `catch` belongs to (`await interaction.reply(…)` after
 * the work that may fail, as the discord.js guide's reload command writes it): nothing in the `try` runs
 * after the answer, so the `catch` runs only when the answer was never given.
 */
function lastInTry(model: SnippetModel, a: TS.Node, b: TS.Node): boolean {
  const { ts } = model;
  for (let cur: TS.Node | undefined = b.parent; cur !== undefined; cur = cur.parent) {
    if (!ts.isTryStatement(cur) || !cur.catchClause || !isInside(b, cur.catchClause)) continue;
    const last = cur.tryBlock.statements[cur.tryBlock.statements.length - 1];
    if (last === undefined || !ts.isExpressionStatement(last)) return false;
    let expr = last.expression;
    while (ts.isAwaitExpression(expr) || ts.isParenthesizedExpression(expr)) expr = expr.expression;
    return expr === a;
  }
  return false;
}

function inCatchOf(model: SnippetModel, a: TS.Node, b: TS.Node): boolean {
  const { ts } = model;
  let cur: TS.Node | undefined = b.parent;
  while (cur !== undefined) {
    if (ts.isTryStatement(cur) && cur.catchClause && isInside(b, cur.catchClause) && isInside(a, cur.tryBlock)) return true;
    cur = cur.parent;
  }
  return false;
}

export const doubleReply: Detector = {
  id: 'js.double-reply',
  detect(model) {
    const out: RawFinding[] = [];
    for (const calls of interactionCalls(model).values()) {
      const acks = calls.filter((c) => isAck(c.method));
      let flagged = false;
      for (let i = 0; i < acks.length && !flagged; i++) {
        for (let j = i + 1; j < acks.length && !flagged; j++) {
          const a = acks[i] as InteractionCall;
          const b = acks[j] as InteractionCall;
          if (a.receiver !== b.receiver) continue;
          if (exclusive(model, a.call, b.call)) continue;
          const viaCatch = inCatchOf(model, a.call, b.call);
          if (viaCatch && lastInTry(model, a.call, b.call)) continue;
          const aLine = position(model, a.call).line;
          out.push({
            ...position(model, b.call),
            message: viaCatch
              ? words('js.double-reply.in-catch', { receiver: b.receiver, method: b.method, firstReceiver: a.receiver, first: a.method, line: aLine })
              : words('js.double-reply', { receiver: b.receiver, method: b.method, firstReceiver: a.receiver, first: a.method, line: aLine, instead: a.method.startsWith('defer') ? 'editReply' : 'followUp' }),
            confidence: viaCatch ? 0.6 : 0.9,
            data: {
              ...span(model, b.call),
              receiver: b.receiver,
              first: a.method,
              second: b.method,
              via: viaCatch ? 'catch' : 'sequence',
            },
          });
          flagged = true;
        }
      }
    }
    return out;
  },
};
