/**
 * One function per detector. Each reads the SnippetModel and reports the
 * mistakes it is sure about; precision comes first (a wrong answer in a help
 * channel costs more than a missed one).
 */
import type { SnippetFinding } from '../../types.js';
import { COROUTINE_SINKS, VALUE_SINKS } from './known.js';
import { child, containsOwn, namedChildren, SnippetModel, type FunctionInfo } from './model.js';
import type { PyNode } from './tree.js';

export type Report = (n: PyNode, detector: string, message: string, confidence: number, data: Record<string, string>) => void;
export type Detector = (m: SnippetModel, report: Report) => void;

const code = (s: string) => '`' + s + '`';

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

function isBare(m: SnippetModel, call: PyNode): boolean {
  return m.usage(call).kind === 'bare';
}

function positionalArgs(call: PyNode): PyNode[] {
  const args = child(call, 'arguments');
  if (!args) return [];
  return namedChildren(args).filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
}

function keywordArg(m: SnippetModel, call: PyNode, name: string): PyNode | null {
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

function isOnLoop(m: SnippetModel, n: PyNode): boolean {
  return SnippetModel.onLoop(m.scopeOf(n).kind);
}

/** The snippet async def (or hinted coroutine name) an expression names, without calling it. */
function namedCoroutineFunction(m: SnippetModel, expr: PyNode): { name: string; fn: FunctionInfo | null; confidence: number } | null {
  if (expr.type !== 'identifier' && expr.type !== 'attribute') return null;
  const fn = m.snippetFunction(expr);
  const name = m.text(expr);
  if (fn) return fn.isAsync && !fn.isAsyncGen && !fn.isAsyncCm ? { name, fn, confidence: 0.95 } : null;
  const last = name.split('.').pop() ?? name;
  if (m.hints.coroutineNames.includes(last)) return { name, fn: null, confidence: 0.85 };
  return null;
}

export const unawaitedCoroutine: Detector = (m, report) => {
  for (const call of m.calls) {
    const info = m.classify(call);
    if (info.kind !== 'coroutine' || !isBare(m, call)) continue;
    const scope = m.scopeOf(call);
    const where = scope.kind === 'module' ? 'at the top of the script' : scope.fn ? `in ${code(scope.fn.name + '()')}` : 'here';
    report(
      call,
      'py.unawaited-coroutine',
      `${code(info.callee + '()')} ${where} is called without \`await\`: it is ${info.why}, so the call only creates a coroutine object and its body never runs.`,
      info.confidence,
      callData(m, call),
    );
  }
};

/** Usage of a stored coroutine: the first later use of the variable in the same scope. */
function laterValueUse(m: SnippetModel, assignment: PyNode, name: string): { node: PyNode; how: string } | null {
  const scope = m.scopeNode(assignment);
  for (const id of m.identifiers) {
    if (id.start <= assignment.end || m.text(id) !== name || m.scopeNode(id) !== scope) continue;
    const u = m.usage(id);
    if (u.kind === 'value') return { node: id, how: u.how };
    if (u.kind === 'iterated') return { node: id, how: 'iterated' };
    if (u.kind === 'passed' && u.to && VALUE_SINKS.has(u.to)) return { node: id, how: `passed to ${u.to}()` };
    return null; // awaited, passed on, returned, stored: fine or unknowable
  }
  return null;
}

export const coroutineAsValue: Detector = (m, report) => {
  for (const call of m.calls) {
    const info = m.classify(call);
    if (info.kind !== 'coroutine') continue;
    const u = m.usage(call);
    let how: string | null = null;
    let useLine: number | null = null;
    let variable = '';
    if (u.kind === 'value') how = u.how === 'attribute' ? 'its attribute is read' : u.how === 'index' ? 'it is indexed' : u.how === 'format' ? 'it is formatted into a string' : u.how === 'condition' ? 'it is tested as a condition' : 'it is compared or computed with';
    else if (u.kind === 'iterated') how = 'it is iterated';
    else if (u.kind === 'passed' && u.to && VALUE_SINKS.has(u.to)) how = `it is passed to ${code(u.to + '()')}`;
    else if (u.kind === 'stored' && u.targetNode.type === 'identifier') {
      const later = laterValueUse(m, call, u.target);
      if (later) {
        variable = u.target;
        useLine = m.line(later.node);
        how = `${code(u.target)} is then used as a value on line ${useLine} (${later.how})`;
      }
    }
    if (!how) continue;
    const data = callData(m, call);
    if (variable) data.variable = variable;
    if (useLine) data.useLine = String(useLine);
    report(
      call,
      'py.coroutine-as-value',
      `${code(info.callee + '()')} returns a coroutine, not its result, because it is not awaited, and ${how}.`,
      Math.min(info.confidence, 0.9),
      data,
    );
  }
};

export const asyncioRunInAsync: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr || m.resolve(fnExpr) !== 'asyncio.run') continue;
    const scope = m.scopeOf(call);
    if (!SnippetModel.onLoop(scope.kind)) continue;
    const arg = positionalArgs(call)[0];
    const data = callData(m, call);
    if (arg) {
      data.argStart = m.at(arg.start);
      data.argEnd = m.at(arg.end);
      data.argIsCall = arg.type === 'call' ? 'true' : 'false';
      const named = arg.type !== 'call' ? namedCoroutineFunction(m, arg) : null;
      if (named?.fn && named.fn.requiredParams === 0) data.argFunction = named.name;
    }
    const where = scope.kind === 'notebook' ? 'in a notebook cell, where a loop is already running' : scope.fn ? `inside ${code('async def ' + scope.fn.name)}, where a loop is already running` : 'where a loop is already running';
    report(call, 'py.asyncio-run-in-async', `${code('asyncio.run()')} is called ${where}; it can only start a new loop.`, scope.kind === 'unknown-async' ? 0.75 : 0.9, data);
  }
};

