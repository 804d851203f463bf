/**
 * CPython's AttributeError quoted without `AttributeError:` in front: as an issue's title, in a
 * sentence, or under VS Code's "Exception has occurred: AttributeError" line. The wording alone names
 * the error and its language (Objects/object.c: "'%.100s' object has no attribute '%U'"), so the paste
 * is read as showing that error: a rule that explains it answers from it ('coroutine' object has no
 * attribute …), any other leaves the paste unanswered rather than read as a question in prose.
 */
import type { RaisedError } from '../types.js';

/** The template with its type's and attribute's names bounded (a type name may be dotted or `<locals>`-qualified). */
const attributeError = /'([\w.<>]{1,100})' object has no attribute '(\w{1,100})'/;

/** `…Error: ` or `…Exception: ` right before the message. */
const namedTypeBefore = /\w(?:Error|Exception): ?$/;

/** `skip`: lines other parsers consumed; `typed`: lines already read as an error with its type. */
export function findTypelessPythonErrors(lines: readonly string[], skip: ReadonlySet<number>, typed: ReadonlySet<number>): RaisedError[] {
  const errors: RaisedError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes(' object has no attribute ') || skip.has(i) || typed.has(i)) continue;
    const m = attributeError.exec(line);
    if (!m) continue;
    // A type the line writes before it that was not read as one (`x_AttributeError: …`, a library's own
    // `MyError: …`) claims the message: it is that error's, not CPython's AttributeError.
    if (namedTypeBefore.test(line.slice(Math.max(0, m.index - 130), m.index))) continue;
    errors.push({ language: 'python', type: 'AttributeError', message: m[0], frames: [], chain: null, lineIndex: i });
  }
  return errors;
}
