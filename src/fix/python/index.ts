/**
 * Python fixers: each rewrites the user's own block for the findings that
 * made its rule match, changing as little as possible, and returns null when
 * it cannot do so safely (the rule's own corrected example is shown then).
 */
import type { SnippetFinding } from '../../evidence/types.js';
import type { FunctionInfo, SnippetModel } from '../../evidence/python/snippet/index.js';
import { identifiersAfter, isBinding, nearestLoop } from '../../evidence/python/snippet/lifecycle.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer, FixInput } from '../types.js';
import { applyEdits, finish, importAsyncio, indentAt, indentUnit, lineEndOf, lineStartOf, modelOf, offsetOf, type Edit } from './edit.js';

const ON_LOOP = new Set(['async', 'notebook', 'unknown-async']);

function findingsOf(input: FixInput, ...detectors: string[]): SnippetFinding[] {
  return input.findings.filter((f) => detectors.includes(f.detector) && f.data);
}

function d(f: SnippetFinding, key: string): string {
  return f.data?.[key] ?? '';
}

/** Offset in the original code of a node of the model. */
function orig(m: SnippetModel, code: string, offset: number): number {
  return offsetOf(code, m.at(offset));
}

function withImport(code: string, edits: Edit[]): Edit[] {
  const imp = importAsyncio(code);
  return imp ? [...edits, imp] : edits;
}

function awaitEdits(start: number, end: number, wrap: boolean): Edit[] {
  return wrap
    ? [
        { start, end: start, text: '(await ' },
        { start: end, end, text: ')' },
      ]
    : [{ start, end: start, text: 'await ' }];
}

function callAt(m: SnippetModel, f: SnippetFinding): PyNode | null {
  const s = m.offsetAt(d(f, 'start'));
  const e = m.offsetAt(d(f, 'end'));
  return s < 0 ? null : m.nodeAt(s, 'call', e);
}

/**
 * Edits that turn a plain def into `async def` and await it at its call
 * sites; null when some caller could not await it (sync code, or the
 * function is handed on as a value).
 */
function makeAsyncEdits(m: SnippetModel, code: string, fn: FunctionInfo, handled: Set<PyNode>): { edits: Edit[]; needsImport: boolean } | null {
  if (fn.name.startsWith('__') || fn.isAsync) return null;
  const edits: Edit[] = [{ start: orig(m, code, fn.defOffset), end: orig(m, code, fn.defOffset), text: 'async ' }];
  let needsImport = false;
  for (const id of m.identifiers) {
    if (m.text(id) !== fn.name) continue;
    if (id.parent === fn.node && id.field === 'name') continue;
    let ref: PyNode = id;
    if (fn.className) {
      if (id.parent?.type !== 'attribute' || id.field !== 'attribute') continue;
      ref = id.parent;
    } else if (id.parent?.type === 'attribute' && id.field === 'attribute') continue;
    const call = ref.parent;
    if (!call || call.type !== 'call' || ref.field !== 'function') {
      // Decorator references and `def` names aside, handing the function on as a value is not safe to change.
      if (ref.parent?.type === 'keyword_argument' || ref.parent?.type === 'argument_list' || ref.parent?.type === 'assignment') return null;
      continue;
    }
    if (handled.has(call)) continue;
    const u = m.usage(call);
    if (u.kind === 'awaited') continue;
    const scope = m.scopeOf(call);
    const wrap = (u.kind === 'value' && (u.how === 'attribute' || u.how === 'index'));
    if (ON_LOOP.has(scope.kind)) {
      edits.push(...awaitEdits(orig(m, code, call.start), orig(m, code, call.end), wrap));
    } else if (scope.kind === 'module' && (u.kind === 'bare' || u.kind === 'stored')) {
      edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.start), text: 'asyncio.run(' });
      edits.push({ start: orig(m, code, call.end), end: orig(m, code, call.end), text: ')' });
      needsImport = true;
    } else if (scope.fn && scope.fn !== fn && !scope.fn.isAsync) {
      return null; // would need a chain of functions made async: leave it to the person
    } else {
      return null;
    }
  }
  return { edits, needsImport };
}

