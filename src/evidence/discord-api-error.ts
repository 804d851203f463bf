/** discord.js API errors: `DiscordAPIError[10062]: Unknown interaction` (v14) and v13's `DiscordAPIError: Unknown interaction`. */
import type { DiscordApiError } from './types.js';

const v14 = /DiscordAPIError\[(\d{1,7})\]:? ?(.*)/;
const v13 = /DiscordAPIError: (.+)/;

/** v13 printed no code in the first line; these messages identify it. */
const codeByMessage: Record<string, number> = {
  'unknown interaction': 10062,
  'interaction has already been acknowledged.': 40060,
  'interaction has already been acknowledged': 40060,
  'unknown message': 10008,
  'missing permissions': 50013,
  'missing access': 50001,
};

export function parseDiscordApiErrors(lines: readonly string[]): DiscordApiError[] {
  const out: DiscordApiError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes('DiscordAPIError')) continue;
    const m = v14.exec(line);
    if (m) {
      out.push({ code: Number(m[1]), message: m[2]!.trim(), lineIndex: i });
      continue;
    }
    const old = v13.exec(line);
    const code = old ? codeByMessage[old[1]!.trim().toLowerCase()] : undefined;
    if (old && code) out.push({ code, message: old[1]!.trim(), lineIndex: i });
  }
  return out;
}
