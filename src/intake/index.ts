/** intake: whatever arrived (message text, attachment, modal, file) → a normalised, redacted Paste. */
import { splitBlocks } from './blocks.js';
import { htmlCodeToFences } from './html-code.js';
import { stripLogPrefixes } from './log-prefixes.js';
import { decodeBytes, normalizeText } from './normalize.js';
import { redactSecrets } from './redact.js';
import type { Paste } from './types.js';

export type { Block, Paste, Redaction } from './types.js';
export { redactSecrets } from './redact.js';

export function intake(input: string | Uint8Array): Paste {
  const raw = typeof input === 'string' ? input : decodeBytes(input);
  const { text: normalized, truncated, binary } = normalizeText(raw);
  // pm2, docker compose and Heroku put their own prefix before every line the program printed.
  const normal = binary ? normalized : stripLogPrefixes(htmlCodeToFences(normalized).split('\n')).join('\n');
  // Redact first: nothing downstream (matching, storage, echo) ever sees a secret.
  const { text, redactions } = redactSecrets(normal);
  const lines = text.split('\n');
  return { text, lines, blocks: binary ? [] : splitBlocks(lines), redactions, truncated, binary };
}
