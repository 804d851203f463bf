/**
 * js.await-non-promise: `await` in front of something that is not a promise,
 * so it waits for nothing: the global `setTimeout` (it returns a timer, not a
 * promise; `timers/promises` has the awaitable one), the callback `fs` API
 * (`await fs.readFile(p, cb)` returns undefined), a call handed a Node-style
 * `(err, …) =>` callback, and `await arr.forEach(…)`. TypeScript flags these
 * as TS80007 "'await' has no effect on the type of this expression". Also
 * `await load;`, a function of the paste's own awaited without being called.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import type { SnippetModel } from '../model.js';
import { functionArgument, position, span, unwrap } from '../where.js';
import { words, type Words } from '../../../types.js';

const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate']);
/** fs functions whose callback form returns undefined (their promise twins live in `fs/promises`). */
const FS_CALLBACK_API = new Set([
  'readFile', 'writeFile', 'appendFile', 'readdir', 'mkdir', 'rm', 'rmdir', 'unlink', 'stat', 'lstat', 'access',
  'rename', 'copyFile', 'open', 'close', 'readlink', 'realpath', 'chmod', 'chown', 'mkdtemp', 'truncate', 'utimes',
]);
const ERR_PARAM = /^(?:err|error|e|er|ex)$/i;

/** The snippet declares or imports `name` itself (`import { setTimeout } from 'timers/promises'`, `const setTimeout = promisify(…)`). */
function declaredHere(model: SnippetModel, name: string): boolean {
  const { ts } = model;
  return (model.identifiers.get(name) ?? []).some((id) => {
    const p = id.parent;
    if (p === undefined) return false;
    const declares = ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isNamespaceImport(p);
    return declares && p.name === id;
  });
}

/** `fs` bound to the callback module here, or used without any import (a fragment). */
function callbackFs(model: SnippetModel, name: string): boolean {
  if (model.fsNames.has(name)) return true;
  return name === 'fs' && !model.fsPromisesNames.has(name) && !declaredHere(model, name);
}

type Kind = 'timer' | 'fs' | 'fs-callback' | 'callback' | 'chrome-callback' | 'forEach' | 'legacy-redis';

/**
 * node-redis 4's legacy mode (README "Legacy mode"; `createClient({ legacyMode: true })`): the
 * client's commands take the 3.x callbacks and return no promise of the reply; the promise API moves
 * to `client.v4`. `connect`, `disconnect` and `quit` still return promises. Variables holding such a client.
 */
const REDIS_CLIENT_METHODS = new Set(['connect', 'disconnect', 'quit', 'on', 'once', 'v4', 'duplicate']);

function legacyRedisClients(model: SnippetModel): Set<string> {
  const { ts } = model;
  const out = new Set<string>();
  for (const call of model.calls) {
    const callee = call.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    const options = call.arguments[0];
    if (name !== 'createClient' || options === undefined || !ts.isObjectLiteralExpression(options)) continue;
    const legacy = options.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText(model.sourceFile) === 'legacyMode' && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
    const decl = call.parent;
    if (legacy && decl !== undefined && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) out.add(decl.name.text);
  }
  return out;
}

/**
 * `await 42`, `await 'done'`, or `await x` where `x` is a `const` made from such a literal (an object
 * or array literal too): a value that can never be a promise (typescript-eslint's await-thenable,
 * Sonar's "await should only be used with promises"). The shown value, or null.
 */
function plainValue(model: SnippetModel, expr: TS.Expression): { name: string; value: string } | null {
  const { ts } = model;
  const literal = (e: TS.Expression): boolean =>
    ts.isNumericLiteral(e) || ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword;
  const shown = (e: TS.Expression): string => e.getText(model.sourceFile).split('\n')[0]!.slice(0, 40);
  if (literal(expr) && !ts.isArrayLiteralExpression(expr) && !ts.isObjectLiteralExpression(expr)) return { name: shown(expr), value: shown(expr) };
  if (!ts.isIdentifier(expr)) return null;
  const decls = (model.identifiers.get(expr.text) ?? []).filter((id) => ts.isVariableDeclaration(id.parent) && id.parent.name === id);
  if (decls.length !== 1) return null;
  const decl = decls[0]!.parent as TS.VariableDeclaration;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0 || decl.initializer === undefined) return null;
  let init = decl.initializer;
  while (ts.isParenthesizedExpression(init)) init = init.expression;
  // `const list = [p1, p2]; await list` is a list of promises, which Promise.all waits for: not a plain value here.
  if (!literal(init) || ts.isArrayLiteralExpression(init)) return null;
  return { name: expr.text, value: shown(init) };
}

