/**
 * Failures that stop a Discord bot before it runs, found by their library's own message wherever the
 * paste shows it: after the exception type, printed alone by the bot's own `except`, or inside a
 * task's repr (`exception=LoginFailure('Improper token has been passed.')`).
 */
import type { FatalFailure } from './types.js';

/** Messages from the libraries' sources, with the class each is raised as. */
const known: readonly { type: string; message: string }[] = [
  // discord.py http.py, static_login(): a 401 from GET /users/@me.
  { type: 'LoginFailure', message: 'Improper token has been passed' },
  // discord.py errors.py, PrivilegedIntentsRequired ("Shard ID %s is requesting privileged intents that have not been
  // explicitly enabled …"): its start, as a console or an issue form often cuts the long message.
  { type: 'PrivilegedIntentsRequired', message: 'is requesting privileged intents' },
  // discord.js ErrorCodes TokenInvalid and DisallowedIntents.
  { type: 'TokenInvalid', message: 'An invalid token was provided' },
  { type: 'DisallowedIntents', message: 'Privileged intent provided is not enabled or whitelisted' },
];
const lowered = known.map((k) => ({ ...k, needle: k.message.toLowerCase() }));

export function findFatalFailures(lines: readonly string[]): FatalFailure[] {
  const found: FatalFailure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const lower = lines[i]!.toLowerCase();
    for (const k of lowered) if (lower.includes(k.needle)) found.push({ type: k.type, message: k.message, lineIndex: i });
  }
  return found;
}
