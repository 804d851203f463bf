/**
 * js.then-on-non-promise: `.then(…)` called on a value that is certainly not
 * a promise, which throws `X.then is not a function` (or `Cannot read
 * properties of undefined (reading 'then')`) at run time: the result of a
 * synchronous API (`JSON.parse`, `fs.readFileSync`), an array (`arr.map(…)`),
 * `forEach`'s `undefined`, a callback-style call, or one of the snippet's own
 * plain functions that returns nothing or a plain value. Only values we can
 * see are not promises count: a function returning something we cannot judge
 * (`return cache.get(k)`) is left alone.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { functionName, isAsync, isFunctionLike, lineOf, type FunctionLike, type SnippetModel } from '../model.js';
import { exportedName, promiseCall } from '../promises.js';
import { callText, functionArgument, position, span, unwrap } from '../where.js';
import { words, type Words } from '../../../types.js';

interface NotAPromise {
  /** What the value is, for the message: "an array", "`undefined`". */
  what: Words;
  why: Words;
  confidence: number;
}

const ARRAY_METHODS = new Set(['map', 'filter', 'flatMap', 'slice', 'concat']);
// Receivers whose `.map` returns a promise (Bluebird and friends).
const PROMISE_LIBRARIES = /^(?:Promise|Bluebird|BPromise|P|Q|pMap|async)$/;
// Calls known to give arrays: `Object.keys(o).map(…)`, `s.split(',').map(…)`.
const ARRAY_SOURCES = new Set(['keys', 'values', 'entries', 'from', 'split', 'map', 'filter', 'slice', 'concat', 'flatMap', 'sort', 'reverse']);
const SYNC_SUFFIX = /Sync$/;
const CHILD_PROCESS_RECEIVER = /child_?process|cp|proc/i;

/** `x.map` where x is an array as far as we can tell: a name, a property, an array literal, or a call that makes arrays. */
function arrayReceiver(model: SnippetModel, expr: TS.Expression): boolean {
  const { ts } = model;
  const e = unwrap(ts, expr);
  if (ts.isArrayLiteralExpression(e)) return true;
  if (ts.isIdentifier(e)) return !PROMISE_LIBRARIES.test(e.text) && !model.asyncNames.has(e.text);
  if (ts.isPropertyAccessExpression(e)) return e.name.text !== 'promises' && !PROMISE_LIBRARIES.test(e.getText(model.sourceFile));
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    if (promiseCall(model, e) !== null) return false;
    return ARRAY_SOURCES.has(e.expression.name.text) && arrayOrObject(model, e.expression.expression);
  }
  return false;
}

function arrayOrObject(model: SnippetModel, expr: TS.Expression): boolean {
  const { ts } = model;
  const e = unwrap(ts, expr);
  if (ts.isIdentifier(e)) return e.text === 'Object' || e.text === 'Array' || arrayReceiver(model, e);
  return arrayReceiver(model, e) || ts.isStringLiteral(e) || ts.isTemplateExpression(e);
}

/** Plain values, certainly not promises (nor thenables). */
function plainValue(model: SnippetModel, expr: TS.Expression): boolean {
  const { ts } = model;
  const K = ts.SyntaxKind;
  const e = unwrap(ts, expr);
  switch (e.kind) {
    case K.StringLiteral:
    case K.NumericLiteral:
    case K.NoSubstitutionTemplateLiteral:
    case K.TemplateExpression:
    case K.TrueKeyword:
    case K.FalseKeyword:
    case K.NullKeyword:
    case K.ArrayLiteralExpression:
      return true;
    case K.Identifier:
      return (e as TS.Identifier).text === 'undefined';
    case K.ObjectLiteralExpression:
      // `{ then() {} }` is a thenable: leave it alone.
      return !(e as TS.ObjectLiteralExpression).properties.some((p) => p.name !== undefined && p.name.getText(model.sourceFile) === 'then');
    case K.BinaryExpression: {
      const op = (e as TS.BinaryExpression).operatorToken.kind;
      // Arithmetic and comparisons give numbers, strings and booleans; `a || b` could be either side.
      return op !== K.BarBarToken && op !== K.AmpersandAmpersandToken && op !== K.QuestionQuestionToken && op !== K.CommaToken && !(op >= K.FirstAssignment && op <= K.LastAssignment);
    }
    case K.PrefixUnaryExpression:
    case K.PostfixUnaryExpression:
    case K.TypeOfExpression:
      return true;
    case K.CallExpression:
      return syncResult(model, e as TS.CallExpression) !== null;
    default:
      return false;
  }
}