export const runUntilCompleteInAsync: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (fnExpr?.type !== 'attribute') continue;
    const method = m.text(child(fnExpr, 'attribute')!);
    if (method !== 'run_until_complete' && method !== 'run_forever') continue;
    const scope = m.scopeOf(call);
    if (!SnippetModel.onLoop(scope.kind)) continue;
    const data = callData(m, call);
    data.method = method;
    const arg = positionalArgs(call)[0];
    if (arg) {
      data.argStart = m.at(arg.start);
      data.argEnd = m.at(arg.end);
      data.argIsCall = arg.type === 'call' ? 'true' : 'false';
    }
    const where = scope.fn ? `inside ${code('async def ' + scope.fn.name)}` : 'where a loop is already running';
    report(call, 'py.run-until-complete-in-async', `${code(m.text(fnExpr) + '()')} is called ${where}: the loop is already running, so it cannot be run again from inside.`, 0.85, data);
  }
};

const THREAD_CLASSES = new Set(['threading.Thread', 'threading.Timer', 'multiprocessing.Process']);

export const asyncFnInThread: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    const q = m.resolve(fnExpr);
    let target: PyNode | null = null;
    let mode = '';
    if (q && THREAD_CLASSES.has(q)) {
      const kw = keywordArg(m, call, 'target');
      target = kw ? child(kw, 'value') : q === 'threading.Timer' ? positionalArgs(call)[1] ?? null : null;
      mode = 'thread';
    } else if (q === 'asyncio.to_thread') {
      target = positionalArgs(call)[0] ?? null;
      mode = 'to_thread';
    } else if (fnExpr.type === 'attribute') {
      const method = m.text(child(fnExpr, 'attribute')!);
      const recv = m.text(child(fnExpr, 'object')!);
      if (method === 'run_in_executor') {
        target = positionalArgs(call)[1] ?? null;
        mode = 'executor';
      } else if ((method === 'submit' || method === 'map') && /executor|pool|^ex$|^exe$/i.test(recv)) {
        target = positionalArgs(call)[0] ?? null;
        mode = 'submit';
      }
    }
    if (!target) continue;
    const named = namedCoroutineFunction(m, target);
    if (!named) continue;
    const data = callData(m, call);
    data.mode = mode;
    data.target = named.name;
    data.targetStart = m.at(target.start);
    data.targetEnd = m.at(target.end);
    const argsKw = keywordArg(m, call, 'args');
    if (argsKw) {
      data.argsKwStart = m.at(argsKw.start);
      data.argsKwEnd = m.at(argsKw.end);
      const v = child(argsKw, 'value');
      if (v && (v.type === 'tuple' || v.type === 'list')) data.argsList = namedChildren(v).map((x) => m.text(x)).join(', ');
    }
    const u = m.usage(call);
    data.awaited = u.kind === 'awaited' ? 'true' : 'false';
    const where = mode === 'thread' ? 'as a thread target' : mode === 'to_thread' ? 'to `asyncio.to_thread()`' : 'to an executor';
    report(call, 'py.async-fn-in-thread', `${code(named.name)} is an async def handed ${where}: the thread only calls it, gets a coroutine back and never runs its body (and a new thread has no event loop).`, named.confidence, data);
  }
};

