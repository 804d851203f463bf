/**
 * js.express-async-route: an `async` Express route handler or middleware
 * whose errors nothing passes to `next`: a `throw`, or an `await` outside
 * `try`, in a handler given straight to `app.get(…)` / `router.use(…)`.
 * Express 4 does not look at the promise a handler returns, so the error
 * becomes an unhandled rejection and the request hangs. Express 5 does
 * forward it, and the versions look the same in code: the finding is made
 * only when the code shows it expects Express to handle the error (a `throw`
 * in the handler, an error-handling middleware in the same snippet, or a
 * `next` the handler takes and never calls).
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { functionName, isAsync, isFunctionLike, type FunctionLike, type SnippetModel } from '../model.js';
import { firstOwn, functionArgument, isInside, position, span } from '../where.js';
import { words, type Words } from '../../../types.js';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'options', 'head']);
const ROUTER = /^(?:app|router|api|server|routes?|[a-z]\w*Router|[a-z]\w*Routes)$/;
/** Packages that make Express 4 forward async errors (or wrap handlers for it). */
const PATCHES = /express-async-errors|express-async-handler|express-promise-router|@awaitjs\/express/;

/** `await` or `throw` at the handler's own level, outside any `try` that has a `catch`. */
function unguarded(ts: SnippetModel['ts'], body: TS.Node): { awaits: boolean; throws: boolean } {
  const found = { awaits: false, throws: false };
  const visit = (n: TS.Node): void => {
    if (isFunctionLike(ts, n)) return;
    if (ts.isTryStatement(n) && n.catchClause) {
      // Only the `catch` and `finally` blocks can still let an error out.
      visit(n.catchClause.block);
      if (n.finallyBlock) visit(n.finallyBlock);
      return;
    }
    if (ts.isAwaitExpression(n)) found.awaits = true;
    if (ts.isThrowStatement(n)) found.throws = true;
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** `(err, req, res, next) => …` passed to `app.use`: the app expects errors to arrive there. */
function hasErrorMiddleware(model: SnippetModel): boolean {
  const { ts } = model;
  return model.functions.some((fn) => fn.parameters.length === 4 && fn.parameters[0] !== undefined && ts.isIdentifier(fn.parameters[0].name) && /^err(?:or)?$/.test(fn.parameters[0].name.text));
}

const MESSAGE = (throws: boolean): Words => words('js.express-async-route', { how: words(throws ? 'js.express-async-route.throw' : 'js.express-async-route.await') });

/**
 * A named async function with Express's whole middleware signature
 * `(req, res, next)`, defined for a router elsewhere (`export async function
 * get(req, res, next)`): Connect and Express are what pass `next` that way.
 * Next.js API routes take `(req, res)` and Koa `(ctx, next)`, so neither fits.
 */
function namedMiddleware(model: SnippetModel, fn: FunctionLike): boolean {
  const { ts } = model;
  if (!isAsync(ts, fn) || fn.parameters.length !== 3 || functionName(ts, fn) === null) return false;
  const named = ts.isFunctionDeclaration(fn) || (fn.parent !== undefined && ts.isVariableDeclaration(fn.parent));
  if (!named) return false;
  const [req, res, next] = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  return /^(?:req|request)$/.test(req ?? '') && /^(?:res|response)$/.test(res ?? '') && next === 'next';
}

/** Where the function's name is handed to a call: a router (`app.get('/', get)`), some other call (`asyncHandler(get)`, which may wrap it), or nowhere in the paste. */
function passedByName(model: SnippetModel, fn: FunctionLike): 'route' | 'other' | null {
  const { ts } = model;
  const name = functionName(ts, fn);
  if (name === null) return null;
  let where: 'route' | 'other' | null = null;
  for (const id of model.identifiers.get(name) ?? []) {
    const call = id.parent;
    if (call === undefined || !ts.isCallExpression(call) || !call.arguments.some((a) => a === id)) continue;
    if (!isRouteCall(model, call)) return 'other';
    where = 'route';
  }
  return where;
}

/** `app.get(…)`, `router.use(…)`, `app.route('/x').get(…)`. */
function isRouteCall(model: SnippetModel, call: TS.CallExpression): boolean {
  const { ts } = model;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ROUTE_METHODS.has(callee.name.text)) return false;
  const recv = callee.expression;
  return ts.isIdentifier(recv) ? ROUTER.test(recv.text) : ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression) && recv.expression.name.text === 'route';
}

/** Calls that run their function argument later, from the event loop: a throw in it has no caller to land in. */
const DEFERRING = /^(?:setTimeout|setInterval|setImmediate|process\.nextTick|queueMicrotask)$/;

/**
 * A function given to a timer: it runs later, from the event loop, not from the handler. (A Node-style
 * callback's `if (err) throw err;` escapes the same way, but beginners' database code is full of it and
 * their questions are mostly about something else: precision first.)
 */
