/**
 * MiniSearch's OR search over documents that never change (the rules), with each term's scores kept.
 *
 * A question is ranked term by term: MiniSearch scores every term of every question from its index
 * again (option objects spread per term, a radix-tree walk, BM25 per field and rule), which was a
 * third of the time of a prose paste. With a fixed set of documents a term always scores the same,
 * so each term is asked of MiniSearch once, the first time a question uses it, and a question only
 * adds up its terms' kept scores. The sums are made exactly as MiniSearch's OR makes them (same terms,
 * same order, same floating-point additions), so every score, every tie and its order are MiniSearch's.
 * Only the index's own vocabulary is kept: a word no rule uses scores nothing and costs a set lookup.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';

/** One ranked document, as `MiniSearch#search` gives it: its id, its score, the query terms it shares. */
export interface TermHit {
  id: string;
  score: number;
  terms: string[];
}

/**
 * A term's score in each document holding it, as two parallel lists: `docs` (positions among the
 * documents, in the order MiniSearch adds them up) and `scores`.
 */
interface TermScores {
  docs: Int32Array;
  scores: Float64Array;
}

/** A term that may be a key a JavaScript object lists before all others, in numeric order (`Object.keys` of MiniSearch's `match`). */
const numeric = /^\d/;

/** Options this index answers exactly as MiniSearch would; any other search option needs MiniSearch itself. */
type FixedSearchOptions = Pick<SearchOptions, 'boost' | 'tokenize'> & { prefix: false; fuzzy: false; combineWith: 'OR' };

export class FixedTermIndex<Doc extends { id: string }> {
  private readonly mini: MiniSearch<Doc>;
  private readonly vocabulary = new Set<string>();
  private readonly byTerm = new Map<string, TermScores>();
  private readonly ids: string[];
  private readonly position: Map<string, number>;
  private readonly fieldIndex: Map<string, number>;
  private readonly tokenizeQuery: (text: string) => string[];

  /** `options.processTerm` must give one term or none per token: the vocabulary is made of its results. */
  constructor(options: Omit<Options<Doc>, 'processTerm' | 'searchOptions'> & { processTerm: (term: string) => string | null | undefined | false; searchOptions: FixedSearchOptions }, docs: readonly Doc[]) {
    const { tokenize, processTerm } = options;
    if (!tokenize) throw new Error('FixedTermIndex needs the index tokenizer');
    const { tokenize: queryTokenize } = options.searchOptions;
    if (!queryTokenize) throw new Error('FixedTermIndex needs the query tokenizer');
    // The vocabulary is what MiniSearch indexes: every token of every field, through processTerm.
    this.mini = new MiniSearch<Doc>({
      ...options,
      tokenize: (text, field) => {
        const tokens = tokenize(text, field);
        for (const t of tokens) {
          const term = processTerm(t);
          if (term) this.vocabulary.add(term);
        }
        return tokens;
      },
    });
    this.mini.addAll(docs as Doc[]);
    this.ids = docs.map((d) => d.id);
    this.position = new Map(this.ids.map((id, i) => [id, i]));
    this.fieldIndex = new Map(options.fields.map((f, i) => [f, i]));
    // As MiniSearch reads a query: its tokenizer, then processTerm, empty terms dropped.
    this.tokenizeQuery = (text) => queryTokenize(text).flatMap((t) => processTerm(t) || []);
  }

  /**
   * One term's score in each document holding it, in the order MiniSearch's own search of the term
   * adds them up: field by field (in `fields` order), documents in the order they were added.
   */
  private scoresOf(term: string): TermScores {
    let kept = this.byTerm.get(term);
    if (kept) return kept;
    // One term alone: the query is the term itself, and a score times one term is the score.
    const hits = this.mini
      .search(term, { tokenize: () => [term], processTerm: (t) => t })
      .map((h) => ({ doc: this.position.get(h.id as string)!, field: this.fieldIndex.get(h.match[term]![0]!)!, score: h.score }))
      .sort((a, b) => a.field - b.field || a.doc - b.doc);
    kept = { docs: Int32Array.from(hits, (h) => h.doc), scores: Float64Array.from(hits, (h) => h.score) };
    this.byTerm.set(term, kept);
    return kept;
  }

  /** `MiniSearch#search(query)` with the index's search options: every document sharing a term, best first. */
  search(query: string): TermHit[] {
    // Per document: its running sum and the query terms it shares; `order` as MiniSearch's result map lists them.
    const sums = new Float64Array(this.ids.length);
    const shared: (string[] | undefined)[] = new Array(this.ids.length);
    const order: number[] = [];
    for (const term of this.tokenizeQuery(query)) {
      if (!this.vocabulary.has(term)) continue;
      const { docs, scores } = this.scoresOf(term);
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const terms = shared[doc];
        if (terms === undefined) {
          shared[doc] = [term];
          sums[doc] = scores[i]!;
          order.push(doc);
        } else {
          sums[doc] = sums[doc]! + scores[i]!;
          if (!terms.includes(term)) terms.push(term);
        }
      }
    }
    const results: TermHit[] = [];
    for (const doc of order) {
      const terms = shared[doc]!;
      // MiniSearch's final score: the sum times the number of query terms the document shares. Its `terms` are the
      // keys of an object, which lists numbers ("10062") first.
      results.push({ id: this.ids[doc]!, score: sums[doc]! * terms.length, terms: terms.some((t) => numeric.test(t)) ? Object.keys(Object.fromEntries(terms.map((t) => [t, true]))) : terms });
    }
    return results.sort((a, b) => b.score - a.score);
  }
}
