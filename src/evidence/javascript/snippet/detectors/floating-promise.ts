/**
 * js.floating-promise: a call we know returns a promise, used as a bare
 * statement: nobody waits for it and its rejection goes unhandled.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, isAsync, isFunctionLike, type FunctionLike, type SnippetModel } from '../model.js';
import { neverWaits, ownAsyncCallee } from '../never-waits.js';
import { isKnex, promiseCall, usageOf } from '../promises.js';
import { callTakingFunction, callText, firstOwn, functionArgument, isInside, position, span, unwrap } from '../where.js';
import { words } from '../../../types.js';

/**
 * Names people give a script's entry point. Precision choice: a bare
 * top-level call of one of the snippet's own async functions is reported
 * (`saveAll();` runs on while the save is pending, and its failure is an
 * unhandled rejection), except an entry point like `main();`. That call is
 * how the whole program starts: nothing after it waits on it, and a failure
 * crashes the script with the error printed, which is what the person
 * wants; telling everyone who writes `main();` to add `.catch` would be
 * noise. `void f()` says "not waiting, on purpose" and stays quiet too.
 */
const ENTRY_POINT = /^(?:main|start|run|init|initialize|bootstrap|boot|launch|setup|startBot|startServer|startApp|runBot)$/;

/**
 * The script's last top-level statement: `getPokemons();` after its definition starts the program
 * the way `main();` does (nothing after it could wait on it, and a failure is printed), so it is
 * read as an entry point whatever its name.
 */
function lastStatement(model: SnippetModel, expr: TS.Node): boolean {
  const stmt = expr.parent;
  if (stmt === undefined || !model.ts.isExpressionStatement(stmt)) return false;
  // A piece cut out of a function (read as a wrapped body) may go on after the paste ends.
  if (model.bodyWrapper !== null || stmt.parent !== model.sourceFile) return false;
  const list = model.sourceFile.statements;
  const at = list.indexOf(stmt);
  // A run of such calls ending the script (`inFn(); inGen();` under their definitions, a repro's last lines)
  // starts the program's parts the same way: each is an entry point whose failure is printed.
  return at >= 0 && list.slice(at + 1).every((s) => ownAsyncStart(model, s));
}

/** `f();` as a statement, where `f` is one of the snippet's own async functions. */
function ownAsyncStart(model: SnippetModel, stmt: TS.Statement): boolean {
  const { ts } = model;
  if (!ts.isExpressionStatement(stmt)) return false;
  const call = stmt.expression;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) && model.asyncNames.has(call.expression.text) && !model.syncNames.has(call.expression.text);
}

/**
 * `function foo(): Promise<number>;` with no implementation anywhere in the paste: a signature, the
 * way lint-rule reports and type-level examples show a call's type. Such a paste does not start a
 * program, so its last call is not read as an entry point.
 */
function signatureOnly(model: SnippetModel, name: string): boolean {
  const { ts } = model;
  const decls = (model.identifiers.get(name) ?? []).map((id) => id.parent).filter((p): p is TS.FunctionDeclaration => p !== undefined && ts.isFunctionDeclaration(p) && p.name?.text === name);
  return decls.length > 0 && decls.every((d) => d.body === undefined);
}

/**
 * The call's statement sits in the `try` block of a `try … catch` of the same function: the author means the
 * `catch` to see the call's failure, and it never will, since the promise rejects after the `try` has ended.
 */
function caughtInVain(model: SnippetModel, stmt: TS.Node): boolean {
  const { ts } = model;
  for (let cur: TS.Node | undefined = stmt; cur !== undefined && cur.parent !== undefined; cur = cur.parent) {
    if (isFunctionLike(ts, cur)) return false;
    const p: TS.Node = cur.parent;
    if (ts.isTryStatement(p) && p.tryBlock === cur && p.catchClause !== undefined) return true;
  }
  return false;
}

const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);

/** The function given to `useEffect(fn, deps)` (or `React.useEffect`). */
function isEffectCallback(model: SnippetModel, fn: FunctionLike): boolean {
  const { ts } = model;
  const call = callTakingFunction(ts, fn);
  if (call === null || call.arguments[0] === undefined || unwrap(ts, call.arguments[0]) !== fn) return false;
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return EFFECT_HOOKS.has(name);
}

/**
 * `const user = client.users.fetch(id);` and `user` is never read again: the
 * promise is kept in a variable, which waits for nothing and catches nothing,
 * so it floats as much as a bare call. Only a `const`/`let`/`var` made there,
 * not exported, not named `_…` (unused on purpose). The variable, or null.
 */
