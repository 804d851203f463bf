/**
 * Which of the rules' fixed wordings (lower-cased or folded needles) a paste contains, found in
 * one pass over it.
 *
 * Asking `text.includes(needle)` once per matcher reads the paste once per wording, about a
 * hundred times. One regular expression made of every needle (literals only: at each place it
 * compares at most the needles' own characters, so it cannot backtrack further) stops only where
 * some needle starts, and there each needle with that first character is compared in place. The
 * answers are those of the hundred `includes`, a few times faster on a typical paste.
 *
 * Not the FAQ's Aho-Corasick automaton (faq/trigger-automaton.ts), which answers the same: built for
 * a server's thousands of triggers, it walks every character through typed arrays, and on these
 * hundred-odd needles the engine ran about 4 % slower with it (5,000 corpus pastes, A/B).
 */

import escapeStringRegexp from 'escape-string-regexp';

export class NeedleSet {
  private readonly needles: Set<string>;
  /** Every needle, by its first character. */
  private readonly byFirst = new Map<string, string[]>();
  /** Stops where some needle starts. */
  private readonly starts: RegExp;

  constructor(needles: Iterable<string>) {
    this.needles = new Set([...needles].filter((n) => n.length > 0));
    for (const n of this.needles) {
      const list = this.byFirst.get(n[0]!);
      if (list) list.push(n);
      else this.byFirst.set(n[0]!, [n]);
    }
    this.starts = new RegExp([...this.needles].map((n) => escapeStringRegexp(n)).join('|') || '(?!)', 'g');
  }

  /**
   * Whether `text` contains a needle, as `text.includes(needle)` would answer: every needle of the
   * set is found in one pass over `text`, on the first question; any other needle is looked for directly.
   */
  in(text: string): (needle: string) => boolean {
    let found: Set<string> | null = null;
    return (needle) => {
      if (!this.needles.has(needle)) return text.includes(needle);
      found ??= this.foundIn(text);
      return found.has(needle);
    };
  }

  private foundIn(text: string): Set<string> {
    const found = new Set<string>();
    const starts = this.starts;
    starts.lastIndex = 0;
    for (let m = starts.exec(text); m; m = starts.exec(text)) {
      const at = m.index;
      for (const n of this.byFirst.get(text[at]!)!) if (text.startsWith(n, at)) found.add(n);
      // Needles overlap ("coroutine '" and "coroutine 'f' was never awaited"): look again one character on.
      starts.lastIndex = at + 1;
    }
    return found;
  }
}

/** Characters after a piece of pattern that make it optional or repeat it. */
const optionalQuantifiers = new Set(['?', '*', '{']);
/** Characters with a meaning of their own in a pattern (outside a class). */
const special = new Set(['.', '^', '$', '|', '(', ')', '[', ']', '{', '}', '*', '+', '?', '\\']);

/** Index just past the group or class that opens at `at` (escapes and classes inside skipped); -1 when it never closes. */
function skipGroup(pattern: string, at: number): number {
  let depth = 0;
  for (let i = at; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') i++;
    else if (c === '[') {
      // A class holds no group: `[(]` is a character.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      if (depth === 0) return i + 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * The longest run of plain ASCII characters that every match of `pattern` (a JavaScript regex source,
 * read case-insensitively without the `u` flag) must contain, lower-cased; null when there is none of
 * `minLength` characters or the pattern is one this reading does not vouch for. A paste whose
 * lower-cased text lacks it cannot match, so one pass of a NeedleSet rules the pattern out before it
 * runs. Conservative: an alternative at the top level gives up, and groups, classes and anything a
 * quantifier makes optional end a run without being read.
 */
export function requiredLiteral(pattern: string, minLength = 4): string | null {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    let literal: string | null = null;
    let next = i + 1;
    if (c === '|') return null;
    if (c === '(' || c === '[') {
      next = skipGroup(pattern, i);
      if (next < 0) return null;
    } else if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) return null;
      next = i + 2;
      // `\.`, `\(`: the character itself; `\d`, `\s`, `\b`: a class or an anchor.
      if (!/[\w\s]/.test(e) && e.charCodeAt(0) < 128) literal = e;
      // A code or a reference goes on past its letter (`\x41`, `\u0041`, `\cJ`, `\12`, `\k<name>`): not one character of it is literal.
      else if (e === 'x') next += 2;
      else if (e === 'u') next = pattern[next] === '{' ? pattern.indexOf('}', next) + 1 : next + 4;
      else if (e === 'c') next += 1;
      else if (e === 'k' && pattern[next] === '<') next = pattern.indexOf('>', next) + 1;
      else if (/\d/.test(e)) while (/\d/.test(pattern[next] ?? '')) next++;
      if (next <= i) return null;
    } else if (!special.has(c) && c.charCodeAt(0) >= 32 && c.charCodeAt(0) < 128) literal = c;
    else if (c === ')' || c === ']' || c === '}') return null; // unbalanced: not a pattern to vouch for
    const q = pattern[next];
    if (q !== undefined && optionalQuantifiers.has(q)) {
      // `a?`, `a*`, `a{0,2}`: the piece may be missing.
      end();
      i = next + 1;
      if (q === '{') {
        const close = pattern.indexOf('}', next);
        if (close < 0) return null;
        i = close + 1;
      }
      if (pattern[i] === '?') i++; // lazy
      continue;
    }
    if (literal === null) end();
    else {
      run += literal.toLowerCase();
      // `a+`: one `a` at least, then perhaps more; the run cannot go on past it.
      if (q === '+') {
        end();
        next++;
        if (pattern[next] === '?') next++;
      }
    }
    i = next;
  }
  end();
  return best.length >= minLength ? best : null;
}
