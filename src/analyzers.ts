/**
 * The snippet analysers and fixers the engine uses, listed explicitly. Adding
 * a language means one analyser and one fixer table here.
 */
import type { SnippetAnalyzer } from './evidence/snippet.js';
import type { Fixer } from './fix/types.js';

export interface CodeTools {
  analyzers: SnippetAnalyzer[];
  fixers: Record<string, Fixer>;
}

export async function loadCodeTools(): Promise<CodeTools> {
  return { analyzers: [], fixers: {} };
}
