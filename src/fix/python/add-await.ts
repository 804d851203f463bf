import type { FunctionInfo, SnippetModel } from '../../evidence/python/snippet/index.js';
import { child } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import { words, type Phrase } from '../../evidence/types.js';
import type { Fixer, FixInput, FixOutput } from '../types.js';
import { applyEdits, finish, finishWithImport, modelOf, ON_LOOP, findingsOf, d, orig, awaitEdits, awaitReadEdits, callAt, fragmentOfAsyncCode, makeAsyncEdits, type Edit } from './edit.js';
import { wrapInMain } from './wrap-in-main.js';

/** py.add-await: `await` the coroutine call (or the Future nobody awaited); make the enclosing def async when that is safe. */
export const addAwait: Fixer = (input) => {
  const findings = findingsOf(input, 'py.unawaited-coroutine', 'py.coroutine-as-value', 'py.discord-setup-not-awaited', 'py.future-not-awaited');
  if (findings.length === 0) return input.excerpt ? awaitQuotedLine(input, input.excerpt.function) : (awaitReadCoroutine(input) ?? awaitWarnedCall(input));
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  let needsImport = false;
  const madeAsync = new Set<FunctionInfo>();
  const handled = new Set<PyNode>();
  const script: { call: PyNode; wrap: boolean }[] = [];
  for (const f of findings) {
    const call = callAt(m, f);
    if (call) handled.add(call);
  }
  const alsoStored = storedElsewhere(m, handled);
  for (const f of findings) {
    const call = callAt(m, f);
    if (!call || d(f, 'problem') === 'sync-setup') continue;
    const start = orig(m, code, call.start);
    const end = orig(m, code, call.end);
    const scope = m.scopeOf(call);
    const callee = d(f, 'callee');
    const wrap = d(f, 'wrap') === 'paren';
    if (ON_LOOP.has(scope.kind)) {
      edits.push(...(wrap ? awaitReadEdits(m, code, call) : awaitEdits(start, end, false)));
      notes.push(words('fix.py.added-await', { callee }));
    } else if (scope.kind === 'sync' && scope.fn) {
      if (!madeAsync.has(scope.fn)) {
        const r = makeAsyncEdits(m, code, scope.fn, handled);
        if (!r) continue;
        madeAsync.add(scope.fn);
        edits.push(...r.edits);
        needsImport ||= r.needsImport;
        notes.push(words('fix.py.made-async-def', { name: scope.fn.name }));
      }
      edits.push(...awaitEdits(start, end, wrap));
      notes.push(words('fix.py.added-await', { callee }));
    } else if (scope.kind === 'unknown' && d(f, 'fnDef') === '' && code.split('\n').filter((l) => l.trim() !== '').length >= 2) {
      // Lines cut from a function the paste does not show (read as its body; not one quoted line), calling a coroutine
      // the paste does not define: awaited where they stand, and the note says that function must be async.
      edits.push(...(wrap ? awaitReadEdits(m, code, call) : awaitEdits(start, end, false)));
      notes.push(words('fix.py.added-await-enclosing', { callee }));
    } else if (scope.kind === 'module' && /^[A-Za-z_]\w*$/.test(callee)) {
      const u = m.usage(call);
      if (u.kind !== 'bare' && u.kind !== 'stored') continue;
      edits.push({ start, end: start, text: 'asyncio.run(' }, { start: end, end, text: ')' });
      needsImport = true;
      notes.push(words('fix.py.ran-with-asyncio-run', { callee }));
    } else if (scope.kind === 'module') {
      // A method of an object (`Messages.get(…)`, `client(…)`): asyncio.run would run it on a loop of its own, away
      // from the client or ORM the code set up; it is awaited where it stands, inside a body or a main().
      const moved = moduleAwait(m, code, call, wrap);
      if (moved === 'script') script.push({ call, wrap });
      else if (moved) {
        edits.push(...moved);
        notes.push(words('fix.py.added-await-enclosing', { callee }));
      }
    }
  }
  if (edits.length === 0 && script.length === 0) return null;
  for (const call of alsoStored) {
    edits.push(...awaitEdits(orig(m, code, call.start), orig(m, code, call.end), false));
    notes.push(words('fix.py.added-await', { callee: m.text(child(call, 'function')!) }));
  }
  if (script.length > 0) return awaitInMain(input, m, edits, notes, script);
  return needsImport ? finishWithImport(input, edits, notes) : finish(input, applyEdits(code, edits), notes);
};

