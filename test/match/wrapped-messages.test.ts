/**
 * An error message a terminal, a log viewer or a copy wrapped without leaving its space: the rule's words run from
 * the error line's end onto the next line, between two words or inside one. Real output (programs in
 * test/fixtures/parsers/), its error line broken at every column where the break falls inside the rule's words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const first = (text: string) => engine.diagnose(text).matches[0]?.rule.id ?? null;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/parsers/${name}`, import.meta.url), 'utf8').trimEnd();

/** The output with its line holding `message` broken after `column` characters, no space left at the break. */
function wrapAt(output: string, message: string, column: number): string {
  return output
    .split('\n')
    .map((l) => (l.startsWith(message.slice(0, 20)) ? `${l.slice(0, column)}\n${l.slice(column)}` : l))
    .join('\n');
}

const cases = [
  {
    rule: 'py/await-non-awaitable',
    output: fixture('await-none.out.txt'),
    line: "TypeError: object NoneType can't be used in 'await' expression",
    words: "can't be used in 'await' expression",
  },
  {
    rule: 'js/then-not-a-function',
    output: fixture('js/then-on-undefined.out.txt'),
    line: "TypeError: Cannot read properties of undefined (reading 'then')",
    words: "(reading 'then')",
  },
];

describe('a wrapped error message still names its rule', () => {
  it.each(cases)('$rule, broken at every column inside its words', ({ rule, output, line, words }) => {
    expect(output).toContain(line);
    const start = line.indexOf(words);
    for (let column = start + 1; column < start + words.length; column++) {
      // A break at a space leaves the space at the line's end or the next line's start: both are wraps too.
      expect(first(wrapAt(output, line, column)), `broken after ${JSON.stringify(line.slice(0, column))}`).toBe(rule);
    }
  });
});

describe('near misses: a next line that only follows the message', () => {
  it('a whole message with words after it on the next line is read as before', () => {
    const text = `${fixture('await-none.out.txt')}\nexpression evaluation failed, see above`;
    expect(first(text)).toBe('py/await-non-awaitable');
  });

  it('another property read on undefined, the next line spelling the rest of "then"', () => {
    expect(first("TypeError: Cannot read properties of undefined (reading 'th')\nen')")).not.toBe('js/then-not-a-function');
  });

  it("another message cut where the rule's would continue, its next line some other text", () => {
    expect(first("TypeError: object NoneType can't be used\nin a context manager")).toBeNull();
  });

  it('a stack frame under a whole message of another property, a frame function named then', () => {
    expect(first("TypeError: Cannot read properties of undefined (reading 'status')\n    at then (/app/src/index.js:10:5)")).not.toBe('js/then-not-a-function');
  });
});
