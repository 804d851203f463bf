/** The custom_id of an answer's buttons: render/discord.ts writes them, app/answer-buttons.ts reads a press. */

/**
 * What a button says, encoded in its custom_id: the action and the public id of
 * the case it was rendered for. It grants nothing: the case a press acts on is
 * the one attached to the pressed message, and a custom_id naming another case
 * is refused.
 */
export type ButtonAction =
  | { kind: 'fix'; caseKey: string }
  | { kind: 'vote'; vote: 'helpful' | 'wrong'; caseKey: string }
  | { kind: 'delete'; caseKey: string }
  /** The rule's whole page, when no published copy of docs/rules/ is configured to link to. */
  | { kind: 'full'; caseKey: string };

const kinds = { fix: 'fix', up: 'up', down: 'down', delete: 'del', full: 'full' } as const;
/** `ab:<action>:<public id>`; a public id is 22 base64url characters. */
const buttonIdPattern = /^ab:(fix|up|down|del|full):([A-Za-z0-9_-]{22})$/;

export function encodeButton(action: ButtonAction): string {
  const kind = action.kind === 'vote' ? (action.vote === 'helpful' ? kinds.up : kinds.down) : kinds[action.kind];
  return `ab:${kind}:${action.caseKey}`;
}

/** The action a custom_id names, or null for anything this bot did not write (garbage, an old format). */
export function decodeButton(customId: string): ButtonAction | null {
  const m = buttonIdPattern.exec(customId);
  if (!m) return null;
  const [, kind, caseKey] = m as unknown as [string, 'fix' | 'up' | 'down' | 'del' | 'full', string];
  if (kind === 'fix') return { kind: 'fix', caseKey };
  if (kind === 'full') return { kind: 'full', caseKey };
  if (kind === 'del') return { kind: 'delete', caseKey };
  return { kind: 'vote', vote: kind === 'up' ? 'helpful' : 'wrong', caseKey };
}
