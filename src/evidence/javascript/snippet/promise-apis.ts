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
];

/** The API entry for a module specifier, or undefined when it is not a known promise library. */
export function promiseApiOf(mod: string): ModulePromiseApi | undefined {
  return MODULE_PROMISE_APIS.find((api) => api.modules.includes(mod));
}