/**
 * `await load;` where `load` is a function the paste defines (`function load()`, `const load = async () => …`)
 * and never gives another value: the call was forgotten, so `await` gets the function itself back at once
 * and nothing runs (typescript-eslint's await-thenable). Only a name declared once in the whole paste (a
 * parameter or a local of the same name elsewhere could hold a promise), never assigned again. The name and how
 * many parameters the function takes, or null.
 */
function uncalledFunction(model: SnippetModel, expr: TS.Expression): { name: string; params: number } | null {
  const { ts } = model;
  if (!ts.isIdentifier(expr)) return null;
  const ids = model.identifiers.get(expr.text) ?? [];
  const declares = ids.filter((id) => {
    const p = id.parent;
    return p !== undefined && (ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isClassDeclaration(p)) && (p as { name?: TS.Node }).name === id;
  });
  if (declares.length !== 1) return null;
  const reassigned = ids.some((id) => {
    const p = id.parent;
    return p !== undefined && ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  });
  if (reassigned) return null;
  const decl = declares[0]!.parent;
  if (ts.isFunctionDeclaration(decl)) return decl.body !== undefined ? { name: expr.text, params: decl.parameters.length } : null;
  if (!ts.isVariableDeclaration(decl) || decl.initializer === undefined) return null;
  const init = unwrap(ts, decl.initializer);
  return ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? { name: expr.text, params: init.parameters.length } : null;
}

/**
 * `chrome.storage.sync.get`, `chrome.tabs.query`: a method of the extension APIs, reached from the global `chrome`.
 * Their reference ("Promises", developer.chrome.com/docs/extensions/develop/migrate/promises): a method returns a
 * promise only when no callback is passed; given one, it returns undefined.
 */
function chromeApi(ts: SnippetModel['ts'], callee: TS.PropertyAccessExpression): boolean {
  let cur: TS.Expression = callee.expression;
  let depth = 0;
  while (ts.isPropertyAccessExpression(cur)) {
    cur = cur.expression;
    depth++;
  }
  return depth >= 1 && ts.isIdentifier(cur) && cur.text === 'chrome';
}

/** `cb` in `get(key, cb)`, where the paste makes `cb` a function (`const cb = (x) => …`, `function cb() {}`) and nothing else. */
function namedFunction(model: SnippetModel, arg: TS.Expression | undefined): boolean {
  const { ts } = model;
  if (arg === undefined || !ts.isIdentifier(arg)) return false;
  const decls = (model.identifiers.get(arg.text) ?? []).map((id) => id.parent).filter((p) => p !== undefined && (ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isParameter(p)) && p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === arg.text);
  if (decls.length !== 1) return false;
  const decl = decls[0]!;
  if (ts.isFunctionDeclaration(decl)) return true;
  return ts.isVariableDeclaration(decl) && decl.initializer !== undefined && functionArgument(ts, decl.initializer) !== null;
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'off', 'removeListener']);