/**
 * A coroutine call at the top level of the block, whose callee is not a plain function `asyncio.run`
 * could run. Lines with no import, def or class are cut from a body the paste does not show: the
 * edits that await the call where it stands (the note says that body must be async). A script's own
 * top level: 'script', for `awaitInMain`.
 */
function moduleAwait(m: SnippetModel, code: string, call: PyNode, wrap: boolean): Edit[] | 'script' {
  if (!fragmentOfAsyncCode(code)) return 'script';
  return wrap ? awaitReadEdits(m, code, call) : awaitEdits(orig(m, code, call.start), orig(m, code, call.end), false);
}

/**
 * A script's top-level coroutine calls: awaited, and the top level from the first statement that
 * holds one to the end moved into `async def main()`, run once with `asyncio.run(main())` (one loop
 * for the client the script made and every call on it). Null when what moves defines a function or
 * class (a web app's routes, a bot's handlers belong at the top level, not inside main) or the
 * wrapper would change what a name means (`wrapInMain`).
 */
function awaitInMain(input: FixInput, m: SnippetModel, edits: Edit[], notes: Phrase[], calls: { call: PyNode; wrap: boolean }[]): FixOutput | null {
  const code = input.code;
  const top = m.root.children.filter((c) => c.named && c.type !== 'comment');
  const holding = calls.map(({ call }) => top.findIndex((s) => s.start <= call.start && call.end <= s.end)).filter((i) => i >= 0);
  if (holding.length !== calls.length) return null;
  const from = Math.min(...holding);
  if (top.slice(from).some((s) => DEFINITIONS.has(s.type))) return null;
  const awaited = applyEdits(code, [...edits, ...calls.flatMap(({ call, wrap }) => (wrap ? awaitReadEdits(m, code, call) : awaitEdits(orig(m, code, call.start), orig(m, code, call.end), false)))]);
  if (awaited === null) return null;
  const next = modelOf({ ...input, code: awaited });
  const first = next?.root.children.filter((c) => c.named && c.type !== 'comment')[from];
  const wrapped = next && first ? wrapInMain(next, awaited, first, input.evidence.context?.pythonVersion ?? null) : null;
  if (!wrapped) return null;
  const added = calls.map(({ call }) => words('fix.py.added-await', { callee: m.text(child(call, 'function')!) }));
  return finish(input, applyEdits(awaited, wrapped.edits), [...notes, ...added, wrapped.note]);
}

const DEFINITIONS = new Set(['function_definition', 'decorated_definition', 'class_definition']);

/**
 * The same mistake made again on another line: a call of the `async def` a finding's call awaits
 * now, stored in a name on the loop (`result = fetch_data()` in an async def) and never handed on
 * as a coroutine afterwards (not awaited, not passed to `gather` or `create_task`): it is awaited in
 * the same rewrite, so the fix does not leave one copy of the bug behind.
 */
function storedElsewhere(m: SnippetModel, handled: Set<PyNode>): PyNode[] {
  const fns = new Set<FunctionInfo>();
  for (const call of handled) {
    const fn = m.snippetFunction(child(call, 'function')!);
    if (fn?.isAsync && !fn.isAsyncGen && ON_LOOP.has(m.scopeOf(call).kind)) fns.add(fn);
  }
  if (fns.size === 0) return [];
  return m.calls.filter((call) => {
    if (handled.has(call)) return false;
    const fn = m.snippetFunction(child(call, 'function')!);
    if (!fn || !fns.has(fn) || !ON_LOOP.has(m.scopeOf(call).kind)) return false;
    const u = m.usage(call);
    if (u.kind !== 'stored' || u.targetNode.type !== 'identifier') return false;
    const scope = m.scopeNode(call);
    const later = m.identifiers.filter((id) => id.start > call.end && m.text(id) === u.target && m.scopeNode(id) === scope);
    return later.every((id) => m.usage(id).kind !== 'awaited' && m.usage(id).kind !== 'passed' && m.usage(id).kind !== 'returned');
  });
}

/** A logger's thread name for a worker thread, printed before the warning (`(Thread-6)`, `(SyncWorker_3)`), not `(MainThread)`. */
const WORKER_THREAD = /\((?:Thread-\d+|SyncWorker_\d+|ThreadPoolExecutor-\d+_\d+)(?: \([^)]*\))?\)/;