function storedNeverRead(model: SnippetModel, call: TS.CallExpression, node: TS.Node): TS.VariableDeclaration | null {
  const { ts } = model;
  const decl = node.parent;
  if (decl === undefined || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || decl.name.text.startsWith('_')) return null;
  const statement = decl.parent?.parent;
  if (statement !== undefined && ts.isVariableStatement(statement) && (ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false)) return null;
  const name = decl.name;
  const reads = (model.identifiers.get(name.text) ?? []).filter((id) => id !== name);
  return reads.length === 0 ? decl : null;
}

function storedFinding(model: SnippetModel, call: TS.CallExpression, callee: string, source: string, decl: TS.VariableDeclaration): RawFinding {
  const { ts } = model;
  const fn = enclosingFunction(ts, call);
  const inAsync = fn !== null && isAsync(ts, fn);
  const name = decl.name.getText(model.sourceFile);
  return {
    ...position(model, call),
    message: words(inAsync ? 'js.floating-promise.stored-in-async' : 'js.floating-promise.stored', { name, call: callText(model, call) }),
    // The paste may end before the line that would read it: a likely answer, most of all at the top level.
    confidence: fn === null || fn === model.bodyWrapper ? 0.55 : inAsync ? 0.75 : 0.65,
    data: { ...span(model, call), callee, source, inAsync: String(inAsync), variable: name },
  };
}

/**
 * `load().then((x) => use(x));` as a statement inside a function of the user's: a chain with no
 * rejection handler, which nobody returns or awaits (typescript-eslint's no-floating-promises).
 * Whatever `load()` is, `.then` makes a promise. Precision choices: only in a named function (a
 * declaration, a method, a function kept in a variable or a property), not at the top level of a
 * script or in a callback handed to something (a test's `done`, an effect, an event), where the
 * project's own tables show the chain as the intended, complete code; and not `.then(ok, failed)`,
 * which handles the failure.
 */
function unhandledThenChain(model: SnippetModel, call: TS.CallExpression): RawFinding | null {
  const { ts } = model;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'then' || call.arguments.length !== 1) return null;
  if (usageOf(ts, call).usage !== 'statement') return null;
  const fn = enclosingFunction(ts, call);
  if (fn === null || fn === model.bodyWrapper) return null;
  const taker = callTakingFunction(ts, fn);
  // A chain started in a callback of an outer `.then` and not returned: the outer chain (and whoever
  // waits on it, a test runner included) goes on without it (eslint-plugin-promise's always-return).
  if (taker !== null && !(thenCallback(model, fn, taker) && returnsNoValue(model, fn))) return null;
  // A function returned to the caller (an effect's clean-up, a handler a factory makes) is a callback
  // handed on as much as one passed as an argument.
  if (returnedFunction(model, fn)) return null;
  const inAsync = isAsync(ts, fn);
  const shown = `${callee.expression.getText(model.sourceFile).split('\n')[0]!.trim()}.then(…)`;
  return {
    ...position(model, call),
    message: inAsync
      ? words('js.floating-promise.chain-in-async', { call: shown })
      : words('js.floating-promise.chain', { call: shown }),
    confidence: inAsync ? 0.85 : 0.65,
    data: { ...span(model, call), callee: shown, source: 'library', inAsync: String(inAsync) },
  };
}

/** The last statement of the snippet's top level (of the function body it was read as, when it was wrapped as one). */
function lastTopStatement(model: SnippetModel): TS.Statement | undefined {
  const wrapped = model.bodyWrapper?.body;
  const statements = wrapped !== undefined && model.ts.isBlock(wrapped) ? wrapped.statements : model.sourceFile.statements;
  return statements[statements.length - 1];
}

/**
 * `promise;` as a statement, the name holding a promise the paste makes (`const promise = new
 * Promise(…)`, or a call known to return one): the statement waits for nothing and handles nothing
 * (typescript-eslint's no-floating-promises reports it). Only a name declared once, in this function
 * or at the top level.
 */