export const awaitOutsideAsync: Detector = (m, report) => {
  const seen = new Set<PyNode | null>();
  const check = (n: PyNode, what: string) => {
    const scope = m.scopeOf(n);
    if (scope.kind !== 'sync' && scope.kind !== 'lambda' && scope.kind !== 'module') return;
    const key = scope.kind === 'module' ? m.statementOf(n) : scope.node;
    if (seen.has(key)) return;
    seen.add(key);
    const data: Record<string, string> = {
      what,
      start: m.at(n.start),
      end: m.at(n.end),
      context: scope.kind,
      fnName: scope.fn?.name ?? '',
      fnDef: scope.fn ? m.at(scope.fn.defOffset) : '',
    };
    if (n.type === 'await') {
      const inner = namedChildren(n)[0];
      if (inner) {
        data.exprStart = m.at(inner.start);
        data.exprEnd = m.at(inner.end);
        data.exprIsCall = inner.type === 'call' ? 'true' : 'false';
      }
      const stmt = m.statementOf(n);
      data.stmtStart = m.at(stmt.start);
      data.stmtEnd = m.at(stmt.end);
    }
    const where = scope.kind === 'module' ? 'at the top level of a script' : scope.kind === 'lambda' ? 'inside a lambda' : `inside ${code('def ' + scope.fn?.name)}, which is not ${code('async def')}`;
    report(n, 'py.await-outside-async', `${code(what)} is used ${where}; it is only allowed inside an ${code('async def')}.`, 0.95, data);
  };
  const isAsync = (n: PyNode) => n.children.some((c) => !c.named && c.type === 'async');
  const candidates: [PyNode, string][] = [
    ...m.awaits.map((a) => [a, 'await'] as [PyNode, string]),
    ...m.forStatements.filter(isAsync).map((f) => [f, 'async for'] as [PyNode, string]),
    ...m.withStatements.filter(isAsync).map((w) => [w, 'async with'] as [PyNode, string]),
    ...m.forClauses.filter((f) => f.parent?.type !== 'generator_expression' && isAsync(f)).map((f) => [f, 'async for'] as [PyNode, string]),
  ];
  candidates.sort((a, b) => a[0].start - b[0].start);
  for (const [n, what] of candidates) check(n, what);
};

/** The first blocking call a plain def of the snippet makes, directly or through other plain defs. */
function blockingInside(m: SnippetModel, fn: FunctionInfo, depth: number, memo: Map<FunctionInfo, string | null>): string | null {
  if (memo.has(fn)) return memo.get(fn)!;
  memo.set(fn, null);
  let found: string | null = null;
  for (const call of m.calls) {
    if (m.scopeNode(call) !== fn.node) continue;
    const info = m.classify(call);
    if (info.kind === 'blocking') found = info.callee;
    else if (info.kind === 'snippet-sync' && info.fn && depth < 3) {
      const inner = blockingInside(m, info.fn, depth + 1, memo);
      if (inner) found = inner;
    }
    if (found) break;
  }
  memo.set(fn, found);
  return found;
}

function hasAwaitInside(n: PyNode): boolean {
  return containsOwn(n, (c) => c.type === 'await' || ((c.type === 'for_statement' || c.type === 'with_statement') && c.children.some((k) => !k.named && k.type === 'async')));
}