/** A call whose result is a plain value: `JSON.parse(…)`, `fs.readFileSync(…)`. */
function syncResult(model: SnippetModel, call: TS.CallExpression): Words | null {
  const { ts } = model;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    const imported = model.syncApiNames.get(callee.text);
    return imported !== undefined ? words('js.sync.synchronous', { api: imported }) : null;
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return null;
  const recv = callee.expression.text;
  const name = callee.name.text;
  if (recv === 'JSON' && (name === 'parse' || name === 'stringify')) return words('js.sync.direct', { api: `JSON.${name}` });
  if (SYNC_SUFFIX.test(name) && (model.fsNames.has(recv) || recv === 'fs' || CHILD_PROCESS_RECEIVER.test(recv) || /crypto/i.test(recv))) {
    return words('js.sync.synchronous', { api: `${recv}.${name}` });
  }
  return null;
}

/** The snippet's one plain function of this name, if it is defined exactly once and never reassigned. */
function ownSyncFunction(model: SnippetModel, name: string): FunctionLike | null {
  const { ts } = model;
  if (!model.syncNames.has(name) || model.asyncNames.has(name)) return null;
  let found: FunctionLike | null = null;
  for (const id of model.identifiers.get(name) ?? []) {
    const p = id.parent;
    if (ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return null;
    let fn: FunctionLike | null = null;
    if (ts.isFunctionDeclaration(p) && p.name === id) fn = p;
    else if (ts.isVariableDeclaration(p) && p.name === id && p.initializer) {
      const init = unwrap(ts, p.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) fn = init;
      else return null;
    }
    if (fn === null) continue;
    if (found !== null) return null;
    found = fn;
  }
  if (found === null || isAsync(ts, found) || found.asteriskToken !== undefined || found.body === undefined) return null;
  return found;
}

/**
 * The snippet's plain functions that start a promise and return nothing (`function f() { axios.post(…).then(…) }`),
 * for the paste's other code blocks: a `.then` there on `f()` is on `undefined`.
 */
export function functionsReturningNothing(model: SnippetModel): string[] {
  const out: string[] = [];
  for (const name of model.syncNames) {
    const fn = ownSyncFunction(model, name);
    if (fn !== null && functionName(model.ts, fn) === name && ownFunctionResult(model, fn, name)?.forgot === true) out.push(name);
  }
  // `exports.getData = () => { fetch(u).then(…); }`: the file another block imports it from.
  const { ts } = model;
  for (const fn of model.functions) {
    const name = exportedName(ts, fn);
    if (name === null || out.includes(name) || isAsync(ts, fn) || fn.asteriskToken !== undefined || model.exportedPromiseNames.has(name)) continue;
    if (ownFunctionResult(model, fn, name)?.forgot === true) out.push(name);
  }
  return out;
}

/** What an own plain function gives back when it certainly is not a promise, else null. */
function ownFunctionResult(model: SnippetModel, fn: FunctionLike, name: string): (NotAPromise & { forgot?: true }) | null {
  const { ts, sourceFile } = model;
  const body = fn.body;
  if (body === undefined) return null;
  if (!ts.isBlock(body)) {
    return plainValue(model, body as TS.Expression) ? { what: words('js.value.plain'), why: words('js.sync.not-async', { name }), confidence: 0.8 } : null;
  }
  const returns: TS.ReturnStatement[] = [];
  let promiseMade: TS.Node | null = null;
  const visit = (n: TS.Node): void => {
    if (isFunctionLike(ts, n)) return;
    if (ts.isReturnStatement(n)) returns.push(n);
    if (promiseMade === null && ts.isExpressionStatement(n)) {
      const e = unwrap(ts, n.expression);
      // `axios.post(u).then(…).catch(…)`: the chain's first call is the promise made.
      let root: TS.Expression = e;
      while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression) && PROMISE_CHAIN.has(root.expression.name.text)) root = unwrap(ts, root.expression.expression);
      const isNewPromise = ts.isNewExpression(root) && ts.isIdentifier(root.expression) && root.expression.text === 'Promise';
      if (isNewPromise || (ts.isCallExpression(root) && promiseCall(model, root) !== null)) promiseMade = n;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  if (returns.every((r) => r.expression === undefined)) {
    const made = promiseMade as TS.Node | null;
    const why = made !== null ? words('js.sync.returns-nothing-forgot', { name, line: lineOf(sourceFile, made) }) : words('js.sync.returns-nothing', { name });
    return made !== null ? { what: words('js.value.undefined'), why, confidence: 0.9, forgot: true } : { what: words('js.value.undefined'), why, confidence: 0.85 };
  }
  if (returns.every((r) => r.expression !== undefined && plainValue(model, r.expression))) {
    return { what: words('js.value.plain'), why: words('js.sync.not-async', { name }), confidence: 0.8 };
  }
  return null;
}

function notAPromise(model: SnippetModel, recv: TS.Expression): NotAPromise | null {
  const known = knownValue(model, recv);
  if (known !== null) return known;
  const e = unwrap(model.ts, recv);
  return model.ts.isCallExpression(e) ? nodeStyleCallbackCall(model, e) : null;
}

function knownValue(model: SnippetModel, recv: TS.Expression): NotAPromise | null {
  const { ts } = model;
  const e = unwrap(ts, recv);
  if (ts.isArrayLiteralExpression(e)) return { what: words('js.value.array'), why: words('js.sync.array-literal'), confidence: 0.85 };
  if (!ts.isCallExpression(e)) return null;
  const callee = e.expression;
  const sync = syncResult(model, e);
  if (sync !== null) return { what: words('js.value.plain'), why: sync, confidence: 0.85 };
  if (ts.isIdentifier(callee)) {
    const name = callee.text;
    // setTimeout(fn, ms) gives a timer handle; the promise version from timers/promises takes no callback.
    if ((name === 'setTimeout' || name === 'setInterval') && !model.promiseFunctionNames.has(name) && functionArgument(ts, e.arguments[0]) !== null) {
      return { what: words('js.value.timer'), why: words('js.sync.timer', { name }), confidence: 0.8 };
    }
    const fn = ownSyncFunction(model, name);
    if (fn !== null && functionName(ts, fn) === name) return ownFunctionResult(model, fn, name);
    // Defined in another block of the paste, where it starts a promise and returns nothing.
    if (fn === null && model.siblingReturnsNothing.has(name) && !model.syncNames.has(name) && !model.asyncNames.has(name) && !model.promiseNames.has(name)) {
      return { what: words('js.value.undefined'), why: words('js.sync.returns-nothing', { name }), confidence: 0.8 };
    }
    return null;
  }
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const method = callee.name.text;
  const recvOf = callee.expression;
  if (method === 'forEach' && !(ts.isIdentifier(recvOf) && PROMISE_LIBRARIES.test(recvOf.text))) {
    return { what: words('js.value.undefined'), why: words('js.sync.forEach'), confidence: 0.85 };
  }
  if (ARRAY_METHODS.has(method) && arrayReceiver(model, recvOf)) {
    return { what: words('js.value.array'), why: words('js.sync.array-method', { method }), confidence: 0.8 };
  }
  // A callback-style fs call (`fs.readFile(p, cb)`) returns undefined.
  if (ts.isIdentifier(recvOf) && (model.fsNames.has(recvOf.text) || recvOf.text === 'fs') && e.arguments.some((a) => functionArgument(ts, a) !== null)) {
    return { what: words('js.value.undefined'), why: words('js.sync.fs-callback', { call: `${recvOf.text}.${method}` }), confidence: 0.8 };
  }
  return null;
}

// Not a bare `e`: `items.reduce((e, item) => e.then(…))` chains promises through a callback of that shape.
const ERR_PARAM = /^(?:err|error|er)$/i;
const PROMISE_CHAIN = new Set(['then', 'catch', 'finally']);

/**
 * `request(url, opts, (error, response, body) => …)`: a call given a Node-style
 * callback, an error first and the result after it. Such an API hands its
 * result to the callback and returns nothing to chain on (or a request or
 * emitter object). Not a promise chain's own `.catch((err) => …)`, and not a
 * call known to return a promise either way.
 */
function nodeStyleCallbackCall(model: SnippetModel, call: TS.CallExpression): NotAPromise | null {
  const { ts } = model;
  const method = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : null;
  if (method !== null && (PROMISE_CHAIN.has(method) || method === 'reduce' || method === 'reduceRight')) return null;
  if (ts.isIdentifier(call.expression) && call.expression.text === 'Promise') return null;
  const callback = functionArgument(ts, call.arguments[call.arguments.length - 1]);
  if (callback === null || callback.parameters.length < 2) return null;
  const first = callback.parameters[0];
  if (first === undefined || !ts.isIdentifier(first.name) || !ERR_PARAM.test(first.name.text)) return null;
  if (promiseCall(model, call) !== null) return null;
  const callee = call.expression.getText(model.sourceFile);
  return {
    what: words('js.value.return-value'),
    why: words('js.sync.callback-form', { call: callee.length > 30 ? '…' : callee, first: first.name.text }),
    confidence: 0.7,
  };
}

/**
 * The value in front of `.then` as the user wrote it (`[a, b]`), for a code span: one short line,
 * else its first character and an ellipsis (`[…]`). Code only, so the message reads in any language.
 */
function receiverText(model: SnippetModel, recv: TS.Expression): string {
  const text = recv.getText(model.sourceFile);
  if (text.length <= 30 && !text.includes('\n')) return text;
  return model.ts.isArrayLiteralExpression(recv) ? '[…]' : '…';
}

export const thenOnNonPromise: Detector = {
  id: 'js.then-on-non-promise',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const call of model.calls) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'then') continue;
      const value = notAPromise(model, callee.expression);
      if (value === null) continue;
      const recv = unwrap(ts, callee.expression);
      const shown = ts.isCallExpression(recv) ? callText(model, recv) : receiverText(model, recv);
      out.push({
        ...position(model, call),
        message: words('js.then-on-non-promise', { call: shown, why: value.why, what: value.what }),
        confidence: value.confidence,
        data: { ...span(model, call), value: value.what.key.replace('js.value.', '') },
      });
    }
    return out;
  },
};