/** py.add-await: `await` the coroutine call; make the enclosing def async when that is safe. */
const addAwait: Fixer = (input) => {
  const findings = findingsOf(input, 'py.unawaited-coroutine', 'py.coroutine-as-value', 'py.discord-setup-not-awaited');
  if (findings.length === 0) return null;
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  let needsImport = false;
  const madeAsync = new Set<FunctionInfo>();
  const handled = new Set<PyNode>();
  for (const f of findings) {
    const call = callAt(m, f);
    if (call) handled.add(call);
  }
  for (const f of findings) {
    const call = callAt(m, f);
    if (!call || d(f, 'problem') === 'sync-setup') continue;
    const start = orig(m, code, call.start);
    const end = orig(m, code, call.end);
    const scope = m.scopeOf(call);
    const callee = d(f, 'callee');
    const wrap = d(f, 'wrap') === 'paren';
    if (ON_LOOP.has(scope.kind)) {
      edits.push(...awaitEdits(start, end, wrap));
      notes.push(`added \`await\` before \`${callee}()\``);
    } else if (scope.kind === 'sync' && scope.fn) {
      if (!madeAsync.has(scope.fn)) {
        const r = makeAsyncEdits(m, code, scope.fn, handled);
        if (!r) continue;
        madeAsync.add(scope.fn);
        edits.push(...r.edits);
        needsImport ||= r.needsImport;
        notes.push(`made \`${scope.fn.name}\` an \`async def\``);
      }
      edits.push(...awaitEdits(start, end, wrap));
      notes.push(`added \`await\` before \`${callee}()\``);
    } else if (scope.kind === 'module' && /^[A-Za-z_]\w*$/.test(callee)) {
      const u = m.usage(call);
      if (u.kind !== 'bare' && u.kind !== 'stored') continue;
      edits.push({ start, end: start, text: 'asyncio.run(' }, { start: end, end, text: ')' });
      needsImport = true;
      notes.push(`ran \`${callee}()\` with \`asyncio.run()\``);
    }
  }
  if (edits.length === 0) return null;
  const all = needsImport ? withImport(code, edits) : edits;
  return finish(input, applyEdits(code, all), notes);
};

/** py.nested-run-to-await: `asyncio.run(x())` / `loop.run_until_complete(x())` on a running loop → `await x()`. */
const nestedRunToAwait: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.asyncio-run-in-async', 'py.run-until-complete-in-async')) {
    if (d(f, 'method') === 'run_forever') continue;
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const argStart = offsetOf(code, d(f, 'argStart'));
    const argEnd = offsetOf(code, d(f, 'argEnd'));
    if (start < 0 || end < 0 || argStart < 0 || argEnd < 0) continue;
    let arg = code.slice(argStart, argEnd);
    if (d(f, 'argIsCall') !== 'true') {
      if (!d(f, 'argFunction')) continue;
      arg += '()';
    }
    const text = d(f, 'wrap') === 'paren' ? `(await ${arg})` : `await ${arg}`;
    edits.push({ start, end, text });
    notes.push(`replaced \`${d(f, 'callee')}(…)\` with \`await ${arg}\` (the loop is already running)`);
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};

/** py.thread-target-coroutine: run the async function in the thread with `asyncio.run`, or await it directly. */
const threadTargetCoroutine: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.async-fn-in-thread')) {
    const call = callAt(m, f);
    if (!call) continue;
    const target = d(f, 'target');
    const mode = d(f, 'mode');
    const tStart = offsetOf(code, d(f, 'targetStart'));
    const tEnd = offsetOf(code, d(f, 'targetEnd'));
    if (mode === 'thread') {
      if (d(f, 'argsKwStart') && !d(f, 'argsList') && d(f, 'argsList') !== '') continue;
      const args = d(f, 'argsList');
      if (d(f, 'argsKwStart') && f.data?.argsList === undefined) continue;
      edits.push({ start: tStart, end: tEnd, text: `lambda: asyncio.run(${target}(${args}))` });
      if (d(f, 'argsKwStart')) {
        let kStart = offsetOf(code, d(f, 'argsKwStart'));
        const kEnd = offsetOf(code, d(f, 'argsKwEnd'));
        // Remove the `args=` keyword with the comma before it.
        let p = kStart - 1;
        while (p >= 0 && /\s/.test(code[p]!)) p--;
        if (code[p] === ',') kStart = p;
        edits.push({ start: kStart, end: kEnd, text: '' });
      }
      notes.push(`the thread now runs \`${target}(${args})\` with \`asyncio.run()\``);
      continue;
    }
    // asyncio.to_thread(f, a) / loop.run_in_executor(None, f, a) / executor.submit(f, a)
    const argsNode = call.children.find((c) => c.field === 'arguments');
    if (!argsNode) continue;
    const positional = argsNode.children.filter((c) => c.named && c.type !== 'comment' && c.type !== 'keyword_argument');
    const idx = mode === 'executor' ? 1 : 0;
    const rest = positional.slice(idx + 1).map((a) => m.text(a)).join(', ');
    if (positional.length !== argsNode.children.filter((c) => c.named && c.type !== 'comment').length) continue;
    if (mode === 'submit') {
      const aStart = orig(m, code, argsNode.start + 1);
      const aEnd = orig(m, code, argsNode.end - 1);
      edits.push({ start: aStart, end: aEnd, text: `asyncio.run, ${target}(${rest})` });
      notes.push(`the executor now runs \`${target}(${rest})\` with \`asyncio.run()\``);
    } else if (d(f, 'awaited') === 'true') {
      edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.end), text: `${target}(${rest})` });
      notes.push(`awaited \`${target}(${rest})\` directly: it is already async`);
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, notes.some((n) => n.includes('asyncio.run')) ? withImport(code, edits) : edits), notes);
};

