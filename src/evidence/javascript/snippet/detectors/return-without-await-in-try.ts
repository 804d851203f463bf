/**
 * js.return-without-await-in-try: `return promiseCall()` inside the `try` of
 * an async function: the function returns before the promise settles, so the
 * `catch` (and `finally` timing) never sees its rejection.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, isAsync, type SnippetModel } from '../model.js';
import { promiseCall } from '../promises.js';
import { callText, functionArgument, position, span, startOf, unwrap } from '../where.js';
import { words } from '../../../types.js';

// Database and HTTP client methods that return promises in the usual libraries
// (mysql2/promise, pg, prisma, mongoose, sequelize, axios).
const LIKELY_ASYNC_METHODS = new Set([
  'query', 'findOne', 'findMany', 'findUnique', 'findFirst', 'findById', 'findAll', 'findByPk',
  'insertOne', 'insertMany', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'countDocuments',
]);
// Shorter names that are promise methods on a database or cache client (sqlite, pg-promise,
// mysql2, node-redis, keyv) but mean anything elsewhere: only with a receiver named like one.
const CLIENT_METHODS = new Set([
  'get', 'all', 'run', 'execute', 'exec', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'none',
  'set', 'del', 'hget', 'hset', 'hgetall', 'incr', 'transaction', 'select', 'insert', 'update', 'upsert', 'count',
]);
const CLIENT_RECEIVER = /^(?:db|database|pool|conn|connection|knex|prisma|sql|redis|mongo|collection|repo|repository|keyv|sequelize|supabase)$|(?:Db|DB|Pool|Repo|Repository|Collection|Redis|Client)$/;
// Model classes (mongoose, sequelize): `User.create(data)`.
const MODEL_METHODS = new Set([
  'create', 'bulkCreate', 'upsert', 'destroy', 'count', 'aggregate', 'exists', 'replaceOne',
  'findOneAndUpdate', 'findOneAndDelete', 'findByIdAndUpdate', 'findByIdAndDelete',
]);
const BUILTINS = new Set(['Object', 'Array', 'Math', 'JSON', 'Promise', 'Reflect', 'Number', 'String', 'Date', 'Map', 'Set', 'Buffer', 'Symbol', 'Intl', 'URL']);
// discord.js methods that only exist as promise-returning calls.
const DISCORD_ONLY_ASYNC = new Set(['bulkDelete', 'awaitMessages', 'awaitMessageComponent', 'awaitModalSubmit', 'awaitReactions', 'fetchReply', 'deleteReply']);
// Query objects made awaitable by these calls: `collection.find(q).toArray()`, `Model.find(q).exec()`.
const QUERY_RUNNERS = new Set(['toArray', 'exec']);

function receiverName(model: SnippetModel, recv: TS.Expression): string | null {
  const { ts } = model;
  if (ts.isIdentifier(recv)) return recv.text;
  if (ts.isPropertyAccessExpression(recv)) return recv.name.text;
  return null;
}

/**
 * Well-known promise APIs the snippet does not define: database and cache
 * clients, model classes, discord.js awaiters. Less certain than a callee we
 * can see, so these count at a lower confidence.
 */
function likelyPromiseCall(model: SnippetModel, call: TS.CallExpression): boolean {
  const { ts } = model;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  // A callback argument means the callback API, which does not return a promise.
  if (call.arguments.some((a) => functionArgument(ts, a) !== null)) return false;
  const method = callee.name.text;
  const recv = callee.expression;
  if (LIKELY_ASYNC_METHODS.has(method) || DISCORD_ONLY_ASYNC.has(method)) return true;
  if (QUERY_RUNNERS.has(method) && ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression)) {
    const inner = recv.expression.name.text;
    return inner === 'find' || inner === 'aggregate' || LIKELY_ASYNC_METHODS.has(inner);
  }
  const name = receiverName(model, recv);
  if (name === null) return false;
  if (CLIENT_METHODS.has(method) && CLIENT_RECEIVER.test(name)) return true;
  return MODEL_METHODS.has(method) && ts.isIdentifier(recv) && /^[A-Z][a-z]\w*$/.test(name) && !BUILTINS.has(name);
}

function promiseOf(model: SnippetModel, expr: TS.Expression): { text: string; confidence: number } | null {
  const { ts } = model;
  const inner = unwrap(ts, expr);
  if (ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'Promise') {
    return { text: 'new Promise(…)', confidence: 0.85 };
  }
  if (!ts.isCallExpression(inner)) return null;
  const callee = inner.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const m = callee.name.text;
    if (m === 'then' || m === 'catch' || m === 'finally') return { text: callText(model, inner), confidence: 0.85 };
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise') return { text: callText(model, inner), confidence: 0.85 };
  }
  if (promiseCall(model, inner) !== null) return { text: callText(model, inner), confidence: 0.85 };
  if (likelyPromiseCall(model, inner)) return { text: callText(model, inner), confidence: 0.6 };
  return null;
}

/** `{ callee }` of a returned call (`fs.readFile` of `return fs.readFile(p)`), else nothing. */
function calleeOf(model: SnippetModel, expr: TS.Expression): { callee?: string } {
  const inner = unwrap(model.ts, expr);
  return model.ts.isCallExpression(inner) ? { callee: inner.expression.getText(model.sourceFile) } : {};
}

/**
 * A `try` the paste ends inside: no `catch`, no `finally`, and nothing but
 * closing braces after it. Such a `try` is a syntax error as written, so the
 * paste was cut from longer code whose `catch` did not make it in.
 */
function cutOffTry(model: SnippetModel, tryStmt: TS.TryStatement): boolean {
  // The parser stands in an empty, zero-width `finally` for the missing one.
  const finallyBlock = tryStmt.finallyBlock;
  const written = finallyBlock !== undefined && finallyBlock.end > finallyBlock.pos;
  if (model.syntaxErrors === 0 || tryStmt.catchClause !== undefined || written) return false;
  return /^[\s}]*$/.test(model.text.slice(tryStmt.end));
}

export const returnWithoutAwaitInTry: Detector = {
  id: 'js.return-without-await-in-try',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const ret of model.returns) {
      if (ret.expression === undefined) continue;
      const fn = enclosingFunction(ts, ret);
      if (fn === null || !isAsync(ts, fn)) continue;
      let node: TS.Node = ret;
      let tryStmt: TS.TryStatement | null = null;
      let cutOff = false;
      while (node.parent !== undefined && node.parent !== fn) {
        const parent = node.parent;
        if (ts.isTryStatement(parent) && parent.tryBlock === node) {
          cutOff = cutOffTry(model, parent);
          if (parent.catchClause !== undefined || cutOff) {
            tryStmt = parent;
            break;
          }
        }
        node = parent;
      }
      if (tryStmt === null) continue;
      const promise = promiseOf(model, ret.expression);
      if (promise === null) continue;
      out.push({
        ...position(model, ret),
        message: words('js.return-without-await-in-try', { promise: promise.text }),
        // A paste cut off inside the `try` does not show its `catch`: likely there, not certain.
        confidence: cutOff ? Math.min(promise.confidence, 0.7) : promise.confidence,
        // The function returned (`fs.readFile`), so the reply's advice can name it.
        data: { ...span(model, ret.expression), returnStart: startOf(model, ret), ...calleeOf(model, ret.expression) },
      });
    }
    return out;
  },
};