export const blockingCallInAsync: Detector = (m, report) => {
  const memo = new Map<FunctionInfo, string | null>();
  for (const call of m.calls) {
    const scope = m.scopeOf(call);
    if (scope.kind !== 'async' && scope.kind !== 'unknown-async') continue;
    const u = m.usage(call);
    if (u.kind === 'awaited') continue; // `await time.sleep()` is await-non-awaitable
    const info = m.classify(call);
    let message: string | null = null;
    // Most calls in async code block nothing: build the position data only for a finding.
    const extra: Record<string, string> = {};
    if (info.kind === 'blocking') {
      extra.blocking = info.qname ?? info.callee;
      message = `${code(info.callee + '()')} inside ${scope.fn ? code('async def ' + scope.fn.name) : 'async code'} ${info.why}: every other task (and the bot's heartbeat) waits until it returns.`;
    } else if (info.kind === 'snippet-sync' && info.fn && !info.fn.isAsync) {
      const via = blockingInside(m, info.fn, 0, memo);
      if (via) {
        extra.blocking = via;
        extra.via = info.fn.name;
        message = `${code(info.callee + '()')} is a plain def that calls ${code(via + '()')}; calling it from ${scope.fn ? code('async def ' + scope.fn.name) : 'async code'} blocks the event loop until it returns.`;
      }
    }
    if (message) report(call, 'py.blocking-call-in-async', message, info.kind === 'blocking' ? 0.9 : 0.8, Object.assign(callData(m, call), extra));
  }
  // Busy loops: `while True:` with nothing that yields to the loop.
  for (const w of m.whileStatements) {
    const scope = m.scopeOf(w);
    if (scope.kind !== 'async') continue;
    const cond = child(w, 'condition');
    const body = child(w, 'body');
    if (!cond || !body || !/^(True|1)$/.test(m.text(cond))) continue;
    if (hasAwaitInside(body) || containsOwn(body, (c) => c.type === 'break_statement' || c.type === 'return_statement' || c.type === 'raise_statement')) continue;
    report(w, 'py.blocking-call-in-async', `The ${code('while True:')} loop in ${code('async def ' + scope.fn?.name)} never awaits anything, so it never gives the event loop a turn: everything else freezes.`, 0.75, {
      start: m.at(w.start),
      end: m.at(w.end),
      context: 'async',
      fnName: scope.fn?.name ?? '',
      blocking: 'busy loop',
    });
  }
};

export const asyncioPrimitiveFromThread: Detector = (m, report) => {
  // Plain defs of the snippet that run in another thread.
  const threadFns = new Set<PyNode>();
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    const q = m.resolve(fnExpr);
    let target: PyNode | null = null;
    if (q && THREAD_CLASSES.has(q)) {
      const kw = keywordArg(m, call, 'target');
      target = kw ? child(kw, 'value') : null;
    } else if (q === 'asyncio.to_thread') target = positionalArgs(call)[0] ?? null;
    else if (fnExpr.type === 'attribute') {
      const method = m.text(child(fnExpr, 'attribute')!);
      if (method === 'run_in_executor') target = positionalArgs(call)[1] ?? null;
      else if (method === 'submit') target = positionalArgs(call)[0] ?? null;
    }
    if (!target) continue;
    const fn = m.snippetFunction(target);
    if (fn && !fn.isAsync) threadFns.add(fn.node);
  }
  if (threadFns.size === 0) return;
  let loopName = '';
  for (const [name, origin] of m.origins) if (/get_event_loop|get_running_loop|new_event_loop/.test(origin) && /^[A-Za-z_]\w*(\.\w+)?$/.test(name)) loopName = name;
  for (const call of m.calls) {
    const scope = m.scopeNode(call);
    if (!scope || !threadFns.has(scope)) continue;
    const info = m.classify(call);
    const fnExpr = child(call, 'function')!;
    const q = m.resolve(fnExpr);
    const unsafe = info.kind === 'thread-unsafe' || q === 'asyncio.create_task' || q === 'asyncio.ensure_future' || (info.kind === 'coroutine' && info.qname?.startsWith('asyncio.') === true && isBare(m, call));
    if (!unsafe) continue;
    const data = callData(m, call);
    if (fnExpr.type === 'attribute') {
      data.receiver = m.text(child(fnExpr, 'object')!);
      data.method = m.text(child(fnExpr, 'attribute')!);
    }
    data.kindOfCall = info.kind === 'coroutine' ? 'coroutine' : q === 'asyncio.create_task' || q === 'asyncio.ensure_future' || data.method === 'create_task' ? 'task' : 'callback';
    if (loopName) data.loop = loopName;
    report(call, 'py.asyncio-primitive-from-thread', `${code(info.callee + '()')} is called from a thread, but asyncio objects and the loop are not thread-safe: hand the call to the loop with ${code('call_soon_threadsafe')} / ${code('run_coroutine_threadsafe')}.`, 0.8, data);
  }
};

