/**
 * js.slow-work-before-defer: a discord.js interaction handler that awaits
 * other work (a fetch, a database, a sleep) before its first reply or
 * deferReply. Discord gives 3 seconds to acknowledge; past that the reply
 * fails with `Unknown interaction` (10062).
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, isAsync } from '../model.js';
import { interactionCalls, isAck } from '../interactions.js';
import { position, span, startOf, unwrap } from '../where.js';
import { words } from '../../../types.js';

/** The interaction itself is handed over (`execute(interaction)`, `{ interaction }`), not just a field of it. */
function handsOver(ts: Parameters<Detector['detect']>[0]['ts'], arg: TS.Expression, name: string): boolean {
  const inner = unwrap(ts, arg);
  if (ts.isIdentifier(inner)) return inner.text === name;
  if (ts.isObjectLiteralExpression(inner)) {
    return inner.properties.some(
      (p) => (ts.isShorthandPropertyAssignment(p) && p.name.text === name) || (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) && p.initializer.text === name),
    );
  }
  return false;
}

const ACK_STATE = /\.(?:deferred|replied)\b/;
const CHAIN = new Set(['then', 'catch', 'finally']);

export const slowWorkBeforeDefer: Detector = {
  id: 'js.slow-work-before-defer',
  detect(model) {
    const { ts, sourceFile } = model;
    const out: RawFinding[] = [];
    const handlers = interactionCalls(model);
    if (handlers.size === 0) return out;
    // The awaits of each handler, in source order, found in one pass.
    const awaitsOf = new Map<TS.Node, TS.AwaitExpression[]>();
    for (const aw of model.awaits) {
      const owner = enclosingFunction(ts, aw);
      if (owner === null || !handlers.has(owner)) continue;
      const list = awaitsOf.get(owner);
      if (list) list.push(aw);
      else awaitsOf.set(owner, [aw]);
    }
    for (const [fn, calls] of handlers) {
      if (!isAsync(ts, fn)) continue;
      const firstAck = calls.find((c) => isAck(c.method));
      if (firstAck === undefined) continue;
      const receiver = firstAck.receiver;
      const receiverRoot = receiver.split('.')[0] as string;
      // A handler that checks `interaction.deferred` / `.replied` tracks the acknowledgement itself.
      if (ACK_STATE.test(fn.getText(sourceFile))) continue;
      for (const aw of awaitsOf.get(fn) ?? []) {
        if (aw.pos >= firstAck.call.pos) break;
        let inner = unwrap(ts, aw.expression);
        // `interaction.deleteReply().catch(…)`: judge the call the chain starts from.
        while (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && CHAIN.has(inner.expression.name.text) && ts.isCallExpression(inner.expression.expression)) {
          inner = inner.expression.expression;
        }
        // Handing the interaction to something else (`command.execute(interaction)`): it acknowledges.
        if (ts.isCallExpression(inner) && inner.arguments.some((a) => handsOver(ts, a, receiverRoot))) break;
        if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression)) {
          const recv = inner.expression.expression.getText(sourceFile);
          if (recv === receiver) continue; // e.g. interaction.awaitModalSubmit is its own story
        }
        const ackLine = position(model, firstAck.call).line;
        out.push({
          ...position(model, aw),
          message: words('js.slow-work-before-defer', { work: aw.getText(sourceFile).split('\n')[0]!, receiver, method: firstAck.method, line: ackLine }),
          confidence: 0.7,
          data: {
            ...span(model, aw),
            receiver,
            ackMethod: firstAck.method,
            ackStart: startOf(model, firstAck.call),
            fnStart: startOf(model, fn),
          },
        });
        break;
      }
    }
    return out;
  },
};
