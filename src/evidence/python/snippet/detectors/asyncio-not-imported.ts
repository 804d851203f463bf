/** py.asyncio-not-imported: `asyncio.…` used without `import asyncio`. */
import { child } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code } from './shared.js';
import { words } from '../../../types.js';

/** Inside a type annotation (`-> asyncio.Task`): not evaluated under `from __future__ import annotations`. */
function inAnnotation(id: PyNode): boolean {
  for (let p = id.parent; p && p.type !== 'block' && p.type !== 'module'; p = p.parent) if (p.type === 'type') return true;
  return false;
}

export const asyncioNotImported: Detector = (m, report) => {
  if (m.moduleImports === 0 || m.importsFromAsyncio || m.aliases.has('asyncio') || m.notebook || m.prepared.prefixEnd > 0) return;
  // The paste uses sys (or another standard module) without importing it either: an excerpt, its imports cut.
  if (m.hints.importsShownInPart) return;
  for (const id of m.identifiers) {
    if (id.field !== 'object' || id.parent?.type !== 'attribute' || m.text(id) !== 'asyncio' || inAnnotation(id)) continue;
    if (m.resolveName('asyncio', id) !== 'asyncio') return; // a local or parameter named asyncio
    const attr = child(id.parent, 'attribute');
    report(id, 'py.asyncio-not-imported', words('py.asyncio-not-imported', { name: 'asyncio.' + (attr ? m.text(attr) : '') }), 0.85, {
      start: m.at(id.start),
      end: m.at(id.end),
      context: m.scopeOf(id).kind,
    });
    return;
  }
};