export const taskNotKept: Detector = (m, report) => {
  for (const call of m.calls) {
    if (!isBare(m, call)) continue;
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    const q = m.resolve(fnExpr);
    let ok = q === 'asyncio.create_task' || q === 'asyncio.ensure_future';
    if (!ok && fnExpr.type === 'attribute' && m.text(child(fnExpr, 'attribute')!) === 'create_task') {
      const obj = child(fnExpr, 'object')!;
      const origin = m.originOf(obj) ?? '';
      const t = m.text(obj);
      ok = !/TaskGroup/.test(origin) && (/get_event_loop|get_running_loop|new_event_loop/.test(origin) || t === 'loop' || t.endsWith('.loop'));
    }
    if (!ok) continue;
    const data = callData(m, call);
    report(call, 'py.task-not-kept', `The task made by ${code(m.text(fnExpr) + '()')} is not kept anywhere: the loop holds only a weak reference, so it can be garbage-collected before it finishes.`, 0.8, data);
  }
};

export const coroutineFunctionNotCalled: Detector = (m, report) => {
  const flag = (expr: PyNode, sink: string, confidence: number) => {
    const named = namedCoroutineFunction(m, expr);
    let name = named?.name ?? null;
    let conf = named ? Math.min(named.confidence, confidence) : 0;
    if (!named && expr.type === 'identifier' && m.text(expr) === 'main' && !m.functions.has('main') && m.resolveName('main', expr) === 'main') {
      name = 'main';
      conf = 0.7;
    }
    if (!name) return;
    const data: Record<string, string> = {
      name,
      sink,
      start: m.at(expr.start),
      end: m.at(expr.end),
      context: m.scopeOf(expr).kind,
      requiredParams: String(named?.fn?.requiredParams ?? 0),
    };
    report(expr, 'py.coroutine-function-not-called', `${code(name)} is passed to ${code(sink)} without being called: it needs the coroutine ${code(name + '()')}, not the function.`, conf, data);
  };
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    const q = m.resolve(fnExpr);
    let sink: string | null = q && COROUTINE_SINKS.has(q) ? q : null;
    if (!sink && fnExpr.type === 'attribute') {
      const method = m.text(child(fnExpr, 'attribute')!);
      if (method === 'run_until_complete' || (method === 'create_task' && !/TaskGroup/.test(m.originOf(child(fnExpr, 'object')!) ?? ''))) sink = m.text(fnExpr);
      if (method === 'create_task' && m.originOf(child(fnExpr, 'object')!)?.includes('TaskGroup')) sink = m.text(fnExpr);
    }
    if (!sink) continue;
    const args = sink === 'asyncio.gather' ? positionalArgs(call) : positionalArgs(call).slice(0, 1);
    for (const a of args) flag(a, sink, 0.9);
  }
  for (const a of m.awaits) {
    const inner = namedChildren(a)[0];
    if (inner && (inner.type === 'identifier' || inner.type === 'attribute')) flag(inner, 'await', 0.85);
  }
};