function promiseNameStatements(model: SnippetModel): RawFinding[] {
  const { ts } = model;
  const out: RawFinding[] = [];
  for (const [name, ids] of model.identifiers) {
    const statements = ids.filter((id) => id.parent !== undefined && ts.isExpressionStatement(id.parent));
    if (statements.length === 0) continue;
    const decls = ids.filter((id) => id.parent !== undefined && ts.isVariableDeclaration(id.parent) && id.parent.name === id);
    if (decls.length !== 1) continue;
    let init = (decls[0]!.parent as TS.VariableDeclaration).initializer;
    while (init !== undefined && ts.isParenthesizedExpression(init)) init = init.expression;
    if (init === undefined) continue;
    const made = (ts.isNewExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'Promise') || (ts.isCallExpression(init) && promiseCall(model, init) !== null && promiseCall(model, init)?.settled !== true);
    if (!made) continue;
    for (const id of statements) {
      const fn = enclosingFunction(ts, id);
      if (fn !== enclosingFunction(ts, decls[0]!)) continue;
      const atTop = fn === null || fn === model.bodyWrapper;
      // The snippet's last top-level statement, a name alone: what a REPL or console (Node's, a browser's, RunJS)
      // is shown to print, as `x` is typed to see x. Not a statement a program runs for an effect.
      if (atTop && lastTopStatement(model) === id.parent) continue;
      const inAsync = fn !== null && isAsync(ts, fn);
      out.push({
        ...position(model, id),
        message: words('js.floating-promise.name-statement', { name, line: position(model, init).line }),
        confidence: fn === null || fn === model.bodyWrapper ? 0.6 : inAsync ? 0.9 : 0.75,
        data: { ...span(model, id), callee: name, source: 'own', inAsync: String(inAsync) },
      });
    }
  }
  return out;
}

/**
 * `knex.transaction(function (trx) { … })` / `sequelize.transaction((t) => { … })`: the library waits on
 * what the callback returns. knex's docs: "If a promise is not returned within the handler, it is up to
 * you to ensure trx.commit, or trx.rollback are called, otherwise the transaction connection will hang";
 * Sequelize commits a managed transaction as soon as the callback's result settles. So a plain callback
 * that returns nothing, never commits or rolls back itself, and starts work with the transaction in a
 * statement (a `.then` chain, or a call handed the transaction) leaves that work floating. Only on a
 * receiver that is knex or Sequelize (better-sqlite3's `db.transaction(fn)` is synchronous by design).
 */
function transactionWorkNotReturned(model: SnippetModel): RawFinding[] {
  const { ts, sourceFile } = model;
  const out: RawFinding[] = [];
  for (const call of model.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'transaction' || !transactionLibrary(model, callee.expression)) continue;
    const fn = functionArgument(ts, call.arguments[call.arguments.length - 1]);
    if (fn === null || isAsync(ts, fn) || !returnsNoValue(model, fn)) continue;
    const param = fn.parameters[0];
    if (param === undefined || !ts.isIdentifier(param.name)) continue;
    const trx = param.name.text;
    const uses = (model.identifiers.get(trx) ?? []).filter((id) => id !== param.name && isInside(id, fn.body));
    if (uses.some((id) => ts.isPropertyAccessExpression(id.parent) && id.parent.expression === id && /^(?:commit|rollback)$/.test(id.parent.name.text))) continue;
    const work = uses.map((id) => statementCallUsing(model, id, fn)).find((c) => c !== null);
    if (work === undefined || work === null) continue;
    const head = work.expression.getText(sourceFile).split('\n')[0]!.trim();
    const shown = `${head.length > 48 ? `${head.slice(0, 45)}…` : head}(…)`;
    out.push({
      ...position(model, work),
      message: words('js.floating-promise.transaction', { call: shown, trx }),
      confidence: 0.75,
      data: { ...span(model, work), callee: shown, source: 'library', inAsync: 'false' },
    });
  }
  return out;
}

/** What a name for an array of promises says of itself: `promises`, `fetchPromises`, `pending_promises`. */
const PROMISE_LIST_NAME = /promises$/i;

/**
 * `const promises = items.map((item) => { limit(() => load(item)); }); await Promise.all(promises);`:
 * the callback has braces and no `return`, so the array holds only `undefined`, `Promise.all` resolves
 * at once, and the work each turn starts is dropped. Only when the array is meant to hold promises: it
 * goes to `Promise.all`/`allSettled`/`race`/`any`, or its name says so. The work is the callback's
 * first call made as a statement (not inside a function of its own).
 */
