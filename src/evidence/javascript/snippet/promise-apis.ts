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
