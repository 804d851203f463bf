/**
 * py.defer-first: a slash-command handler whose first answer came after Discord's 3 seconds acknowledges the
 * interaction first. In the async def that holds the block's one first answer, after slow work, an awaited
 * `interaction.response.defer()` (discord.py, nextcord, disnake) or `ctx.defer()` (Pycord's ApplicationContext)
 * becomes the body's first statement, and discord.py's `response.send_message(…)` becomes `followup.send(…)`
 * (a deferred interaction's answer is a followup; a second response would raise InteractionResponded). Pycord's
 * `ctx.respond(…)` stays: it sends a followup once the interaction is deferred.
 * Declines when the block already defers, has more than one first answer, answers on the handler's first line
 * (nothing slow ran before it: a blocked loop or a slow network is the cause, which the rule's steps cover), or the
 * handler's body starts with a docstring or on the def's own line.
 */
import type { Fixer } from '../types.js';
import { applyEdits, finish, type Edit } from './edit.js';
import { words } from '../../evidence/types.js';

/** `await <name>.response.send_message(` (discord.py and its forks) or `await <name>.respond(` (Pycord). */
const FIRST_ANSWER = /\bawait[ \t]+([A-Za-z_]\w{0,60})\.(response\.send_message|respond)\(/g;
const ASYNC_DEF = /^([ \t]*)async[ \t]+def[ \t]/;

export const deferFirst: Fixer = (input) => {
  const code = input.code;
  if (/\.defer\(/.test(code)) return null;
  const answers = [...code.matchAll(FIRST_ANSWER)];
  if (answers.length !== 1) return null;
  const answer = answers[0]!;
  const receiver = answer[1]!;
  const method = answer[2]!;
  const lines = code.split('\n');
  const answerLine = code.slice(0, answer.index).split('\n').length - 1;
  const answerIndent = /^[ \t]*/.exec(lines[answerLine]!)![0];
  // The async def the answer sits in: the nearest one above it, indented less.
  let def = -1;
  for (let i = answerLine - 1; i >= 0; i--) {
    const m = ASYNC_DEF.exec(lines[i]!);
    if (m && m[1]!.length < answerIndent.length) {
      def = i;
      break;
    }
  }
  if (def < 0 || !lines[def]!.trimEnd().endsWith(':')) return null;
  // Its first statement (a multi-line signature ends at the line with the colon, which the check above needs).
  let first = def + 1;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  if (first >= answerLine) return null;
  const firstLine = lines[first]!;
  if (/^[ \t]*(?:[rbuRBU]{0,2})["']/.test(firstLine)) return null;
  const indent = /^[ \t]*/.exec(firstLine)![0];
  let start = 0;
  for (let i = 0; i < first; i++) start += lines[i]!.length + 1;
  const defer = method === 'respond' ? `await ${receiver}.defer()` : `await ${receiver}.response.defer()`;
  const edits: Edit[] = [{ start, end: start, text: `${indent}${defer}\n` }];
  if (method === 'response.send_message') {
    const at = answer.index! + answer[0].indexOf('response.send_message');
    edits.push({ start: at, end: at + 'response.send_message'.length, text: 'followup.send' });
  }
  const note =
    method === 'respond'
      ? words('fix.py.defer-first', { defer, line: first + 1 })
      : words('fix.py.defer-first-followup', { defer, line: first + 1, followup: `${receiver}.followup.send` });
  return finish(input, applyEdits(code, edits), [note]);
};
