/**
 * The snippet analysers and fixers the engine uses, listed explicitly. Adding
 * a language means one analyser and one fixer table here.
 */
import { createJavaScriptAnalyzer } from './evidence/javascript/snippet/index.js';
import { createPythonAnalyzer } from './evidence/python/snippet/index.js';
import type { SnippetAnalyzer } from './evidence/snippet.js';
import { javascriptFixers } from './fix/javascript/index.js';
import { pythonFixers } from './fix/python/index.js';
import type { Fixer } from './fix/types.js';

export interface CodeTools {
  analyzers: SnippetAnalyzer[];
  fixers: Record<string, Fixer>;
}

let loaded: Promise<CodeTools> | null = null;

/** Loaded once per process: the Python grammar is WebAssembly and takes ~30 ms to instantiate. */
export function loadCodeTools(): Promise<CodeTools> {
  loaded ??= (async () => ({
    analyzers: [await createPythonAnalyzer(), createJavaScriptAnalyzer()],
    fixers: { ...pythonFixers, ...javascriptFixers },
  }))();
  return loaded;
}