// CPython's warning (Lib/warnings.py, _warn_unawaited_coroutine): f"coroutine '{coro.__qualname__}' was never awaited".
const NEVER_AWAITED = /^coroutine '([\w.<>]+)' was never awaited/;
// CPython's AttributeError for a coroutine object (Objects/object.c): "'coroutine' object has no attribute 'json'".
const COROUTINE_ATTRIBUTE = /^'coroutine' object has no attribute '(\w+)'/;
// CPython's TypeErrors for a coroutine used as a container (Objects/abstract.c).
const COROUTINE_INDEXED = /^'coroutine' object is not subscriptable/;
const COROUTINE_ITERATED = /^'coroutine' object is not iterable/;

/** The last name of a call's callee: `send` for `message.channel.send(…)`, `skip` for `skip(…)`. */
function calleeName(m: SnippetModel, call: PyNode): string | null {
  const f = child(call, 'function');
  if (!f) return null;
  if (f.type === 'identifier') return m.text(f);
  const attr = f.type === 'attribute' ? child(f, 'attribute') : null;
  return attr ? m.text(attr) : null;
}

/**
 * No code block, only the line the warning quotes under `coroutine 'X' was never awaited`: await
 * the one call on it that the warning names. The line is a fragment of code we cannot see, so the
 * function around it is not rewritten: the note says it must be an `async def`. Top-level code
 * (a traceback frame `in <module>`) gets `asyncio.run(…)` instead, except in a notebook cell,
 * whose top level can await; a warning does not say where
 * its line ran, so a plain `main()` there, which could be either, is left to the person.
 */
function awaitQuotedLine(input: FixInput, fn: string | null): FixOutput | null {
  const quoted = [
    ...input.evidence.warnings.map((w) => ({ message: w.message, source: w.source, inPackage: !!w.inPackage, thread: WORKER_THREAD.test(w.file ?? '') })),
    ...input.evidence.errors.map((e) => ({ message: e.message, source: e.frames.at(-1)?.source ?? null, inPackage: false, thread: false })),
    ...input.evidence.errors.map((e) => ({ message: e.message, source: e.cutSource ?? null, inPackage: false, thread: false })),
  ];
  // A line the question names in words is tied to every warning and error of the paste; a quoted line, to the ones printed over it.
  const onLine = input.excerpt?.named ? quoted : quoted.filter((q) => q.source?.trim() === input.code.trim());
  const qualnames = onLine.map((q) => NEVER_AWAITED.exec(q.message)?.[1]).filter((q): q is string => !!q);
  const attributes = onLine.map((q) => COROUTINE_ATTRIBUTE.exec(q.message)?.[1]).filter((a): a is string => !!a);
  const indexed = onLine.some((q) => COROUTINE_INDEXED.test(q.message));
  if (qualnames.length === 0 && attributes.length === 0 && !indexed) return null;
  // A clause's first line (`if ready(x):`, `except E as e: log(e); asyncio.sleep(5)`) is not a
  // statement by itself: it is read inside the smallest statement that holds it, and cut out again.
  const clause = clauseAround(input.code);
  const work = clause ? { ...input, code: clause.before + input.code + clause.after } : input;
  const m = modelOf(work);
  if (!m) return null;
  const wanted = new Set(qualnames.map((q) => q.split('.').at(-1)!));
  // `'coroutine' object has no attribute 'json'`: the call on the line whose `.json` was read is the coroutine.
  const readAttribute = (c: PyNode) => c.parent?.type === 'attribute' && c.field === 'object' && attributes.includes(m.text(child(c.parent, 'attribute') ?? c.parent));
  // `'coroutine' object is not subscriptable`: the call on the line whose value is indexed.
  const readIndex = (c: PyNode) => indexed && c.parent?.type === 'subscript' && c.field === 'value';
  let calls = m.calls.filter((c) => (wanted.has(calleeName(m, c) ?? '') || readAttribute(c) || readIndex(c)) && m.usage(c).kind !== 'awaited');
  // The warning names the coroutine by the name it was defined with, which a short alias does not
  // show (pyrogram's `Message.reply` is `reply_text`): a call on the line whose value the line throws
  // away, named as the start of the warning's name (`reply` → `reply_text`), is it.
  if (calls.length === 0) calls = m.calls.filter((c) => m.usage(c).kind === 'bare' && [...wanted].some((w) => w.startsWith(`${calleeName(m, c) ?? '\0'}_`)));
  // A coroutine made by calling an object (`'UserMethods.__call__'`, Telethon's `client(request)`)
  // inside a plain method the line calls (`user.set_presence(…)` returns `self.client(…)`): the
  // warning names the object's `__call__`, not the method. When the line holds one call only and
  // throws its value away, that call's result is the coroutine nobody awaited.
  if (calls.length === 0 && wanted.has('__call__') && m.calls.length === 1 && m.usage(m.calls[0]!).kind === 'bare') calls = [m.calls[0]!];
  if (calls.length !== 1) return null;
  const call = calls[0]!;
  const code = work.code;
  const callee = m.text(child(call, 'function')!);
  const start = orig(m, code, call.start);
  const end = orig(m, code, call.end);
  const u = m.usage(call);
  // Back to the quoted line alone, once the edits are made on the statement read around it.
  const cut = (fixed: string | null) => (fixed === null || !clause ? fixed : fixed.startsWith(clause.before) && fixed.endsWith(clause.after) ? fixed.slice(clause.before.length, fixed.length - clause.after.length) : null);
  // A log line naming a worker thread (Home Assistant's `WARNING (Thread-6)`): no loop runs there
  // and nothing can await. A pause is `time.sleep` in a thread; another coroutine is left to the person.
  if (onLine.some((q) => q.thread)) {
    if (callee !== 'asyncio.sleep' || u.kind !== 'bare') return null;
    const fixed = applyEdits(code, [{ start, end: orig(m, code, child(call, 'function')!.end), text: 'time.sleep' }]);
    return finish(input, cut(fixed), [words('fix.py.thread-sleep', { callee })]);
  }
  // A notebook cell's top level runs on IPython's loop: it awaits there, and asyncio.run would fail.
  if (fn === '<module>' && !input.evidence.context?.jupyter) {
    if (u.kind !== 'bare' && u.kind !== 'stored') return null;
    const fixed = applyEdits(code, [{ start, end: start, text: 'asyncio.run(' }, { start: end, end, text: ')' }]);
    return finish(input, cut(fixed), [words('fix.py.ran-top-level', { callee })]);
  }
  // Inside a function: a frame names it, the call is a method's, the line reads `self`, an
  // installed package's line warned (a library does not run coroutines as it is imported), or the
  // coroutine is a closure (`f.<locals>.g`), which runs where it is defined.
  const inFunction =
    fn !== null ||
    child(call, 'function')!.type === 'attribute' ||
    m.identifiers.some((id) => /^(self|cls)$/.test(m.text(id))) ||
    onLine.some((q) => q.inPackage) ||
    qualnames.some((q) => q.includes('.<locals>.'));
  if (!inFunction) return null;
  const wrap = u.kind === 'value' && (u.how === 'attribute' || u.how === 'index');
  const edits = wrap ? awaitReadEdits(m, code, call) : awaitEdits(start, end, false);
  return finish(input, cut(applyEdits(code, edits)), [words('fix.py.added-await-enclosing', { callee })]);
}

