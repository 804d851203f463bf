/**
 * Python snippet analysis: parse the user's block with tree-sitter, build the
 * scope model, run every detector. `analyze` is synchronous; only loading the
 * grammar is async (once per process).
 */
import { analysisLimitsEnforced, MAX_NESTING } from '../../limits.js';
import { SnippetTooComplex, type SnippetAnalyzer, type SnippetHints } from '../../snippet.js';
import type { SnippetFinding } from '../../types.js';
import { pythonDetectors } from './detectors/index.js';
import { SnippetModel } from './model.js';
import { nestingDepth } from './nesting.js';
import { prepareSnippet } from './prepare.js';
import type { Parser } from 'web-tree-sitter';
import { countParseErrors, loadedPythonParser, loadPythonParser, parseToPlainTree, type ParsedTree } from './tree.js';

export type { SnippetModel, FunctionInfo } from './model.js';

export const pythonDetectorIds = Object.freeze(Object.keys(pythonDetectors)) as readonly string[];

const NO_HINTS: SnippetHints = { coroutineNames: [], lines: [], notebook: false };

/**
 * Trees of the last few blocks fixers asked about, by prepared text. A fixer
 * builds the block's model, then counts the block's parse errors to compare
 * with its output, and several fixers may run on one block: they share one
 * parse. Analysis does not keep its trees: holding every analysed tree for a
 * while gets them promoted to V8's old space, which cost ~15% of analysis
 * time in the bench. It keeps one, in `lastFound` (below).
 */
const recentTrees = new Map<string, ParsedTree>();
const RECENT_TREES = 4;

function remember(code: string, tree: ParsedTree): void {
  recentTrees.delete(code);
  recentTrees.set(code, tree);
  if (recentTrees.size > RECENT_TREES) recentTrees.delete(recentTrees.keys().next().value!);
}

/**
 * The tree of the last block analysis found something in, until the next analysis: the block a fixer
 * rewrites next, whose model it builds from this tree instead of parsing the block again. One tree,
 * replaced (or dropped) by every analysis, so analysis holds nothing beyond the block at hand.
 */
let lastFound: { code: string; tree: ParsedTree } | null = null;

/**
 * Trees of blocks a sibling block asked about (`pythonAsyncCallees`, asked of every block of a paste with
 * several Python blocks before any is analysed), each taken by the block's own analysis right after. At
 * most a few: a block asked about and then never analysed is pushed out by the next ones.
 */
const askedBySibling = new Map<string, ParsedTree>();

/** The tree of `code` (prepared) when one is kept. */
function keptTree(code: string): ParsedTree | undefined {
  return recentTrees.get(code) ?? (lastFound?.code === code ? lastFound.tree : undefined);
}

function loadedParser(): Parser {
  const parser = loadedPythonParser();
  if (!parser) throw new Error('the Python grammar is not loaded yet: await createPythonAnalyzer() first');
  return parser;
}

/** `fromSibling`: take the tree a sibling block's question left (analysis); `forSibling`: leave the tree for the block's analysis. */
function build(code: string, hints: SnippetHints, reuse: boolean, fromSibling = false, forSibling = false): { model: SnippetModel; errorCount: number; tree: ParsedTree } {
  const prepared = prepareSnippet(code);
  if (analysisLimitsEnforced() && nestingDepth(prepared.code) > MAX_NESTING) throw new SnippetTooComplex('nesting');
  let tree = reuse ? keptTree(prepared.code) : fromSibling ? askedBySibling.get(prepared.code) : undefined;
  if (fromSibling) askedBySibling.delete(prepared.code);
  if (!tree) {
    tree = parseToPlainTree(loadedParser(), prepared.code);
    if (reuse) remember(prepared.code, tree);
    if (forSibling) {
      askedBySibling.set(prepared.code, tree);
      if (askedBySibling.size > RECENT_TREES) askedBySibling.delete(askedBySibling.keys().next().value!);
    }
  }
  return { model: new SnippetModel(prepared.code, tree.root, prepared, hints), errorCount: tree.errorCount, tree };
}

/** Parses a block (or reuses the tree of a block a fixer just read) and builds its model. Needs `createPythonAnalyzer()` (or `loadPythonParser()`) to have finished. */
export function buildPythonModel(code: string, hints: SnippetHints = NO_HINTS): { model: SnippetModel; errorCount: number } {
  return build(code, hints, true);
}

/** How many ERROR/MISSING nodes the parser finds (fixers must not add any). Null before the grammar is loaded. */
export function pythonParseErrors(code: string): number | null {
  const parser = loadedPythonParser();
  if (!parser) return null;
  const prepared = prepareSnippet(code).code;
  return keptTree(prepared)?.errorCount ?? countParseErrors(parser, prepared);
}

export function analyzePython(code: string, blockIndex: number, hints: SnippetHints = NO_HINTS): SnippetFinding[] {
  lastFound = null;
  const { model, tree } = build(code, hints, false, true);
  const findings: SnippetFinding[] = [];
  const seen = new Set<string>();
  for (const detector of Object.values(pythonDetectors)) {
    detector(model, (node, id, message, confidence, data) => {
      const pos = model.position(node.start);
      const key = `${id}@${node.start}`;
      if (seen.has(key)) return;
      seen.add(key);
      const hinted = hints.lines.includes(pos.line);
      findings.push({
        detector: id,
        language: 'python',
        line: pos.line,
        column: pos.col,
        blockIndex,
        message,
        confidence: hinted ? Math.min(1, confidence + 0.05) : confidence,
        data,
      });
    });
  }
  findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  if (findings.length > 0) lastFound = { code: model.code, tree };
  return findings;
}

/**
 * The plain coroutine functions a block defines (not generators or context managers): module-level
 * ones by name (`fetch`), methods as `self.` calls reach them (`self.fetch`).
 */
export function pythonAsyncCallees(code: string): string[] {
  const { model } = build(code, NO_HINTS, false, false, true);
  const out: string[] = [];
  for (const [name, defs] of model.functions) {
    if (!defs.every((f) => f.isAsync && !f.isAsyncGen && !f.isAsyncCm)) continue;
    if (defs.every((f) => f.className === null)) out.push(name);
    else if (defs.every((f) => f.className !== null)) out.push(`self.${name}`);
  }
  return out;
}

export async function createPythonAnalyzer(): Promise<SnippetAnalyzer> {
  await loadPythonParser();
  return {
    language: 'python',
    detectorIds: pythonDetectorIds,
    analyze: (code, blockIndex, hints) => analyzePython(code, blockIndex, hints),
    asyncCallees: (code) => pythonAsyncCallees(code),
  };
}
