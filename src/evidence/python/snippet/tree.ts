/**
 * Loads the tree-sitter Python grammar once and turns a parse into a plain
 * JavaScript tree. The wasm tree is freed straight away, so nothing the
 * detectors hold can leak wasm memory (an unfreed tree grows the wasm heap
 * until the module aborts).
 *
 * Copying the tree is most of the cost of an analysis if done through
 * `TreeCursor`'s getters: each one writes the cursor's four words into the
 * wasm transfer buffer through a DataView, calls wasm, and the moves read the
 * four words back — six such calls per node. The wasm side keeps the cursor
 * in that same buffer between calls, so when the binding's exports are
 * reachable (web-tree-sitter hands its Emscripten module object back through
 * the options passed to `Parser.init`) the copy calls them directly and the
 * marshalling disappears (the copy is ~4x faster). When they are not
 * (another web-tree-sitter build, or `Parser.init` already called elsewhere
 * in the process: web-tree-sitter initializes once) the same walk runs
 * through the public `TreeCursor` API; both give identical trees, which the
 * tests check, as they check that the wasm heap stays flat.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

export interface PyNode {
  type: string;
  named: boolean;
  /** Field name in the parent (`function`, `arguments`, `body`, …) or null. */
  field: string | null;
  /** UTF-16 offsets into the parsed text. */
  start: number;
  end: number;
  parent: PyNode | null;
  children: PyNode[];
}

/** The binding's cursor exports: each takes the tree address and works on the cursor held in the transfer buffer. */
interface DirectCursor {
  /** Writes the tree's root node into the transfer buffer. */
  rootNode(tree: number): number;
  /** Makes a cursor on the node in the transfer buffer and leaves the cursor there. */
  open(tree: number): number;
  /** Frees the cursor in the transfer buffer (its stack, which moves as the walk deepens). */
  close(tree: number): number;
  firstChild(tree: number): number;
  nextSibling(tree: number): number;
  parent(tree: number): number;
  typeId(tree: number): number;
  fieldId(tree: number): number;
  startIndex(tree: number): number;
  endIndex(tree: number): number;
}

let loading: Promise<Parser> | null = null;
let loaded: Parser | null = null;
let direct: DirectCursor | null = null;
let wasmModule: Record<string, unknown> | null = null;

const CURSOR_EXPORTS = {
  rootNode: '_ts_tree_root_node_wasm',
  open: '_ts_tree_cursor_new_wasm',
  close: '_ts_tree_cursor_delete_wasm',
  firstChild: '_ts_tree_cursor_goto_first_child_wasm',
  nextSibling: '_ts_tree_cursor_goto_next_sibling_wasm',
  parent: '_ts_tree_cursor_goto_parent_wasm',
  typeId: '_ts_tree_cursor_current_node_type_id_wasm',
  fieldId: '_ts_tree_cursor_current_field_id_wasm',
  startIndex: '_ts_tree_cursor_start_index_wasm',
  endIndex: '_ts_tree_cursor_end_index_wasm',
} as const satisfies Record<keyof DirectCursor, string>;

/** The binding's cursor functions from the module object `Parser.init` filled in, or null if any is missing. */
function directCursorOf(moduleObject: Record<string, unknown>): DirectCursor | null {
  const out: Partial<Record<keyof DirectCursor, (tree: number) => number>> = {};
  for (const [key, name] of Object.entries(CURSOR_EXPORTS) as [keyof DirectCursor, string][]) {
    const fn = moduleObject[name];
    if (typeof fn !== 'function') return null;
    out[key] = fn as (tree: number) => number;
  }
  return out as DirectCursor;
}

/** Loads web-tree-sitter and the Python grammar from node_modules (once per process). */
export function loadPythonParser(): Promise<Parser> {
  if (!loading) {
    loading = (async () => {
      const moduleObject: Record<string, unknown> = {};
      await Parser.init(moduleObject);
      direct = directCursorOf(moduleObject);
      wasmModule = moduleObject;
      const wasm = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
      const language = await Language.load(wasm);
      const parser = new Parser();
      parser.setLanguage(language);
      loaded = parser;
      return parser;
    })();
  }
  return loading;
}

/** Size of the wasm heap in bytes (null if unknown): tests check that walking trees does not grow it. */
export function wasmHeapBytes(): number | null {
  const heap = wasmModule?.HEAP8;
  return heap instanceof Int8Array ? heap.length : null;
}

/** The parser if `loadPythonParser()` has finished, else null (fixers use it to check their output). */
export function loadedPythonParser(): Parser | null {
  return loaded;
}

export interface ParsedTree {
  root: PyNode;
  /** ERROR and MISSING nodes: how badly the text failed to parse. */
  errorCount: number;
}

/** How the tree is read out of wasm: `auto` uses the direct exports when present; `cursor` forces the public API (tests compare both). */
export type CopyMode = 'auto' | 'cursor';

/** True when copies run on the binding's exports rather than the public cursor API. */
export function usesDirectCopy(): boolean {
  return direct !== null;
}

/** The cursor operations one copy needs, bound to one wasm tree. */
interface Walk {
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  typeId(): number;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
}

function publicWalk(cursor: ReturnType<Tree['walk']>): Walk {
  return {
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
  };
}

