/**
 * JavaScript engines' TypeError messages quoted without `TypeError:` in front: in a sentence
 * ("It continues to "Cannot read property 'send' of undefined""), in an issue title
 * ("TypeError Cannot read property 'then' of undefined", the colon lost), or typed from memory
 * without its quotes ("Cannot call method then of undefined"). The wording alone names the
 * error and its language, so the paste is read as showing that error, and a question around it
 * is not answered as prose.
 */
import type { RaisedError } from '../types.js';
import { framesAfter } from './stack.js';

/**
 * The engines' templates, each bounded so the scan stays linear:
 * - V8 `NonObjectPropertyLoad` (src/common/message-template.h): "Cannot read property '%' of %",
 *   Node 6 to 16.8; since V8 9.3 "Cannot read properties of % (reading '%')".
 * - V8's `non_object_property_call` (src/messages.js, until 2015; Node 0.10/0.12, old Chrome):
 *   "Cannot call method '%0' of %1".
 * - JavaScriptCore (Safari, Bun, React Native): "undefined is not an object (evaluating '%')".
 * The property's quotes are optional: people retype the message without them.
 */
const engineTypeError =
  /Cannot (?:read propert(?:y '?[\w$#]{1,80}'? of (?:undefined|null)|ies of (?:undefined|null)(?: \(reading '[^'\n]{0,80}'\))?)|call method '?[\w$#]{1,80}'? of (?:undefined|null))|\b(?:undefined|null) is not an object \(evaluating '[^'\n]{0,200}'\)/;

/** Lines that cannot hold one of the messages are rejected by these two cheap tests first. */
function mayHold(line: string): boolean {
  return line.includes('annot ') || line.includes(' is not an object (');
}

/** `skip`: lines other parsers consumed; `typed`: lines already read as an error with its type. */
export function findTypelessEngineErrors(lines: readonly string[], skip: ReadonlySet<number>, typed: ReadonlySet<number>): RaisedError[] {
  const errors: RaisedError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!mayHold(line) || skip.has(i) || typed.has(i)) continue;
    const m = engineTypeError.exec(line);
    if (!m) continue;
    errors.push({ language: 'javascript', type: 'TypeError', message: m[0], frames: framesAfter(lines, i), chain: null, lineIndex: i });
  }
  return errors;
}
