/**
 * Python snippet analysis: parse the user's block with tree-sitter, build the
 * scope model, run every detector. `analyze` is synchronous; only loading the
 * grammar is async (once per process).
 */
import type { SnippetAnalyzer, SnippetHints } from '../../snippet.js';
import type { SnippetFinding } from '../../types.js';
import { pythonDetectors } from './detectors.js';
import { SnippetModel } from './model.js';
import { prepareSnippet } from './prepare.js';
import { countParseErrors, loadedPythonParser, loadPythonParser, parseToPlainTree } from './tree.js';

export type { SnippetModel, FunctionInfo } from './model.js';

export const pythonDetectorIds = Object.freeze(Object.keys(pythonDetectors)) as readonly string[];

const NO_HINTS: SnippetHints = { coroutineNames: [], lines: [], notebook: false };

/** Parses a block and builds its model. Needs `createPythonAnalyzer()` (or `loadPythonParser()`) to have finished. */
export function buildPythonModel(code: string, hints: SnippetHints = NO_HINTS): { model: SnippetModel; errorCount: number } {
  const parser = loadedPythonParser();
  if (!parser) throw new Error('the Python grammar is not loaded yet: await createPythonAnalyzer() first');
  const prepared = prepareSnippet(code);
  const { root, errorCount } = parseToPlainTree(parser, prepared.code);
  return { model: new SnippetModel(prepared.code, root, prepared, hints), errorCount };
}

/** How many ERROR/MISSING nodes the parser finds (fixers must not add any). Null before the grammar is loaded. */
export function pythonParseErrors(code: string): number | null {
  const parser = loadedPythonParser();
  if (!parser) return null;
  return countParseErrors(parser, prepareSnippet(code).code);
}

export function analyzePython(code: string, blockIndex: number, hints: SnippetHints = NO_HINTS): SnippetFinding[] {
  const { model } = buildPythonModel(code, hints);
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
  return findings;
}

export async function createPythonAnalyzer(): Promise<SnippetAnalyzer> {
  await loadPythonParser();
  return {
    language: 'python',
    detectorIds: pythonDetectorIds,
    analyze: (code, blockIndex, hints) => analyzePython(code, blockIndex, hints),
  };
}