/**
 * Runs `fn` with a cursor on the whole tree, and frees the cursor after.
 *
 * The direct path never lets a JavaScript `TreeCursor` hold the cursor: its
 * four words include the address of the cursor's stack, which the wasm side
 * reallocates when the walk goes deep, so a JavaScript copy taken before the
 * walk would free the old stack a second time and leak the new one. The
 * cursor lives only in the transfer buffer, from `open` to `close`, and
 * nothing else runs on the buffer in between.
 */
function withWalk<T>(tree: Tree, mode: CopyMode, fn: (w: Walk) => T): T {
  const d = mode === 'auto' ? direct : null;
  if (!d) {
    const cursor = tree.walk();
    try {
      return fn(publicWalk(cursor));
    } finally {
      cursor.delete();
    }
  }
  const t = (tree as unknown as Record<number, number>)[0]!;
  d.rootNode(t);
  d.open(t);
  try {
    return fn({
      firstChild: () => d.firstChild(t) === 1,
      nextSibling: () => d.nextSibling(t) === 1,
      parent: () => d.parent(t) === 1,
      typeId: () => d.typeId(t),
      fieldId: () => d.fieldId(t),
      startIndex: () => d.startIndex(t),
      endIndex: () => d.endIndex(t),
    });
  } finally {
    d.close(t);
  }
}

/** Zero-width tokens are what the parser inserts for MISSING nodes. */
function isErrorNode(type: string, start: number, end: number): boolean {
  return type === 'ERROR' || (start === end && type !== 'module' && type !== 'block');
}

/** Parses `code` and copies the tree into plain objects; the wasm tree is deleted before returning. */
export function parseToPlainTree(parser: Parser, code: string, mode: CopyMode = 'auto'): ParsedTree {
  const language = parser.language!;
  const grammar = grammarOf(language);
  const tree = parser.parse(code);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return withWalk(tree, mode, (w) => copyTree(w, grammar));
  } finally {
    tree.delete();
  }
}

/** Counts ERROR and MISSING nodes of a parse without copying the tree. */
export function countParseErrors(parser: Parser, code: string, mode: CopyMode = 'auto'): number {
  const { types } = grammarOf(parser.language!);
  const tree = parser.parse(code);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return withWalk(tree, mode, (w) => {
      let errors = 0;
      let depth = 0;
      if (!w.firstChild()) return 0;
      for (;;) {
        const typeId = w.typeId();
        const type = typeId === 65535 ? 'ERROR' : types[typeId] ?? 'ERROR';
        if (isErrorNode(type, w.startIndex(), w.endIndex())) errors++;
        if (w.firstChild()) {
          depth++;
          continue;
        }
        while (!w.nextSibling()) {
          if (depth === 0 || !w.parent()) return errors;
          depth--;
        }
      }
    });
  } finally {
    tree.delete();
  }
}

/** Shared by every leaf (most nodes): an empty array per leaf would only be garbage. Nothing mutates `children` after the copy. */
const NO_CHILDREN: PyNode[] = Object.freeze([]) as unknown as PyNode[];

interface Grammar {
  /** Type name per type id, internalized: the model compares types with `===` millions of times, and an internalized string compares by pointer. */
  types: (string | undefined)[];
  fields: (string | null)[];
  named: boolean[];
}

const grammars = new WeakMap<Language, Grammar>();

/** A string V8 stores once (property keys are), so `===` against a literal compares pointers. */
function internalize(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/** Type names, field names and which types are named, read once per grammar (so no wasm call runs inside a walk). */
function grammarOf(language: Language): Grammar {
  let g = grammars.get(language);
  if (!g) {
    g = {
      types: language.types.map((t) => (typeof t === 'string' ? internalize(t) : t)),
      fields: language.fields.map((f) => (typeof f === 'string' ? internalize(f) : f)),
      named: language.types.map((_, id) => language.nodeTypeIsNamed(id)),
    };
    grammars.set(language, g);
  }
  return g;
}

function copyTree(w: Walk, grammar: Grammar): ParsedTree {
  const { types, fields, named } = grammar;
  let errorCount = 0;
  const rootType = w.typeId();
  const root: PyNode = {
    type: types[rootType] ?? 'ERROR',
    named: true,
    field: null,
    start: w.startIndex(),
    end: w.endIndex(),
    parent: null,
    children: [],
  };
  let current = root;
  // Iterative pre-order walk with the cursor: no Node objects are created.
  if (w.firstChild()) {
    for (;;) {
      const typeId = w.typeId();
      const start = w.startIndex();
      const end = w.endIndex();
      const type = typeId === 65535 ? 'ERROR' : types[typeId] ?? 'ERROR';
      const node: PyNode = {
        type,
        named: typeId === 65535 || (named[typeId] ?? false),
        field: fields[w.fieldId()] ?? null,
        start,
        end,
        parent: current,
        children: NO_CHILDREN,
      };
      if (isErrorNode(type, start, end)) errorCount++;
      current.children.push(node);
      if (w.firstChild()) {
        node.children = [];
        current = node;
        continue;
      }
      let moved = false;
      while (!moved) {
        if (w.nextSibling()) {
          moved = true;
        } else if (w.parent()) {
          if (current.parent === null) break;
          current = current.parent;
        } else {
          break;
        }
      }
      if (!moved) break;
    }
  }
  return { root, errorCount };
}
