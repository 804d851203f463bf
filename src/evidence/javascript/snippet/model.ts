/**
 * What one walk over a parsed snippet learns: which functions are async,
 * which names came from which module, where the calls, awaits, loops and
 * returns are. Detectors read this model instead of walking the tree again.
 */
import type * as TS from 'typescript';
import { parseSnippet, type Ts } from './parse.js';
import type { PromiseCall } from './promises.js';
import { AUTOMATION_OPENERS, BROWSER_AUTOMATION, clientApiOf, MODEL_PROMISE_APIS, PLAYWRIGHT_BROWSER_TYPE, PLAYWRIGHT_BROWSER_TYPES, promiseApiOf, type ClientPromiseApi, type ModelPromiseApi, type ModulePromiseApi } from './promise-apis.js';

export type FunctionLike =
  | TS.FunctionDeclaration
  | TS.FunctionExpression
  | TS.ArrowFunction
  | TS.MethodDeclaration
  | TS.GetAccessorDeclaration
  | TS.SetAccessorDeclaration
  | TS.ConstructorDeclaration;

export interface SnippetModel {
  ts: Ts;
  sourceFile: TS.SourceFile;
  text: string;
  syntaxErrors: number;
  /** Tree positions minus this are positions in the user's code (see ParsedSnippet.offset). */
  offset: number;
  /**
   * The async function a pasted body was wrapped in (statements with a top-level
   * `await` or `return`, see parseSnippet), or null. Its body is the user's top level.
   */
  bodyWrapper: FunctionLike | null;
  /** `import`/`export` statements or TypeScript-only syntax: top-level `await` is allowed. */
  esModule: boolean;
  /** `require(...)` or `module.exports` and no import/export: a CommonJS script. */
  commonJs: boolean;
  /** Names of the snippet's own functions declared `async` (functions, arrows, methods). */
  asyncNames: Set<string>;
  /** Names of the snippet's own functions declared without `async`. */
  syncNames: Set<string>;
  /** Own functions without `async` that still return a promise: `(): Promise<T>`, `return new Promise(…)`, `return x.then(…)`. */
  promiseNames: Set<string>;
  /**
   * Functions a CommonJS module exports that return a promise (`exports.load = async () => …`,
   * `module.exports.list = function () { return pool.query(sql); }`), by exported name: another
   * file of the paste calls them through the module (`model.list()`). Filled by notePromiseReturners.
   */
  exportedPromiseNames: Set<string>;
  /** Names bound to a library in MODULE_PROMISE_APIS (`const bcrypt = require('bcrypt')`). */
  promiseLibraryNames: Map<string, ModulePromiseApi>;
  /** Bare names imported from such a library (`const { hash } = require('bcrypt')`), local → its API. */
  promiseLibraryFunctions: Map<string, ModulePromiseApi>;
  /** Constructor names imported from a library in CLIENT_PROMISE_APIS (`const { Pool } = require('pg')`). */
  clientConstructors: Map<string, ClientPromiseApi>;
  /** Variables holding such a client: `const prisma = new PrismaClient()`. */
  clientNames: Map<string, ClientPromiseApi>;
  /** Variables holding an ORM model: `const User = mongoose.model('User', schema)`. */
  ormModels: Map<string, ModelPromiseApi>;
  /** Variables holding a document of such a model: `const user = new User(data)`. */
  ormDocuments: Map<string, ModelPromiseApi>;
  /** Variables holding a knex instance: `const db = require('knex')(config)`, `const db = knex(config)`. */
  knexNames: Set<string>;
  /** Async method names of the snippet's classes (called as `this.name()`). */
  asyncMethods: Set<string>;
  /** Object literal holders of async methods: `const api = { async load() {} }` → `api.load`. */
  asyncMembers: Set<string>;
  /**
   * Callees the paste itself shows returning a promise: a call of theirs has `.then(…)`,
   * `.catch(…)` or `.finally(…)` chained onto it, here or in another code block of the
   * same paste (`SyncService.readAndSend().then(…)`), written as the callee (`a.b.c`).
   */
  chainedCallees: Set<string>;
  /** Plain functions another code block of the paste defines to start a promise and return nothing (`SnippetHints.siblingReturnsNothing`). */
  siblingReturnsNothing: Set<string>;
  /** Names bound to the `fs` module. */
  fsNames: Set<string>;
  /** Names bound to `fs/promises` (or `fs.promises`). */
  fsPromisesNames: Set<string>;
  /** Names bound to `timers/promises`. */
  timersPromisesNames: Set<string>;
  /** Bare function names that return promises (imported from fs/promises, timers/promises). */
  promiseFunctionNames: Set<string>;
  /** Bare names bound to sync fs / child_process / crypto functions (`const { readFileSync } = require('fs')`), local → imported. */
  syncApiNames: Map<string, string>;
  /** Variables holding a fetch Response: `const res = await fetch(u)`. */
  fetchResponseNames: Set<string>;
  /** Parameter names that hold a discord.js interaction. */
  interactionNames: Set<string>;
  /** Parameter names that hold a discord.js message. */
  messageNames: Set<string>;
  calls: TS.CallExpression[];
  awaits: TS.AwaitExpression[];
  functions: FunctionLike[];
  loops: TS.IterationStatement[];
  returns: TS.ReturnStatement[];
  newExpressions: TS.NewExpression[];
  /** Identifier references by name (declarations included). */
  identifiers: Map<string, TS.Identifier[]>;
  /**
   * What `promiseCall` answered for each call, once the model's facts are settled (`settlePromiseFacts`);
   * null while they are still being gathered, when every question is answered afresh.
   */
  promiseCalls: Map<TS.CallExpression, PromiseCall | null> | null;
}