function mapWithoutReturn(model: SnippetModel): RawFinding[] {
  const { ts, sourceFile } = model;
  const out: RawFinding[] = [];
  for (const call of model.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'map' || call.arguments.length < 1) continue;
    const fn = functionArgument(ts, call.arguments[0]);
    if (fn === null || isAsync(ts, fn) || fn.body === undefined || !ts.isBlock(fn.body) || !returnsNoValue(model, fn)) continue;
    const use = usageOf(ts, call);
    const variable = use.usage === 'assigned' ? use.variable : undefined;
    const meantAsPromises =
      use.usage === 'combined' ||
      (variable !== undefined &&
        (PROMISE_LIST_NAME.test(variable) || (model.identifiers.get(variable) ?? []).some((id) => id.pos >= call.end && usageOf(ts, id).usage === 'combined')));
    if (!meantAsPromises) continue;
    const work = firstCallStatement(model, fn.body);
    if (work === null) continue;
    const head = work.expression.getText(sourceFile).split('\n')[0]!.trim();
    const shown = `${head.length > 48 ? `${head.slice(0, 45)}…` : head}(…)`;
    out.push({
      ...position(model, work),
      message: words('js.floating-promise.map-no-return', { call: shown, list: variable ?? `${callee.expression.getText(sourceFile).split('\n')[0]!.slice(0, 40)}.map(…)` }),
      confidence: 0.75,
      data: { ...span(model, work), callee: shown, source: 'library', inAsync: 'false' },
    });
  }
  return out;
}

/** The first call a block makes as a statement of its own (in a nested `if` or loop too, never inside a function it defines). */
function firstCallStatement(model: SnippetModel, body: TS.Block): TS.CallExpression | null {
  const { ts } = model;
  return firstOwn(ts, body, (n) => {
    if (!ts.isExpressionStatement(n)) return null;
    const e = unwrap(ts, n.expression);
    return ts.isCallExpression(e) ? e : null;
  });
}

/** knex (an instance the paste binds, `knex`/`Knex`, or `x.knex`) or Sequelize (`sequelize`, or a client made from it). */
function transactionLibrary(model: SnippetModel, recv: TS.Expression): boolean {
  const { ts } = model;
  if (ts.isPropertyAccessExpression(recv)) return /^knex$/i.test(recv.name.text);
  if (!ts.isIdentifier(recv)) return false;
  return isKnex(model, recv.text) || /^(?:knex|sequelize)$/i.test(recv.text) || (model.clientNames.get(recv.text)?.modules.includes('sequelize') ?? false);
}

/**
 * The call statement `id` (the transaction) takes part in, when the statement's result is dropped and
 * `id` is not inside a function the statement passes on: `knex('users').transacting(trx).insert(r).then(…);`,
 * `saveAll(rows, trx);`. Null for anything else (`return …`, a value kept, `rows.forEach((r) => …trx…)`).
 */
function statementCallUsing(model: SnippetModel, id: TS.Identifier, handler: FunctionLike): TS.CallExpression | null {
  const { ts } = model;
  for (let cur: TS.Node | undefined = id.parent; cur !== undefined && cur !== handler.body; cur = cur.parent) {
    if (isFunctionLike(ts, cur)) return null;
    if (ts.isExpressionStatement(cur)) {
      const expr = unwrap(ts, cur.expression);
      return ts.isCallExpression(expr) ? expr : null;
    }
  }
  return null;
}

/** `return () => { … };` or `() => () => { … }`: the function is given back to whoever called the one around it. */
function returnedFunction(model: SnippetModel, fn: FunctionLike): boolean {
  const { ts } = model;
  let node: TS.Node = fn;
  while (node.parent !== undefined && ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  return parent !== undefined && ((ts.isReturnStatement(parent) && parent.expression === node) || (ts.isArrowFunction(parent) && parent.body === node));
}

/** `fn` is the first argument of `taker`, a `.then(…)` call. */
function thenCallback(model: SnippetModel, fn: FunctionLike, taker: TS.CallExpression): boolean {
  const { ts } = model;
  return taker.arguments[0] !== undefined && unwrap(ts, taker.arguments[0]) === fn && ts.isPropertyAccessExpression(taker.expression) && taker.expression.name.text === 'then';
}

/**
 * `.then((res) => { …; res.json(); }).then((data) => console.log(data))`: `fn` is a `.then` callback with
 * braces and no `return`, and the next `.then` in the chain reads its callback's first parameter, which
 * is therefore `undefined`. The parameter's name, or null.
 */
function nextThenReadsResult(model: SnippetModel, fn: FunctionLike): string | null {
  const { ts } = model;
  const taker = callTakingFunction(ts, fn);
  if (taker === null || !thenCallback(model, fn, taker) || !returnsNoValue(model, fn)) return null;
  const access = taker.parent;
  if (access === undefined || !ts.isPropertyAccessExpression(access) || access.expression !== taker || access.name.text !== 'then') return null;
  const nextCall = access.parent;
  if (nextCall === undefined || !ts.isCallExpression(nextCall) || nextCall.expression !== access) return null;
  const next = functionArgument(ts, nextCall.arguments[0]);
  const param = next?.parameters[0];
  if (next === null || next === undefined || param === undefined || !ts.isIdentifier(param.name) || next.body === undefined) return null;
  const name = param.name.text;
  const read = (model.identifiers.get(name) ?? []).some((id) => id !== param.name && isInside(id, next.body!));
  return read ? name : null;
}

/** A function with a block body and no `return <value>;` of its own. */
function returnsNoValue(model: SnippetModel, fn: FunctionLike): boolean {
  const { ts } = model;
  const body = fn.body;
  if (body === undefined || !ts.isBlock(body)) return false;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression !== undefined) found = true;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return !found;
}

