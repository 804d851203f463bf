/**
 * Which calls return promises, as far as a snippet without types can tell,
 * and how a call's result is used (awaited, returned, dropped, read as a value).
 */
import type * as TS from 'typescript';
import type { Ts } from './parse.js';
import { FETCH_NAMES, functionName, isAsync, isFetchCall, isFunctionLike, plainCalleeText, returnsPromise, type SnippetModel } from './model.js';
import { BROWSER_AUTOMATION, promiseApiOf, type ClientPromiseApi } from './promise-apis.js';

export type PromiseSource = 'own' | 'fetch' | 'fs' | 'timers' | 'discord' | 'http' | 'library';

export interface PromiseCall {
  /** The callee as written: `interaction.reply`, `fetchUser`. */
  callee: string;
  source: PromiseSource;
  /** A query builder (Mongoose's `Model.find()`): a thenable whose own methods (`.sort()`, `.limit()`) are meant to be called. */
  builder?: true;
  /**
   * The builder's own methods, when it has a known few (a Mongoose Query's): reading any other property
   * (`user.name`, `users.map`) reads the promise as its value. Unset: every property is the builder's.
   */
  ownMethods?: ReadonlySet<string>;
  /** `(async () => { … })()`: an async function called where it is written (a top-level IIFE is how a script starts). */
  iife?: true;
  /** `Promise.resolve(x)`: a settled promise, harmless as a bare statement (the others are not). */
  settled?: true;
}

/** discord.js interaction methods that acknowledge the interaction. */
export const INTERACTION_ACKS = new Set(['reply', 'deferReply', 'update', 'deferUpdate', 'showModal']);
/** discord.js interaction methods that return promises. */
const INTERACTION_METHODS = new Set([
  ...INTERACTION_ACKS,
  'followUp',
  'editReply',
  'deleteReply',
  'fetchReply',
]);
const MESSAGE_METHODS = new Set(['reply', 'react', 'edit', 'delete', 'pin', 'unpin', 'crosspost', 'startThread']);
const SENDER = /(?:channel|user|member|thread|webhook|author|owner|dm|target)s?$/i;
const DISCORD_MANAGERS = new Set(['members', 'channels', 'messages', 'guilds', 'users', 'roles', 'bans', 'invites', 'webhooks', 'emojis']);
const MANAGER_METHODS = new Set(['fetch', 'create', 'add', 'remove', 'set', 'delete', 'edit', 'ban', 'unban', 'kick']);
const HTTP_CLIENTS = new Set(['axios', 'got', 'superagent', 'ky']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'request']);

const BODY_READERS = new Set(['json', 'text', 'blob', 'arrayBuffer', 'formData']);
/** `Promise.all(…)` and the other statics that always return a promise (ECMAScript §27.2.4). */
const PROMISE_STATICS = new Set(['all', 'allSettled', 'race', 'any', 'resolve', 'reject']);
/**
 * Collection and model methods only MongoDB's driver and Mongoose have under these names
 * (mongodb.com/docs/drivers/node, Collection API; mongoosejs.com/docs/api/model.html): without a
 * callback each returns a promise (Mongoose: a query that runs only when awaited or `.then`-ed).
 * Names as generic as `find` or `update` are left to the import-aware tables.
 */
const MONGO_METHODS = new Set([
  'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace',
  'findOneAndRemove', 'countDocuments', 'estimatedDocumentCount', 'insertMany', 'insertOne', 'bulkWrite',
]);

/** `res` in `const res = await fetch(u); res.json()`, or `(await fetch(u)).json()`: reading the body returns a promise too. */
function isFetchResponse(model: SnippetModel, recv: TS.Expression): boolean {
  const { ts } = model;
  if (isFetchCall(ts, recv)) return true;
  return ts.isIdentifier(recv) && (model.fetchResponseNames.has(recv.text) || thenResponseParam(model, recv));
}

/**
 * `fetch(u).then((res) => { …; res.json(); })`: the name is the first parameter of the callback
 * given to `.then` on a `fetch(…)` call itself (the nearest function declaring the name), so it holds
 * the Response.
 */
function thenResponseParam(model: SnippetModel, id: TS.Identifier): boolean {
  const { ts } = model;
  for (let cur: TS.Node | undefined = id.parent; cur !== undefined; cur = cur.parent) {
    if (!isFunctionLike(ts, cur)) continue;
    const index = cur.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
    if (index < 0) continue;
    const call = cur.parent;
    if (index !== 0 || call === undefined || !ts.isCallExpression(call) || call.arguments[0] !== cur) return false;
    const callee = call.expression;
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' && isFetchCall(ts, callee.expression);
  }
  return false;
}

function lastName(ts: Ts, expr: TS.Expression): string | null {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return null;
}

export function isInteractionLike(ts: Ts, model: SnippetModel, expr: TS.Expression): boolean {
  const name = lastName(ts, expr);
  if (name === null) return false;
  if (ts.isIdentifier(expr) && model.interactionNames.has(name)) return true;
  return /^(?:interaction|inter|int|ix|itx|i)$/.test(name) || /Interaction$/.test(name);
}

