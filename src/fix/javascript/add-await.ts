/**
 * js.add-await: puts `await` before a floating promise or a promise read as a
 * value, and makes the function around it `async` when that is safe. Where it
 * is not (a sync function other code calls), a floating promise gets
 * `.catch(console.error)` so at least its failure is seen.
 *
 * Top-level code of a snippet that is not an ES module is usually a piece cut
 * from a function: when it already awaits elsewhere, or the call sits in a
 * `try` whose `catch` is meant to see its failure, it gets `await` (a
 * `.catch(…)` there would detach the call and the `catch` would still never
 * run), and so does a promise stored in a variable, which is wanted for its
 * value, and a call whose effect the next lines read (`member.roles.add(r)`
 * then `member.roles…`). The top level of a script that cannot await (CommonJS,
 * or a plain script) gets `await` inside `(async () => { … })();` with the
 * lines after it when the promise's value is used (stored, logged, read) or
 * the next lines read what the call changes; a last call nothing waits for is
 * left with `.catch(…)`. A plain function the paste's own code calls becomes
 * async with its calls awaited, where they can await (`allowAwaitThroughCallers`).
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { enclosingFunction, functionName, isAsync, isFunctionLike, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { usageOf } from '../../evidence/javascript/snippet/promises.js';
import { isInside, isIterationCallback } from '../../evidence/javascript/snippet/where.js';
import { allowAwait, allowAwaitThroughCallers, applyEdits, awaitEdits, containsAwait, findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { wrapTopLevel } from './make-enclosing-async.js';
import { promiseProperties, readPromiseCall, shownPromiseCall } from './shown-value.js';
import { words, type Phrase, type Words } from '../../evidence/types.js';

/** Whether a top-level call sits in the block of a `try` that has a `catch`. */
function inTryBlock(model: SnippetModel, node: TS.Node): boolean {
  const { ts } = model;
  for (let cur = node.parent; cur !== undefined; cur = cur.parent) {
    if (ts.isTryStatement(cur)) return cur.catchClause !== undefined && node.pos >= cur.tryBlock.pos && node.end <= cur.tryBlock.end;
  }
  return false;
}

/**
 * Whether every line of the code is indented: statements cut out of a function body with the
 * indentation they had there (a command handler's lines pasted without its head), not a script's
 * own top level.
 */
function cutFromABody(code: string): boolean {
  const lines = code.split('\n').filter((l) => l.trim() !== '');
  return lines.length >= 2 && lines.every((l) => /^[ \t]/.test(l));
}

/**
 * Top-level code that reads as the body of an async function: it awaits elsewhere, its `try` is
 * meant to catch this call, or it is a function body's lines pasted with their indentation.
 */
function awaitableFragment(model: SnippetModel, call: TS.Node): boolean {
  if (topLevelAwaits(model)) return true;
  return !model.commonJs && (inTryBlock(model, call) || cutFromABody(model.sourceFile.text));
}

// Asked once per call to fix; kept per snippet, or a script with a floating call on every line is read once per line.
const topLevelAwaitsOf = new WeakMap<SnippetModel, boolean>();
/** Whether a top-level statement of the snippet awaits. */
function topLevelAwaits(model: SnippetModel): boolean {
  let awaits = topLevelAwaitsOf.get(model);
  if (awaits === undefined) {
    awaits = model.sourceFile.statements.some((s) => containsAwait(model.ts, s));
    topLevelAwaitsOf.set(model, awaits);
  }
  return awaits;
}

/**
 * Whether the statements after a call's own statement read the object the call acts on
 * (`member.roles.add(role);` then `member.roles.cache…`): they depend on its effect, so it must
 * finish first, which `.catch(…)` would not wait for.
 */
function laterCodeReadsReceiver(model: SnippetModel, call: TS.CallExpression): boolean {
  const { ts, sourceFile } = model;
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const receiver = call.expression.expression.getText(sourceFile);
  if (!/^[\w$.]+$/.test(receiver) || /^(this|console|Promise|Math|JSON|Object)$/.test(receiver)) return false;
  const stmt = call.parent;
  if (stmt === undefined || !ts.isExpressionStatement(stmt)) return false;
  const block = stmt.parent;
  const stmts = block !== undefined && (ts.isSourceFile(block) || ts.isBlock(block)) ? block.statements : null;
  if (stmts === null) return false;
  const read = new RegExp(`(^|[^\\w$.])${receiver.replace(/[.$]/g, (c) => `\\${c}`)}\\b`);
  return stmts.slice(stmts.indexOf(stmt) + 1).some((s) => read.test(s.getText(sourceFile)));
}