/** py.make-enclosing-async: `def` → `async def` (awaiting its callers), or `asyncio.run(...)` at the top of a script. */
const makeEnclosingAsync: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  let needsImport = false;
  const done = new Set<FunctionInfo>();
  for (const f of findingsOf(input, 'py.await-outside-async')) {
    const s = m.offsetAt(d(f, 'start'));
    if (s < 0) continue;
    const node = m.nodeAt(s, d(f, 'what') === 'await' ? 'await' : d(f, 'what') === 'async with' ? 'with_statement' : 'for_statement') ?? m.nodeAt(s, 'for_in_clause');
    if (!node) continue;
    const scope = m.scopeOf(node);
    if (scope.kind === 'sync' && scope.fn) {
      if (done.has(scope.fn)) continue;
      const r = makeAsyncEdits(m, code, scope.fn, new Set());
      if (!r) continue;
      done.add(scope.fn);
      edits.push(...r.edits);
      needsImport ||= r.needsImport;
      notes.push(`made \`${scope.fn.name}\` an \`async def\``);
    } else if (scope.kind === 'module' && d(f, 'what') === 'await' && d(f, 'exprIsCall') === 'true') {
      const start = offsetOf(code, d(f, 'start'));
      const exprStart = offsetOf(code, d(f, 'exprStart'));
      const exprEnd = offsetOf(code, d(f, 'exprEnd'));
      edits.push({ start, end: exprStart, text: 'asyncio.run(' }, { start: exprEnd, end: exprEnd, text: ')' });
      needsImport = true;
      notes.push(`ran \`${code.slice(exprStart, exprEnd)}\` with \`asyncio.run()\` (a script has no running loop at the top level)`);
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, needsImport ? withImport(code, edits) : edits), notes);
};

/** py.unblock-call: `time.sleep` → `await asyncio.sleep`; other blocking calls → `await asyncio.to_thread(f, …)`. */
const unblockCall: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.blocking-call-in-async')) {
    if (!ON_LOOP.has(d(f, 'context')) || d(f, 'blocking') === 'busy loop') continue;
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const calleeEnd = offsetOf(code, d(f, 'calleeEnd'));
    const argsStart = offsetOf(code, d(f, 'argsStart'));
    const argsEnd = offsetOf(code, d(f, 'argsEnd'));
    if (start < 0 || end < 0 || calleeEnd < 0) continue;
    const wrap = d(f, 'wrap') === 'paren';
    const callee = d(f, 'callee');
    if (d(f, 'blocking') === 'time.sleep' && !d(f, 'via')) {
      edits.push({ start, end: calleeEnd, text: wrap ? '(await asyncio.sleep' : 'await asyncio.sleep' });
      if (wrap) edits.push({ start: end, end, text: ')' });
      notes.push(`replaced \`${callee}()\` with \`await asyncio.sleep()\``);
      continue;
    }
    if (argsStart < 0 || argsEnd < 0) continue;
    const args = code.slice(argsStart, argsEnd).trim().replace(/,\s*$/, '');
    const inner = `await asyncio.to_thread(${callee}${args ? ', ' + args : ''})`;
    edits.push({ start, end, text: wrap ? `(${inner})` : inner });
    notes.push(`moved \`${callee}()\` to a worker thread with \`await asyncio.to_thread()\``);
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, withImport(code, edits)), notes);
};

