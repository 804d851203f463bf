/**
 * Library functions known to return a promise, for snippets read without
 * type information. Each entry names the module a receiver must be bound to
 * (`require`/`import`) so a same-named method on an unrelated object is not
 * taken for it. Precision first: only calls whose promise-returning form is
 * the library's documented one when no callback is passed.
 */

export interface ModulePromiseApi {
  /** Module specifiers that bind this library. */
  modules: readonly string[];
  /** Methods on the module's default/namespace binding that return a promise. */
  methods: ReadonlySet<string>;
  /**
   * The method takes an optional node-style callback last and returns a
   * promise only without it (bcrypt): a call whose last argument is a
   * function is not a promise.
   */
  callbackOptional: boolean;
}

export const MODULE_PROMISE_APIS: readonly ModulePromiseApi[] = [
  // bcrypt README ("async (recommended)": `bcrypt.hash(myPlaintextPassword, saltRounds).then(...)`,
  // "If callback is omitted, a promise is returned") and bcryptjs README / index.d.ts
  // (`hash(s, salt): Promise<string>`, `compare(s, hash): Promise<boolean>`, `genSalt(rounds?): Promise<string>`).
  {
    modules: ['bcrypt', 'bcryptjs'],
    methods: new Set(['hash', 'compare', 'genSalt']),
    callbackOptional: true,
  },
  // undici README / types/api.d.ts: `request(url, options): Promise<ResponseData>`,
  // `fetch(input, init): Promise<Response>`, `stream`, `pipeline` is sync (not listed).
  {
    modules: ['undici'],
    methods: new Set(['request', 'fetch', 'stream']),
    callbackOptional: true,
  },
  // Puppeteer API (pptr.dev/api/puppeteer.puppeteernode): `launch(options?): Promise<Browser>`, `connect(options): Promise<Browser>`.
  {
    modules: ['puppeteer', 'puppeteer-core', 'puppeteer-extra'],
    methods: new Set(['launch', 'connect']),
    callbackOptional: false,
  },
  // mysql2 docs, "Using Promise Wrapper" (sidorares.github.io/node-mysql2/docs#using-promise-wrapper) and
  // promise.d.ts: `createConnection(config): Promise<Connection>`. (`createPool` there is synchronous: not listed.)
  {
    modules: ['mysql2/promise'],
    methods: new Set(['createConnection']),
    callbackOptional: false,
  },
];

/** The API entry for a module specifier, or undefined when it is not a known promise library. */
export function promiseApiOf(mod: string): ModulePromiseApi | undefined {
  return MODULE_PROMISE_APIS.find((api) => api.modules.includes(mod));
}

/** A library client made with `new Ctor(…)`, whose methods return promises. */
export interface ClientPromiseApi {
  modules: readonly string[];
  /** Constructor names exported by the module. */
  constructors: readonly string[];
  /** The constructor's name is the library's alone: recognised even when the paste leaves out the import. */
  distinctiveName: boolean;
  /** Methods on the client itself. */
  methods: ReadonlySet<string>;
  /** Methods on the client's per-model delegates (`prisma.user.findMany()`), if it has them. */
  delegateMethods: ReadonlySet<string>;
  callbackOptional: boolean;
  /** Made by calling a factory (`createClient()`), not with `new`. */
  factory?: true;
  /**
   * Only this major version returns promises, and it must be connected first: the client counts
   * only when the snippet calls its `connect()` (node-redis 4+; 3.x took callbacks).
   */
  connectsFirst?: true;
}