/**
 * A promise chain whose last link hands back a value (`.then((data) => { …; return data; })`),
 * left as the last statement of a function that returns nothing else: the value is meant for the
 * function's caller, who gets `undefined` instead ("my function returns undefined"). The statement
 * that fixes it is `return` before the chain, so the caller can wait for the value; `await` would
 * wait, then still return nothing. Null when the chain is not such a statement.
 */
function chainMeantForCaller(model: SnippetModel, call: TS.CallExpression): TS.ExpressionStatement | null {
  const { ts } = model;
  const stmt = call.parent;
  if (stmt === undefined || !ts.isExpressionStatement(stmt)) return null;
  const body = stmt.parent;
  const fn = body?.parent;
  if (body === undefined || !ts.isBlock(body) || body.statements[body.statements.length - 1] !== stmt || fn === undefined || !isFunctionLike(ts, fn)) return null;
  if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'then') return null;
  const last = call.arguments[0];
  if (last === undefined || !(ts.isArrowFunction(last) || ts.isFunctionExpression(last)) || !givesValue(model, last)) return null;
  return returnsValue(model, body) ? null : stmt;
}

/** Whether a callback hands back a value: an arrow's expression body that is not a log call, or a `return x;` of its own. */
function givesValue(model: SnippetModel, cb: TS.ArrowFunction | TS.FunctionExpression): boolean {
  const { ts, sourceFile } = model;
  if (!ts.isBlock(cb.body)) return !ts.isCallExpression(cb.body) || !/^console\./.test(cb.body.expression.getText(sourceFile));
  return returnsValue(model, cb.body);
}

/** Whether a function body has a `return <value>;` of its own (not a nested function's). */
function returnsValue(model: SnippetModel, body: TS.Node): boolean {
  const { ts } = model;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionLike(ts, n)) return;
    if (ts.isReturnStatement(n) && n.expression !== undefined) found = true;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/**
 * `invoke(...args) { …; ipcRenderer.invoke(channel, ...omit); }`: a function named after the method
 * it calls last, returning nothing, is a wrapper that delegates to that method, and its callers
 * want the method's result ("I get no response"). The fix is `return` before the call: `await`
 * there would wait, then still hand the caller `undefined`. Null when the call is not such a
 * statement (another name, a callback handed to a call, a function that returns something else).
 */
function delegatedCall(model: SnippetModel, call: TS.CallExpression): TS.ExpressionStatement | null {
  const { ts } = model;
  const stmt = call.parent;
  if (stmt === undefined || !ts.isExpressionStatement(stmt) || !ts.isPropertyAccessExpression(call.expression)) return null;
  const body = stmt.parent;
  const fn = body?.parent;
  if (body === undefined || !ts.isBlock(body) || fn === undefined || !isFunctionLike(ts, fn) || body.statements[body.statements.length - 1] !== stmt) return null;
  if (fn.parent !== undefined && ts.isCallExpression(fn.parent)) return null;
  const name = functionName(ts, fn);
  if (name === null || name !== call.expression.name.text) return null;
  return returnsValue(model, body) ? null : stmt;
}

/**
 * `const promise = Promise.resolve(v); if (promise) …`: a promise stored in a variable that is only
 * ever read as a condition (`if`, `while`, `&&`, `!`, a ternary's test). The variable stays the
 * promise and each condition awaits it (`if (await promise)`, typescript-eslint's own corrected
 * code for no-misused-promises): its value is what the test means. The reads, or null when the
 * variable is read any other way too (then the declaration is awaited instead).
 */
function conditionReads(model: SnippetModel, call: TS.CallExpression, variable: string): TS.Identifier[] | null {
  const { ts, sourceFile } = model;
  const decl = call.parent;
  if (decl === undefined || !ts.isVariableDeclaration(decl) || decl.initializer !== call || !ts.isIdentifier(decl.name) || decl.name.text !== variable) return null;
  const scope = enclosingFunction(ts, decl) ?? sourceFile;
  const reads = (model.identifiers.get(variable) ?? []).filter((id) => id !== decl.name && id.pos >= decl.end && isInside(id, scope));
  if (reads.length === 0 || reads.some((id) => usageOf(ts, id).usage !== 'condition' || (ts.isPropertyAccessExpression(id.parent) && id.parent.name === id))) return null;
  return reads;
}