function runsLater(model: SnippetModel, fn: FunctionLike): boolean {
  const { ts } = model;
  const call = fn.parent;
  if (call === undefined || !ts.isCallExpression(call) || !call.arguments.some((a) => a === fn)) return false;
  return DEFERRING.test(call.expression.getText(model.sourceFile));
}

/** A `throw` of the function's own (not in a nested function, not in a `try` that catches it). */
function ownThrow(ts: SnippetModel['ts'], body: TS.Node): TS.ThrowStatement | null {
  return firstOwn(
    ts,
    body,
    (n) => (ts.isThrowStatement(n) ? n : null),
    (n) => (ts.isTryStatement(n) && n.catchClause ? [n.catchClause.block, ...(n.finallyBlock ? [n.finallyBlock] : [])] : null),
  );
}

/**
 * `app.get('/x', (req, res, next) => { setTimeout(() => { throw new Error('…'); }, 10); })`: the throw
 * happens after the handler returned, from a timer, so no Express version can route it
 * to the error middleware: it is an uncaught exception and Node exits. The error must be passed to
 * `next(err)` there. No automatic fix (a try/catch around the handler would not see it).
 */
function callbackThrows(model: SnippetModel, handler: FunctionLike): RawFinding | null {
  const { ts } = model;
  for (const fn of model.functions) {
    if (fn === handler || fn.body === undefined || !isInside(fn, handler.body!) || !runsLater(model, fn)) continue;
    const thrown = ownThrow(ts, fn.body);
    if (thrown === null) continue;
    return { ...position(model, thrown), message: words('js.express-async-route.callback-throw'), confidence: 0.7, data: { next: '' } };
  }
  return null;
}

export const expressAsyncRoute: Detector = {
  id: 'js.express-async-route',
  detect(model, hints) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const call of model.calls) {
      if (!isRouteCall(model, call)) continue;
      for (const arg of call.arguments) {
        const fn = functionArgument(ts, arg);
        const names = fn?.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')) ?? [];
        if (fn === null || names.length < 2 || names.length > 3 || !/^(?:req|request)$/.test(names[0] ?? '') || !/^(?:res|response)$/.test(names[1] ?? '')) continue;
        const later = callbackThrows(model, fn);
        if (later !== null) out.push(later);
      }
    }
    // Express 5 forwards a rejected handler's error itself: a paste that says it runs 5 has no such mistake.
    if (out.length > 0 || PATCHES.test(model.text) || (hints.expressMajor != null && hints.expressMajor >= 5)) return out;
    const errorMiddleware = hasErrorMiddleware(model);
    // Handlers defined by name, router not in the paste: only a `throw` (or awaits with an error middleware in sight) counts, as a likely answer.
    for (const fn of model.functions) {
      if (!namedMiddleware(model, fn) || fn.body === undefined) continue;
      const passed = passedByName(model, fn);
      if (passed === 'other') continue;
      const { awaits, throws } = unguarded(ts, fn.body);
      if (!throws && !(awaits && errorMiddleware)) continue;
      out.push({
        ...position(model, fn),
        message: MESSAGE(throws),
        confidence: passed === 'route' ? (throws ? 0.75 : 0.7) : throws ? 0.6 : 0.55,
        data: { ...span(model, fn), next: 'next' },
      });
    }
    for (const call of model.calls) {
      if (!isRouteCall(model, call)) continue;
      for (const arg of call.arguments) {
        const fn = functionArgument(ts, arg);
        if (fn === null || !isAsync(ts, fn)) continue;
        const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
        // Express's (req, res[, next]); Koa's (ctx, next) and Fastify's (request, reply) handle async handlers themselves.
        if (names.length < 2 || names.length > 3 || !/^(?:req|request)$/.test(names[0] ?? '') || !/^(?:res|response)$/.test(names[1] ?? '')) continue;
        const { awaits, throws } = unguarded(ts, fn.body);
        // `next` taken but never called: the author counts on Express to route errors (Express 4 does not for promises).
        const next = names[2] ?? '';
        const nextUnused = next !== '' && !(model.identifiers.get(next) ?? []).some((id) => id !== fn.parameters[2]?.name && isInside(id, fn.body));
        // The paste says it runs an Express before 5: an await outside try is the mistake on its own.
        const before5 = hints.expressMajor != null && hints.expressMajor < 5;
        if (!throws && !(awaits && (errorMiddleware || nextUnused || before5))) continue;
        out.push({
          ...position(model, fn),
          message: MESSAGE(throws),
          confidence: throws ? 0.75 : errorMiddleware || before5 ? 0.7 : 0.6,
          data: { ...span(model, fn), next: names[2] ?? '' },
        });
      }
    }
    return out;
  },
};