const FS_MODULES = new Set(['fs', 'node:fs', 'fs-extra', 'graceful-fs']);
const FS_PROMISES_MODULES = new Set(['fs/promises', 'node:fs/promises']);
const TIMERS_PROMISES_MODULES = new Set(['timers/promises', 'node:timers/promises']);
const CHILD_PROCESS_MODULES = new Set(['child_process', 'node:child_process']);
/** Modules whose `*Sync` exports block: `crypto.pbkdf2Sync`, bcrypt's `hashSync`. */
const CRYPTO_MODULES = new Set(['crypto', 'node:crypto', 'bcrypt', 'bcryptjs']);

const INTERACTION_EVENTS = new Set(['interactionCreate', 'InteractionCreate', 'collect']);
const MESSAGE_EVENTS = new Set(['messageCreate', 'MessageCreate', 'message']);

export function isFunctionLike(ts: Ts, node: TS.Node): node is FunctionLike {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
    case ts.SyntaxKind.Constructor:
      return true;
    default:
      return false;
  }
}

export function isAsync(ts: Ts, fn: FunctionLike): boolean {
  const mods = ts.canHaveModifiers(fn) ? ts.getModifiers(fn) : undefined;
  return mods?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
}

const PROMISE_TYPES = new Set(['Promise', 'PromiseLike']);
const PROMISE_STATICS = new Set(['resolve', 'reject', 'all', 'allSettled', 'race', 'any']);
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/** `new Promise(…)`, `Promise.resolve(…)`, or `x.then(…)` / `.catch(…)` / `.finally(…)`. */
function isPromiseExpression(ts: Ts, expr: TS.Expression): boolean {
  let e = expr;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isNewExpression(e)) return ts.isIdentifier(e.expression) && e.expression.text === 'Promise';
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
  const { name, expression: recv } = e.expression;
  if (ts.isIdentifier(recv) && recv.text === 'Promise') return PROMISE_STATICS.has(name.text);
  return CHAIN_METHODS.has(name.text);
}

/**
 * A function without `async` that still hands back a promise: its declared
 * return type is `Promise<…>`, or what it returns (its own returns, not those
 * of nested functions) is built as a promise. Any other return makes it unknown.
 */
