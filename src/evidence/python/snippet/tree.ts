/**
 * Loads the tree-sitter Python grammar once and turns a parse into a plain
 * JavaScript tree. The wasm tree is freed straight away, so nothing the
 * detectors hold can leak wasm memory (an unfreed tree grows the wasm heap
 * until the module aborts).
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

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

let loading: Promise<Parser> | null = null;
let loaded: Parser | null = null;

/** Loads web-tree-sitter and the Python grammar from node_modules (once per process). */
export function loadPythonParser(): Promise<Parser> {
  if (!loading) {
    loading = (async () => {
      await Parser.init();
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

/** The parser if `loadPythonParser()` has finished, else null (fixers use it to check their output). */
export function loadedPythonParser(): Parser | null {
  return loaded;
}

export interface ParsedTree {
  root: PyNode;
  /** ERROR and MISSING nodes: how badly the text failed to parse. */
  errorCount: number;
}

/** Parses `code` and copies the tree into plain objects; the wasm tree is deleted before returning. */
export function parseToPlainTree(parser: Parser, code: string): ParsedTree {
  const tree = parser.parse(code);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const cursor = tree.walk();
    try {
      let errorCount = 0;
      const language = parser.language!;
      const types = language.types;
      const fields = language.fields;
      const named = new Map<number, boolean>();
      const isNamed = (id: number) => {
        let v = named.get(id);
        if (v === undefined) {
          v = language.nodeTypeIsNamed(id);
          named.set(id, v);
        }
        return v;
      };
      const root: PyNode = {
        type: cursor.nodeType,
        named: true,
        field: null,
        start: cursor.startIndex,
        end: cursor.endIndex,
        parent: null,
        children: [],
      };
      let current = root;
      // Iterative pre-order walk with the cursor: no Node objects are created.
      if (cursor.gotoFirstChild()) {
        for (;;) {
          const typeId = cursor.nodeTypeId;
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          const node: PyNode = {
            type: typeId === 65535 ? 'ERROR' : types[typeId] ?? 'ERROR',
            named: typeId === 65535 || isNamed(typeId),
            field: fields[cursor.currentFieldId] ?? null,
            start,
            end,
            parent: current,
            children: [],
          };
          // Zero-width tokens are what the parser inserts for MISSING nodes.
          if (node.type === 'ERROR' || (start === end && node.type !== 'module' && node.type !== 'block')) errorCount++;
          current.children.push(node);
          if (cursor.gotoFirstChild()) {
            current = node;
            continue;
          }
          let moved = false;
          while (!moved) {
            if (cursor.gotoNextSibling()) {
              moved = true;
            } else if (cursor.gotoParent()) {
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
    } finally {
      cursor.delete();
    }
  } finally {
    tree.delete();
  }
}
