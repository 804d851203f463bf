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
import { isAsync, isFunctionLike, type SnippetModel } from '../model.js';
import { functionArgument, isInside, position, span } from '../where.js';

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

export const expressAsyncRoute: Detector = {
  id: 'js.express-async-route',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    if (PATCHES.test(model.text)) return out;
    const errorMiddleware = hasErrorMiddleware(model);
    for (const call of model.calls) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || !ROUTE_METHODS.has(callee.name.text)) continue;
      // app.get('/x', …) or app.route('/x').get(…)
      const recv = callee.expression;
      const routed = ts.isIdentifier(recv) ? ROUTER.test(recv.text) : ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression) && recv.expression.name.text === 'route';
      if (!routed) continue;
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
        if (!throws && !(awaits && (errorMiddleware || nextUnused))) continue;
        out.push({
          ...position(model, fn),
          message: `This \`async\` handler can fail ${throws ? 'with a `throw`' : 'at an `await`'} outside \`try\`, and Express 4 ignores the promise it returns: the error never reaches the error middleware, Node reports an unhandled rejection, and the request hangs. Wrap the body in \`try { … } catch (err) { next(err); }\` (Express 5 does this for you).`,
          confidence: throws ? 0.75 : errorMiddleware ? 0.7 : 0.6,
          data: { ...span(model, fn), next: names[2] ?? '' },
        });
      }
    }
    return out;
  },
};