export function returnsPromise(ts: Ts, fn: FunctionLike): boolean {
  const type = fn.type;
  if (type !== undefined) {
    return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && PROMISE_TYPES.has(type.typeName.text);
  }
  const body = fn.body;
  if (body === undefined) return false;
  if (!ts.isBlock(body)) return isPromiseExpression(ts, body as TS.Expression);
  let promised = false;
  let other = false;
  const walk = (node: TS.Node): void => {
    if (isFunctionLike(ts, node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression !== undefined && isPromiseExpression(ts, node.expression)) promised = true;
      else other = true;
      return;
    }
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(body, walk);
  return promised && !other;
}

/** The nearest function around a node, or null at the top level. */
export function enclosingFunction(ts: Ts, node: TS.Node): FunctionLike | null {
  let cur = node.parent;
  while (cur !== undefined) {
    if (isFunctionLike(ts, cur)) return cur;
    cur = cur.parent;
  }
  return null;
}

/** A name for a function, for messages: `execute`, `handler`, or `the callback`. */
export function functionName(ts: Ts, fn: FunctionLike): string | null {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if (ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return null;
}

/** 1-based line of a node's first token. */
export function lineOf(sf: TS.SourceFile, node: TS.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

function moduleOf(ts: Ts, expr: TS.Expression | undefined): string | null {
  // require('fs'), require('fs').promises, await import('fs/promises')
  if (expr === undefined) return null;
  if (ts.isAwaitExpression(expr)) return moduleOf(ts, expr.expression);
  if (ts.isCallExpression(expr) && expr.arguments.length === 1) {
    const arg = expr.arguments[0];
    const isRequire = ts.isIdentifier(expr.expression) && expr.expression.text === 'require';
    const isImport = expr.expression.kind === ts.SyntaxKind.ImportKeyword;
    if ((isRequire || isImport) && arg && ts.isStringLiteral(arg)) return arg.text;
  }
  if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'promises') {
    const inner = moduleOf(ts, expr.expression);
    if (inner !== null && FS_MODULES.has(inner)) return 'fs/promises';
  }
  return null;
}

/** `fetch(u)` or `await fetch(u)`. */
/**
 * The names a fetch function goes by: the global, and what people bind node-fetch or cross-fetch to
 * when `fetch` itself is taken or was not global yet (`const Fetch = require('node-fetch')`,
 * `import nodeFetch from 'node-fetch'`): each returns a promise of a Response.
 */
export const FETCH_NAMES = /^(?:fetch|Fetch|nodeFetch|crossFetch)$/;

export function isFetchCall(ts: Ts, expr: TS.Expression): boolean {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && FETCH_NAMES.test(e.expression.text);
}

function lastSegment(ts: Ts, expr: TS.Expression): string | null {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return null;
}

/** `a.b.c` made only of names (no calls, no `this`): a callee that means the same function wherever it is written. */
export function plainCalleeText(ts: Ts, expr: TS.Expression): string | null {
  if (ts.isIdentifier(expr)) return expr.text;
  if (!ts.isPropertyAccessExpression(expr) || !ts.isIdentifier(expr.name)) return null;
  const head = plainCalleeText(ts, expr.expression);
  return head === null ? null : `${head}.${expr.name.text}`;
}

/** `f(x).then(…)`: the callee `f` whose result a `.then`/`.catch`/`.finally` is chained onto, or null. */
function chainedCalleeOf(ts: Ts, call: TS.CallExpression): string | null {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !CHAIN_METHODS.has(callee.name.text) || call.arguments.length === 0) return null;
  let recv: TS.Expression = callee.expression;
  while (ts.isParenthesizedExpression(recv)) recv = recv.expression;
  if (!ts.isCallExpression(recv)) return null;
  // `request(url, (err, res) => …).then(…)`: a callback-style call, the very case where `.then` is the mistake.
  const last = recv.arguments[recv.arguments.length - 1];
  if (last !== undefined && (ts.isArrowFunction(last) || ts.isFunctionExpression(last))) return null;
  const name = plainCalleeText(ts, recv.expression);
  // `Promise.resolve(x).then(…)` and friends say nothing about a function of the user's.
  return name === null || name.startsWith('Promise.') ? null : name;
}

export function buildModel(code: string, statedAsyncBody = false): SnippetModel {
  const { ts, sourceFile, text, syntaxErrors, offset, fragment } = parseSnippet(code, statedAsyncBody);
  const first = sourceFile.statements[0];
  const K = ts.SyntaxKind;
  const model: SnippetModel = {
    ts,
    sourceFile,
    text,
    syntaxErrors,
    offset,
    bodyWrapper: fragment === 'body' && first !== undefined && ts.isFunctionDeclaration(first) ? first : null,
    esModule: false,
    commonJs: false,
    asyncNames: new Set(),
    syncNames: new Set(),
    promiseNames: new Set(),
    exportedPromiseNames: new Set(),
    promiseLibraryNames: new Map(),
    promiseLibraryFunctions: new Map(),
    clientConstructors: new Map(),
    clientNames: new Map(),
    ormModels: new Map(),
    ormDocuments: new Map(),
    knexNames: new Set(),
    asyncMethods: new Set(),
    asyncMembers: new Set(),
    chainedCallees: new Set(),
    siblingReturnsNothing: new Set(),
    fsNames: new Set(),
    fsPromisesNames: new Set(),
    timersPromisesNames: new Set(),
    promiseFunctionNames: new Set(),
    syncApiNames: new Map(),
    fetchResponseNames: new Set(),
    interactionNames: new Set(),
    messageNames: new Set(),
    calls: [],
    awaits: [],
    functions: [],
    loops: [],
    returns: [],
    newExpressions: [],
    identifiers: new Map(),
    promiseCalls: null,
  };
  let sawRequire = false;
  let tsSyntax = false;
  /** Names bound to a module that makes ORM models (`mongoose`), and bare factories imported from one (`model`). */
  const modelModules = new Map<string, string>();
  /** Names bound to a module with a client factory (`const redis = require('redis')`). */
  const factoryModules = new Map<string, string>();

  /** The client a factory call makes: `createClient(…)` imported from its module, or `redis.createClient(…)`. */
  const factoryClient = (call: TS.CallExpression): ClientPromiseApi | undefined => {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) {
      const api = model.clientConstructors.get(callee.text);
      return api?.factory ? api : undefined;
    }
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
    const mod = factoryModules.get(callee.expression.text);
    const api = mod === undefined ? undefined : clientApiOf(mod, callee.name.text);
    return api?.factory ? api : undefined;
  };
  const modelFactories = new Map<string, ModelPromiseApi>();

  /** The ORM API whose factory this call is: `mongoose.model(…)`, `sequelize.define(…)`, or an imported `model(…)`. */
  const modelFactoryCall = (call: TS.CallExpression): ModelPromiseApi | undefined => {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return modelFactories.get(callee.text);
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
    const recv = callee.expression.text;
    const method = callee.name.text;
    const client = model.clientNames.get(recv);
    return MODEL_PROMISE_APIS.find(
      (api) =>
        api.factory === method &&
        (api.modules.includes(modelModules.get(recv) ?? '') ||
          (!modelModules.has(recv) && api.receiverNames.includes(recv)) ||
          (api.client !== null && client !== undefined && client.constructors.includes(api.client))),
    );
  };

  const bindModule = (mod: string, name: TS.BindingName): void => {
    if (ts.isIdentifier(name)) {
      if (MODEL_PROMISE_APIS.some((m) => m.modules.includes(mod))) modelModules.set(name.text, mod);
      factoryModules.set(name.text, mod);
      const api = promiseApiOf(mod);
      if (api !== undefined) model.promiseLibraryNames.set(name.text, api);
      if (FS_MODULES.has(mod)) model.fsNames.add(name.text);
      else if (FS_PROMISES_MODULES.has(mod)) model.fsPromisesNames.add(name.text);
      else if (TIMERS_PROMISES_MODULES.has(mod)) model.timersPromisesNames.add(name.text);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        bindName(mod, imported, el.name.text);
      }
    }
  };
  const bindName = (mod: string, imported: string, local: string): void => {
    const orm = MODEL_PROMISE_APIS.find((m) => m.modules.includes(mod) && m.factory === imported);
    if (orm !== undefined) modelFactories.set(local, orm);
    const api = promiseApiOf(mod);
    if (api !== undefined && api.methods.has(imported)) model.promiseLibraryFunctions.set(local, api);
    // `const { chromium } = require('playwright')`: `chromium.launch()` returns a promise.
    if (PLAYWRIGHT_BROWSER_TYPE.modules.includes(mod) && PLAYWRIGHT_BROWSER_TYPES.has(imported)) model.promiseLibraryNames.set(local, PLAYWRIGHT_BROWSER_TYPE);
    const client = clientApiOf(mod, imported);
    if (client !== undefined) model.clientConstructors.set(local, client);
    if (FS_PROMISES_MODULES.has(mod) || TIMERS_PROMISES_MODULES.has(mod)) model.promiseFunctionNames.add(local);
    else if (FS_MODULES.has(mod) && imported === 'promises') model.fsPromisesNames.add(local);
    else if ((FS_MODULES.has(mod) || CHILD_PROCESS_MODULES.has(mod) || CRYPTO_MODULES.has(mod)) && imported.endsWith('Sync')) {
      model.syncApiNames.set(local, imported);
    }
  };

  /**
   * `await puppeteer.launch(…)`, `await chromium.launch()`, `await browser.newPage()` on a browser known so: the
   * value is a browser, context or page, whose actions return promises. (`puppeteer` itself counts when the paste
   * binds the name to no other module.)
   */
  const automationObject = (init: TS.Expression | undefined): boolean => {
    if (init === undefined) return false;
    let e = init;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isAwaitExpression(e)) return false;
    let call: TS.Expression = e.expression;
    while (ts.isParenthesizedExpression(call)) call = call.expression;
    if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !ts.isIdentifier(call.expression.expression)) return false;
    const recv = call.expression.expression.text;
    const method = call.expression.name.text;
    if (AUTOMATION_OPENERS.has(method)) return model.clientNames.get(recv) === BROWSER_AUTOMATION;
    const library = model.promiseLibraryNames.get(recv) ?? (factoryModules.has(recv) ? undefined : promiseApiOf(recv));
    return library !== undefined && library.methods.has(method) && (library === PLAYWRIGHT_BROWSER_TYPE || BROWSER_AUTOMATION.modules.includes(library.modules[0]!));
  };

  const noteFunctionName = (name: string, fn: FunctionLike): void => {
    if (isAsync(ts, fn)) model.asyncNames.add(name);
    else if (fn.asteriskToken === undefined && returnsPromise(ts, fn)) model.promiseNames.add(name);
    else model.syncNames.add(name);
  };

  const noteHandlerParams = (call: TS.CallExpression): void => {
    // client.on('interactionCreate', async (interaction) => …), collector.on('collect', i => …)
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    if (method !== 'on' && method !== 'once' && method !== 'addListener') return;
    const [event, handler] = call.arguments;
    if (event === undefined || handler === undefined) return;
    let eventName: string | null = null;
    if (ts.isStringLiteral(event)) eventName = event.text;
    else if (ts.isPropertyAccessExpression(event)) eventName = event.name.text;
    if (eventName === null) return;
    if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return;
    const first = handler.parameters[0];
    if (!first || !ts.isIdentifier(first.name)) return;
    if (INTERACTION_EVENTS.has(eventName)) model.interactionNames.add(first.name.text);
    else if (MESSAGE_EVENTS.has(eventName)) model.messageNames.add(first.name.text);
  };

  // The parser leaves parent pointers unset (see parseAs); the walk sets them as it goes.
  let parent: TS.Node = sourceFile;
  const setParentAndVisit = (node: TS.Node): void => {
    (node as { parent: TS.Node }).parent = parent;
    visit(node);
  };
  const descend = (node: TS.Node): void => {
    const saved = parent;
    parent = node;
    ts.forEachChild(node, setParentAndVisit);
    parent = saved;
  };
  const visit = (node: TS.Node): void => {
    switch (node.kind) {
      case K.ImportDeclaration: {
        model.esModule = true;
        const decl = node as TS.ImportDeclaration;
        if (!ts.isStringLiteral(decl.moduleSpecifier)) break;
        const mod = decl.moduleSpecifier.text;
        const clause = decl.importClause;
        if (clause?.name) bindModule(mod, clause.name);
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) bindModule(mod, bindings.name);
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) bindName(mod, (el.propertyName ?? el.name).text, el.name.text);
        }
        descend(node);
        return;
      }
      case K.ExportDeclaration:
      case K.ExportAssignment:
        model.esModule = true;
        break;
      case K.VariableDeclaration: {
        const decl = node as TS.VariableDeclaration;
        const init = decl.initializer;
        const mod = moduleOf(ts, init);
        if (mod !== null) bindModule(mod, decl.name);
        // `const Pool = require('pg').Pool`: one export of the module, as `const { Pool } = require('pg')` binds it.
        if (mod === null && init !== undefined && ts.isPropertyAccessExpression(init) && ts.isIdentifier(decl.name)) {
          const from = moduleOf(ts, init.expression);
          if (from !== null) bindName(from, init.name.text, decl.name.text);
        }
        if (init && ts.isIdentifier(decl.name) && isFetchCall(ts, init)) model.fetchResponseNames.add(decl.name.text);
        if (ts.isIdentifier(decl.name) && automationObject(init)) model.clientNames.set(decl.name.text, BROWSER_AUTOMATION);
        if (init && ts.isIdentifier(decl.name) && ts.isCallExpression(init)) {
          const orm = modelFactoryCall(init);
          if (orm !== undefined) model.ormModels.set(decl.name.text, orm);
          const client = factoryClient(init);
          if (client !== undefined) model.clientNames.set(decl.name.text, client);
          // knex's default export makes an instance: `require('knex')(config)` or `knex(config)` after an import.
          const maker = init.expression;
          const knexMaker = ts.isIdentifier(maker) ? factoryModules.get(maker.text) === 'knex' : moduleOf(ts, maker) === 'knex';
          if (knexMaker) model.knexNames.add(decl.name.text);
          // `const wait = util.promisify(setTimeout)`, `require('util').promisify(fs.readFile)`, Bluebird's
          // `Promise.promisify(fn)`: whatever it wraps, the function it makes returns a promise.
          const promisify = ts.isIdentifier(maker) ? maker.text === 'promisify' : ts.isPropertyAccessExpression(maker) && maker.name.text === 'promisify';
          if (promisify && init.arguments.length >= 1) model.promiseNames.add(decl.name.text);
        }
        if (init && ts.isIdentifier(decl.name) && ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
          const ctor = init.expression.text;
          const orm = model.ormModels.get(ctor);
          if (orm !== undefined) model.ormDocuments.set(decl.name.text, orm);
          const client = model.clientConstructors.get(ctor) ?? clientApiOf(null, ctor);
          if (client !== undefined && !client.factory) model.clientNames.set(decl.name.text, client);
        }
        if (init && ts.isIdentifier(decl.name)) {
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) noteFunctionName(decl.name.text, init);
          if (ts.isObjectLiteralExpression(init)) {
            for (const prop of init.properties) {
              const fn = ts.isMethodDeclaration(prop)
                ? prop
                : ts.isPropertyAssignment(prop) && (ts.isArrowFunction(prop.initializer) || ts.isFunctionExpression(prop.initializer))
                  ? prop.initializer
                  : null;
              if (fn && prop.name && ts.isIdentifier(prop.name) && isAsync(ts, fn)) {
                model.asyncMembers.add(`${decl.name.text}.${prop.name.text}`);
              }
            }
          }
        }
        break;
      }
      case K.FunctionDeclaration: {
        const fn = node as TS.FunctionDeclaration;
        // The wrapper is not the user's function: only its body is theirs.
        if (fn === model.bodyWrapper) break;
        if (fn.name) noteFunctionName(fn.name.text, fn);
        model.functions.push(fn);
        break;
      }
      case K.MethodDeclaration: {
        const fn = node as TS.MethodDeclaration;
        if (ts.isIdentifier(fn.name) && fn.parent && ts.isClassLike(fn.parent)) {
          if (isAsync(ts, fn)) model.asyncMethods.add(fn.name.text);
        }
        // execute(interaction) { … } in a discord.js command module
        if (ts.isIdentifier(fn.name) && (fn.name.text === 'execute' || fn.name.text === 'run')) {
          const first = fn.parameters[0];
          if (first && ts.isIdentifier(first.name) && /interaction/i.test(first.name.text)) {
            model.interactionNames.add(first.name.text);
          }
        }
        model.functions.push(fn);
        break;
      }
      case K.FunctionExpression:
      case K.ArrowFunction:
      case K.GetAccessor:
      case K.SetAccessor:
      case K.Constructor:
        model.functions.push(node as FunctionLike);
        break;
      case K.CallExpression: {
        const call = node as TS.CallExpression;
        model.calls.push(call);
        const chained = chainedCalleeOf(ts, call);
        if (chained !== null) model.chainedCallees.add(chained);
        if (ts.isIdentifier(call.expression) && call.expression.text === 'require') sawRequire = true;
        noteHandlerParams(call);
        break;
      }
      case K.AwaitExpression:
        model.awaits.push(node as TS.AwaitExpression);
        break;
      case K.BinaryExpression: {
        // `browser = await puppeteer.launch()` into a `let` declared earlier (a test's `beforeAll`).
        const bin = node as TS.BinaryExpression;
        if (bin.operatorToken.kind === K.EqualsToken && ts.isIdentifier(bin.left) && automationObject(bin.right)) model.clientNames.set(bin.left.text, BROWSER_AUTOMATION);
        break;
      }
      case K.ForStatement:
      case K.ForOfStatement:
      case K.ForInStatement:
      case K.WhileStatement:
      case K.DoStatement:
        model.loops.push(node as TS.IterationStatement);
        break;
      case K.ReturnStatement:
        model.returns.push(node as TS.ReturnStatement);
        break;
      case K.NewExpression:
        model.newExpressions.push(node as TS.NewExpression);
        break;
      case K.Identifier: {
        const id = node as TS.Identifier;
        const list = model.identifiers.get(id.text);
        if (list) list.push(id);
        else model.identifiers.set(id.text, [id]);
        if (id.text === 'exports' && id.parent && ts.isPropertyAccessExpression(id.parent)) sawRequire = true;
        return;
      }
      case K.InterfaceDeclaration:
      case K.TypeAliasDeclaration:
      case K.EnumDeclaration:
        tsSyntax = true;
        return;
      case K.ExpressionWithTypeArguments:
        // `class Bot extends Client` is plain JS; only type arguments make it TS.
        if ((node as TS.ExpressionWithTypeArguments).typeArguments) tsSyntax = true;
        break;
      default:
        if (ts.isTypeNode(node)) {
          tsSyntax = true;
          return;
        }
    }
    descend(node);
  };
  descend(sourceFile);
  // node-redis 4+ clients are connected before use; without a `connect()` the paste may be 3.x, which took callbacks.
  for (const [name, client] of model.clientNames) {
    if (!client.connectsFirst) continue;
    const connected = (model.identifiers.get(name) ?? []).some((id) => {
      const access = id.parent;
      return access !== undefined && ts.isPropertyAccessExpression(access) && access.expression === id && access.name.text === 'connect' && access.parent !== undefined && ts.isCallExpression(access.parent);
    });
    if (!connected) model.clientNames.delete(name);
  }
  model.esModule = model.esModule || tsSyntax;
  model.commonJs = sawRequire && !model.esModule;
  return model;
}

export function receiverName(ts: Ts, expr: TS.Expression): string | null {
  return lastSegment(ts, expr);
}
