/**
 * CPython's AttributeError quoted without its type (Objects/object.c: "'%.100s' object has no attribute
 * '%U'") is read as that error: what it says of a coroutine is answered, anything else is an error no
 * rule explains, never a question in prose answered from its words.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { findTypelessPythonErrors } from '../../../src/evidence/python/typeless-errors.js';

const engine = await createEngine();
const ids = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);
const none = new Set<number>();

describe("CPython's AttributeError without its type", () => {
  it('is read as the error, from a title, a sentence or the line under VS Code\'s "Exception has occurred"', () => {
    const lines = ['Exception has occurred: AttributeError', "'Bot' object has no attribute 'loop'", '  File "C:\\bot\\main.py", line 64, in <module>'];
    expect(findTypelessPythonErrors(lines, none, none)).toEqual([
      { language: 'python', type: 'AttributeError', message: "'Bot' object has no attribute 'loop'", frames: [], chain: null, lineIndex: 1 },
    ]);
    expect(findTypelessPythonErrors(["my bot says 'coroutine' object has no attribute 'send' every time"], none, none)[0]?.message).toBe("'coroutine' object has no attribute 'send'");
  });

  it("is answered when it is a coroutine's, and left unanswered, not read as prose, when it is another object's", () => {
    expect(ids("'coroutine' object has no attribute 'json'")).toEqual(['py/coroutine-used-as-value']);
    expect(ids("'Bot' object has no attribute 'loop'")).toEqual([]);
    expect(ids("Exception has occurred: AttributeError\n'Bot' object has no attribute 'loop'")).toEqual([]);
  });

  it('leaves a line already read with its type, or consumed by a traceback, to that reading', () => {
    const lines = ["AttributeError: 'Bot' object has no attribute 'loop'"];
    expect(findTypelessPythonErrors(lines, none, new Set([0]))).toEqual([]);
    expect(findTypelessPythonErrors(lines, new Set([0]), none)).toEqual([]);
  });

  it('needs the template: an object without the quotes CPython prints is not it', () => {
    expect(findTypelessPythonErrors(['the Bot object has no attribute loop anymore in discord.py 2'], none, none)).toEqual([]);
  });
});

describe('a type written before the message that was not read as one', () => {
  it('claims the message: it is that error, not a typeless AttributeError', () => {
    expect(findTypelessPythonErrors(["x_AttributeError: 'str' object has no attribute 'loop'"], none, none)).toEqual([]);
    expect(findTypelessPythonErrors(["ClientPayloadError: 'Response' object has no attribute 'data'"], none, none)).toEqual([]);
  });
});