export const awaitNonAwaitable: Detector = (m, report) => {
  for (const a of m.awaits) {
    const inner = namedChildren(a)[0];
    if (inner?.type !== 'call') continue;
    const info = m.classify(inner);
    const q = info.qname ?? (child(inner, 'function') ? m.resolve(child(inner, 'function')!) : null);
    let why: string | null = null;
    if (info.kind === 'blocking') why = `${code(info.callee + '()')} is a plain blocking function, not a coroutine`;
    else if (info.kind === 'snippet-sync' && info.fn && info.fn.decorators.length === 0) why = `${code(info.callee)} is a plain ${code('def')}, not an ${code('async def')}, so it returns a value, not an awaitable`;
    else if (q && ['print', 'len', 'open', 'str', 'int', 'json.dumps', 'json.loads'].includes(q)) why = `${code(info.callee + '()')} returns a plain value`;
    if (!why) continue;
    const data = callData(m, inner);
    data.awaitStart = m.at(a.start);
    data.awaitEnd = m.at(a.end);
    data.qname = q ?? '';
    if (info.fn) data.fnAwaits = hasAwaitInside(info.fn.node) ? 'true' : 'false';
    if (info.fn) data.targetDef = m.at(info.fn.defOffset);
    report(a, 'py.await-non-awaitable', `${why}; ${code('await')} on it raises TypeError.`, 0.85, data);
  }
};

function asyncIterableReason(m: SnippetModel, expr: PyNode): string | null {
  if (expr.type === 'call') {
    const info = m.classify(expr);
    if (info.kind === 'asyncgen') return `${code(info.callee + '()')} is an async generator`;
    const fnExpr = child(expr, 'function');
    if (fnExpr?.type === 'attribute' && m.usesDiscord && m.text(child(fnExpr, 'attribute')!) === 'history') return `${code(m.text(fnExpr) + '()')} is an async iterator in discord.py 2`;
    return null;
  }
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const origin = m.originOf(expr) ?? '';
    if (/^(await:)?aiofiles\.open/.test(origin)) return `${code(m.text(expr))} is an aiofiles file, read with ${code('async for')}`;
    if (expr.type === 'attribute' && m.text(child(expr, 'attribute')!) === 'content') {
      const o = m.originOf(child(expr, 'object')!) ?? '';
      if (o.startsWith('aiohttp.ClientSession') || o.startsWith('await:aiohttp.ClientSession')) return `${code(m.text(expr))} is an aiohttp stream`;
    }
  }
  return null;
}

export const syncIterationOfAsync: Detector = (m, report) => {
  const check = (n: PyNode) => {
    if (n.children.some((c) => !c.named && c.type === 'async')) return;
    const right = child(n, 'right');
    if (!right) return;
    const reason = asyncIterableReason(m, right);
    if (!reason) return;
    const forKw = n.children.find((c) => !c.named && c.type === 'for');
    const scope = m.scopeOf(n);
    report(n, 'py.sync-iteration-of-async', `${reason}: a plain ${code('for')} cannot iterate it; use ${code('async for')} inside an ${code('async def')}.`, 0.9, {
      forStart: forKw ? m.at(forKw.start) : m.at(n.start),
      start: m.at(n.start),
      context: scope.kind,
      fnName: scope.fn?.name ?? '',
      fnDef: scope.fn ? m.at(scope.fn.defOffset) : '',
      iterable: m.text(right),
    });
  };
  for (const f of m.forStatements) check(f);
  for (const f of m.forClauses) check(f);
};

function asyncCmReason(m: SnippetModel, expr: PyNode): string | null {
  if (expr.type === 'call') {
    const info = m.classify(expr);
    if (info.kind === 'asynccm') return `${code(info.callee + '()')} is an async context manager`;
    return null;
  }
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const origin = (m.originOf(expr) ?? '').replace(/^await:/, '');
    if (/^asyncio\.(Lock|Semaphore|BoundedSemaphore|Condition)$/.test(origin) || origin === 'aiohttp.ClientSession' || origin === 'httpx.AsyncClient') {
      return `${code(m.text(expr))} is ${origin === 'aiohttp.ClientSession' || origin === 'httpx.AsyncClient' ? 'an async client' : 'an asyncio lock'}, entered with ${code('async with')}`;
    }
  }
  return null;
}