/** py.call-soon-threadsafe: hand loop work from a thread to the loop safely. */
const callSoonThreadsafe: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.asyncio-primitive-from-thread')) {
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const argsStart = offsetOf(code, d(f, 'argsStart'));
    const argsEnd = offsetOf(code, d(f, 'argsEnd'));
    if (start < 0 || end < 0 || argsStart < 0) continue;
    const method = d(f, 'method');
    const receiver = d(f, 'receiver');
    const args = code.slice(argsStart, argsEnd).trim();
    const loop = method === 'create_task' || method === 'call_soon' ? receiver : d(f, 'loop');
    if (!loop) continue;
    if (method === 'call_soon') {
      edits.push({ start, end, text: `${receiver}.call_soon_threadsafe(${args})` });
      notes.push(`used \`${receiver}.call_soon_threadsafe()\``);
    } else if (d(f, 'kindOfCall') === 'task') {
      edits.push({ start, end, text: `asyncio.run_coroutine_threadsafe(${args}, ${loop})` });
      notes.push('scheduled the coroutine with `asyncio.run_coroutine_threadsafe()`');
    } else if (d(f, 'kindOfCall') === 'coroutine') {
      edits.push({ start, end, text: `asyncio.run_coroutine_threadsafe(${code.slice(start, end)}, ${loop})` });
      notes.push('scheduled the coroutine with `asyncio.run_coroutine_threadsafe()`');
    } else if (receiver && method && !/^call_(later|at)$/.test(method)) {
      edits.push({ start, end, text: `${loop}.call_soon_threadsafe(${receiver}.${method}${args ? ', ' + args : ''})` });
      notes.push(`handed \`${receiver}.${method}()\` to the loop with \`call_soon_threadsafe()\``);
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, withImport(code, edits)), notes);
};

function freshName(code: string, candidates: string[]): string {
  for (const c of candidates) if (!new RegExp(`\\b${c}\\b`).test(code)) return c;
  return candidates[candidates.length - 1]! + '_ref';
}

/** py.keep-task-reference: keep the task in a set and drop it when done. */
const keepTaskReference: Fixer = (input) => {
  const code = input.code;
  const findings = findingsOf(input, 'py.task-not-kept');
  if (findings.length === 0) return null;
  const firstCode = /^[ \t]*[^\s#`]/m.exec(code);
  if (firstCode && /^[ \t]/.test(firstCode[0])) return null; // an indented fragment: no module level to keep the set at
  const existing = /^(\w+)\s*=\s*set\(\)\s*$/m.exec(code);
  const setName = existing?.[1] && /task/i.test(existing[1]) ? existing[1] : freshName(code, ['background_tasks', 'running_tasks']);
  const taskVar = freshName(code, ['task', 'bg_task', 'new_task']);
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findings) {
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const stmtStart = offsetOf(code, d(f, 'stmtStart'));
    const stmtEnd = offsetOf(code, d(f, 'stmtEnd'));
    if (start !== stmtStart || end !== stmtEnd) continue; // e.g. `x(); asyncio.create_task(...)` on one line
    const indent = indentAt(code, start);
    const call = code.slice(start, end);
    edits.push({ start, end, text: `${taskVar} = ${call}\n${indent}${setName}.add(${taskVar})\n${indent}${taskVar}.add_done_callback(${setName}.discard)` });
    notes.push(`kept a reference to the task in \`${setName}\` until it finishes`);
  }
  if (edits.length === 0) return null;
  if (!existing || existing[1] !== setName) {
    // After the last top-level import, or at the top.
    let at = 0;
    const re = /^(import|from)\s[^\n]*(\n|$)/gm;
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(code))) {
      if (mm.index > (offsetOf(code, d(findings[0]!, 'start')) ?? 0)) break;
      at = mm.index + mm[0].length;
      if (!mm[0].endsWith('\n')) return null;
    }
    edits.push({ start: at, end: at, text: at > 0 ? `\n${setName} = set()\n` : `${setName} = set()\n\n` });
  }
  return finish(input, applyEdits(code, edits), notes);
};

/** py.call-coroutine-function: `asyncio.run(main)` → `asyncio.run(main())`. */
const callCoroutineFunction: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.coroutine-function-not-called')) {
    if (d(f, 'requiredParams') !== '0') continue;
    const end = offsetOf(code, d(f, 'end'));
    if (end < 0) continue;
    edits.push({ start: end, end, text: '()' });
    notes.push(`called \`${d(f, 'name')}()\` so \`${d(f, 'sink')}\` gets a coroutine`);
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};

