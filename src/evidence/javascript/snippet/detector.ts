import type { SnippetHints } from '../../snippet.js';
import type { SnippetModel } from './model.js';
import type { Phrase } from '../../types.js';

/** A finding before the analyser stamps language and block index on it. */
export interface RawFinding {
  line: number;
  column?: number;
  message: Phrase;
  confidence: number;
  data: Record<string, string>;
}

/** One detector: one kind of mistake. */
export interface Detector {
  id: string;
  detect(model: SnippetModel, hints: SnippetHints): RawFinding[];
}