export const syncWithAsyncCm: Detector = (m, report) => {
  for (const w of m.withStatements) {
    if (w.children.some((c) => !c.named && c.type === 'async')) continue;
    const clause = w.children.find((c) => c.type === 'with_clause');
    if (!clause) continue;
    const items = clause.children.filter((c) => c.type === 'with_item');
    let reason: string | null = null;
    let allAsync = true;
    for (const item of items) {
      const value = child(item, 'value');
      if (!value) continue;
      const expr = value.type === 'as_pattern' ? value.children.find((c) => c.named && c.type !== 'as_pattern_target') ?? value : value;
      const r = asyncCmReason(m, expr);
      if (r) reason ??= r;
      else allAsync = false;
    }
    if (!reason) continue;
    const scope = m.scopeOf(w);
    const withKw = w.children.find((c) => !c.named && c.type === 'with');
    report(w, 'py.sync-with-async-cm', `${reason}: a plain ${code('with')} cannot enter it; write ${code('async with')} inside an ${code('async def')}.`, 0.9, {
      withStart: withKw ? m.at(withKw.start) : m.at(w.start),
      start: m.at(w.start),
      context: scope.kind,
      fnName: scope.fn?.name ?? '',
      fnDef: scope.fn ? m.at(scope.fn.defOffset) : '',
      allItemsAsync: allAsync ? 'true' : 'false',
    });
  }
};

const ROUTE_DECORATOR = /^(app|router|api|bp|blueprint|routes)\.(get|post|put|delete|patch|route|websocket|api_route)\b/;

export const sessionPerRequest: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr || m.resolve(fnExpr) !== 'aiohttp.ClientSession') continue;
    const scope = m.scopeOf(call);
    const u = m.usage(call);
    const data = callData(m, call);
    if (u.kind === 'with-item') {
      const perRequest = scope.fn?.decorators.some((d) => ROUTE_DECORATOR.test(d) || /\.command\b|\.event\b|app_commands\.command/.test(d));
      let inLoop = false;
      for (let p = call.parent; p && p !== scope.node; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') inLoop = true;
      if (!perRequest && !inLoop) continue;
      report(call, 'py.session-per-request', `A new ${code('aiohttp.ClientSession()')} is opened ${inLoop ? 'on every loop iteration' : `on every call of ${code(scope.fn?.name ?? '')}`}: create one session for the whole app and reuse it (each session has its own connection pool).`, 0.7, data);
      continue;
    }
    if (u.kind === 'stored') {
      if (scope.fn?.name === '__init__' || scope.fn?.name === 'setup_hook' || scope.fn?.name === 'on_startup' || scope.fn?.name === 'startup' || scope.fn?.name === 'lifespan') continue;
      const target = u.target.replace(/\s+/g, '');
      const closed = m.calls.some((c) => {
        const f = child(c, 'function');
        return f?.type === 'attribute' && m.text(child(f, 'attribute')!) === 'close' && m.text(child(f, 'object')!).replace(/\s+/g, '') === target;
      });
      if (closed) continue;
      const returned = m.identifiers.some((id) => m.text(id) === target && m.usage(id).kind === 'returned');
      if (returned) continue;
      report(call, 'py.session-per-request', `${code(target + ' = aiohttp.ClientSession()')} is never closed: aiohttp warns "Unclosed client session"; use ${code('async with aiohttp.ClientSession() as ' + target + ':')} or close it when the app stops.`, 0.75, data);
      continue;
    }
    if (u.kind === 'value') {
      report(call, 'py.session-per-request', `${code('aiohttp.ClientSession()')} is created for one request and never closed; open it with ${code('async with')} and reuse it.`, 0.8, data);
    }
  }
};

export const getEventLoopTopLevel: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr || m.resolve(fnExpr) !== 'asyncio.get_event_loop') continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'module' && scope.kind !== 'sync') continue;
    const data = callData(m, call);
    const u = m.usage(call);
    if (u.kind === 'stored') data.variable = u.target;
    report(call, 'py.get-event-loop-top-level', `${code('asyncio.get_event_loop()')} ${scope.kind === 'module' ? 'at the top of a script' : `in the plain def ${code(scope.fn?.name ?? '')}`} is deprecated outside a running loop (Python 3.10+ warns, 3.14 raises); start the program with ${code('asyncio.run(main())')}.`, 0.8, data);
  }
};