export function isMessageLike(ts: Ts, model: SnippetModel, expr: TS.Expression): boolean {
  const name = lastName(ts, expr);
  if (name === null) return false;
  if (ts.isIdentifier(expr) && model.messageNames.has(name)) return true;
  return /^(?:message|msg|reply|sent)$/.test(name) || /Message$/.test(name);
}

/** `bcrypt.hash(pw, 10, (err, h) => …)`: the callback form, which returns nothing to wait for. */
function lastArgIsFunction(ts: Ts, call: TS.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (last === undefined) return false;
  if (ts.isArrowFunction(last) || ts.isFunctionExpression(last)) return true;
  // A named callback (`bcrypt.hash(pw, 10, done)`) cannot be told from a value; treat a trailing identifier as one.
  return ts.isIdentifier(last) && /^(?:cb|callback|done|next|handler|fn)$|Callback$/i.test(last.text);
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Testing Library's user-event 14 (testing-library.com/docs/user-event/api-convenience): every
 * interaction returns a promise (eslint-plugin-testing-library's `await-async-events`), as do
 * pleasantest's `user.click`/`user.type`. `userEvent.click(…)` directly, or `user.click(…)` when the
 * paste shows a user-event setup or a Testing Library test (`screen.`, `render(`), not a domain `user`.
 */
const USER_EVENT_METHODS = new Set(['click', 'dblClick', 'tripleClick', 'type', 'keyboard', 'hover', 'unhover', 'clear', 'selectOptions', 'deselectOptions', 'upload', 'tab', 'paste', 'copy', 'cut', 'pointer']);
const TESTING_LIBRARY = /userEvent\.setup\(|@testing-library\/|pleasantest|\bscreen\.(?:get|find|query)|\bwithBrowser\(/;

function userEventReceiver(model: SnippetModel, name: string): boolean {
  return name === 'userEvent' ? model.text.includes('user-event') || TESTING_LIBRARY.test(model.text) : name === 'user' && TESTING_LIBRARY.test(model.text);
}

/** knex instance methods that start a query (knexjs.org, "Query Builder" and "Raw"): every builder is a thenable that runs when awaited. */
const KNEX_STARTERS = new Set(['select', 'insert', 'update', 'del', 'delete', 'from', 'table', 'into', 'raw', 'with', 'count', 'first']);

/** `db('users').where(…).update(…)`, `db.raw(…)`: a call in a query chain started on a knex instance. */
/** knex's namespaces whose methods return promises (knexjs.org, "Migrations", "Seed files", "Schema Builder"): `knex.migrate.latest()`. */
const KNEX_NAMESPACES = new Set(['migrate', 'seed', 'schema']);

/**
 * A knex instance: a name the paste binds to one, or `knex` itself when the paste binds that name to
 * nothing (knex's docs and people's snippets call the instance `knex` and leave out its setup).
 */
export function isKnex(model: SnippetModel, name: string): boolean {
  return model.knexNames.has(name) || (name === 'knex' && model.identifiers.has('knex') && undeclared(model, 'knex'));
}

function knexBuilder(model: SnippetModel, call: TS.CallExpression): boolean {
  const { ts } = model;
  if (model.knexNames.size === 0 && !model.identifiers.has('knex')) return false;
  const head = call.expression;
  if (ts.isPropertyAccessExpression(head)) {
    const recv = head.expression;
    // `knex.migrate.latest()`, `knex.schema.createTable(…)`, `knex.destroy()`.
    if (ts.isPropertyAccessExpression(recv) && ts.isIdentifier(recv.expression) && isKnex(model, recv.expression.text) && KNEX_NAMESPACES.has(recv.name.text)) return true;
    if (ts.isIdentifier(recv) && isKnex(model, recv.text) && head.name.text === 'destroy') return true;
  }
  let cur: TS.Expression = call;
  for (let depth = 0; depth < 64 && ts.isCallExpression(cur); depth++) {
    const callee: TS.Expression = cur.expression;
    if (ts.isIdentifier(callee)) return isKnex(model, callee.text);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const recv = callee.expression;
    if (ts.isIdentifier(recv)) return isKnex(model, recv.text) && KNEX_STARTERS.has(callee.name.text);
    cur = recv;
  }
  return false;
}

/** The paste never binds `name` itself (no import, declaration or parameter of that name). */
/**
 * Static query methods only ORMs give a model class: Mongoose (`findOne`, `findById`, `updateOne`, `deleteMany` …
 * return a Query, a thenable that runs when awaited), Sequelize (`findAll`, `findByPk`, `findOrCreate` … return
 * Promises) and TypeORM's BaseEntity (`findOneBy`, `findAndCount`). Left out: names an array or a plain class
 * may have too (`find`, `create`, `count`, `update`).
 */
const ORM_MODEL_STATICS = new Set(['findOne', 'findById', 'findAll', 'findByPk', 'findAndCountAll', 'findOrCreate', 'findOneBy', 'findBy', 'findAndCount', 'bulkCreate', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany']);

/**
 * What a Mongoose Query (mongoose lib/query.js) or a Sequelize result lets code call before it settles: Sequelize
 * 1.x's query emitter (`success`, `error`, `failure`, `done`, `on`) and the Bluebird promises of Sequelize 2-5
 * (`map`, `spread`, `each`, `tap` … were valid on them until v6 dropped Bluebird).
 */
const QUERY_METHODS: ReadonlySet<string> = new Set([
  'success', 'error', 'failure', 'done', 'on', 'complete', 'ok',
  'map', 'mapSeries', 'spread', 'each', 'tap', 'tapCatch', 'reduce', 'filter', 'get', 'return', 'call', 'asCallback', 'nodeify', 'reflect', 'timeout', 'delay', 'props',
  'then', 'catch', 'finally', 'exec', 'populate', 'sort', 'limit', 'skip', 'select', 'lean', 'where', 'equals', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'ne',
  'or', 'and', 'nor', 'regex', 'exists', 'elemMatch', 'size', 'all', 'slice', 'session', 'setOptions', 'collation', 'hint', 'comment', 'maxTimeMS', 'read',
  'cursor', 'countDocuments', 'estimatedDocumentCount', 'distinct', 'orFail', 'transform', 'projection', 'batchSize', 'allowDiskUse', 'explain', 'getFilter',
  'getQuery', 'setQuery', 'merge', 'mod', 'box', 'near', 'within', 'polygon', 'circle', 'center', 'maxDistance', 'sortBy',
]);

/** Meteor's and Minimongo's collections answer `findOne` synchronously (before Meteor 3's `findOneAsync`). */
const SYNC_COLLECTIONS = /\bMeteor\b|\bMongo\.Collection\b|\bminimongo\b/i;

/**
 * `User` in `User.findOne(…)` is a model class the paste takes from elsewhere: a CamelCase name it binds to
 * nothing but an import or a `require(…)` (the model's file), or to nothing at all (the line cut out of a route).
 */
function importedModelClass(model: SnippetModel, name: string): boolean {
  // Once per name and snippet: each answer reads every use of the name, and a paste may call `User.findOne` on every line.
  let known = modelClassNames.get(model);
  if (known === undefined) modelClassNames.set(model, (known = new Map()));
  let answer = known.get(name);
  if (answer === undefined) known.set(name, (answer = importedModelClassUncached(model, name)));
  return answer;
}

const modelClassNames = new WeakMap<SnippetModel, Map<string, boolean>>();

function importedModelClassUncached(model: SnippetModel, name: string): boolean {
  const { ts } = model;
  if (!/^[A-Z][a-z]\w*$/.test(name)) return false;
  return (model.identifiers.get(name) ?? []).every((id) => {
    const p = id.parent;
    if (p === undefined || (p as { name?: TS.Node }).name !== id) return true;
    if (ts.isImportClause(p) || ts.isImportSpecifier(p)) return true;
    if (ts.isVariableDeclaration(p)) {
      const init = p.initializer;
      return init !== undefined && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require';
    }
    return !(ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isNamespaceImport(p));
  });
}

function undeclared(model: SnippetModel, name: string): boolean {
  const { ts } = model;
  return !(model.identifiers.get(name) ?? []).some((id) => {
    const p = id.parent;
    return p !== undefined && (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p)) && (p as { name?: TS.Node }).name === id;
  });
}

/** fs/promises functions people call by their bare name after `import { … } from 'fs/promises'`. */
const BARE_FS_PROMISES = new Set(['readFile', 'writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'readdir', 'stat', 'lstat', 'copyFile', 'rename', 'access', 'cp']);
const awaitedBareFs = new WeakMap<SnippetModel, boolean>();

/**
 * `mkdir('/data'); await writeFile('/data/x', s);` with the import left out of the paste: an awaited bare
 * fs/promises name that the paste declares nowhere says the code uses that module's functions, so its
 * sibling called the same way returns a promise too. (Node's callback `fs` API is reached as `fs.mkdir`
 * and takes a callback; a bare call with a callback is left alone.)
 */
function awaitsBareFsPromise(model: SnippetModel): boolean {
  const known = awaitedBareFs.get(model);
  if (known !== undefined) return known;
  const { ts } = model;
  const found = model.calls.some((c) => {
    if (!ts.isIdentifier(c.expression) || !BARE_FS_PROMISES.has(c.expression.text) || !undeclared(model, c.expression.text)) return false;
    let p: TS.Node | undefined = c.parent;
    while (p !== undefined && ts.isParenthesizedExpression(p)) p = p.parent;
    return p !== undefined && ts.isAwaitExpression(p);
  });
  awaitedBareFs.set(model, found);
  return found;
}

/**
 * From now on the model's names and facts stay as they are (the analyser calls this once the paste's
 * hints are applied, before the detectors run): `promiseCall` keeps its answer for each call. Every
 * detector asks about the same calls, several of them more than once, and each answer walks the
 * model's names again.
 */
export function settlePromiseFacts(model: SnippetModel): void {
  model.promiseCalls = new Map();
}

/** What we know about the promise a call returns, or null when we do not know it returns one. */
export function promiseCall(model: SnippetModel, call: TS.CallExpression): PromiseCall | null {
  const answers = model.promiseCalls;
  if (answers === null) return freshPromiseCall(model, call);
  let answer = answers.get(call);
  if (answer === undefined) {
    answer = freshPromiseCall(model, call);
    answers.set(call, answer);
  }
  return answer;
}

function freshPromiseCall(model: SnippetModel, call: TS.CallExpression): PromiseCall | null {
  const known = knownPromiseCall(model, call);
  if (known !== null) return known;
  const { ts } = model;
  const callee = call.expression;
  // A callee the paste chains `.then(…)` onto somewhere returns a promise wherever it is called.
  const plain = plainCalleeText(ts, callee);
  if (plain !== null && model.chainedCallees.has(plain) && !model.syncNames.has(plain) && !lastArgIsFunction(ts, call)) return { callee: plain, source: 'library' };
  return null;
}

/** Methods only a browser-automation page has (Puppeteer, Playwright): `page.waitForSelector(…)` says what `page` is. */
const AUTOMATION_PAGE_ONLY = new Set([
  'goto', 'waitFor', 'waitForSelector', 'waitForNavigation', 'waitForTimeout', 'waitForFunction', 'waitForLoadState', 'waitForURL',
  '$eval', '$$eval', 'evaluate', 'evaluateHandle', 'setViewport', 'setViewportSize', 'screenshot', 'setContent', 'setRequestInterception',
]);

/**
 * `page` handed in as a parameter (`module.exports = async (page, scenario) => …` in a BackstopJS or Puppeteer
 * script, Playwright's `test('…', async ({ page }) => …)`): a browser page, when the paste calls at least one
 * method only such a page has on it. Only a name that is a parameter (or a destructured one) wherever the paste
 * declares it, so a local `page` number or a pager object is never taken for it.
 */
function automationPageParameter(model: SnippetModel, recv: TS.Identifier): ClientPromiseApi | undefined {
  const { ts } = model;
  if (recv.text !== 'page') return undefined;
  const ids = model.identifiers.get('page') ?? [];
  let declared = false;
  let distinctive = false;
  for (const id of ids) {
    const p = id.parent;
    if (p === undefined) continue;
    if ((ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isClassDeclaration(p)) && p.name === id) return undefined;
    if (ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return undefined;
    if (ts.isParameter(p) && p.name === id) declared = true;
    // `({ page })` in a parameter list: a binding element of a parameter's pattern.
    if (ts.isBindingElement(p) && p.name === id) {
      if (!ts.isParameter(p.parent.parent)) return undefined;
      declared = true;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === id && AUTOMATION_PAGE_ONLY.has(p.name.text) && p.parent !== undefined && ts.isCallExpression(p.parent) && p.parent.expression === p) distinctive = true;
  }
  return declared && distinctive ? BROWSER_AUTOMATION : undefined;
}

/** The middleware registrations of Koa and its routers (`app.use`, `router.get('/x', …)`), and of Telegraf/grammY bots. */
const MIDDLEWARE_TAKERS = new Set(['use', 'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options']);

/**
 * `next` in a Koa-style middleware, `app.use(async (ctx, next) => { …; next(); })`: the second parameter
 * of a function of exactly `(ctx, next)` (or `(context, next)`) handed to `.use(…)` or a router's verb.
 * Koa's docs ("Cascading", koajs.com): `next()` returns the downstream middleware's promise, and a
 * middleware that neither awaits nor returns it lets the response go out first (404). koa-compose, and
 * Telegraf's and grammY's middleware, which take the same `(ctx, next)`, return a promise from `next()` too.
 * Express's `(req, res, next)`, whose `next()` returns nothing, has other names and one more parameter.
 */
function koaNext(model: SnippetModel, id: TS.Identifier): boolean {
  const { ts } = model;
  for (let cur: TS.Node | undefined = id.parent; cur !== undefined; cur = cur.parent) {
    if (!isFunctionLike(ts, cur)) continue;
    const params = cur.parameters;
    const declares = params.some((p) => ts.isIdentifier(p.name) && p.name.text === 'next');
    if (!declares) continue;
    const [ctx, next] = params;
    if (params.length !== 2 || ctx === undefined || next === undefined || !ts.isIdentifier(ctx.name) || !/^(?:ctx|context)$/.test(ctx.name.text)) return false;
    if (!ts.isIdentifier(next.name) || next.name.text !== 'next') return false;
    let node: TS.Node = cur;
    while (node.parent !== undefined && ts.isParenthesizedExpression(node.parent)) node = node.parent;
    const taker = node.parent;
    if (taker === undefined || !ts.isCallExpression(taker) || !taker.arguments.some((a) => a === node)) return false;
    return ts.isPropertyAccessExpression(taker.expression) && MIDDLEWARE_TAKERS.has(taker.expression.name.text);
  }
  return false;
}

function knownPromiseCall(model: SnippetModel, call: TS.CallExpression): PromiseCall | null {
  const { ts } = model;
  const callee = call.expression;
  let fnExpr: TS.Expression = callee;
  while (ts.isParenthesizedExpression(fnExpr)) fnExpr = fnExpr.expression;
  if ((ts.isArrowFunction(fnExpr) || ts.isFunctionExpression(fnExpr)) && isAsync(ts, fnExpr)) return { callee: '(async …)()', source: 'own', iife: true };
  if (ts.isIdentifier(callee)) {
    const name = callee.text;
    // `knex('users')` starts a query; `knex({ client: 'pg' })` is the module's factory making an instance.
    const config = call.arguments[0] !== undefined && ts.isObjectLiteralExpression(call.arguments[0]);
    if (isKnex(model, name) && !(config && !model.knexNames.has(name))) return { callee: name, source: 'library', builder: true };
    const own = model.asyncNames.has(name) || model.promiseNames.has(name);
    if (own && !model.syncNames.has(name)) return { callee: name, source: 'own' };
    const libraryFn = model.promiseLibraryFunctions.get(name);
    if (libraryFn !== undefined && !(libraryFn.callbackOptional && lastArgIsFunction(ts, call))) {
      return { callee: name, source: 'library' };
    }
    if (model.promiseFunctionNames.has(name)) {
      return { callee: name, source: name === 'setTimeout' || name === 'setImmediate' ? 'timers' : 'fs' };
    }
    if (FETCH_NAMES.test(name) && !model.syncNames.has(name)) return { callee: name, source: 'fetch' };
    if (BARE_FS_PROMISES.has(name) && !lastArgIsFunction(ts, call) && undeclared(model, name) && awaitsBareFsPromise(model)) return { callee: name, source: 'fs' };
    if (HTTP_CLIENTS.has(name) && name !== 'ky') return { callee: name, source: 'http' };
    if (name === 'next' && koaNext(model, callee)) return { callee: name, source: 'library' };
    return null;
  }
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const method = callee.name.text;
  const recv = callee.expression;
  const text = (): string => `${recv.getText(model.sourceFile)}.${method}`;
  if (!CHAIN_METHODS.has(method) && knexBuilder(model, call)) return { callee: text(), source: 'library', builder: true };
  if (ts.isIdentifier(recv) && recv.text === 'Promise' && PROMISE_STATICS.has(method) && !model.syncNames.has('Promise')) {
    return method === 'resolve' ? { callee: text(), source: 'library', settled: true } : { callee: text(), source: 'library' };
  }
  if (MONGO_METHODS.has(method) && recv.kind !== ts.SyntaxKind.ThisKeyword && !lastArgIsFunction(ts, call)) return { callee: text(), source: 'library', builder: true };
  if (recv.kind === ts.SyntaxKind.ThisKeyword && model.asyncMethods.has(method)) return { callee: text(), source: 'own' };
  if (BODY_READERS.has(method) && isFetchResponse(model, recv)) return { callee: text(), source: 'fetch' };
  if (ts.isIdentifier(recv)) {
    if (model.asyncMembers.has(`${recv.text}.${method}`)) return { callee: text(), source: 'own' };
    if (exportedPromiseCall(model, recv, method)) return { callee: text(), source: 'own' };
    if (model.fsPromisesNames.has(recv.text)) return { callee: text(), source: 'fs' };
    // `bcrypt.compare(…)` with the import left out of the paste: the library's own name, bound to nothing else here.
    const library = model.promiseLibraryNames.get(recv.text) ?? (undeclared(model, recv.text) ? promiseApiOf(recv.text) : undefined);
    if (library !== undefined && library.methods.has(method) && !(library.callbackOptional && lastArgIsFunction(ts, call))) {
      return { callee: text(), source: 'library' };
    }
    if (model.timersPromisesNames.has(recv.text)) return { callee: text(), source: 'timers' };
    const orm = model.ormModels.get(recv.text);
    const ormDoc = model.ormDocuments.get(recv.text);
    const ormMethod = (orm !== undefined && orm.statics.has(method)) || (ormDoc !== undefined && ormDoc.documentMethods.has(method));
    const ormApi = orm ?? ormDoc;
    if (ormMethod && ormApi !== undefined && !(ormApi.callbackOptional && lastArgIsFunction(ts, call))) {
      return orm !== undefined && orm.queryBuilder ? { callee: text(), source: 'library', builder: true } : { callee: text(), source: 'library' };
    }
    if (ORM_MODEL_STATICS.has(method) && importedModelClass(model, recv.text) && !lastArgIsFunction(ts, call) && !SYNC_COLLECTIONS.test(model.text)) {
      return { callee: text(), source: 'library', builder: true, ownMethods: QUERY_METHODS };
    }
    if (HTTP_CLIENTS.has(recv.text) && HTTP_METHODS.has(method)) return { callee: text(), source: 'http' };
    if (USER_EVENT_METHODS.has(method) && userEventReceiver(model, recv.text)) return { callee: text(), source: 'library' };
    // Electron's renderer side (electronjs.org/docs/latest/api/ipc-renderer): `invoke` returns Promise<any>, the
    // main process's handler's result; `send` and `sendSync` do not.
    if (recv.text === 'ipcRenderer' && method === 'invoke') return { callee: text(), source: 'library' };
  }
  const client = ts.isIdentifier(recv) ? (model.clientNames.get(recv.text) ?? automationPageParameter(model, recv)) : undefined;
  if (client !== undefined && client.methods.has(method) && !(client.callbackOptional && lastArgIsFunction(ts, call))) {
    return { callee: text(), source: 'library' };
  }
  // prisma.user.findMany(): a model delegate of a client.
  if (ts.isPropertyAccessExpression(recv) && ts.isIdentifier(recv.expression) && client === undefined) {
    const owner = model.clientNames.get(recv.expression.text);
    if (owner !== undefined && owner.delegateMethods.has(method)) return { callee: text(), source: 'library' };
  }
  if (ts.isPropertyAccessExpression(recv) && recv.name.text === 'promises') {
    const base = recv.expression;
    if (ts.isIdentifier(base) && (model.fsNames.has(base.text) || base.text === 'fs')) return { callee: text(), source: 'fs' };
  }
  if (INTERACTION_METHODS.has(method) && isInteractionLike(ts, model, recv)) return { callee: text(), source: 'discord' };
  if (MESSAGE_METHODS.has(method) && isMessageLike(ts, model, recv)) return { callee: text(), source: 'discord' };
  if (method === 'send') {
    const name = lastName(ts, recv);
    if (name !== null && SENDER.test(name)) return { callee: text(), source: 'discord' };
  }
  if (MANAGER_METHODS.has(method)) {
    const name = lastName(ts, recv);
    if (name !== null && DISCORD_MANAGERS.has(name) && ts.isPropertyAccessExpression(recv)) return { callee: text(), source: 'discord' };
  }
  if (firestoreRead(ts, recv, method, call)) return { callee: text(), source: 'library' };
  return null;
}

/** A Firestore document's writes and read (firebase.google.com/docs/reference/js/v8/firebase.firestore.DocumentReference). */
const FIRESTORE_DOC_METHODS = new Set(['get', 'set', 'update', 'delete']);
/** What narrows a Firestore query (CollectionReference / Query): each gives another query, which `get()` runs. */
const FIRESTORE_QUERY_STEPS = new Set(['collection', 'where', 'orderBy', 'limit', 'limitToLast', 'startAt', 'startAfter', 'endAt', 'endBefore', 'collectionGroup']);

/**
 * `db.collection('users').doc(id).get()`, `ref.doc(id).set(data)`, `db.collection('c').where(…).get()`: Firestore's
 * DocumentReference `get`/`set`/`update`/`delete` and Query `get()` return promises (the namespaced API, v8; the
 * modular v9 API's `getDoc(ref)` is a function of its own). Only on a receiver the call itself shows to be a
 * document (`.doc(…)`) or a query (`.collection(…)` and the steps after it), and `get()` without arguments there:
 * a `Map`'s or a cache's `get(key)` is never called on such a chain.
 */
function firestoreRead(ts: Ts, recv: TS.Expression, method: string, call: TS.CallExpression): boolean {
  if (!ts.isCallExpression(recv) || !ts.isPropertyAccessExpression(recv.expression)) return false;
  const step = recv.expression.name.text;
  if (step === 'doc') return FIRESTORE_DOC_METHODS.has(method) && recv.arguments.length <= 1 && (method !== 'get' || call.arguments.length <= 1);
  if (method !== 'get' || call.arguments.length > 1) return false;
  // The chain back to its `.collection(…)` start: every call a query step.
  for (let cur: TS.Expression = recv; ; ) {
    if (!ts.isCallExpression(cur) || !ts.isPropertyAccessExpression(cur.expression)) return false;
    const name = cur.expression.name.text;
    if (!FIRESTORE_QUERY_STEPS.has(name)) return false;
    if (name === 'collection' || name === 'collectionGroup') return true;
    cur = cur.expression.expression;
  }
}

export type Usage =
  | 'awaited'
  | 'voided'
  | 'statement'
  | 'chained'
  | 'member'
  | 'combined'
  | 'logged'
  | 'stringified'
  | 'passed'
  | 'sent'
  | 'returned'
  | 'assigned'
  | 'condition'
  | 'template'
  | 'compared'
  /** Handed to a library call that takes the value (set by the promise-as-value detector, never by `usageOf`). */
  | 'given'
  | 'other';

/** Usages that read a promise as if it were its value. */
export const VALUE_USES: ReadonlySet<Usage> = new Set(['member', 'logged', 'stringified', 'condition', 'template', 'compared', 'sent']);

const SINKS = new Set(['json', 'send', 'reply', 'followUp', 'editReply', 'write', 'render', 'end', 'jsonp']);
const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);
const LOGGERS = new Set(['log', 'info', 'warn', 'error', 'debug']);

export interface UsageInfo {
  usage: Usage;
  /** The node whose parent decided the usage (the call, or a wrapping expression). */
  node: TS.Node;
  /** For 'assigned': the variable name. */
  variable?: string;
}

/** How the value of an expression is used by the code around it. */
export function usageOf(ts: Ts, expr: TS.Expression): UsageInfo {
  const K = ts.SyntaxKind;
  let node: TS.Node = expr;
  for (;;) {
    const parent = node.parent;
    if (parent === undefined) return { usage: 'other', node };
    switch (parent.kind) {
      case K.ParenthesizedExpression:
      case K.AsExpression:
      case K.NonNullExpression:
      case K.SatisfiesExpression:
      case K.TypeAssertionExpression:
        node = parent;
        continue;
      case K.AwaitExpression:
        return { usage: 'awaited', node };
      case K.VoidExpression:
        return { usage: 'voided', node };
      case K.ExpressionStatement:
        return { usage: 'statement', node };
      case K.PropertyAccessExpression: {
        const pa = parent as TS.PropertyAccessExpression;
        if (pa.expression !== node) return { usage: 'other', node };
        const name = pa.name.text;
        if (name === 'then' || name === 'catch' || name === 'finally') return { usage: 'chained', node };
        return { usage: 'member', node };
      }
      case K.ElementAccessExpression:
        return { usage: (parent as TS.ElementAccessExpression).expression === node ? 'member' : 'other', node };
      case K.CallExpression: {
        const call = parent as TS.CallExpression;
        if (call.expression === node) return { usage: 'passed', node };
        const callee = call.expression;
        if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
          const obj = callee.expression.text;
          const m = callee.name.text;
          if (obj === 'Promise' && COMBINATORS.has(m)) return { usage: 'combined', node };
          if (obj === 'console' && LOGGERS.has(m)) return { usage: 'logged', node };
          if (obj === 'JSON' && m === 'stringify') return { usage: 'stringified', node };
        }
        // Handing a promise to something that sends or renders it: `res.json(p)`, `interaction.reply(p)`.
        if (ts.isPropertyAccessExpression(callee) && SINKS.has(callee.name.text)) return { usage: 'sent', node };
        return { usage: 'passed', node };
      }
      case K.ReturnStatement:
      case K.YieldExpression:
        return { usage: 'returned', node };
      case K.ArrowFunction:
        return { usage: (parent as TS.ArrowFunction).body === node ? 'returned' : 'other', node };
      case K.VariableDeclaration: {
        const decl = parent as TS.VariableDeclaration;
        if (decl.initializer !== node) return { usage: 'other', node };
        return ts.isIdentifier(decl.name)
          ? { usage: 'assigned', node, variable: decl.name.text }
          : { usage: 'member', node }; // const { data } = fetch(u): destructuring a promise
      }
      case K.BinaryExpression: {
        const bin = parent as TS.BinaryExpression;
        const op = bin.operatorToken.kind;
        if (op === K.EqualsToken) {
          if (bin.right !== node) return { usage: 'other', node };
          return ts.isIdentifier(bin.left) ? { usage: 'assigned', node, variable: bin.left.text } : { usage: 'passed', node };
        }
        if (op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken) {
          if (bin.left === node) return { usage: 'condition', node };
          node = parent;
          continue;
        }
        if (op === K.PlusToken || op === K.PlusEqualsToken) return { usage: 'template', node };
        if (
          op === K.EqualsEqualsEqualsToken ||
          op === K.EqualsEqualsToken ||
          op === K.ExclamationEqualsEqualsToken ||
          op === K.ExclamationEqualsToken ||
          op === K.LessThanToken ||
          op === K.GreaterThanToken ||
          op === K.LessThanEqualsToken ||
          op === K.GreaterThanEqualsToken
        ) {
          return { usage: 'compared', node };
        }
        return { usage: 'other', node };
      }
      case K.ConditionalExpression: {
        const cond = parent as TS.ConditionalExpression;
        if (cond.condition === node) return { usage: 'condition', node };
        node = parent;
        continue;
      }
      case K.IfStatement:
      case K.WhileStatement:
      case K.DoStatement:
        return { usage: 'condition', node };
      case K.PrefixUnaryExpression:
        return {
          usage: (parent as TS.PrefixUnaryExpression).operator === K.ExclamationToken ? 'condition' : 'other',
          node,
        };
      case K.TemplateSpan: {
        // A tag function (lit's html`…`, a sql`…` builder) receives each value as it is, promise or not, and
        // many render or await a promise on purpose; only an untagged template turns it into "[object Promise]".
        const tagged = parent.parent?.parent !== undefined && ts.isTaggedTemplateExpression(parent.parent.parent);
        return { usage: tagged ? 'passed' : 'template', node };
      }
      case K.ArrayLiteralExpression:
      case K.SpreadElement:
      case K.PropertyAssignment:
      case K.ShorthandPropertyAssignment:
      case K.JsxExpression:
        return { usage: 'passed', node };
      default:
        return { usage: 'other', node };
    }
  }
}

/**
 * A plain function that hands back a library's promise: every `return` gives a call known to return
 * one (`return pool.query(sql)`, `return axios.get(url)`), or a variable the function fills from such
 * a call just before (`const data = pool.query(sql); return data;`). From then on it is read as the
 * paste's own promise-returning function, like one that returns `new Promise(…)`: its callers' results
 * are promises. Only a name the paste defines once.
 */
export function notePromiseReturners(model: SnippetModel): void {
  const { ts } = model;
  const seen = new Map<string, number>();
  for (const fn of model.functions) {
    const name = functionName(ts, fn);
    if (name !== null) seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  for (const fn of model.functions) {
    if (isAsync(ts, fn) || fn.asteriskToken !== undefined || fn.body === undefined) continue;
    const name = functionName(ts, fn);
    if (name === null || !model.syncNames.has(name) || seen.get(name) !== 1) continue;
    if (returnsLibraryPromise(model, fn)) {
      model.syncNames.delete(name);
      model.promiseNames.add(name);
    }
  }
  for (const fn of model.functions) {
    const name = exportedName(ts, fn);
    if (name === null || fn.asteriskToken !== undefined || fn.body === undefined) continue;
    if (isAsync(ts, fn) || returnsPromise(ts, fn) || returnsLibraryPromise(model, fn)) model.exportedPromiseNames.add(name);
  }
}

/** `exports.name = function …` or `module.exports.name = (…) => …`: the name a CommonJS module exports the function as, or null. */
export function exportedName(ts: Ts, fn: SnippetModel['functions'][number]): string | null {
  const assign = fn.parent;
  if (assign === undefined || !ts.isBinaryExpression(assign) || assign.right !== fn || assign.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return null;
  const target = assign.left;
  if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.name)) return null;
  const owner = target.expression.getText(fn.getSourceFile());
  return owner === 'exports' || owner === 'module.exports' ? target.name.text : null;
}

/**
 * `model.list()` where another part of the paste is the module that exports `list` returning a promise:
 * the receiver is a name the paste never binds (the other file's import was left out) or a relative
 * `require('./model')`, never `this` or an object the paste makes itself.
 */
function exportedPromiseCall(model: SnippetModel, recv: TS.Expression, method: string): boolean {
  const { ts } = model;
  if (!model.exportedPromiseNames.has(method) || !ts.isIdentifier(recv)) return false;
  if (undeclared(model, recv.text)) return true;
  return (model.identifiers.get(recv.text) ?? []).some((id) => {
    const decl = id.parent;
    if (decl === undefined || !ts.isVariableDeclaration(decl) || decl.name !== id || decl.initializer === undefined) return false;
    const init = decl.initializer;
    return ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] !== undefined && ts.isStringLiteral(init.arguments[0]) && init.arguments[0].text.startsWith('.');
  });
}

function returnsLibraryPromise(model: SnippetModel, fn: NonNullable<SnippetModel['functions'][number]>): boolean {
  const { ts } = model;
  const body = fn.body!;
  const promiseValue = (expr: TS.Expression, scope: TS.Node): boolean => {
    let e = expr;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isCallExpression(e)) return knownPromiseCall(model, e) !== null;
    if (!ts.isIdentifier(e)) return false;
    // `var data = pool.query(…); return data;`: a local filled once from a promise call.
    const decls = (model.identifiers.get(e.text) ?? []).filter((id) => ts.isVariableDeclaration(id.parent) && id.parent.name === id && id.pos >= scope.pos && id.end <= scope.end);
    if (decls.length !== 1) return false;
    const init = (decls[0]!.parent as TS.VariableDeclaration).initializer;
    const assigned = (model.identifiers.get(e.text) ?? []).some((id) => ts.isBinaryExpression(id.parent) && id.parent.left === id && id.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);
    return init !== undefined && !assigned && ts.isCallExpression(init) && knownPromiseCall(model, init) !== null;
  };
  if (!ts.isBlock(body)) return promiseValue(body as TS.Expression, body);
  let promised = false;
  let other = false;
  const walk = (node: TS.Node): void => {
    if (isFunctionLike(ts, node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression !== undefined && promiseValue(node.expression, body)) promised = true;
      else other = true;
      return;
    }
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(body, walk);
  return promised && !other;
}
