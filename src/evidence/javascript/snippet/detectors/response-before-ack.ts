/**
 * js.response-before-ack: a discord.js handler whose first answer to an
 * interaction is `editReply`, `followUp` or `deleteReply`, with no `reply`,
 * `deferReply`, `update` or `deferUpdate` before it: discord.js throws
 * `InteractionNotReplied` ("The reply to this interaction has not been sent
 * or deferred.") before anything reaches Discord.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import type { FunctionLike, SnippetModel } from '../model.js';
import { interactionCalls, isAck } from '../interactions.js';
import { callTakingFunction, isInside, position, span } from '../where.js';
import { words } from '../../../types.js';

/** Calls that need an earlier acknowledgement. */
const NEEDS_ACK = new Set(['editReply', 'followUp', 'deleteReply']);
const INTERACTION_EVENTS = new Set(['interactionCreate', 'InteractionCreate', 'collect']);
const GUARD = /\.(?:replied|deferred)\b/;

/** The event a listener function is registered for (`client.on(Events.InteractionCreate, fn)`), if it is one. */
export function listenerEvent(model: SnippetModel, fn: FunctionLike): string | null {
  const { ts } = model;
  const call = callTakingFunction(ts, fn);
  if (call === null || !ts.isPropertyAccessExpression(call.expression)) return null;
  const method = call.expression.name.text;
  if (method !== 'on' && method !== 'once') return null;
  const event = call.arguments[0];
  if (event === undefined) return null;
  if (ts.isStringLiteral(event)) return event.text;
  if (ts.isPropertyAccessExpression(event)) return event.name.text;
  return null;
}

/** Whether code before `call` in `fn` hands the interaction to something else that may answer it (`command.execute(interaction)`). */
function handedOnBefore(model: SnippetModel, fn: FunctionLike, receiver: string, call: TS.CallExpression): boolean {
  const { ts } = model;
  return (model.identifiers.get(receiver) ?? []).some((id) => {
    if (id.pos >= call.pos || !isInside(id, fn)) return false;
    const parent = id.parent;
    return parent !== undefined && ts.isCallExpression(parent) && parent.arguments.some((a) => a === id);
  });
}

function guarded(model: SnippetModel, call: TS.CallExpression, fn: FunctionLike): boolean {
  const { ts, sourceFile } = model;
  for (let cur: TS.Node | undefined = call.parent; cur !== undefined && cur !== fn; cur = cur.parent) {
    if (ts.isIfStatement(cur) && GUARD.test(cur.expression.getText(sourceFile))) return true;
    if (ts.isConditionalExpression(cur) && GUARD.test(cur.condition.getText(sourceFile))) return true;
  }
  return false;
}

export const responseBeforeAck: Detector = {
  id: 'js.response-before-ack',
  detect(model) {
    const { sourceFile } = model;
    const out: RawFinding[] = [];
    const byFunction = interactionCalls(model);
    // Acknowledgements anywhere in the snippet, by interaction name: one made earlier (in an outer function too) counts.
    const acks = [...byFunction.values()].flat().filter((c) => isAck(c.method));
    for (const [fn, calls] of byFunction) {
      const seen = new Set<string>();
      for (const c of calls) {
        if (seen.has(c.receiver)) continue;
        seen.add(c.receiver);
        // Only the first response to each interaction in this function matters.
        if (isAck(c.method) || !NEEDS_ACK.has(c.method)) continue;
        if (acks.some((a) => a.receiver === c.receiver && a.call.pos < c.call.pos)) continue;
        if (guarded(model, c.call, fn) || handedOnBefore(model, fn, c.receiver, c.call)) continue;
        const event = listenerEvent(model, fn);
        // In the listener itself nothing can have answered before; a command's `execute` may be called after a central `deferReply`.
        const inListener = event !== null && INTERACTION_EVENTS.has(event);
        const component = event === 'collect' || /\.is(?:Button|StringSelectMenu|SelectMenu|MessageComponent)\(\)/.test(fn.getText(sourceFile));
        const answer = c.method === 'deleteReply' ? null : component && c.method === 'editReply' ? 'update' : 'reply';
        out.push({
          ...position(model, c.call),
          message: words(answer ? 'js.response-before-ack' : 'js.response-before-ack.reply-first', { receiver: c.receiver, method: c.method, answer: answer ?? '', nothing: words(c.method === 'followUp' ? 'js.response-before-ack.follow-up' : c.method === 'editReply' ? 'js.response-before-ack.edit' : 'js.response-before-ack.delete') }),
          confidence: inListener ? 0.85 : 0.45,
          data: { ...span(model, c.call), receiver: c.receiver, method: c.method, answer: answer ?? '' },
        });
      }
    }
    return out;
  },
};