export const CLIENT_PROMISE_APIS: readonly ClientPromiseApi[] = [
  // Prisma Client API reference (prisma.io/docs/orm/reference/prisma-client-reference): model queries
  // and client methods return a PrismaPromise, which runs only when awaited or .then-ed.
  {
    modules: ['@prisma/client'],
    constructors: ['PrismaClient'],
    distinctiveName: true,
    methods: new Set(['$connect', '$disconnect', '$transaction', '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']),
    delegateMethods: new Set([
      'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'create', 'createMany',
      'createManyAndReturn', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany', 'count', 'aggregate', 'groupBy',
    ]),
    callbackOptional: false,
  },
  // Sequelize docs, "Getting Started" (sequelize.org/docs/v6/getting-started): `new Sequelize(uri)`;
  // `authenticate()`, `sync()`, `query()`, `transaction()`, `close()` return promises.
  {
    modules: ['sequelize'],
    constructors: ['Sequelize'],
    distinctiveName: true,
    methods: new Set(['authenticate', 'sync', 'query', 'transaction', 'close', 'drop']),
    delegateMethods: new Set(),
    callbackOptional: false,
  },
  // node-redis README (v4+): `const client = await createClient().on('error', …).connect(); await client.set('key', 'value');
  // const value = await client.get('key');` — every command returns a promise. 3.x took callbacks and needed no connect().
  {
    modules: ['redis'],
    constructors: ['createClient'],
    distinctiveName: false,
    methods: new Set([
      'connect', 'disconnect', 'quit', 'set', 'get', 'del', 'exists', 'expire', 'incr', 'decr', 'keys',
      'hSet', 'hGet', 'hGetAll', 'hDel', 'lPush', 'rPush', 'lRange', 'sAdd', 'sMembers', 'zAdd', 'publish', 'subscribe',
    ]),
    delegateMethods: new Set(),
    callbackOptional: true,
    factory: true,
    connectsFirst: true,
  },
  // node-postgres docs (node-postgres.com/apis/pool, /apis/client): `query`, `connect`, `end` return a
  // promise when no callback is passed.
  {
    modules: ['pg'],
    constructors: ['Pool', 'Client'],
    distinctiveName: false,
    methods: new Set(['query', 'connect', 'end']),
    delegateMethods: new Set(),
    callbackOptional: true,
  },
];

/** The client API whose constructor `name` is, imported from `mod` (or null module: no import seen). */
export function clientApiOf(mod: string | null, name: string): ClientPromiseApi | undefined {
  return CLIENT_PROMISE_APIS.find((api) =>
    api.constructors.includes(name) && (mod === null ? api.distinctiveName : api.modules.includes(mod)),
  );
}

/**
 * An ORM whose model is made by a call (`mongoose.model('User', schema)`,
 * `sequelize.define('User', attrs)`): the model's statics, and the methods of
 * documents made with `new Model(…)`, return promises (or thenables that run
 * only when awaited).
 */
export interface ModelPromiseApi {
  /** The factory method (`model`, `define`). */
  factory: string;
  /** Modules the factory's receiver (or the bare factory) must be bound to. */
  modules: readonly string[];
  /** Receiver names that are the library's own even without an import in the paste. */
  receiverNames: readonly string[];
  /** A client (see CLIENT_PROMISE_APIS) whose instances have the factory: `new Sequelize(…).define`. */
  client: string | null;
  statics: ReadonlySet<string>;
  documentMethods: ReadonlySet<string>;
  /** The statics return a query builder (a thenable with `.sort()`, `.limit()`, …), not a plain promise. */
  queryBuilder: boolean;
  callbackOptional: boolean;
}

export const MODEL_PROMISE_APIS: readonly ModelPromiseApi[] = [
  // Mongoose docs, "Promises" (mongoosejs.com/docs/promises.html): "Mongoose async operations, like .save()
  // and queries, return thenables"; Model API (mongoosejs.com/docs/api/model.html). Callbacks until Mongoose 7.
  {
    factory: 'model',
    modules: ['mongoose'],
    receiverNames: ['mongoose'],
    client: null,
    statics: new Set([
      'find', 'findOne', 'findById', 'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndDelete', 'findByIdAndDelete',
      'findOneAndReplace', 'create', 'insertMany', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne',
      'countDocuments', 'estimatedDocumentCount', 'exists', 'distinct', 'aggregate', 'bulkWrite',
    ]),
    documentMethods: new Set(['save', 'deleteOne', 'validate', 'populate']),
    queryBuilder: true,
    callbackOptional: true,
  },
  // Sequelize docs, "Model Querying - Finders" and the Model API (sequelize.org/api/v6/class/src/model.js~model):
  // findAll, findOne, findByPk, create, update, destroy, … return Promise; instances' save/destroy/reload too.
  {
    factory: 'define',
    modules: ['sequelize'],
    receiverNames: ['sequelize'],
    client: 'Sequelize',
    statics: new Set([
      'findAll', 'findOne', 'findByPk', 'findOrCreate', 'findAndCountAll', 'create', 'bulkCreate', 'update', 'destroy',
      'upsert', 'count', 'max', 'min', 'sum', 'increment', 'decrement', 'sync', 'drop',
    ]),
    documentMethods: new Set(['save', 'destroy', 'reload', 'update', 'increment', 'decrement']),
    queryBuilder: false,
    callbackOptional: false,
  },
];