/** py.remove-bad-await: fix an `await` on something that is not awaitable. */
const removeBadAwait: Fixer = (input) => {
  const m = modelOf(input);
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  let needsImport = false;
  for (const f of findingsOf(input, 'py.await-non-awaitable')) {
    const awaitStart = offsetOf(code, d(f, 'awaitStart'));
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const calleeEnd = offsetOf(code, d(f, 'calleeEnd'));
    if (awaitStart < 0 || start < 0) continue;
    const q = d(f, 'qname');
    const callee = d(f, 'callee');
    if (q === 'time.sleep') {
      edits.push({ start, end: calleeEnd, text: 'asyncio.sleep' });
      needsImport = true;
      notes.push(`replaced \`${callee}()\` with \`asyncio.sleep()\`, which can be awaited`);
    } else if (d(f, 'targetDef')) {
      if (d(f, 'fnAwaits') === 'true' && m) {
        const fn = [...(m.functions.get(callee) ?? [])].find((x) => m.at(x.defOffset) === d(f, 'targetDef'));
        if (!fn) continue;
        const call = callAt(m, f);
        const r = makeAsyncEdits(m, code, fn, new Set(call ? [call] : []));
        if (!r) continue;
        edits.push(...r.edits);
        needsImport ||= r.needsImport;
        notes.push(`made \`${callee}\` an \`async def\` (it awaits inside)`);
      } else {
        edits.push({ start: awaitStart, end: start, text: '' });
        notes.push(`removed \`await\` before \`${callee}()\`: it is a plain function`);
      }
    } else if (['print', 'len', 'open', 'str', 'int', 'json.dumps', 'json.loads'].includes(q)) {
      edits.push({ start: awaitStart, end: start, text: '' });
      notes.push(`removed \`await\` before \`${callee}()\``);
    } else {
      const argsStart = offsetOf(code, d(f, 'argsStart'));
      const argsEnd = offsetOf(code, d(f, 'argsEnd'));
      if (argsStart < 0 || end < 0) continue;
      const args = code.slice(argsStart, argsEnd).trim().replace(/,\s*$/, '');
      edits.push({ start, end, text: `asyncio.to_thread(${callee}${args ? ', ' + args : ''})` });
      needsImport = true;
      notes.push(`awaited \`${callee}()\` in a worker thread with \`asyncio.to_thread()\``);
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, needsImport ? withImport(code, edits) : edits), notes);
};

function asyncKeywordFixer(detector: string, posKey: string, keyword: string): Fixer {
  return (input) => {
    const code = input.code;
    const m = modelOf(input);
    const edits: Edit[] = [];
    const notes: string[] = [];
    const done = new Set<FunctionInfo>();
    for (const f of findingsOf(input, detector)) {
      if (detector === 'py.sync-with-async-cm' && d(f, 'allItemsAsync') !== 'true') continue;
      const at = offsetOf(code, d(f, posKey));
      if (at < 0) continue;
      const ctx = d(f, 'context');
      if (ctx === 'sync' && m) {
        const fn = [...m.byNode.values()].find((x) => m.at(x.defOffset) === d(f, 'fnDef'));
        if (!fn) continue;
        if (!done.has(fn)) {
          const r = makeAsyncEdits(m, code, fn, new Set());
          if (!r || r.needsImport) continue;
          done.add(fn);
          edits.push(...r.edits);
          notes.push(`made \`${fn.name}\` an \`async def\``);
        }
      } else if (!ON_LOOP.has(ctx)) continue;
      edits.push({ start: at, end: at, text: 'async ' });
      notes.push(`\`${keyword}\` → \`async ${keyword}\``);
    }
    return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
  };
}

/** py.use-asyncio-run: `loop = asyncio.get_event_loop(); loop.run_until_complete(main())` → `asyncio.run(main())`. */
const useAsyncioRun: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.get-event-loop-top-level')) {
    if (d(f, 'context') !== 'module') continue;
    const call = callAt(m, f);
    if (!call) continue;
    const variable = d(f, 'variable');
    if (!variable) {
      // asyncio.get_event_loop().run_until_complete(x)
      const attr = call.parent;
      const outer = attr?.parent;
      if (attr?.type !== 'attribute' || outer?.type !== 'call') continue;
      const method = attr.children.find((c) => c.field === 'attribute');
      if (!method || m.text(method) !== 'run_until_complete') continue;
      const args = outer.children.find((c) => c.field === 'arguments');
      if (!args) continue;
      edits.push({ start: orig(m, code, outer.start), end: orig(m, code, outer.end), text: `asyncio.run(${m.text(args).slice(1, -1).trim()})` });
      notes.push('started the program with `asyncio.run()`');
      continue;
    }
    if (!/^[A-Za-z_]\w*$/.test(variable)) continue;
    const assignStmt = m.statementOf(call);
    if (assignStmt.parent?.type !== 'module') continue;
    let runs = 0;
    let safe = true;
    const local: Edit[] = [];
    for (const id of m.identifiers) {
      if (m.text(id) !== variable || id.start < assignStmt.end) continue;
      const attr = id.parent;
      const outer = attr?.parent;
      const method = attr?.type === 'attribute' && id.field === 'object' ? attr.children.find((c) => c.field === 'attribute') : null;
      if (!method || outer?.type !== 'call' || m.usage(outer).kind !== 'bare') {
        safe = false;
        break;
      }
      const stmt = m.statementOf(outer);
      const name = m.text(method);
      if (name === 'run_until_complete' && stmt.parent?.type === 'module') {
        const args = outer.children.find((c) => c.field === 'arguments');
        if (!args) {
          safe = false;
          break;
        }
        runs++;
        local.push({ start: orig(m, code, outer.start), end: orig(m, code, outer.end), text: `asyncio.run(${m.text(args).slice(1, -1).trim()})` });
      } else if (name === 'close' && stmt.parent?.type === 'module') {
        const s = orig(m, code, stmt.start);
        local.push({ start: lineStartOf(code, s), end: Math.min(code.length, lineEndOf(code, s) + 1), text: '' });
      } else {
        safe = false;
        break;
      }
    }
    if (!safe || runs !== 1) continue;
    const s = orig(m, code, assignStmt.start);
    edits.push({ start: lineStartOf(code, s), end: Math.min(code.length, lineEndOf(code, s) + 1), text: '' }, ...local);
    notes.push(`replaced the hand-made loop \`${variable}\` with \`asyncio.run()\``);
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};

