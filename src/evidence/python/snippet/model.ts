/**
 * Scope facts about one parsed snippet: its functions (and which are async),
 * its imports and aliases, where each variable's value came from, and what
 * each call is (a coroutine function, an async context manager, a blocking
 * call, …). Detectors ask this model; they never walk the tree themselves.
 */
import type { SnippetHints } from '../../snippet.js';
import {
  ASYNC_DB_CURSOR,
  ASYNC_CM_FUNCTIONS,
  BLOCKING_BUILTINS, BLOCKING_FUNCTIONS, blockingConfidence,
  COROUTINE_FUNCTIONS,
  DISCORD_BEFORE_V1,
  DISCORD_FORK_SYNC_SETUP,
  DISCORD_REMOVED_IN_V2,
  DISCORD_V2_ONLY,
  DISCORD_COROUTINE_METHODS,
  DISCORD_V2_COROUTINES,
  FAMILY_WHY,
  familyOf,
  LIBRARY_COROUTINE_METHODS,
  TORTOISE_MODEL_METHODS,
  TORTOISE_QUERY_METHODS,
  PYPPETEER_DISTINCTIVE,
  METHOD_FAMILIES,
  type MethodKind,
} from './known.js';
import type { PreparedCode } from './prepare.js';
import type { PyNode } from './tree.js';
import { words, type Phrase } from '../../types.js';

export interface FunctionInfo {
  name: string;
  node: PyNode;
  isAsync: boolean;
  /** `async def` containing `yield`: an async generator, iterated with `async for`. */
  isAsyncGen: boolean;
  /** Decorated with `asynccontextmanager`: used with `async with`, not awaited. */
  isAsyncCm: boolean;
  className: string | null;
  decorators: string[];
  /** Parameters without a default, not counting `self`/`cls`. */
  requiredParams: number;
  /** Offset of the `def` keyword. */
  defOffset: number;
  /** Offset of the `async`/`def` keyword that starts the definition. */
  startOffset: number;
}

/** Names that, used at module level, say the paste is a method's or a command's body (`self.x`, `ctx.send`, `interaction.response`). */
const bodyOnlyNames = new Set(['self', 'ctx', 'interaction']);

export type ScopeKind = 'async' | 'sync' | 'lambda' | 'module' | 'notebook' | 'unknown-async' | 'unknown';

export interface Scope {
  kind: ScopeKind;
  fn: FunctionInfo | null;
  /** The function_definition / lambda node, or null at module level. */
  node: PyNode | null;
}

export type CallKind = 'coroutine' | 'asyncgen' | 'asynccm' | 'blocking' | 'snippet-sync' | 'thread-unsafe' | 'unknown';

export interface CallInfo {
  kind: CallKind;
  /** The callee as the user wrote it (`ctx.send`, `fetch_data`). */
  callee: string;
  /** Qualified name when known (`time.sleep`, `requests.get`). */
  qname: string | null;
  fn: FunctionInfo | null;
  confidence: number;
  /** Why the call is what `kind` says, in words ("an async def of this snippet"). */
  why: Phrase;
}

export type Usage =
  | { kind: 'awaited'; node: PyNode }
  | { kind: 'bare' }
  | { kind: 'passed'; to: string | null }
  | { kind: 'value'; how: string }
  | { kind: 'stored'; target: string; targetNode: PyNode }
  | { kind: 'returned' }
  | { kind: 'iterated' }
  | { kind: 'with-item' }
  | { kind: 'other' };

export function child(n: PyNode, field: string): PyNode | null {
  for (const c of n.children) if (c.field === field) return c;
  return null;
}

export function namedChildren(n: PyNode): PyNode[] {
  return n.children.filter((c) => c.named && c.type !== 'comment');
}

function hasKeyword(n: PyNode, keyword: string): boolean {
  for (const c of n.children) if (!c.named && c.type === keyword) return true;
  return false;
}

/** Top-level statements a script or module has and a function body does not. */
const SCRIPT_LINE = /^(?:async[ \t]+def|def|class|import|from[ \t]+[\w.]+[ \t]+import)[ \t]/m;
const SCRIPT_PARTS = new Set(['function_definition', 'decorated_definition', 'class_definition', 'import_statement', 'import_from_statement', 'future_import_statement']);

/** `ctx.voice_client`, `interaction.message`: what discord.py hands a command, never the paste's own class (not `ctx.bot`, `ctx.cog`). */
/**
 * A CamelCase class name as Tortoise models are written (`Domain`, `UserProfile`): a capital, then a lower-case letter
 * somewhere. The run before the first lower-case letter takes none, so a pasted name is read once, never backtracked
 * (`^[A-Z]\w*[a-z]\w*$` is quadratic on a long name that ends in a letter `\w` does not know).
 */
export const CAMEL_CASE_CLASS = /^[A-Z][^\Wa-z]*[a-z]\w*$/;
const DISCORD_CONTEXT_OBJECT = /^(?:ctx|interaction)\.(?!(?:bot|client|cog)\b)\w+/;

