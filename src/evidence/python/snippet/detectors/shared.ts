/**
 * What several Python detectors share: the detector and report signatures,
 * the position data every call finding carries, and small readers of call
 * arguments and of what an expression names.
 */
import { child, containsOwn, namedChildren, type SnippetModel, type FunctionInfo } from '../model.js';
import type { PyNode } from '../tree.js';
import type { Phrase } from '../../../types.js';

export type Report = (n: PyNode, detector: string, message: Phrase, confidence: number, data: Record<string, string>) => void;
export type Detector = (m: SnippetModel, report: Report) => void;

export const code = (s: string) => '`' + s + '`';

/** Position data every call finding carries, in the user's own coordinates (`line:col`). */
export function callData(m: SnippetModel, call: PyNode): Record<string, string> {
  const scope = m.scopeOf(call);
  const fnExpr = child(call, 'function');
  const stmt = m.statementOf(call);
  const args = child(call, 'arguments');
  let outer = call;
  while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  const p = outer.parent;
  const wrap = p && ((p.type === 'attribute' && outer.field === 'object') || (p.type === 'subscript' && outer.field === 'value') || (p.type === 'call' && outer.field === 'function'));
  const data: Record<string, string> = {
    callee: fnExpr ? m.text(fnExpr) : '',
    start: m.at(call.start),
    end: m.at(call.end),
    context: scope.kind,
    fnName: scope.fn?.name ?? '',
    fnDef: scope.fn ? m.at(scope.fn.defOffset) : '',
    stmtStart: m.at(stmt.start),
    stmtEnd: m.at(stmt.end),
    wrap: wrap ? 'paren' : 'none',
  };
  if (fnExpr) data.calleeEnd = m.at(fnExpr.end);
  if (args && args.type === 'argument_list') {
    data.argsStart = m.at(args.start + 1);
    data.argsEnd = m.at(Math.max(args.start + 1, args.end - 1));
  }
  return data;
}

export function isBare(m: SnippetModel, call: PyNode): boolean {
  return m.usage(call).kind === 'bare';
}

export function positionalArgs(call: PyNode): PyNode[] {
  const args = child(call, 'arguments');
  if (!args) return [];
  return namedChildren(args).filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
}

export function keywordArg(m: SnippetModel, call: PyNode, name: string): PyNode | null {
  const args = child(call, 'arguments');
  if (!args) return null;
  for (const a of namedChildren(args)) {
    if (a.type === 'keyword_argument') {
      const n = child(a, 'name');
      if (n && m.text(n) === name) return a;
    }
  }
  return null;
}

/** The snippet async def (or hinted coroutine name) an expression names, without calling it. */
export function namedCoroutineFunction(m: SnippetModel, expr: PyNode): { name: string; fn: FunctionInfo | null; confidence: number } | null {
  if (expr.type !== 'identifier' && expr.type !== 'attribute') return null;
  const fn = m.snippetFunction(expr);
  const name = m.text(expr);
  if (fn) return fn.isAsync && !fn.isAsyncGen && !fn.isAsyncCm ? { name, fn, confidence: 0.95 } : null;
  const last = name.split('.').pop() ?? name;
  if (m.hints.coroutineNames.includes(last)) return { name, fn: null, confidence: 0.85 };
  return null;
}

/**
 * `self.fetch_readme` handed to `asyncio.create_task(…)`: a method of the snippet's own class (defined
 * in a part the paste leaves out) rather than a coroutine the object holds. Counts only when the snippet
 * never assigns `self.fetch_readme = …` and the name does not read as a stored coroutine or task.
 */
export function methodReference(m: SnippetModel, expr: PyNode): string | null {
  if (expr.type !== 'attribute') return null;
  const obj = child(expr, 'object');
  const attr = child(expr, 'attribute');
  if (!obj || !attr || m.text(obj) !== 'self') return null;
  const name = m.text(attr);
  if (STORED_AWAITABLE.test(name)) return null;
  if (assignsSelfAttribute(m.code, name)) return null;
  return `self.${name}`;
}

/** The code has `self.<name> = …` (or `self.<name>: T = …`). A plain scan, each look bounded to its line's next 200 characters. */
function assignsSelfAttribute(code: string, name: string): boolean {
  const needle = `self.${name}`;
  for (let at = code.indexOf(needle); at >= 0; at = code.indexOf(needle, at + 1)) {
    if (at > 0 && /\w/.test(code[at - 1]!)) continue;
    let i = at + needle.length;
    if (i < code.length && /\w/.test(code[i]!)) continue;
    const stop = Math.min(code.length, i + 200);
    while (i < stop && (code[i] === ' ' || code[i] === '\t')) i++;
    if (code[i] === ':') while (i < stop && code[i] !== '=' && code[i] !== '\n') i++;
    if (code[i] === '=' && code[i + 1] !== '=') return true;
  }
  return false;
}

const STORED_AWAITABLE = /^_*(?:coro|coroutine|task|future|fut|awaitable|aw|job|waiter)s?\d*$|_(?:coro|coroutine|task|future|fut|awaitable|waiter)s?$/;

/** A generator-based coroutine's decorator (`@asyncio.coroutine`, `@types.coroutine`; gone since 3.11): its `yield from` is an await. */
export const GENERATOR_COROUTINE = /^(asyncio\.|types\.)?coroutine$/;

export const THREAD_CLASSES = new Set(['threading.Thread', 'threading.Timer', 'multiprocessing.Process']);

export function hasAwaitInside(n: PyNode): boolean {
  return containsOwn(n, (c) => c.type === 'await' || ((c.type === 'for_statement' || c.type === 'with_statement') && c.children.some((k) => !k.named && k.type === 'async')));
}

/** The minor version of Python 3 the paste shows (`3.8` → 8), from the evidence when the pipeline passes it, or a comment in the code. */
export function pastePythonMinor(m: SnippetModel): number | null {
  const hinted = (m.hints as { pythonVersion?: string | null }).pythonVersion;
  const text = hinted ?? /#.*\bpython\s*v?(3\.\d{1,2})\b/i.exec(m.code)?.[1] ?? null;
  if (!text) return null;
  const minor = Number(text.split('.')[1]);
  return Number.isFinite(minor) ? minor : null;
}
