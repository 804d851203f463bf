/**
 * A script whose top level uses `await`, `async with` or `async for` (a SyntaxError outside a
 * function): the top-level code from its first async statement to the end moves into
 * `async def main():`, run once with `asyncio.run(main())`. One loop for all of it, so a session
 * opened by `async with` is used on the loop it was made on (one `asyncio.run` per statement would
 * give each its own loop). Python before 3.7 has no `asyncio.run`: there the loop runs it.
 */
import type { SnippetModel } from '../../evidence/python/snippet/index.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import { importAsyncio, indentUnit, orig, pythonMinor, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** True when `version` ("3.5", "3.10.2") is known and older than 3.7. */
export function beforeAsyncioRun(version: string | null): boolean {
  const minor = pythonMinor(version);
  return minor !== null && minor < 7;
}

/** Names a statement binds at module level (assignments, `with … as`, `for` targets, defs, imports). */
function boundNames(m: SnippetModel, stmt: PyNode, into: Set<string>): void {
  const visit = (n: PyNode): void => {
    if (n.type === 'function_definition' || n.type === 'class_definition') {
      const name = n.children.find((c) => c.field === 'name');
      if (name) into.add(m.text(name));
      return;
    }
    if (n.type === 'lambda') return;
    if (n.type === 'identifier' && n.parent && ((n.field === 'left' && n.parent.type === 'assignment') || n.parent.type === 'as_pattern_target' || (n.field === 'left' && n.parent.type === 'for_statement') || n.parent.type === 'pattern_list' || n.parent.type === 'tuple_pattern')) into.add(m.text(n));
    for (const c of n.children) visit(c);
  };
  visit(stmt);
}

function spansLines(m: SnippetModel, n: PyNode): boolean {
  if ((n.type === 'string' || n.type === 'concatenated_string') && m.text(n).includes('\n')) return true;
  return n.children.some((c) => spansLines(m, c));
}

/**
 * The edits that wrap the script's top level from `first` (a module-level statement) to the end in
 * `async def main():` and run it; null when that would change what the code means: a name bound
 * there is read by a function defined above (it would become local to `main`), `main` is taken, a
 * multi-line string would be re-indented, or the block holds lines the analyser blanked.
 */
export function wrapInMain(m: SnippetModel, code: string, first: PyNode, pythonVersion: string | null): { edits: Edit[]; note: Phrase } | null {
  const top = m.root.children.filter((c) => c.named && c.type !== 'comment');
  const from = top.indexOf(first);
  if (from < 0) return null;
  const moved = top.slice(from);
  if (m.functions.has('main')) return null;
  const bound = new Set<string>();
  for (const s of moved) boundNames(m, s, bound);
  const before = top.slice(0, from);
  const defsAbove = before.filter((s) => s.type === 'function_definition' || s.type === 'decorated_definition' || s.type === 'class_definition');
  const readAbove = m.identifiers.some((id) => bound.has(m.text(id)) && defsAbove.some((s) => id.start >= s.start && id.end <= s.end));
  if (readAbove || moved.some((s) => spansLines(m, s))) return null;
  const start = orig(m, code, moved[0]!.start);
  const end = orig(m, code, moved.at(-1)!.end);
  if (start < 0 || end < 0 || code.slice(start, end) !== m.code.slice(moved[0]!.start, moved.at(-1)!.end)) return null;
  const unit = indentUnit(code);
  const body = code
    .slice(start, end)
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : unit + l))
    .join('\n');
  const old = beforeAsyncioRun(pythonVersion);
  const run = old ? 'asyncio.get_event_loop().run_until_complete(main())' : 'asyncio.run(main())';
  const edits: Edit[] = [{ start, end, text: `async def main():\n${body}\n\n\n${run}` }];
  const imp = importAsyncio(code);
  if (imp) edits.push(imp);
  return {
    edits,
    note: old ? words('fix.py.wrapped-in-main-old', { version: pythonVersion ?? '' }) : words('fix.py.wrapped-in-main'),
  };
}
