import type { FunctionInfo, SnippetModel } from '../../evidence/python/snippet/index.js';
import { child, namedChildren } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { SnippetFinding } from '../../evidence/types.js';
import type { Fixer } from '../types.js';
import { applyEdits, finish, modelOf, offsetOf, findingsOf, d, makeAsyncEdits, type Edit, finishWithImport } from './edit.js';
import { beforeAsyncioRun, wrapInMain } from './wrap-in-main.js';
import { words, type Phrase } from '../../evidence/types.js';

function nodeOf(m: SnippetModel, f: SnippetFinding): PyNode | null {
  const s = m.offsetAt(d(f, 'start'));
  if (s < 0) return null;
  return m.nodeAt(s, d(f, 'what') === 'await' ? 'await' : d(f, 'what') === 'async with' ? 'with_statement' : 'for_statement') ?? m.nodeAt(s, 'for_in_clause');
}

/** Statements with no block of their own: an await in one of them is the statement's whole business. */
const SIMPLE_STATEMENTS = new Set(['expression_statement', 'return_statement', 'assert_statement', 'delete_statement', 'raise_statement']);

function topStatement(n: PyNode): PyNode {
  let s = n;
  while (s.parent && s.parent.type !== 'module') s = s.parent;
  return s;
}

/** A Flask (or Quart-less) route: `@app.route(…)`, `@bp.get(…)`, which Flask runs on a worker thread of its own. */
const FLASK_ROUTE = /^[A-Za-z_]\w*\.(?:route|get|post|put|patch|delete)\(/;
/** The names people give a discord.py client or bot, whose loop runs in the bot's own thread. */
const BOT_OBJECT = /^(?:client|bot)$/;

/**
 * `await client.send_message(…)` in a Flask view: Flask calls the view on its own thread, where no
 * loop runs, and making the view `async` would run it on a new loop that is not the bot's. The
 * coroutine is handed to the bot's loop with `asyncio.run_coroutine_threadsafe(…, client.loop)`
 * and the view waits for its result. Null unless every `await` in the view is such a call.
 */
function toBotLoop(m: SnippetModel, code: string, fn: FunctionInfo): Edit[] | null {
  if (!fn.decorators.some((dec) => FLASK_ROUTE.test(dec))) return null;
  // The await expressions (an `await` node with the awaited expression under it), not the bare keyword.
  const awaits = m.awaits.filter((a) => m.scopeOf(a).fn === fn && namedChildren(a).length > 0);
  const edits: Edit[] = [];
  for (const a of awaits) {
    const inner = namedChildren(a)[0];
    const callee = inner?.type === 'call' ? child(inner, 'function') : null;
    const root = callee ? m.text(callee).split('.')[0]! : '';
    if (!inner || !callee || callee.type !== 'attribute' || !BOT_OBJECT.test(root)) return null;
    const start = offsetOf(code, m.at(a.start));
    const exprStart = offsetOf(code, m.at(inner.start));
    const exprEnd = offsetOf(code, m.at(inner.end));
    if (start < 0 || exprStart < 0 || exprEnd < 0) return null;
    edits.push({ start, end: exprStart, text: 'asyncio.run_coroutine_threadsafe(' }, { start: exprEnd, end: exprEnd, text: `, ${root}.loop).result()` });
  }
  return edits.length ? edits : null;
}

/** py.make-enclosing-async: `def` → `async def` (awaiting its callers), or `asyncio.run(...)` at the top of a script. */
export const makeEnclosingAsync: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  let needsImport = false;
  const done = new Set<FunctionInfo>();
  const findings = findingsOf(input, 'py.await-outside-async');
  // The analyser decided these are a script's top level (the paste's own error says so); the fixer's own parse has no such hint.
  const topLevel = findings.filter((f) => d(f, 'context') === 'module');
  // One top-level `await` of a call, in a simple statement of its own, runs with asyncio.run where it
  // stands; inside a `with`/`for`/`if` block the whole block moves into main(), so what the block sets
  // up (a client, a session) is used on the loop that awaits it.
  const lone = topLevel.length === 1 ? nodeOf(m, topLevel[0]!) : null;
  const oneAwait = lone !== null && d(topLevel[0]!, 'what') === 'await' && d(topLevel[0]!, 'exprIsCall') === 'true' && SIMPLE_STATEMENTS.has(topStatement(lone).type);
  if (topLevel.length > 0 && !oneAwait) {
    // Several top-level awaits, or an `async with`/`async for`: one `async def main()` around them all.
    const firsts = topLevel.map((f) => nodeOf(m, f)).filter((n): n is PyNode => n !== null).map(topStatement);
    const first = firsts.sort((a, b) => a.start - b.start)[0];
    const wrapped = first ? wrapInMain(m, code, first, input.evidence.context?.pythonVersion ?? null) : null;
    if (wrapped) {
      edits.push(...wrapped.edits);
      notes.push(wrapped.note);
    }
  }
  for (const f of findings) {
    if (d(f, 'context') === 'module' && !oneAwait) continue;
    const node = nodeOf(m, f);
    if (!node) continue;
    const scope = m.scopeOf(node);
    if (scope.kind === 'sync' && scope.fn) {
      if (done.has(scope.fn)) continue;
      const handed = toBotLoop(m, code, scope.fn);
      if (handed !== null) {
        done.add(scope.fn);
        edits.push(...handed);
        needsImport = true;
        notes.push(words('fix.py.flask-to-bot-loop', { name: scope.fn.name }));
        continue;
      }
      const r = makeAsyncEdits(m, code, scope.fn, new Set());
      if (!r) continue;
      done.add(scope.fn);
      edits.push(...r.edits);
      needsImport ||= r.needsImport;
      notes.push(words('fix.py.made-async-def', { name: scope.fn.name }));
    } else if (oneAwait && d(f, 'context') === 'module') {
      const start = offsetOf(code, d(f, 'start'));
      const exprStart = offsetOf(code, d(f, 'exprStart'));
      const exprEnd = offsetOf(code, d(f, 'exprEnd'));
      // Python before 3.7 has no asyncio.run: the loop runs the coroutine.
      const old = beforeAsyncioRun(input.evidence.context?.pythonVersion ?? null);
      edits.push({ start, end: exprStart, text: old ? 'asyncio.get_event_loop().run_until_complete(' : 'asyncio.run(' }, { start: exprEnd, end: exprEnd, text: ')' });
      needsImport = true;
      notes.push(words('fix.py.ran-script', { expr: code.slice(exprStart, exprEnd), runner: old ? 'loop.run_until_complete()' : 'asyncio.run()' }));
    }
  }
  if (edits.length === 0) return null;
  return needsImport ? finishWithImport(input, edits, notes) : finish(input, applyEdits(code, edits), notes);
};