export class SnippetModel {
  readonly functions = new Map<string, FunctionInfo[]>();
  readonly byNode = new Map<PyNode, FunctionInfo>();
  readonly aliases = new Map<string, string>();
  readonly origins = new Map<string, string>();
  /** The functions (null: module level) where each `origins` key was given its value. */
  private readonly originScopes = new Map<string, Set<PyNode | null>>();
  readonly locals = new Map<PyNode | null, Set<string>>();
  readonly calls: PyNode[] = [];
  readonly awaits: PyNode[] = [];
  readonly forStatements: PyNode[] = [];
  readonly forClauses: PyNode[] = [];
  readonly withStatements: PyNode[] = [];
  readonly whileStatements: PyNode[] = [];
  readonly identifiers: PyNode[] = [];
  /** Names each function declares `global` (keyed by its function_definition). */
  readonly globals = new Map<PyNode, Set<string>>();
  /** ERROR nodes the parser left (a function holding one is not visible in full). */
  readonly errorNodes: PyNode[] = [];
  /** `import …` / `from … import …` statements at module level. */
  moduleImports = 0;
  /** The snippet has a `from asyncio import …`. */
  importsFromAsyncio = false;
  /** Assignments, with-items and typed parameters, in document order: where `origins` come from. */
  private readonly originSources: PyNode[] = [];
  readonly usesDiscord: boolean;
  /**
   * Extension and cog setup is synchronous: the code uses a discord.py API that 2.0 removed, the paste states a
   * discord.py before 2, or the code is written for a fork that kept it so (Pycord, nextcord, disnake).
   */
  readonly syncExtensionSetup: boolean;
  /** The code or the paste shows discord.py 2 itself (DISCORD_V2_ONLY, a stated version 2), not a fork with its import name. */
  readonly discordV2Shown: boolean;
  readonly notebook: boolean;
  private readonly lineStarts: number[] = [0];
  private prefixAsync = false;
  /**
   * Module-level code that only makes sense inside a function (an `await`, `async for/with`, a
   * `return`, `self`, a command's `ctx` or `interaction`): a piece cut out of an async function, so
   * it is read as that function's body, not as a script.
   */
  private moduleIsBody = false;

  constructor(
    readonly code: string,
    readonly root: PyNode,
    readonly prepared: PreparedCode,
    readonly hints: SnippetHints,
  ) {
    for (let nl = code.indexOf('\n'); nl >= 0; nl = code.indexOf('\n', nl + 1)) this.lineStarts.push(nl + 1);
    // A terminal IPython session (its `...:` prompts) runs no loop between cells: `loop.run_until_complete(…)` works there.
    this.notebook = (hints.notebook || prepared.notebookMarks) && !prepared.terminalPrompts;
    this.collect(root);
    // The paste says this code runs in an async function and the code shows no def, class or import of its own: its body.
    // The text is asked too: prose lines around the code can turn a def or an import into part of a parse error.
    if (hints.statedAsyncBody && !this.moduleIsBody && !hints.topLevelAwaitRefused && namedChildren(root).every((c) => !SCRIPT_PARTS.has(c.type)) && !SCRIPT_LINE.test(code)) this.moduleIsBody = true;
    this.collectOrigins();
    this.usesDiscord =
      [...this.aliases.values()].some((q) => q === 'discord' || q.startsWith('discord.')) ||
      /\b(commands\.Bot|discord\.Client|@bot\.command|@client\.event|@bot\.event|app_commands)\b/.test(code);
    this.syncExtensionSetup =
      DISCORD_FORK_SYNC_SETUP.test(code) || (hints.discordPyMajor != null ? hints.discordPyMajor < 2 : DISCORD_BEFORE_V1.test(code) || DISCORD_REMOVED_IN_V2.test(code));
    this.discordV2Shown = !this.syncExtensionSetup && ((hints.discordPyMajor ?? 0) >= 2 || DISCORD_V2_ONLY.test(code));
  }

  text(n: PyNode): string {
    return this.code.slice(n.start, n.end);
  }

