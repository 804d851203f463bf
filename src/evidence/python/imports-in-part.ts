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

/** True when the paste's Python code uses one of those modules and none of its lines imports it. */
export function importsShownInPart(paste: Paste): boolean {
  const code = paste.blocks
    .filter((b) => b.kind === 'code' && b.language === 'python')
    .map((b) => b.text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n'))
    .join('\n');
  if (!code) return false;
  const used = new Set<string>();
  for (const m of code.matchAll(MODULE_USE)) used.add(m[1]!);
  for (const name of used) {
    if (!new RegExp(`^[ \\t]*(?:import|from)[ \\t][^\\n]*\\b${name}\\b`, 'm').test(code)) return true;
  }
  return false;
}
