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
    if (n.type === 'identifier' && n.parent && ((n.field === 'left' && (n.parent.type === 'assignment' || n.parent.type === 'augmented_assignment')) || n.parent.type === 'as_pattern_target' || (n.field === 'left' && n.parent.type === 'for_statement') || n.parent.type === 'pattern_list' || n.parent.type === 'tuple_pattern')) into.add(m.text(n));
    for (const c of n.children) visit(c);
  };
  visit(stmt);
}

const DEFINES = new Set(['function_definition', 'decorated_definition', 'class_definition']);

/** Whether a module-level statement binds one of `names`. */
function bindsAny(m: SnippetModel, stmt: PyNode, names: Set<string>): boolean {
  const own = new Set<string>();
  boundNames(m, stmt, own);
  return [...own].some((n) => names.has(n));
}

/**
 * Whether `id` names a local of the function it is in (one of its parameters, or a name that function
 * binds): `n` in `async def fetch(self, n)` is not the script's `n`, whatever main() binds.
 */
function localToItsDef(m: SnippetModel, id: PyNode): boolean {
  let fn: PyNode | null = id.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  const name = m.text(id);
  const params = fn.children.find((c) => c.field === 'parameters');
  const own = new Set<string>();
  const visit = (n: PyNode): void => {
    if (n.type === 'identifier' && n.parent && (n.parent === params || n.parent.type === 'default_parameter' || n.parent.type === 'typed_parameter' || n.parent.type === 'typed_default_parameter') && n.field !== 'value' && n.field !== 'type') own.add(m.text(n));
    for (const c of n.children) if (c.type !== 'function_definition' && c.type !== 'class_definition') visit(c);
  };
  if (params) visit(params);
  const body = fn.children.find((c) => c.field === 'body');
  if (body) for (const st of body.children) if (st.type !== 'function_definition' && st.type !== 'class_definition' && st.type !== 'decorated_definition') boundNames(m, st, own);
  // A `global`/`nonlocal` statement makes the name the script's after all.
  const declaredGlobal = body?.children.some((st) => (st.type === 'global_statement' || st.type === 'nonlocal_statement') && m.text(st).split(/[\s,]+/).includes(name)) ?? false;
  return own.has(name) && !declaredGlobal;
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
  let from = top.indexOf(first);
  if (from < 0) return null;
  if (m.functions.has('main')) return null;
  // A name the moved code binds again (`offset += n` in a loop, after `offset = 0` above) would be main's own local,
  // read before main assigns it: its first binding moves into main too.
  const bound = new Set<string>();
  for (;;) {
    bound.clear();
    for (const s of top.slice(from)) boundNames(m, s, bound);
    const earlier = top.slice(0, from).findIndex((s) => s.type !== 'import_statement' && s.type !== 'import_from_statement' && !DEFINES.has(s.type) && bindsAny(m, s, bound));
    if (earlier < 0) break;
    from = earlier;
  }
  const moved = top.slice(from);
  const before = top.slice(0, from);
  const defsAbove = before.filter((s) => s.type === 'function_definition' || s.type === 'decorated_definition' || s.type === 'class_definition');
  const readAbove = m.identifiers.some((id) => bound.has(m.text(id)) && defsAbove.some((s) => id.start >= s.start && id.end <= s.end) && !localToItsDef(m, id));
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