function reindent(text: string, fromIndent: string, toIndent: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : toIndent + (l.startsWith(fromIndent) ? l.slice(fromIndent.length) : l.trimStart())))
    .join('\n');
}

/** py.load-extension-setup-hook: discord.py 2 loads extensions and cogs once, awaited, in `setup_hook`. */
const loadExtensionSetupHook: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  const unit = indentUnit(code);
  const findings = findingsOf(input, 'py.discord-setup-not-awaited');
  const calls = new Set<PyNode>();
  for (const f of findings) {
    const c = callAt(m, f);
    if (c) calls.add(c);
  }
  // Statements to move, keyed by their node, in document order.
  const moves = new Map<PyNode, { receiver: string; anchor: PyNode }>();
  for (const f of findings) {
    const problem = d(f, 'problem');
    if (problem === 'sync-setup') {
      const fn = [...(m.functions.get('setup') ?? [])].find((x) => m.at(x.defOffset) === d(f, 'fnDef'));
      if (!fn) continue;
      const at = orig(m, code, fn.defOffset);
      edits.push({ start: at, end: at, text: 'async ' });
      for (const c of m.calls) {
        if (m.scopeNode(c) !== fn.node) continue;
        const fx = c.children.find((x) => x.field === 'function');
        if (fx && /\.(add_cog|load_extension)$/.test(m.text(fx)) && m.usage(c).kind !== 'awaited') edits.push({ start: orig(m, code, c.start), end: orig(m, code, c.start), text: 'await ' });
      }
      notes.push('made `setup` an `async def` that awaits `add_cog`');
      continue;
    }
    const call = callAt(m, f);
    if (!call) continue;
    const scope = m.scopeOf(call);
    if (scope.kind === 'async' && scope.fn && scope.fn.name !== 'on_ready') {
      if (m.usage(call).kind !== 'awaited') {
        edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.start), text: 'await ' });
        notes.push(`added \`await\` before \`${d(f, 'callee')}()\``);
      }
      continue;
    }
    // Climb to the statement to move: loops/ifs that only load extensions move whole.
    let stmt = m.statementOf(call);
    for (;;) {
      const block = stmt.parent;
      const compound = block?.type === 'block' ? block.parent : null;
      if (!compound || !/^(for_statement|if_statement|with_statement)$/.test(compound.type)) break;
      const t = m.text(compound);
      if (/\.(run|start)\(|\bdef\b/.test(t)) break;
      stmt = m.statementOf(compound);
    }
    const receiver = d(f, 'receiver');
    let anchor: PyNode | null = null;
    if (stmt.parent?.type === 'module') anchor = stmt;
    else if (scope.fn?.name === 'on_ready' && !scope.fn.className && m.scopeNode(scope.fn.node) === null) {
      anchor = scope.fn.node.parent?.type === 'decorated_definition' ? scope.fn.node.parent : scope.fn.node;
      // on_ready must keep a body.
      const body = stmt.parent;
      if (body?.type === 'block' && body.children.filter((c) => c.named && c.type !== 'comment').length === 1) {
        const s = orig(m, code, stmt.start);
        edits.push({ start: s, end: orig(m, code, stmt.end), text: 'pass' });
        moves.set(stmt, { receiver, anchor });
        continue;
      }
    }
    if (!anchor || !/^[A-Za-z_]\w*$/.test(receiver)) continue;
    moves.set(stmt, { receiver, anchor });
  }
  if (moves.size > 0) {
    const existing = (m.functions.get('setup_hook') ?? []).find((x) => x.isAsync && !x.className);
    const groups = new Map<PyNode, { receiver: string; stmts: PyNode[] }>();
    for (const [stmt, { receiver, anchor }] of moves) {
      const g = groups.get(anchor) ?? { receiver, stmts: [] };
      g.stmts.push(stmt);
      groups.set(anchor, g);
    }
    for (const [anchor, g] of groups) {
      const bodyLines: string[] = [];
      for (const stmt of g.stmts) {
        // The statement's text with every setup call in it awaited.
        const s = orig(m, code, stmt.start);
        const e = orig(m, code, stmt.end);
        const inner: Edit[] = [];
        for (const c of calls) {
          if (c.start >= stmt.start && c.end <= stmt.end && m.usage(c).kind !== 'awaited') {
            const cs = orig(m, code, c.start) - s;
            inner.push({ start: cs, end: cs, text: 'await ' });
          }
        }
        const moved = applyEdits(code.slice(s, e), inner);
        if (moved === null) return null;
        const ls = lineStartOf(code, s);
        const fromIndent = code.slice(ls, s);
        bodyLines.push(reindent(fromIndent + moved, fromIndent, existing ? indentAt(code, orig(m, code, existing.node.children.find((c) => c.field === 'body')!.start)) : unit));
        const alreadyPass = edits.some((x) => x.start === s && x.text === 'pass');
        if (!alreadyPass) {
          const onlyOnLine = code.slice(ls, s).trim() === '' && code.slice(e, lineEndOf(code, e)).trim() === '';
          if (!onlyOnLine) return null;
          edits.push({ start: ls, end: Math.min(code.length, lineEndOf(code, e) + 1), text: '' });
        }
      }
      if (existing) {
        const end = orig(m, code, existing.node.end);
        edits.push({ start: end, end, text: '\n' + bodyLines.join('\n') });
      } else {
        const a = orig(m, code, anchor.start);
        const ls = lineStartOf(code, a);
        const last = g.stmts[g.stmts.length - 1]!;
        const after = lineEndOf(code, orig(m, code, last.end)) + 1;
        const nextBlank = after < code.length && code.slice(after, lineEndOf(code, after)).trim() === '';
        edits.push({ start: ls, end: ls, text: `@${g.receiver}.event\nasync def setup_hook():\n${bodyLines.join('\n')}\n${nextBlank ? '' : '\n'}` });
      }
      notes.push(`moved the extension loading into \`setup_hook\`, awaited`);
    }
  }
  if (edits.length === 0) return null;
  return finish(input, applyEdits(code, edits), notes);
};