export const floatingPromise: Detector = {
  id: 'js.floating-promise',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = promiseNameStatements(model);
    for (const call of model.calls) {
      const known = promiseCall(model, call);
      if (known === null) {
        const chain = unhandledThenChain(model, call);
        if (chain !== null) out.push(chain);
        continue;
      }
      // A script's `(async () => { … })();` is how it starts; `Promise.resolve(x);` has nothing left to fail.
      if (known.iife || known.settled) continue;
      const use = usageOf(ts, call);
      if (use.usage === 'assigned') {
        const stored = storedNeverRead(model, call, use.node);
        if (stored !== null) out.push(storedFinding(model, call, known.callee, known.source, stored));
        continue;
      }
      if (use.usage !== 'statement') continue;
      // An own async function that never waits has run to its end when the call returns: nothing is left pending.
      const own = known.source === 'own' ? ownAsyncCallee(model, call) : null;
      if (own !== null && neverWaits(model, own).never) continue;
      const fn = enclosingFunction(ts, call);
      const topLevel = fn === null || fn === model.bodyWrapper;
      const inTry = caughtInVain(model, use.node);
      if (inTry) {
        out.push({
          ...position(model, call),
          message: words('js.floating-promise.in-try', { call: callText(model, call) }),
          // The `catch` says the author counts on catching the call's failure: it is the mistake, wherever it is.
          confidence: 0.85,
          data: { ...span(model, call), callee: known.callee, source: known.source, inAsync: String(fn !== null && isAsync(ts, fn)) },
        });
        continue;
      }
      if (topLevel && known.source === 'own' && (ENTRY_POINT.test(known.callee) || lastStatement(model, use.node)) && !signatureOnly(model, known.callee)) continue;
      // React's documented idiom: a synchronous effect starts the component's own async function and returns nothing.
      if (fn !== null && known.source === 'own' && !isAsync(ts, fn) && isEffectCallback(model, fn)) continue;
      const inAsync = fn !== null && isAsync(ts, fn);
      const shown = callText(model, call);
      const next = fn !== null ? nextThenReadsResult(model, fn) : null;
      if (next !== null) {
        out.push({
          ...position(model, call),
          message: words('js.floating-promise.then-no-return', { call: shown, param: next }),
          // The next callback reads what this one gives back, and it gives back nothing: the mistake, seen whole.
          confidence: 0.85,
          data: { ...span(model, call), callee: known.callee, source: known.source, inAsync: String(inAsync) },
        });
        continue;
      }
      out.push({
        ...position(model, call),
        message: inAsync
          ? words('js.floating-promise.call-in-async', { call: shown })
          : words('js.floating-promise.call', { call: shown }),
        // At the top level (outside any function) a paste is often a fragment or a test script.
        confidence: fn === null ? 0.6 : known.source === 'own' ? 0.8 : inAsync ? 0.9 : 0.75,
        data: { ...span(model, call), callee: known.callee, source: known.source, inAsync: String(inAsync) },
      });
    }
    // A statement in a transaction callback that is floating on its own is reported once, as such.
    for (const t of [...transactionWorkNotReturned(model), ...mapWithoutReturn(model)]) if (!out.some((f) => f.data?.start === t.data?.start)) out.push(t);
    return out;
  },
};