/**
 * Browser automation (Puppeteer, Playwright): the browser a launcher's awaited promise gives, the contexts
 * and pages it opens, and every action on them return promises. One table for the three kinds of object:
 * the names below are each one's own async methods (pptr.dev/api/puppeteer.page, .browser;
 * playwright.dev/docs/api/class-page, class-browser, class-browsercontext), and a paste's `page.on(…)`,
 * `page.url()`, `page.keyboard` or `page.locator(…)`, which return no promise, are not among them.
 */
export const BROWSER_AUTOMATION: ClientPromiseApi = {
  modules: ['puppeteer', 'puppeteer-core', 'puppeteer-extra', 'playwright', 'playwright-core', '@playwright/test', 'playwright-chromium'],
  constructors: [],
  distinctiveName: false,
  methods: new Set([
    // Browser and BrowserContext.
    'newPage', 'newContext', 'pages', 'createIncognitoBrowserContext', 'createBrowserContext', 'disconnect', 'version', 'userAgent', 'storageState', 'addCookies', 'clearCookies',
    // Page (both libraries).
    'goto', 'reload', 'goBack', 'goForward', 'setContent', 'content', 'title', 'close', 'screenshot', 'pdf', 'evaluate', 'evaluateHandle',
    'evaluateOnNewDocument', 'addInitScript', 'exposeFunction', 'addScriptTag', 'addStyleTag', 'setViewport', 'setViewportSize', 'setUserAgent',
    'setExtraHTTPHeaders', 'setCookie', 'cookies', 'deleteCookie', 'setRequestInterception', 'emulate', 'emulateMedia', 'authenticate', 'bringToFront',
    'click', 'dblclick', 'tap', 'type', 'fill', 'press', 'focus', 'hover', 'select', 'selectOption', 'check', 'uncheck', 'setInputFiles',
    // `waitFor(selectorOrTimeout)`: Puppeteer's before v10 (deprecated, then removed), a promise as its successors.
    'waitFor', 'waitForSelector', 'waitForNavigation', 'waitForTimeout', 'waitForFunction', 'waitForNetworkIdle', 'waitForResponse', 'waitForRequest',
    'waitForLoadState', 'waitForURL', 'waitForEvent', 'textContent', 'innerText', 'innerHTML', 'getAttribute', 'inputValue', 'isVisible', 'isHidden',
    'isChecked', 'isEnabled', 'isDisabled', '$', '$$', '$eval', '$$eval', '$x',
  ]),
  delegateMethods: new Set(),
  callbackOptional: false,
};

/** Playwright's browser types (playwright.dev/docs/api/class-browsertype): `chromium.launch()` and the like return promises. */
export const PLAYWRIGHT_BROWSER_TYPE: ModulePromiseApi = {
  modules: ['playwright', 'playwright-core', '@playwright/test', 'playwright-chromium'],
  methods: new Set(['launch', 'launchPersistentContext', 'connect', 'connectOverCDP']),
  callbackOptional: false,
};
export const PLAYWRIGHT_BROWSER_TYPES = new Set(['chromium', 'firefox', 'webkit']);

/** Methods of a browser or context that give another automation object (a context, a page) once awaited. */
export const AUTOMATION_OPENERS = new Set(['newPage', 'newContext', 'createIncognitoBrowserContext', 'createBrowserContext']);