/**
 * py.await-coroutine-once: a coroutine object awaited twice is awaited once
 * where it is made and its result reused; one awaited on every pass of a
 * loop is made fresh inside the loop instead.
 */
const awaitCoroutineOnce: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.coroutine-awaited-twice')) {
    const call = callAt(m, f);
    const name = d(f, 'variable');
    if (!call || !name) continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'async' && scope.kind !== 'notebook') continue;
    const stmt = m.statementOf(call);
    const assign = stmt.type === 'expression_statement' ? stmt.children[0] : null;
    if (assign?.type !== 'assignment' || assign.children.find((c) => c.field === 'right') !== call) continue;
    // Every later mention up to a rebinding must be a plain `await name` in the same function.
    const uses: { id: PyNode; awaitNode: PyNode }[] = [];
    let ok = true;
    for (const id of identifiersAfter(m, stmt.end, scope.node)) {
      if (m.text(id) !== name) continue;
      if (m.scopeNode(id) !== scope.node || isBinding(id)) {
        ok = m.scopeNode(id) === scope.node; // a closure reading it: leave it to the person
        break;
      }
      const u = m.usage(id);
      if (u.kind !== 'awaited' || id.parent !== u.node) {
        ok = false;
        break;
      }
      uses.push({ id, awaitNode: u.node });
    }
    if (!ok || uses.length === 0) continue;
    const callText = code.slice(orig(m, code, call.start), orig(m, code, call.end));
    if (d(f, 'inLoop') === 'true') {
      if (uses.length !== 1) continue;
      const s = orig(m, code, stmt.start);
      const e = orig(m, code, stmt.end);
      const ls = lineStartOf(code, s);
      if (code.slice(ls, s).trim() !== '' || code.slice(e, lineEndOf(code, e)).trim() !== '') continue;
      edits.push({ start: ls, end: Math.min(code.length, lineEndOf(code, e) + 1), text: '' });
      edits.push({ start: orig(m, code, uses[0]!.id.start), end: orig(m, code, uses[0]!.id.end), text: callText });
      notes.push(`each pass now awaits a fresh \`${callText}\` instead of the one \`${name}\` held`);
    } else {
      if (d(f, 'allAwaited') !== 'true') continue;
      edits.push({ start: orig(m, code, call.start), end: orig(m, code, call.start), text: 'await ' });
      for (const u of uses) edits.push({ start: orig(m, code, u.awaitNode.start), end: orig(m, code, u.id.start), text: '' });
      notes.push(`awaited \`${d(f, 'callee')}()\` once and reused its result \`${name}\``);
    }
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};