/** A module-level `recv.run(…)` / `recv.start(…)` after `call`: the object is the bot being started. */
function startedLater(m: SnippetModel, recv: string, call: PyNode): boolean {
  return m.calls.some((c) => {
    if (c.start <= call.end || m.scopeNode(c) !== null) return false;
    const f = child(c, 'function');
    return f?.type === 'attribute' && /^(run|start)$/.test(m.text(child(f, 'attribute')!)) && m.text(child(f, 'object')!) === recv;
  });
}

const SETUP_METHODS = new Set(['load_extension', 'unload_extension', 'reload_extension', 'add_cog']);

export const discordSetupNotAwaited: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (fnExpr?.type !== 'attribute') continue;
    const method = m.text(child(fnExpr, 'attribute')!);
    if (!SETUP_METHODS.has(method)) continue;
    const obj = child(fnExpr, 'object')!;
    const recv = m.text(obj);
    // sqlite3's `conn.load_extension("mod_spatialite")` is not discord.py's.
    if (/^(await:)?(sqlite3|aiosqlite|apsw)\./.test(m.originOf(obj) ?? '')) continue;
    const scope = m.scopeOf(call);
    if (scope.kind === 'module') {
      // At module level: discord.py is visible, or the same object is started later (`bot.run(TOKEN)`).
      if (!m.usesDiscord && !startedLater(m, recv, call)) continue;
    } else if (!m.usesDiscord && !/^(bot|client|self|self\.bot|self\.client)$/.test(recv)) continue;
    const u = m.usage(call);
    const data = callData(m, call);
    data.method = method;
    data.receiver = recv;
    if (u.kind !== 'awaited') {
      data.problem = 'not-awaited';
      report(call, 'py.discord-setup-not-awaited', `In discord.py 2, ${code(recv + '.' + method + '()')} is a coroutine: without ${code('await')} the ${method === 'add_cog' ? 'cog' : 'extension'} is never loaded. Await it inside ${code('setup_hook')}.`, 0.9, data);
    } else if (scope.fn?.name === 'on_ready') {
      data.problem = 'in-on-ready';
      report(call, 'py.discord-setup-not-awaited', `${code(recv + '.' + method + '()')} runs in ${code('on_ready')}, which fires again on every reconnect; load extensions once, in ${code('setup_hook')}.`, 0.6, data);
    }
  }
  // An extension's `def setup(bot)` must be `async def` in discord.py 2.
  for (const fn of m.functions.get('setup') ?? []) {
    if (fn.isAsync || fn.className || m.scopeNode(fn.node) !== null) continue;
    const body = child(fn.node, 'body');
    const addsCog = body ? containsOwn(body, (c) => c.type === 'call' && /\.(add_cog|load_extension)$/.test(m.text(child(c, 'function') ?? c))) : false;
    if (!addsCog) continue;
    report(fn.node, 'py.discord-setup-not-awaited', `${code('def setup(' + '…)')} of an extension must be ${code('async def setup(bot)')} in discord.py 2, and it must ${code('await bot.add_cog(…)')}.`, 0.85, {
      problem: 'sync-setup',
      fnDef: m.at(fn.defOffset),
      fnName: 'setup',
      start: m.at(fn.startOffset),
      context: 'module',
    });
  }
};

export const pythonDetectors: Record<string, Detector> = {
  'py.unawaited-coroutine': unawaitedCoroutine,
  'py.coroutine-as-value': coroutineAsValue,
  'py.asyncio-run-in-async': asyncioRunInAsync,
  'py.run-until-complete-in-async': runUntilCompleteInAsync,
  'py.async-fn-in-thread': asyncFnInThread,
  'py.await-outside-async': awaitOutsideAsync,
  'py.blocking-call-in-async': blockingCallInAsync,
  'py.asyncio-primitive-from-thread': asyncioPrimitiveFromThread,
  'py.task-not-kept': taskNotKept,
  'py.coroutine-function-not-called': coroutineFunctionNotCalled,
  'py.await-non-awaitable': awaitNonAwaitable,
  'py.sync-iteration-of-async': syncIterationOfAsync,
  'py.sync-with-async-cm': syncWithAsyncCm,
  'py.session-per-request': sessionPerRequest,
  'py.get-event-loop-top-level': getEventLoopTopLevel,
  'py.discord-setup-not-awaited': discordSetupNotAwaited,
};
