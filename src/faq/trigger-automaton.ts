/**
 * Many literal strings found in one pass over a text: an Aho-Corasick
 * automaton (Aho & Corasick, "Efficient string matching", CACM 1975).
 *
 * Why our own and not a package: it is ~100 lines, the patterns are a few
 * thousand at most, and the texts are already normalised by the caller, so
 * all it must do is walk UTF-16 code units. Cost per text is linear in the
 * text's length (each character moves along at most one goto edge plus
 * failure links that together never exceed the characters read), whatever
 * the number of patterns.
 *
 * Layout: the trie is built with Maps, then flattened into typed arrays (each
 * node's edges sorted by code unit, found by binary search), so a server's
 * 1,000 entries cost a few hundred kilobytes, not one Map per node.
 */

export class TriggerAutomaton {
  /** Node n's edges are edgeCode/edgeTarget[edgeStart[n] .. edgeStart[n + 1]), sorted by code. */
  private readonly edgeStart: Int32Array;
  private readonly edgeCode: Uint16Array;
  private readonly edgeTarget: Int32Array;
  /** Longest proper suffix of node n's string that is also a trie node. */
  private readonly fail: Int32Array;
  /** Pattern ids ending exactly at node n (-1: none), chained through `nextOutput`. */
  private readonly firstOutput: Int32Array;
  private readonly nextOutput: Int32Array;
  /** Nearest node on n's failure chain (excluding n) that ends a pattern; 0 (the root) when none. */
  private readonly outputLink: Int32Array;
  readonly patternCount: number;

  /** `patterns[i]` is reported as id i. Empty patterns are ignored (they would match everything). */
  constructor(patterns: readonly string[]) {
    this.patternCount = patterns.length;
    const children: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    patterns.forEach((pattern, id) => {
      if (pattern.length === 0) return;
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern.charCodeAt(i);
        let next = children[node]!.get(code);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ends.push([]);
          children[node]!.set(code, next);
        }
        node = next;
      }
      ends[node]!.push(id);
    });

    const nodes = children.length;
    let edges = 0;
    for (const c of children) edges += c.size;
    this.edgeStart = new Int32Array(nodes + 1);
    this.edgeCode = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    let at = 0;
    for (let n = 0; n < nodes; n++) {
      this.edgeStart[n] = at;
      const edges = children[n]!;
      // Most nodes have one child: only branching nodes need sorting.
      for (const [code, target] of edges.size > 1 ? [...edges].sort((a, b) => a[0] - b[0]) : edges) {
        this.edgeCode[at] = code;
        this.edgeTarget[at] = target;
        at++;
      }
    }
    this.edgeStart[nodes] = at;

    this.firstOutput = new Int32Array(nodes).fill(-1);
    this.nextOutput = new Int32Array(patterns.length).fill(-1);
    for (let n = 0; n < nodes; n++) {
      for (const id of ends[n]!) {
        this.nextOutput[id] = this.firstOutput[n]!;
        this.firstOutput[n] = id;
      }
    }

    // Failure and output links, breadth first: a node's links depend only on shallower nodes.
    this.fail = new Int32Array(nodes);
    this.outputLink = new Int32Array(nodes);
    const queue: number[] = [];
    for (let e = this.edgeStart[0]!; e < this.edgeStart[1]!; e++) queue.push(this.edgeTarget[e]!);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (let e = this.edgeStart[node]!; e < this.edgeStart[node + 1]!; e++) {
        const code = this.edgeCode[e]!;
        const child = this.edgeTarget[e]!;
        let f = this.fail[node]!;
        let target = this.step(f, code);
        while (target < 0 && f !== 0) {
          f = this.fail[f]!;
          target = this.step(f, code);
        }
        const childFail = target < 0 ? 0 : target;
        this.fail[child] = childFail;
        this.outputLink[child] = this.firstOutput[childFail]! >= 0 ? childFail : this.outputLink[childFail]!;
        queue.push(child);
      }
    }
  }

  /** The goto edge from `node` on `code`, or -1. */
  private step(node: number, code: number): number {
    let lo = this.edgeStart[node]!;
    let hi = this.edgeStart[node + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.edgeCode[mid]!;
      if (c === code) return this.edgeTarget[mid]!;
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Calls `found(id)` for every pattern occurring in `text` (once per
   * occurrence). Return true from `found` to stop early.
   */
  scan(text: string, found: (id: number) => boolean | void): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = this.step(node, code);
      while (next < 0 && node !== 0) {
        node = this.fail[node]!;
        next = this.step(node, code);
      }
      node = next < 0 ? 0 : next;
      for (let out = this.firstOutput[node]! >= 0 ? node : this.outputLink[node]!; out !== 0; out = this.outputLink[out]!) {
        for (let id = this.firstOutput[out]!; id >= 0; id = this.nextOutput[id]!) if (found(id)) return;
      }
    }
  }

  /** The ids of the patterns occurring in `text`, each once, ascending. */
  matches(text: string): number[] {
    const seen = new Set<number>();
    this.scan(text, (id) => {
      seen.add(id);
    });
    return [...seen].sort((a, b) => a - b);
  }
}