function kindOf(model: SnippetModel, call: TS.CallExpression, legacyRedis: ReadonlySet<string>): { kind: Kind; name: string } | null {
  const { ts } = model;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && legacyRedis.has(callee.expression.text) && !REDIS_CLIENT_METHODS.has(callee.name.text)) {
    return { kind: 'legacy-redis', name: `${callee.expression.text}.${callee.name.text}` };
  }
  if (ts.isIdentifier(callee) && TIMERS.has(callee.text) && !model.promiseFunctionNames.has(callee.text) && !declaredHere(model, callee.text)) {
    return { kind: 'timer', name: callee.text };
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const recv = callee.expression;
    if (ts.isIdentifier(recv) && FS_CALLBACK_API.has(method) && callbackFs(model, recv.text)) {
      const last = functionArgument(ts, call.arguments[call.arguments.length - 1]);
      return { kind: last === null ? 'fs' : 'fs-callback', name: `${recv.text}.${method}` };
    }
    if (method === 'forEach') {
      const cb = functionArgument(ts, call.arguments[0]);
      // An async callback is js.async-foreach's finding.
      if (cb === null || !cb.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return { kind: 'forEach', name: `${recv.getText(model.sourceFile)}.forEach` };
      return null;
    }
  }
  // `.catch((err) => …)`, `.then(ok, (err) => err)`: a promise's own methods take the error first and return a promise.
  // `.on('error', (err) => …)`: a listener for an event, not a callback the call completes with.
  if (ts.isPropertyAccessExpression(callee) && (PROMISE_METHODS.has(callee.name.text) || LISTENER_METHODS.has(callee.name.text))) return null;
  const last = functionArgument(ts, call.arguments[call.arguments.length - 1]);
  if (ts.isPropertyAccessExpression(callee) && chromeApi(ts, callee) && (last !== null || namedFunction(model, call.arguments[call.arguments.length - 1]))) {
    return { kind: 'chrome-callback', name: callee.getText(model.sourceFile) };
  }
  const first = last?.parameters[0];
  if (last && first && ts.isIdentifier(first.name) && ERR_PARAM.test(first.name.text) && last.parameters.length <= 3) {
    return { kind: 'callback', name: callee.getText(model.sourceFile) };
  }
  return null;
}

/** The value kept under `key`, worked out by `make` the first time it is asked for. */
function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key)!;
}

const MESSAGES: Record<Kind, (name: string) => Words> = {
  timer: (name) => words('js.await-non-promise.timer', { name }),
  fs: (name) => words('js.await-non-promise.fs', { name, method: name.split('.').pop()! }),
  'fs-callback': (name) => words('js.await-non-promise.fs-callback', { name, method: name.split('.').pop()! }),
  callback: (name) => words('js.await-non-promise.callback', { name }),
  'chrome-callback': (name) => words('js.await-non-promise.chrome-callback', { name }),
  forEach: (name) => words('js.await-non-promise.forEach', { name }),
  'legacy-redis': (name) => words('js.await-non-promise.legacy-redis', { name, client: name.split('.')[0]!, method: name.split('.').pop()! }),
};

export const awaitNonPromise: Detector = {
  id: 'js.await-non-promise',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    const legacyRedis = legacyRedisClients(model);
    // By name, once: each answer reads every use of the name, and a paste can await the same name on every line.
    const uncalledByName = new Map<string, ReturnType<typeof uncalledFunction>>();
    const plainValueByName = new Map<string, ReturnType<typeof plainValue>>();
    for (const aw of model.awaits) {
      const inner = unwrap(ts, aw.expression);
      const value = ts.isIdentifier(inner) ? cached(plainValueByName, inner.text, () => plainValue(model, inner)) : plainValue(model, inner);
      if (value !== null) {
        out.push({
          ...position(model, aw),
          message: words('js.await-non-promise.value', value),
          confidence: 0.75,
          data: { ...span(model, aw), kind: 'value', name: value.name },
        });
        continue;
      }
      const uncalled = ts.isIdentifier(inner) ? cached(uncalledByName, inner.text, () => uncalledFunction(model, inner)) : null;
      if (uncalled !== null) {
        out.push({
          ...position(model, aw),
          message: words('js.await-non-promise.uncalled', { name: uncalled.name }),
          confidence: 0.85,
          data: { ...span(model, aw), kind: 'uncalled', name: uncalled.name, params: String(uncalled.params) },
        });
        continue;
      }
      if (!ts.isCallExpression(inner)) continue;
      const k = kindOf(model, inner, legacyRedis);
      if (k === null) continue;
      out.push({
        ...position(model, aw),
        message: MESSAGES[k.kind](k.name),
        confidence: k.kind === 'callback' || k.kind === 'forEach' ? 0.7 : k.kind === 'legacy-redis' ? 0.85 : 0.9,
        data: { ...span(model, aw), kind: k.kind, name: k.name },
      });
    }
    return out;
  },
};