/** py.close-loop-after-use: `loop.close()` moves below the loop's last use (or out of the `for` that reuses the loop). */
const closeLoopAfterUse: Fixer = (input) => {
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of findingsOf(input, 'py.loop-used-after-run')) {
    if (d(f, 'problem') !== 'closed') continue;
    const name = d(f, 'variable');
    const cs = m.offsetAt(d(f, 'closeStart'));
    const close = cs < 0 ? null : m.nodeAt(cs, 'call', m.offsetAt(d(f, 'closeEnd')));
    if (!close || !name) continue;
    const stmt = m.statementOf(close);
    if (stmt.type !== 'expression_statement' || stmt.children[0] !== close) continue;
    const s = orig(m, code, stmt.start);
    const e = orig(m, code, stmt.end);
    const ls = lineStartOf(code, s);
    if (code.slice(ls, s).trim() !== '' || code.slice(e, lineEndOf(code, e)).trim() !== '') continue;
    const scope = m.scopeNode(close);
    // Where the close goes: after the `for` that reuses the loop, or after the last statement (in the close's own block) that mentions the loop.
    let after: PyNode | null = null;
    if (d(f, 'nextPass') === 'true') {
      const loop = nearestLoop(close, scope);
      if (loop && stmt.parent?.parent === loop && m.statementOf(loop) === loop) after = loop;
    } else {
      for (const id of identifiersAfter(m, stmt.end, scope)) {
        if (m.text(id) !== name || m.scopeNode(id) !== scope) continue;
        if (isBinding(id)) break;
        let top: PyNode = id;
        while (top.parent && top.parent !== stmt.parent) top = top.parent;
        after = top.parent === stmt.parent ? top : null;
        if (!after) break;
      }
    }
    if (!after) continue;
    const at = Math.min(code.length, lineEndOf(code, orig(m, code, after.end)) + 1);
    const line = `${indentAt(code, orig(m, code, after.start))}${name}.close()\n`;
    edits.push({ start: ls, end: Math.min(code.length, lineEndOf(code, e) + 1), text: '' });
    edits.push({ start: at, end: at, text: at === code.length && !code.endsWith('\n') ? '\n' + line : line });
    notes.push(`moved \`${name}.close()\` below the last use of \`${name}\``);
  }
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};

/** py.import-asyncio: `asyncio.run(…)` in a file whose imports forgot `import asyncio`. */
const addAsyncioImport: Fixer = (input) => {
  if (findingsOf(input, 'py.asyncio-not-imported').length === 0) return null;
  const imp = importAsyncio(input.code);
  return finish(input, imp ? applyEdits(input.code, [imp]) : null, ['added `import asyncio` next to the other imports']);
};

export const pythonFixers: Record<string, Fixer> = {
  'py.add-await': addAwait,
  'py.nested-run-to-await': nestedRunToAwait,
  'py.thread-target-coroutine': threadTargetCoroutine,
  'py.make-enclosing-async': makeEnclosingAsync,
  'py.unblock-call': unblockCall,
  'py.call-soon-threadsafe': callSoonThreadsafe,
  'py.keep-task-reference': keepTaskReference,
  'py.call-coroutine-function': callCoroutineFunction,
  'py.remove-bad-await': removeBadAwait,
  'py.use-async-for': asyncKeywordFixer('py.sync-iteration-of-async', 'forStart', 'for'),
  'py.use-async-with': asyncKeywordFixer('py.sync-with-async-cm', 'withStart', 'with'),
  'py.use-asyncio-run': useAsyncioRun,
  'py.load-extension-setup-hook': loadExtensionSetupHook,
  'py.import-asyncio': addAsyncioImport,
  'py.await-coroutine-once': awaitCoroutineOnce,
  'py.close-loop-after-use': closeLoopAfterUse,
};

export const pythonFixerIds = Object.freeze(Object.keys(pythonFixers)) as readonly string[];
