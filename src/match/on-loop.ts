/**
 * Whether the mistake a match is about sits where an event loop already runs
 * (an `async def`, a notebook cell, a discord.py handler, a FastAPI route).
 * There, advice to start a loop (`asyncio.run(…)`) is wrong: the user needs
 * `await`. Renderers pick the rule's `summaryInLoop` on it.
 */
import type { PasteContext, SnippetFinding } from '../evidence/types.js';

/** Python snippet scopes (the `context` a detector records) whose code runs on a loop. */
const loopScopes = new Set(['async', 'notebook', 'unknown-async']);
/** Frameworks whose user code (handlers, routes, cells) runs inside the loop they started. */
const loopContexts = ['jupyter', 'discordPy', 'fastapi'] as const;

export function mistakeRunsOnLoop(findings: readonly SnippetFinding[], context: PasteContext): boolean {
  const data = findings[0]?.data;
  // The detector saw where the mistake is: that settles it (a discord.py file's top level runs no loop yet).
  if (data?.context) return loopScopes.has(data.context);
  if (data?.inAsync) return data.inAsync === 'true';
  // Only error output to go on: the framework the paste shows runs the user's code on its loop.
  return loopContexts.some((k) => context[k]);
}