const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally']);

/**
 * `fetch(u).then((res) => { log(res); res.json(); }).then((data) => …)`: a floating call that is the
 * last statement of a callback handed to `.then`, which returns nothing else. The next step of the
 * chain waits for what the callback returns, so the expert's fix is `return res.json();` (an
 * `await` there would wait inside the callback and still hand the next step `undefined`).
 * The edit inserting `return`, or null.
 */
function returnFromThenCallback(model: SnippetModel, call: TS.CallExpression): Edit | null {
  const { ts, sourceFile } = model;
  const stmt = call.parent;
  if (stmt === undefined || !ts.isExpressionStatement(stmt)) return null;
  const body = stmt.parent;
  const fn = body?.parent;
  if (body === undefined || !ts.isBlock(body) || fn === undefined || (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) || fn.body !== body) return null;
  if (body.statements[body.statements.length - 1] !== stmt) return null;
  const link = fn.parent;
  if (link === undefined || !ts.isCallExpression(link) || link.arguments[0] !== fn) return null;
  if (!ts.isPropertyAccessExpression(link.expression) || link.expression.name.text !== 'then') return null;
  return returnsValue(model, body) ? null : { start: stmt.getStart(sourceFile), end: stmt.getStart(sourceFile), text: 'return ' };
}

/**
 * `x.prop` where the snippet declares `x: Promise<…>` (a parameter or a
 * variable) and `prop` is not a promise method: TypeScript's TS2339 "Property
 * 'prop' does not exist on type 'Promise<…>'", found from the declared type
 * when the rule matched on the message alone.
 */
