/** discord.js interaction handlers as seen in a snippet: which calls acknowledge which interaction. */
import type * as TS from 'typescript';
import { enclosingFunction, type FunctionLike, type SnippetModel } from './model.js';
import { INTERACTION_ACKS, isInteractionLike } from './promises.js';

export interface InteractionCall {
  call: TS.CallExpression;
  method: string;
  /** The interaction as written: `interaction`, `i`. */
  receiver: string;
}

const RESPONSES = new Set([...INTERACTION_ACKS, 'followUp', 'editReply', 'deleteReply']);

/** Interaction response calls grouped by the function they are made in (not nested callbacks). */
export function interactionCalls(model: SnippetModel): Map<FunctionLike, InteractionCall[]> {
  const { ts, sourceFile } = model;
  const byFunction = new Map<FunctionLike, InteractionCall[]>();
  for (const call of model.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !RESPONSES.has(callee.name.text)) continue;
    if (!isInteractionLike(ts, model, callee.expression)) continue;
    const fn = enclosingFunction(ts, call);
    if (fn === null) continue;
    const entry = { call, method: callee.name.text, receiver: callee.expression.getText(sourceFile) };
    const list = byFunction.get(fn);
    if (list) list.push(entry);
    else byFunction.set(fn, [entry]);
  }
  for (const list of byFunction.values()) list.sort((a, b) => a.call.pos - b.call.pos);
  return byFunction;
}

export function isAck(method: string): boolean {
  return INTERACTION_ACKS.has(method);
}
