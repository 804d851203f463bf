/**
 * A Python excerpt often keeps a few of its file's imports and cuts the rest: `sys.platform` used
 * with no `import sys` anywhere in the paste says the imports shown are a selection, so a module
 * missing from them (asyncio) may have been imported above the cut.
 */
import type { Paste } from '../../intake/types.js';

/**
 * Standard-library modules code uses by their module name, whose names people rarely give a variable
 * (not `string`, `queue`, `signal`, `copy` or `io`, which are).
 */
const MODULE_USE = /(?<![\w.])(sys|os|json|re|time|random|math|logging|threading|subprocess|datetime|socket|traceback|functools|itertools|collections|pathlib|typing|uuid|shutil|tempfile|hashlib|base64|inspect|contextlib|platform)\.[A-Za-z_]/g;

/** A line that imports something (`import sys`, `from os import path`). */
export const IMPORT_LINE = /^[ \t]*(?:import|from)[ \t]/;

/** True when the paste's Python code uses one of those modules and none of its lines imports it. */
export function importsShownInPart(paste: Paste): boolean {
  const code = paste.blocks
    .filter((b) => b.kind === 'code' && b.language === 'python')
    .map((b) => b.text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n'))
    .join('\n');
  if (!code) return false;
  const used = new Set<string>();
  for (const m of code.matchAll(MODULE_USE)) used.add(m[1]!);
  // Line by line, each import line's words searched once: one multiline pattern (`^…[^\n]*\bsys\b`, 'm') also
  // starts a line after U+2028, then reads on to the newline from each such start, quadratic on a hostile line.
  const importLines = code.split('\n').filter((line) => IMPORT_LINE.test(line));
  for (const name of used) {
    const named = new RegExp(`\\b${name}\\b`);
    if (!importLines.some((line) => named.test(line))) return true;
  }
  return false;
}