function typedPromiseReads(model: SnippetModel): TS.Identifier[] {
  const { ts, sourceFile } = model;
  const reads: TS.Identifier[] = [];
  const visit = (n: TS.Node): void => {
    if ((ts.isParameter(n) || ts.isVariableDeclaration(n)) && ts.isIdentifier(n.name) && n.type && ts.isTypeReferenceNode(n.type) && n.type.typeName.getText(sourceFile) === 'Promise') {
      const decl = n;
      const scope = ts.isParameter(decl) ? decl.parent : (enclosingFunction(ts, decl) ?? sourceFile);
      for (const id of model.identifiers.get((decl.name as TS.Identifier).text) ?? []) {
        const p = id.parent;
        if (id === decl.name || !p || !ts.isPropertyAccessExpression(p) || p.expression !== id || PROMISE_MEMBERS.has(p.name.text)) continue;
        if (id.pos >= scope.pos && id.end <= scope.end) reads.push(id);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sourceFile);
  return reads;
}

export const addAwait: Fixer = (input) => {
  let targets = findingsOf(input.findings, ['js.floating-promise', 'js.promise-as-value']);
  if (targets.length === 0 && input.findings.length > 0) return null;
  const typed = targets.length === 0 ? awaitTypedPromises(input.code) : null;
  if (typed) return typed;
  const model = parse(input.code);
  // The rule matched on a promise the paste shows printed, and no detector knew the call: the one call whose value is shown.
  if (targets.length === 0) targets = input.rule === 'js/promise-used-as-value' ? shownPromiseCall(model) : [];
  // Or a TypeScript message quoted in the paste names a property read off a promise: the one call whose value it is read from.
  if (targets.length === 0 && input.rule === 'js/promise-used-as-value') targets = readPromiseCall(model, promiseProperties(input.prose ?? []));
  if (targets.length === 0) return null;
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const awaited: Phrase[] = [];
  const caught: Phrase[] = [];
  const caughtTop: Phrase[] = [];
  const returned: Phrase[] = [];
  const returnedInThen: Phrase[] = [];
  const delegated: Phrase[] = [];
  const madeAsync = new Set<string>();
  let awaitedInUnseenFunction = false;
  const topLevel: { call: TS.CallExpression; shown: Phrase; floating: boolean }[] = [];
  // A call that starts another (`fetch(url)` in `fetch(url).json()`) first: its `(await …)` goes in before the
  // outer call's `await` at the same place, giving `await (await fetch(url)).json()`, not `(await await …)`.
  const spans = spansOf(targets, model).sort((a, b) => a.start - b.start || a.end - b.end);
  for (const { finding: f, start, end } of spans) {
    const call = nodeAt(model, start, end, ts.isCallExpression);
    if (call === null) {
      // A read of a name its annotation says is a promise (`user.name` with `user: Promise<User>`): await that read.
      const id = nodeAt(model, start, end, ts.isIdentifier);
      const allowed = id === null ? null : allowAwait(model, id);
      if (id === null || allowed === null) continue;
      edits.push(...allowed.edits, ...awaitEdits(model, id));
      if (allowed.madeAsync !== null) madeAsync.add(allowed.madeAsync);
      awaited.push(words('fix.name-at-line', { name: id.text, line: lineOfPos(model, start) }));
      continue;
    }
    const tested = f.detector === 'js.promise-as-value' && f.data?.use === 'condition' && f.data.variable !== undefined ? conditionReads(model, call, f.data.variable) : null;
    // At the top level of code that is not a CommonJS script, as for a stored promise below: an ES module's or a pasted body's.
    const allowedAll = tested?.map((id) => allowAwait(model, id) ?? (enclosingFunction(ts, id) === null && !model.commonJs ? { edits: [], madeAsync: null, unseen: true } : null));
    if (tested && allowedAll && allowedAll.every((a) => a !== null)) {
      if (allowedAll.some((a) => 'unseen' in a!)) awaitedInUnseenFunction = true;
      for (const [i, id] of tested.entries()) {
        edits.push(...allowedAll[i]!.edits, ...awaitEdits(model, id));
        if (allowedAll[i]!.madeAsync !== null) madeAsync.add(allowedAll[i]!.madeAsync!);
      }
      awaited.push(...tested.map((id) => words('fix.name-at-line', { name: id.text, line: lineOfPos(model, id.getStart(sourceFile)) })));
      continue;
    }
    const fn = enclosingFunction(ts, call);
    const delegate = f.detector === 'js.floating-promise' ? delegatedCall(model, call) : null;
    if (delegate !== null) {
      edits.push({ start: delegate.getStart(sourceFile), end: delegate.getStart(sourceFile), text: 'return ' });
      delegated.push(words('fix.call-at-line', { call: call.expression.getText(sourceFile), line: lineOfPos(model, start) }));
      continue;
    }
    const handBack = f.detector === 'js.floating-promise' ? chainMeantForCaller(model, call) : null;
    if (handBack !== null) {
      edits.push({ start: handBack.getStart(sourceFile), end: handBack.getStart(sourceFile), text: 'return ' });
      returned.push(words('fix.call-at-line', { call: call.expression.getText(sourceFile).split('\n')[0]!.split('(')[0]!, line: lineOfPos(model, start) }));
      continue;
    }
    // An un-awaited call inside forEach's callback: `async` there would only move the problem.
    if (fn !== null && !isAsync(ts, fn) && isIterationCallback(ts, fn)) continue;
    const shown = words('fix.call-at-line', { call: call.expression.getText(sourceFile), line: lineOfPos(model, start) });
    const thenReturn = f.detector === 'js.floating-promise' ? returnFromThenCallback(model, call) : null;
    if (thenReturn !== null) {
      edits.push(thenReturn);
      returnedInThen.push(shown);
      continue;
    }
    // A promise stored in a variable is wanted for its value: `.catch(…)` would still leave a promise there.
    const stored = f.data?.variable !== undefined || (call.parent !== undefined && ts.isVariableDeclaration(call.parent) && call.parent.initializer === call);
    const fragment = fn === null && (awaitableFragment(model, call) || (!model.commonJs && (stored || laterCodeReadsReceiver(model, call))));
    // A plain function the paste's own code calls becomes async too, and those calls are awaited (the callers wait).
    const enclosing = allowAwaitThroughCallers(model, call);
    const allowed = enclosing ?? (fragment ? { edits: [], madeAsync: null, callers: [] } : null);
    if (enclosing === null && allowed !== null) awaitedInUnseenFunction = true;
    if (allowed !== null) {
      edits.push(...allowed.edits, ...awaitEdits(model, call));
      if (allowed.madeAsync !== null) madeAsync.add(allowed.madeAsync);
      awaited.push(shown);
      for (const c of allowed.callers) awaited.push(words('fix.call-at-line', { call: c.expression.getText(sourceFile), line: lineOfPos(model, c.getStart(sourceFile)) }));
    } else if (fn === null && (f.detector === 'js.promise-as-value' || stored || laterCodeReadsReceiver(model, call))) {
      // The top level of a script that cannot await: its value is wanted, or later lines read what it changes.
      topLevel.push({ call, shown, floating: f.detector === 'js.floating-promise' && !stored });
    } else if (f.detector === 'js.floating-promise' && !stored) {
      edits.push({ start: call.end, end: call.end, text: '.catch(console.error)' });
      (fn === null ? caughtTop : caught).push(shown);
    }
  }
  const wrapped = topLevel.length > 0 ? awaitInWrapper(input.code, model, edits, topLevel.map((t) => t.call)) : null;
  if (wrapped !== null) awaited.push(...topLevel.map((t) => t.shown));
  else
    for (const t of topLevel.filter((x) => x.floating)) {
      edits.push({ start: t.call.end, end: t.call.end, text: '.catch(console.error)' });
      caughtTop.push(t.shown);
    }
  const parts: Phrase[] = [];
  if (returned.length > 0) parts.push(words('fix.js.returned-chain', { calls: list(returned) }));
  if (delegated.length > 0) parts.push(words('fix.js.returned-delegated', { calls: list(delegated) }));
  if (returnedInThen.length > 0) parts.push(words('fix.js.returned-in-then', { calls: list(returnedInThen) }));
  if (awaited.length > 0) parts.push(words('fix.js.added-await', { calls: list(awaited) }));
  if (madeAsync.size > 0) parts.push(words('fix.js.made-async', { functions: list([...madeAsync].map(functionWords)) }));
  // The fragment's own head is not in the paste: unless it already awaits (so it is async), say it must be.
  if (awaitedInUnseenFunction && !sourceFile.statements.some((s) => containsAwait(ts, s))) parts.push(words('fix.js.fragment-async'));
  if (caught.length > 0) parts.push(words('fix.js.caught', { calls: list(caught) }));
  if (caughtTop.length > 0) parts.push(words('fix.js.caught-top-level', { calls: list(caughtTop) }));
  if (wrapped !== null) {
    parts.push(words('fix.js.wrapped-top-level'));
    return fixOutput(wrapped.code, wrapped.model, wrapped.edits, parts);
  }
  return fixOutput(input.code, model, edits, parts);
};

/**
 * Top-level calls of a script that cannot await (CommonJS, or a plain script), awaited inside
 * `(async () => { … })();` with the statements after them, as for a top-level `await` such a
 * script refuses: the other edits and these awaits applied first, then the wrapper's edit on that
 * code (its model, to check the result against). Null when the wrapper would hide a name the
 * code outside it reads, or cut an `import`/`export`.
 */
function awaitInWrapper(code: string, model: SnippetModel, edits: readonly Edit[], calls: readonly TS.CallExpression[]): { code: string; model: SnippetModel; edits: Edit[] } | null {
  const awaited = applyEdits(code, [...edits, ...calls.flatMap((c) => awaitEdits(model, c))], model.offset);
  if (awaited === null) return null;
  const next = parse(awaited);
  const wrap = wrapTopLevel(next);
  return wrap === null ? null : { code: awaited, model: next, edits: wrap };
}


/** No finding (the rule matched on TypeScript's message): await each read of a value declared `Promise<…>`. */
function awaitTypedPromises(code: string): ReturnType<Fixer> {
  const model = parse(code);
  const edits: Edit[] = [];
  const awaited: Phrase[] = [];
  const madeAsync = new Set<string>();
  for (const id of typedPromiseReads(model)) {
    const allowed = allowAwait(model, id);
    if (allowed === null) return null; // one read we cannot await: do not fix half of them
    edits.push(...allowed.edits, ...awaitEdits(model, id));
    if (allowed.madeAsync !== null) madeAsync.add(allowed.madeAsync);
    awaited.push(words('fix.name-at-line', { name: id.text, line: lineOfPos(model, id.getStart(model.sourceFile)) }));
  }
  const parts: Phrase[] = awaited.length ? [words('fix.js.added-await-typed', { names: list(awaited) })] : [];
  if (madeAsync.size > 0) parts.push(words('fix.js.made-async', { functions: list([...madeAsync].map(functionWords)) }));
  return fixOutput(code, model, edits, parts);
}

/** Phrases listed in one clause ("`a()` (line 3), `b()` (line 5)"). */
function list(items: Phrase[]): Words {
  return words('fix.list', { items });
}

/** A function `allowAwait` made async: its name in code, or "the callback" for an anonymous one. */
function functionWords(name: string): Phrase {
  return name === '' ? words('fix.the-callback') : words('fix.code', { code: name });
}