  /** 1-based line and column in the user's original text. */
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const col = offset - (this.lineStarts[lo] ?? 0) + (this.prepared.removed[lo] ?? 0);
    return { line: lo + 1, col };
  }

  /** `line:col` of an offset, in original coordinates: what fixers read from a finding's data. */
  at(offset: number): string {
    const p = this.position(offset);
    return `${p.line}:${p.col}`;
  }

  /** Inverse of \`at()\`: the offset in the parsed text of an original \`line:col\`, or -1. */
  offsetAt(pos: string): number {
    const m = /^(\d+):(\d+)$/.exec(pos);
    if (!m) return -1;
    const line = Number(m[1]) - 1;
    const start = this.lineStarts[line];
    if (start === undefined) return -1;
    return start + Number(m[2]) - (this.prepared.removed[line] ?? 0);
  }

  /** The outermost node of a type that starts at an offset. */
  nodeAt(offset: number, type: string, end = -1): PyNode | null {
    let found: PyNode | null = null;
    const stack: PyNode[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.start > offset || n.end < offset) continue;
      if (n.start === offset && n.type === type && (end < 0 || n.end === end)) {
        found = n;
        break;
      }
      for (const c of n.children) stack.push(c);
    }
    return found;
  }

  line(n: PyNode): number {
    return this.position(n.start).line;
  }

  private collect(root: PyNode): void {
    const stack: PyNode[] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      switch (n.type) {
        case 'call':
          this.calls.push(n);
          break;
        case 'await':
          this.awaits.push(n);
          if (this.isPrefixTop(n)) this.prefixAsync = true;
          else if (this.isModuleTop(n)) this.moduleIsBody = true;
          break;
        case 'return_statement':
          if (this.isModuleTop(n)) this.moduleIsBody = true;
          break;
        case 'for_statement':
          this.forStatements.push(n);
          if (hasKeyword(n, 'async') && this.isPrefixTop(n)) this.prefixAsync = true;
          else if (hasKeyword(n, 'async') && this.isModuleTop(n)) this.moduleIsBody = true;
          break;
        case 'for_in_clause':
          this.forClauses.push(n);
          break;
        case 'with_statement':
          this.withStatements.push(n);
          if (hasKeyword(n, 'async') && this.isPrefixTop(n)) this.prefixAsync = true;
          else if (hasKeyword(n, 'async') && this.isModuleTop(n)) this.moduleIsBody = true;
          break;
        case 'while_statement':
          this.whileStatements.push(n);
          break;
        case 'identifier':
          this.identifiers.push(n);
          this.noteBinding(n);
          if (bodyOnlyNames.has(this.text(n)) && n.parent?.type === 'attribute' && child(n.parent, 'object') === n && this.isModuleTop(n)) this.moduleIsBody = true;
          break;
        case 'function_definition':
          this.addFunction(n);
          break;
        case 'import_statement':
        case 'import_from_statement':
          this.addImport(n);
          break;
        case 'global_statement':
          this.addGlobal(n);
          break;
        case 'ERROR':
          this.errorNodes.push(n);
          break;
        case 'assignment':
        case 'with_item':
        case 'typed_parameter':
        case 'typed_default_parameter':
          this.originSources.push(n);
          break;
      }
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    // The tree was walked in document order, so lists are already sorted.
  }

  private isModuleTop(n: PyNode): boolean {
    if (n.start < this.prepared.prefixEnd) return false;
    for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
    return true;
  }

  private isPrefixTop(n: PyNode): boolean {
    if (n.start >= this.prepared.prefixEnd) return false;
    for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return false;
    return true;
  }

  private addFunction(n: PyNode): void {
    const nameNode = child(n, 'name');
    if (!nameNode) return;
    const name = this.text(nameNode);
    const isAsync = hasKeyword(n, 'async');
    let decorators: string[] = [];
    let className: string | null = null;
    let holder = n.parent;
    if (holder?.type === 'decorated_definition') {
      decorators = holder.children.filter((c) => c.type === 'decorator').map((c) => this.text(c).slice(1).trim());
      holder = holder.parent;
    }
    if (holder?.type === 'block' && holder.parent?.type === 'class_definition') {
      const cn = child(holder.parent, 'name');
      className = cn ? this.text(cn) : null;
    }
    const body = child(n, 'body');
    const isAsyncGen = isAsync && body !== null && containsOwn(body, (c) => c.type === 'yield');
    const isAsyncCm = decorators.some((d) => /asynccontextmanager$/.test(d));
    let requiredParams = 0;
    const params = child(n, 'parameters');
    if (params) {
      for (const p of namedChildren(params)) {
        if (p.type === 'identifier' || p.type === 'typed_parameter') {
          const pn = this.text(p).split(':')[0]!.trim();
          if (pn !== 'self' && pn !== 'cls') requiredParams++;
        }
      }
    }
    const defKw = n.children.find((c) => !c.named && c.type === 'def');
    const info: FunctionInfo = {
      name,
      node: n,
      isAsync,
      isAsyncGen,
      isAsyncCm,
      className,
      decorators,
      requiredParams,
      defOffset: defKw ? defKw.start : n.start,
      startOffset: n.start,
    };
    const list = this.functions.get(name) ?? [];
    list.push(info);
    this.functions.set(name, list);
    this.byNode.set(n, info);
  }

  private addGlobal(n: PyNode): void {
    const fn = this.scopeNode(n);
    if (!fn) return;
    const set = this.globals.get(fn) ?? new Set<string>();
    for (const c of n.children) if (c.type === 'identifier') set.add(this.text(c));
    this.globals.set(fn, set);
  }

  private addImport(n: PyNode): void {
    if (n.parent?.type === 'module') this.moduleImports++;
    if (n.type === 'import_statement') {
      for (const c of n.children) {
        if (c.field !== 'name') continue;
        if (c.type === 'dotted_name') {
          const full = this.text(c);
          this.aliases.set(full.split('.')[0]!, full.split('.')[0]!);
        } else if (c.type === 'aliased_import') {
          const nm = child(c, 'name');
          const al = child(c, 'alias');
          if (nm && al) this.aliases.set(this.text(al), this.text(nm));
        }
      }
      return;
    }
    const mod = child(n, 'module_name');
    if (!mod) return;
    const module = this.text(mod);
    if (module === 'asyncio' || module.startsWith('asyncio.')) this.importsFromAsyncio = true;
    for (const c of n.children) {
      if (c.field !== 'name') continue;
      if (c.type === 'dotted_name') {
        const nm = this.text(c);
        this.aliases.set(nm, `${module}.${nm}`);
      } else if (c.type === 'aliased_import') {
        const nm = child(c, 'name');
        const al = child(c, 'alias');
        if (nm && al) this.aliases.set(this.text(al), `${module}.${this.text(nm)}`);
      }
    }
  }

  /** Records identifiers that bind a name in their scope (parameters, assignment targets, loop variables). */
  private noteBinding(id: PyNode): void {
    let p = id.parent;
    let c: PyNode = id;
    // Climb through patterns (`a, b = …`).
    while (p && (p.type === 'pattern_list' || p.type === 'tuple_pattern' || p.type === 'list_pattern')) {
      c = p;
      p = p.parent;
    }
    if (!p) return;
    let binds = false;
    let scopeFrom: PyNode = id;
    if ((p.type === 'assignment' || p.type === 'augmented_assignment') && c.field === 'left') binds = true;
    else if ((p.type === 'for_statement' || p.type === 'for_in_clause') && c.field === 'left') binds = true;
    else if (p.type === 'as_pattern_target') binds = true;
    else if (p.type === 'named_expression' && c.field === 'name') binds = true;
    else if (p.type === 'parameters' || p.type === 'lambda_parameters') binds = true;
    else if (
      (p.type === 'typed_parameter' || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') &&
      p.children.find((x) => x.named) === c
    )
      binds = true;
    else if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && c.field === 'name') binds = true;
    else if ((p.type === 'function_definition' || p.type === 'class_definition') && c.field === 'name') {
      binds = true;
      scopeFrom = p; // a def binds its name in the enclosing scope
    }
    if (!binds) return;
    const owner = this.scopeNode(scopeFrom);
    const set = this.locals.get(owner) ?? new Set<string>();
    set.add(this.text(id));
    this.locals.set(owner, set);
  }

  /** The innermost function_definition or lambda containing n, or null for module level. */
  scopeNode(n: PyNode): PyNode | null {
    const cached = this.scopes.get(n);
    if (cached !== undefined) return cached;
    const found = this.scopeNodeUncached(n);
    this.scopes.set(n, found);
    return found;
  }

  private scopeNodeUncached(n: PyNode): PyNode | null {
    for (let p = n.parent; p; p = p.parent) {
      if (p.type === 'function_definition' || p.type === 'lambda') {
        // The parameters and decorators of a def are evaluated outside it; its body inside.
        return p;
      }
    }
    return null;
  }

  scopeOf(n: PyNode): Scope {
    const node = this.scopeNode(n);
    if (node?.type === 'lambda') return { kind: 'lambda', fn: null, node };
    if (node) {
      const fn = this.byNode.get(node) ?? null;
      return { kind: fn?.isAsync ? 'async' : 'sync', fn, node };
    }
    if (n.start < this.prepared.prefixEnd) return { kind: this.prefixAsync ? 'unknown-async' : 'unknown', fn: null, node: null };
    return { kind: this.notebook ? 'notebook' : this.moduleIsBody && !this.hints.topLevelAwaitRefused ? 'unknown-async' : 'module', fn: null, node: null };
  }

  /** True when code at this scope runs inside a running event loop. */
  static onLoop(kind: ScopeKind): boolean {
    return kind === 'async' || kind === 'notebook' || kind === 'unknown-async';
  }

  private isLocal(name: string, at: PyNode): boolean {
    for (let s = this.scopeNode(at); ; s = s ? this.scopeNode(s) : null) {
      const set = this.locals.get(s);
      if (set?.has(name)) {
        // A module-level name bound by a def is the snippet function, not a local.
        if (s === null && this.functions.has(name)) return false;
        return true;
      }
      if (s === null) return false;
    }
  }

  /** Resolves a bare name: `snippet:f`, `local:x`, an imported qualified name, or the name itself. */
  resolveName(name: string, at: PyNode): string {
    const scope = this.scopeNode(at);
    const ownLocals = this.locals.get(scope);
    if (scope && ownLocals?.has(name)) {
      const fns = this.functions.get(name);
      if (fns?.some((f) => this.scopeNode(f.node) === scope)) return `snippet:${name}`;
      return `local:${name}`;
    }
    if (this.functions.has(name) && !this.aliases.has(name)) return `snippet:${name}`;
    if (this.aliases.has(name)) return this.aliases.get(name)!;
    if (this.isLocal(name, at)) return `local:${name}`;
    return name;
  }

  /** Qualified dotted name of an identifier/attribute chain rooted at an import or a global name. */
  resolve(expr: PyNode): string | null {
    // Names are fixed once \`collect\` has run (resolving never reads \`origins\`), so one answer per node holds.
    let r = this.resolved.get(expr);
    if (r === undefined) {
      r = this.resolveUncached(expr);
      this.resolved.set(expr, r);
    }
    return r;
  }

  private resolveUncached(expr: PyNode): string | null {
    if (expr.type === 'identifier') return this.resolveName(this.text(expr), expr);
    if (expr.type === 'attribute') {
      const obj = child(expr, 'object');
      const attr = child(expr, 'attribute');
      if (!obj || !attr) return null;
      const o = this.resolve(obj);
      if (!o || o.startsWith('local:') || o.startsWith('snippet:')) return null;
      return `${o}.${this.text(attr)}`;
    }
    return null;
  }

  /** Where the value of a name or `self.x` came from (`sqlite3.connect`, `await:asyncpg.connect`). */
  originOf(expr: PyNode): string | null {
    const key = this.text(expr).replace(/\s+/g, '');
    const origin = this.origins.get(key);
    if (origin === undefined) return null;
    return this.shadowed(key, expr) ? null : origin;
  }

  /**
   * The name at the root of `expr` is a parameter or local of a function where it was never given its
   * origin: `def run_queries(session): session.execute(…)` is handed a sync Session (through
   * AsyncSession.run_sync), whatever `async with AsyncSession(engine) as session` made in another function.
   * Not `self`/`cls`: `self.session` made in `__init__` is the one every method reads.
   */
  private shadowed(key: string, expr: PyNode): boolean {
    let root = expr;
    while (root.type === 'attribute') root = child(root, 'object') ?? root;
    if (root.type !== 'identifier') return false;
    const name = this.text(root);
    if (name === 'self' || name === 'cls') return false;
    const here = this.scopeNode(expr);
    if (here === null || !this.locals.get(here)?.has(name)) return false;
    if (this.originScopes.get(key)?.has(here) ?? true) return false;
    return !this.handedByName(here, name);
  }

  /**
   * Some call in the paste hands `fn` the caller's own `name`: `producer(queue)`, or
   * `threading.Thread(target=producer, args=(queue,))` / `loop.run_in_executor(None, producer, queue)`.
   * Then the parameter is the object the caller made, not something a library hands over (as run_sync does).
   */
  private handedByName(fn: PyNode, name: string): boolean {
    // Asked for every use of the name in the function: worked out once per function and name, since each
    // answer reads every call of the paste (a long function using its parameter on every line was quadratic).
    let known = this.handedNames.get(fn);
    if (known === undefined) this.handedNames.set(fn, (known = new Map()));
    let handed = known.get(name);
    if (handed === undefined) known.set(name, (handed = this.findHandedByName(fn, name)));
    return handed;
  }

  private readonly handedNames = new Map<PyNode, Map<string, boolean>>();

  private findHandedByName(fn: PyNode, name: string): boolean {
    const fnNameNode = child(fn, 'name');
    if (!fnNameNode) return false;
    const fnName = this.text(fnNameNode);
    for (const call of this.calls) {
      const args = child(call, 'arguments');
      if (!args) continue;
      const callee = child(call, 'function');
      const names = new Set<string>();
      const stack: PyNode[] = [args];
      while (stack.length > 0) {
        const n = stack.pop() as PyNode;
        if (n.type === 'identifier') names.add(this.text(n));
        else stack.push(...namedChildren(n));
      }
      if (names.has(name) && (names.has(fnName) || (callee !== null && this.text(callee) === fnName))) return true;
    }
    return false;
  }

  private setOrigin(key: string, origin: string, at: PyNode): void {
    this.origins.set(key, origin);
    const scopes = this.originScopes.get(key) ?? new Set<PyNode | null>();
    scopes.add(this.scopeNode(at));
    this.originScopes.set(key, scopes);
  }

  private valueOrigin(value: PyNode): string | null {
    let awaited = false;
    let v = value;
    if (v.type === 'await') {
      const inner = namedChildren(v)[0];
      if (!inner) return null;
      v = inner;
      awaited = true;
    }
    if (v.type !== 'call') return null;
    const fnExpr = child(v, 'function');
    if (!fnExpr) return null;
    let q = this.resolve(fnExpr);
    if (q && (q.startsWith('local:') || q.startsWith('snippet:'))) q = null;
    if (!q && fnExpr.type === 'attribute') {
      const obj = child(fnExpr, 'object');
      const attr = child(fnExpr, 'attribute');
      const o = obj ? this.originOf(obj) : null;
      if (o && attr) q = `${o.replace(/^await:/, '')}.${this.text(attr)}`;
    }
    // `factory()` where `factory = async_sessionmaker(…)`: what the factory makes.
    if (!q && fnExpr.type === 'identifier') {
      const o = this.originOf(fnExpr);
      if (o && !o.startsWith('await:')) q = `${o}()`;
    }
    if (!q) return null;
    return awaited ? `await:${q}` : q;
  }

  /** Runs after `collect` (it resolves names), over the nodes collect set aside, in the same document order. */
  private collectOrigins(): void {
    for (const n of this.originSources) {
      if (n.type === 'assignment') {
        const left = child(n, 'left');
        const right = child(n, 'right');
        if (left && right && (left.type === 'identifier' || left.type === 'attribute')) {
          const o = this.valueOrigin(right);
          if (o) this.setOrigin(this.text(left).replace(/\s+/g, ''), o, n);
          // A class attribute (`session = aiohttp.ClientSession()` in the class body) is what its methods read as `self.session`.
          if (o && left.type === 'identifier' && n.parent?.type === 'expression_statement' && n.parent.parent?.type === 'block' && n.parent.parent.parent?.type === 'class_definition') {
            const attr = `self.${this.text(left)}`;
            if (!this.origins.has(attr)) this.setOrigin(attr, o, n);
          }
        }
        const type = child(n, 'type');
        if (left && type) this.noteAnnotation(left, type);
      } else if (n.type === 'with_item') {
        const value = child(n, 'value');
        if (value?.type === 'as_pattern') {
          const expr = value.children.find((c) => c.named && c.type !== 'as_pattern_target');
          const target = child(value, 'alias');
          const o = (expr ? this.valueOrigin(expr) : null) ?? (expr && this.asyncCursor(n, expr) ? ASYNC_DB_CURSOR : null);
          if (o && target) this.setOrigin(this.text(target).replace(/\s+/g, ''), o, n);
        }
      } else {
        const id = n.children.find((c) => c.type === 'identifier');
        const type = child(n, 'type');
        if (id && type) this.noteAnnotation(id, type);
      }
    }
  }

  /**
   * `async with conn.cursor() as cur`: a cursor opened with `async with` belongs to an asyncio database driver
   * (aiomysql, aiopg, asyncmy, psycopg 3's AsyncConnection, aiosqlite), whose cursors run their queries as
   * coroutines; a synchronous driver's cursor is entered with a plain `with`.
   */
  private asyncCursor(item: PyNode, expr: PyNode): boolean {
    const statement = item.parent?.type === 'with_clause' ? item.parent.parent : item.parent;
    if (statement?.type !== 'with_statement' || !hasKeyword(statement, 'async') || expr.type !== 'call') return false;
    const fn = child(expr, 'function');
    const attr = fn?.type === 'attribute' ? child(fn, 'attribute') : null;
    return attr !== null && this.text(attr) === 'cursor';
  }

  private noteAnnotation(target: PyNode, type: PyNode): void {
    const inner = namedChildren(type)[0];
    const q = inner ? this.resolve(inner) : null;
    if (q && !q.startsWith('local:') && !q.startsWith('snippet:')) this.setOrigin(this.text(target).replace(/\s+/g, ''), q, target);
  }

  /** The snippet function a name or `self.name` call refers to, if exactly one fits. */
  snippetFunction(fnExpr: PyNode): FunctionInfo | null {
    if (fnExpr.type === 'identifier') {
      const r = this.resolveName(this.text(fnExpr), fnExpr);
      if (!r.startsWith('snippet:')) return null;
      return this.pickFunction(this.functions.get(r.slice(8)) ?? [], null);
    }
    if (fnExpr.type === 'attribute') {
      const obj = child(fnExpr, 'object');
      const attr = child(fnExpr, 'attribute');
      if (!obj || !attr) return null;
      const name = this.text(attr);
      const objText = this.text(obj);
      if (objText === 'self' || objText === 'cls' || objText === 'super()') {
        const cls = this.enclosingClass(fnExpr);
        const fns = (this.functions.get(name) ?? []).filter((f) => f.className !== null);
        return this.pickFunction(fns, cls);
      }
    }
    return null;
  }

  private pickFunction(fns: FunctionInfo[], className: string | null): FunctionInfo | null {
    const inClass = className ? fns.filter((f) => f.className === className) : [];
    const pool = inClass.length > 0 ? inClass : fns;
    if (pool.length === 0) return null;
    const kinds = new Set(pool.map((f) => f.isAsync));
    return kinds.size === 1 ? pool[pool.length - 1]! : null;
  }

  enclosingClass(n: PyNode): string | null {
    for (let p = n.parent; p; p = p.parent) {
      if (p.type === 'class_definition') {
        const cn = child(p, 'name');
        return cn ? this.text(cn) : null;
      }
    }
    return null;
  }

  /** What a call is: coroutine function, async context manager, blocking call, a plain def of the snippet, … */
  classify(call: PyNode): CallInfo {
    let info = this.classified.get(call);
    if (!info) {
      info = this.classifyUncached(call);
      this.classified.set(call, info);
    }
    return info;
  }

  private readonly classified = new Map<PyNode, CallInfo>();
  private readonly scopes = new Map<PyNode, PyNode | null>();
  private readonly resolved = new Map<PyNode, string | null>();

  private classifyUncached(call: PyNode): CallInfo {
    const fnExpr = child(call, 'function');
    const unknown: CallInfo = { kind: 'unknown', callee: fnExpr ? this.text(fnExpr) : '', qname: null, fn: null, confidence: 0, why: words('py.why.unknown') };
    if (!fnExpr) return unknown;
    const callee = this.text(fnExpr);
    const fn = this.snippetFunction(fnExpr);
    if (fn) {
      if (!fn.isAsync) return { kind: 'snippet-sync', callee, qname: null, fn, confidence: 0.9, why: words('py.why.snippet-def') };
      if (fn.isAsyncCm) return { kind: 'asynccm', callee, qname: null, fn, confidence: 0.9, why: words('py.why.snippet-async-cm') };
      if (fn.isAsyncGen) return { kind: 'asyncgen', callee, qname: null, fn, confidence: 0.9, why: words('py.why.snippet-async-gen') };
      return { kind: 'coroutine', callee, qname: null, fn, confidence: 0.95, why: words('py.why.snippet-async-def') };
    }
    const q = this.resolve(fnExpr);
    const shortName = fnExpr.type === 'attribute' ? this.text(child(fnExpr, 'attribute') ?? fnExpr) : callee;
    if (q && !q.startsWith('local:') && !q.startsWith('snippet:')) {
      if (ASYNC_CM_FUNCTIONS.has(q)) return { kind: 'asynccm', callee, qname: q, fn: null, confidence: 0.9, why: words('py.why.async-cm') };
      if (COROUTINE_FUNCTIONS.has(q)) return { kind: 'coroutine', callee, qname: q, fn: null, confidence: 0.9, why: words('py.why.coroutine-function') };
      const blocking = BLOCKING_FUNCTIONS.get(q);
      // A file open or a disk check is usually quick: reported, but with less certainty than a sleep or a request.
      if (blocking && (!BLOCKING_BUILTINS.has(q) || callee === q)) return { kind: 'blocking', callee, qname: q, fn: null, confidence: blockingConfidence(q), why: words(blocking) };
      if (fnExpr.type === 'identifier' && q !== callee) {
        // imported under another name but unknown to us
      }
    }
    if (fnExpr.type === 'attribute') {
      const obj = child(fnExpr, 'object')!;
      const attr = shortName;
      // `Path(p).exists()`, `httpx.Client().get(url)`: the receiver made on the spot.
      const origin = this.originOf(obj) ?? (obj.type === 'call' ? this.valueOrigin(obj) : null);
      let family = origin ? familyOf(origin) : null;
      const objText = this.text(obj);
      if (!family && (objText === 'loop' || objText.endsWith('.loop'))) family = 'loop';
      // `from telethon import sync` makes every client method run the loop itself.
      if (family === 'telethon.TelegramClient' && this.importsAny(/^telethon\.sync(\.|$)/)) family = null;
      const kind: MethodKind | undefined = family ? METHOD_FAMILIES[family]?.[attr] : undefined;
      if (kind) {
        const map: Record<MethodKind, CallKind> = { coroutine: 'coroutine', asynccm: 'asynccm', blocking: 'blocking', 'thread-unsafe': 'thread-unsafe' };
        const why = kind === 'blocking' ? words(FAMILY_WHY[family!] ?? 'py.blocks.database-or-network') : words('py.why.family-method', { family: family! });
        const qname = `${family}.${attr}`;
        const sure = kind === 'blocking' ? blockingConfidence(qname) : 0.9;
        return { kind: map[kind], callee, qname, fn: null, confidence: origin ? sure : Math.min(sure, 0.7), why };
      }
      if (!family && this.tortoiseQuery(call, fnExpr) && !this.tortoiseQueryReceiver(call)) {
        return { kind: 'coroutine', callee, qname: `tortoise.${attr}`, fn: null, confidence: 0.85, why: words('py.why.tortoise-query') };
      }
      if (!family && !this.isModuleObject(obj)) {
        const webRequest = objText === 'request' && this.importsAny(/^(fastapi|starlette|aiohttp\.web)(\.|$)/) && /^(json|body|form)$/.test(attr);
        if (webRequest) return { kind: 'coroutine', callee, qname: `request.${attr}`, fn: null, confidence: 0.8, why: words('py.why.web-request') };
        const lib = LIBRARY_COROUTINE_METHODS.find(
          (l) =>
            l.methods.has(attr) &&
            (this.importsAny(l.library) ||
              (((this.hints.librariesNamed?.includes(l.name) ?? false) || (l.namedBy?.test(this.code) ?? false)) && !(l.rivals && this.importsAny(l.rivals)))) &&
            !(l.unless && this.importsAny(l.unless)) &&
            !(l.ownLoopOutside?.has(attr) && !SnippetModel.onLoop(this.scopeOf(call).kind)),
        );
        if (lib) return { kind: 'coroutine', callee, qname: `${lib.name}.${attr}`, fn: null, confidence: 0.8, why: words('py.why.library-coroutine', { library: lib.name }) };
        if (PYPPETEER_DISTINCTIVE.has(attr) && !this.functions.has(attr)) return { kind: 'coroutine', callee, qname: `pyppeteer.${attr}`, fn: null, confidence: 0.75, why: words('py.why.library-coroutine', { library: 'pyppeteer' }) };
      }
      const beforeV2 = DISCORD_V2_COROUTINES.has(attr) && this.syncExtensionSetup;
      if (!family && !beforeV2 && DISCORD_COROUTINE_METHODS.has(attr) && !this.isModuleObject(obj) && this.looksDiscord(objText, attr)) {
        // On the object discord.py hands a command or an event (`ctx` of `@bot.command()`), the method is surely its coroutine.
        const sure = this.usesDiscord && this.onHandlerParameter(call, objText);
        return { kind: 'coroutine', callee, qname: `discord.${attr}`, fn: null, confidence: sure ? 0.9 : 0.8, why: words('py.why.discord-coroutine') };
      }
      if (this.hints.coroutineNames.includes(attr)) {
        return { kind: 'coroutine', callee, qname: null, fn: null, confidence: 0.85, why: words('py.why.reported-never-awaited') };
      }
      // `self.fetch_data(url)` in one block, `async def fetch_data(self, url)` in the class another block shows.
      if (objText === 'self' && !this.functions.has(attr) && this.hints.siblingAsync?.includes(`self.${attr}`)) {
        return { kind: 'coroutine', callee, qname: null, fn: null, confidence: 0.8, why: words('py.why.sibling-async-method') };
      }
      const same = this.functions.get(attr) ?? [];
      if (!this.isModuleObject(obj) && !family && same.length > 0 && same.every((f) => f.isAsync && !f.isAsyncGen && !f.isAsyncCm) && same.some((f) => f.className) && !this.otherObject(obj, same)) {
        return { kind: 'coroutine', callee, qname: null, fn: same[0]!, confidence: 0.7, why: words('py.why.snippet-async-method') };
      }
      return unknown;
    }
    if (fnExpr.type === 'identifier' && this.hints.coroutineNames.includes(callee) && !(q ?? '').startsWith('local:')) {
      return { kind: 'coroutine', callee, qname: null, fn: null, confidence: 0.9, why: words('py.why.reported-never-awaited') };
    }
    if (fnExpr.type === 'identifier' && q === callee && this.hints.siblingAsync?.includes(callee)) {
      return { kind: 'coroutine', callee, qname: null, fn: null, confidence: 0.85, why: words('py.why.sibling-async-def') };
    }
    // `sleep(3)`, not awaited, its import left out of the paste (a cut-out handler): `from time import sleep`'s
    // name. asyncio's would be awaited (an `await sleep(…)` is left alone) and the paste would show `from asyncio import`.
    if (fnExpr.type === 'identifier' && callee === 'sleep' && q === 'sleep' && !this.importsFromAsyncio && this.usage(call).kind !== 'awaited') {
      return { kind: 'blocking', callee, qname: 'time.sleep', fn: null, confidence: 0.7, why: words('py.blocks.sleep') };
    }
    return unknown;
  }

  /**
   * A Tortoise ORM query, in a paste that imports or names Tortoise: `Model.filter(…)` on a model class
   * (a CamelCase name the paste neither defines as a function nor imports from Tortoise or another known
   * module), or a QuerySet method called on such a query (`Model.filter(…).first()`).
   */
  private tortoiseQuery(call: PyNode, fnExpr: PyNode): boolean {
    if (fnExpr.type !== 'attribute' || !(this.hints.tortoiseNamed || this.importsAny(/^tortoise(\.|$)/))) return false;
    const obj = child(fnExpr, 'object');
    const attr = child(fnExpr, 'attribute');
    if (!obj || !attr) return false;
    const method = this.text(attr);
    if (obj.type === 'call') {
      const inner = child(obj, 'function');
      return TORTOISE_QUERY_METHODS.has(method) && inner !== null && this.tortoiseQuery(obj, inner);
    }
    if (obj.type !== 'identifier' || !TORTOISE_MODEL_METHODS.has(method)) return false;
    const name = this.text(obj);
    if (!CAMEL_CASE_CLASS.test(name) || this.functions.has(name)) return false;
    const q = this.resolve(obj);
    return !(q && (q.startsWith('tortoise.') || this.isModuleObject(obj)));
  }

  /** The call is itself the receiver of the next QuerySet method (`Model.filter(…)` in `Model.filter(…).first()`): the query is not finished there. */
  private tortoiseQueryReceiver(call: PyNode): boolean {
    const p = call.parent;
    if (p?.type !== 'attribute' || child(p, 'object') !== call || p.parent?.type !== 'call') return false;
    const attr = child(p, 'attribute');
    return attr !== null && TORTOISE_QUERY_METHODS.has(this.text(attr));
  }

  /**
   * The receiver is visibly not an instance of the classes defining the method:
   * its value came from a known call (`server = await asyncio.start_server(…)`),
   * or it is `self.x` inside the only class that defines it (that would be `self.m()`),
   * or an object discord.py hands a command through its context (`ctx.voice_client.play(…)` in a cog
   * whose own command is `async def play`): only `ctx.bot`, `interaction.client` (the user's Bot
   * subclass) and `ctx.cog` may be instances of the paste's classes.
   */
  private otherObject(obj: PyNode, methods: FunctionInfo[]): boolean {
    if (DISCORD_CONTEXT_OBJECT.test(this.text(obj))) return true;
    const origin = this.originOf(obj);
    if (origin && !methods.some((f) => f.className && origin.replace(/^await:/, '').split('.').pop() === f.className)) return true;
    if (obj.type === 'attribute' && this.text(child(obj, 'object') ?? obj) === 'self') {
      const cls = this.enclosingClass(obj);
      return cls !== null && methods.every((f) => f.className === cls);
    }
    return false;
  }

  /** The snippet imports a module whose qualified name matches. */
  importsAny(module: RegExp): boolean {
    for (const q of this.aliases.values()) if (module.test(q)) return true;
    return false;
  }

  private isModuleObject(obj: PyNode): boolean {
    const q = this.resolve(obj);
    if (!q || q.startsWith('local:') || q.startsWith('snippet:')) return false;
    const head = this.text(obj).split('.')[0]!;
    return this.aliases.has(head) || /^(asyncio|time|os|sys|json|requests|subprocess|threading|re|math|random)$/.test(head);
  }

  /**
   * `objText` starts with the first parameter of the `async def` around `call`, and that function is
   * a command or an event handler by its decorator (`@bot.command()`, `@app_commands.command()`,
   * `@bot.event`, `@commands.Cog.listener()`): the library, not the user, made that object.
   */
  private onHandlerParameter(call: PyNode, objText: string): boolean {
    const fn = this.scopeOf(call).fn;
    if (!fn?.isAsync || !fn.decorators.some((d) => /^(?:[\w.]+\.)?(?:command|hybrid_command|event|listener)\b/.test(d))) return false;
    const params = child(fn.node, 'parameters');
    const names = params ? namedChildren(params).filter((p) => p.type === 'identifier' || p.type === 'typed_parameter').map((p) => this.text(p).split(':')[0]!.trim()) : [];
    const first = names.find((n) => n !== 'self' && n !== 'cls');
    return first !== undefined && objText.split('.')[0] === first;
  }

  private looksDiscord(objText: string, attr: string): boolean {
    const strong = /(^|\.)(ctx|interaction|message|msg|channel|member|author|guild|bot|client|thread|webhook|followup|response|tree|dm|user)$/.test(objText);
    if (/^(ctx|interaction)(\.|$)/.test(objText)) return true;
    if (!this.usesDiscord) return false;
    const generic = /^(send|edit|delete|start|connect|sync|login|pin|kick|ban|purge|reply|defer)$/.test(attr);
    return generic ? strong : true;
  }

  /** How the value of a call (or any expression) is used by its surroundings. */
  usage(expr: PyNode): Usage {
    let n = expr;
    let p = n.parent;
    while (p && p.type === 'parenthesized_expression') {
      n = p;
      p = p.parent;
    }
    if (!p) return { kind: 'other' };
    switch (p.type) {
      case 'await':
        return { kind: 'awaited', node: p };
      case 'expression_statement':
        return { kind: 'bare' };
      case 'argument_list': {
        const call = p.parent;
        const f = call ? child(call, 'function') : null;
        const q = f ? this.resolve(f) : null;
        return { kind: 'passed', to: q ?? (f ? this.text(f) : null) };
      }
      case 'keyword_argument':
      case 'list':
      case 'tuple':
      case 'set':
      case 'pair':
      case 'lambda':
      case 'yield':
      case 'list_splat':
      case 'conditional_expression':
      case 'list_comprehension':
      case 'generator_expression':
      case 'expression_list':
        return { kind: 'passed', to: null };
      case 'assignment':
        if (n.field === 'right') {
          const left = child(p, 'left');
          if (left) return { kind: 'stored', target: this.text(left), targetNode: left };
        }
        return { kind: 'other' };
      case 'return_statement':
        return { kind: 'returned' };
      case 'attribute': {
        if (n.field !== 'object') return { kind: 'other' };
        // `… instead of await asyncio.sleep(5).` then the next paragraph: a sentence's full stop that the
        // parser's recovery joined to the next line's first word, not an attribute (Python puts no line
        // break between a dot and the name after it).
        const dot = p.children.find((c) => c.type === '.');
        const name = child(p, 'attribute');
        if (dot && name && this.code.slice(dot.end, name.start).includes('\n')) return { kind: 'other' };
        return { kind: 'value', how: 'attribute' };
      }
      case 'subscript':
        return n.field === 'value' ? { kind: 'value', how: 'index' } : { kind: 'other' };
      case 'for_statement':
      case 'for_in_clause':
        return n.field === 'right' ? { kind: 'iterated' } : { kind: 'other' };
      case 'comparison_operator':
      case 'boolean_operator':
      case 'not_operator':
      case 'binary_operator':
      case 'unary_operator':
        return { kind: 'value', how: 'compare' };
      case 'interpolation':
        return { kind: 'value', how: 'format' };
      case 'if_statement':
      case 'while_statement':
      case 'elif_clause':
        return n.field === 'condition' ? { kind: 'value', how: 'condition' } : { kind: 'other' };
      case 'with_item':
      case 'as_pattern':
        return { kind: 'with-item' };
      default:
        return { kind: 'other' };
    }
  }

  /** The statement (direct child of a block or the module) containing n. */
  statementOf(n: PyNode): PyNode {
    let s = n;
    while (s.parent && s.parent.type !== 'block' && s.parent.type !== 'module') s = s.parent;
    return s;
  }
}

/** True when pred holds for a node under n that is not inside a nested def/lambda/class. */
export function containsOwn(n: PyNode, pred: (c: PyNode) => boolean): boolean {
  for (const c of n.children) {
    if (c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
    if (pred(c) || containsOwn(c, pred)) return true;
  }
  return false;
}