/**
 * The text that makes a quoted clause line a whole statement: a body after a header that ends in
 * `:` (`if ready(x):`), and the `try:` or `if` before a clause that continues one (`except E:`,
 * `elif x:`, `else:`, `finally:`). Null for a line that is a statement already.
 */
export function clauseAround(line: string): { before: string; after: string } | null {
  const text = line.trim();
  const head = /^(except|finally|elif|else)\b/.exec(text)?.[1];
  const before = head === 'except' || head === 'finally' ? 'try:\n    pass\n' : head ? 'if True:\n    pass\n' : '';
  const opens = /^(if|elif|else|while|for|async\s+for|with|async\s+with|try|except|finally|def|async\s+def|class)\b/.test(text) && /:\s*(#.*)?$/.test(text);
  const after = opens ? '\n    pass' : '';
  return before || after ? { before, after } : null;
}


/**
 * A code block no detector flagged, and the paste's error: `'coroutine' object has no attribute
 * 'goto'` (or is not subscriptable, not iterable). The block reads `.goto` on a name stored from a
 * call (`page = browser.newPage()` … `page.goto(…)`), or on a call itself: that call made the
 * coroutine, and it is awaited where it runs on the loop (an async def, a notebook cell, lines cut
 * from an async function). More than one such call, or one in sync code, is left to the person.
 */
function awaitReadCoroutine(input: FixInput): FixOutput | null {
  const messages = input.evidence.errors.map((e) => e.message);
  const attributes = new Set(messages.map((msg) => COROUTINE_ATTRIBUTE.exec(msg)?.[1]).filter((a): a is string => !!a));
  const indexed = messages.some((msg) => COROUTINE_INDEXED.test(msg));
  const iterated = messages.some((msg) => COROUTINE_ITERATED.test(msg));
  if (attributes.size === 0 && !indexed && !iterated) return null;
  const m = modelOf(input);
  if (!m) return null;
  // The read the error names, on an expression (a call, or a name stored from one).
  const readAsError = (n: PyNode): boolean => {
    const u = m.usage(n);
    if (u.kind === 'value' && u.how === 'attribute') return attributes.has(m.text(child(n.parent!, 'attribute') ?? n.parent!));
    if (u.kind === 'value' && u.how === 'index') return indexed;
    return u.kind === 'iterated' && iterated;
  };
  const candidates = new Set<PyNode>();
  for (const call of m.calls) {
    if (readAsError(call)) candidates.add(call);
    const u = m.usage(call);
    if (u.kind !== 'stored' || u.targetNode.type !== 'identifier') continue;
    if (m.identifiers.some((id) => id.start > call.end && m.text(id) === u.target && readAsError(id))) candidates.add(call);
  }
  if (candidates.size !== 1) return null;
  return awaitOneCall(input, m, [...candidates][0]!);
}

/**
 * No finding and no error that reads the coroutine, but a warning that names it (`coroutine
 * 'BaseRequest.json' was never awaited`) over a block that calls a method of that name once without
 * awaiting it (`body = request.json()`): that call is the coroutine, whatever library it comes from.
 */
function awaitWarnedCall(input: FixInput): FixOutput | null {
  const wanted = new Set(input.evidence.warnings.map((w) => NEVER_AWAITED.exec(w.message)?.[1]?.split('.').at(-1)).filter((n): n is string => !!n && !n.startsWith('<')));
  if (wanted.size === 0) return null;
  const m = modelOf(input);
  if (!m) return null;
  const candidates = m.calls.filter((call) => {
    const name = calleeName(m, call);
    if (!name || !wanted.has(name)) return false;
    const u = m.usage(call);
    return u.kind !== 'awaited' && !(u.kind === 'passed' && COROUTINE_RUNNER_NAME.test(u.to ?? ''));
  });
  return candidates.length === 1 ? awaitOneCall(input, m, candidates[0]!) : null;
}

/** What takes a coroutine and runs it, by its last name: a call handed to one is not left un-awaited. */
const COROUTINE_RUNNER_NAME = /(^|\.)(create_task|ensure_future|run_coroutine_threadsafe|gather|wait_for|shield|run_until_complete|run)$/;

/** Awaits one call the paste's error or warning names: on the loop in place, in a plain def made async, in lines cut from a body, or in a script's main(). */
function awaitOneCall(input: FixInput, m: SnippetModel, call: PyNode): FixOutput | null {
  const code = input.code;
  const u = m.usage(call);
  const wrap = u.kind === 'value' && (u.how === 'attribute' || u.how === 'index');
  const callee = m.text(child(call, 'function')!);
  const here = wrap ? awaitReadEdits(m, code, call) : awaitEdits(orig(m, code, call.start), orig(m, code, call.end), false);
  const scope = m.scopeOf(call);
  if (ON_LOOP.has(scope.kind)) return finish(input, applyEdits(code, here), [words('fix.py.added-await', { callee })]);
  // The same fixes as for a finding's call (`addAwait`): the plain def made async where its callers can await it,
  // lines cut from a body awaited in place, a script's top level run in main().
  if (scope.kind === 'sync' && scope.fn) {
    const r = makeAsyncEdits(m, code, scope.fn, new Set([call]));
    if (!r) return null;
    const notes = [words('fix.py.made-async-def', { name: scope.fn.name }), words('fix.py.added-await', { callee })];
    return r.needsImport ? finishWithImport(input, [...r.edits, ...here], notes) : finish(input, applyEdits(code, [...r.edits, ...here]), notes);
  }
  const lines = code.split('\n').filter((l) => l.trim() !== '').length;
  if (scope.kind === 'unknown' && !scope.fn && lines >= 2) return finish(input, applyEdits(code, here), [words('fix.py.added-await-enclosing', { callee })]);
  if (scope.kind !== 'module') return null;
  const moved = moduleAwait(m, code, call, wrap);
  if (moved !== 'script') return finish(input, applyEdits(code, moved), [words('fix.py.added-await-enclosing', { callee })]);
  return awaitInMain(input, m, [], [], [{ call, wrap }]);
}
