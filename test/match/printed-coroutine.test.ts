/**
 * A coroutine's repr in a program's output (`<coroutine object main at 0x…>`) shows a coroutine used
 * as a value (printed, compared). Not when it is the object Python names as it raises its own
 * never-awaited warning as an error (`python -W error`, pytest's unraisable-exception hook):
 * "Exception ignored in: <coroutine object fetch …>" heads the "coroutine 'fetch' was never awaited"
 * report, and that report is the answer. The outputs are what CPython 3.11 prints for the programs named.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const first = (text: string) => engine.diagnose(text).matches[0]?.rule.id;

// async def fetch(): return 42 / fetch(), run with `python3 -W error`
const ignored = [
  'Exception ignored in: <coroutine object fetch at 0x7f13a79209e0>',
  'Traceback (most recent call last):',
  '  File "/root/.pyenv/versions/3.11.7/lib/python3.11/warnings.py", line 537, in _warn_unawaited_coroutine',
  '    warn(msg, category=RuntimeWarning, stacklevel=2, source=coro)',
  "RuntimeWarning: coroutine 'fetch' was never awaited",
].join('\n');

describe("the coroutine an ignored never-awaited warning names", () => {
  it('is the never-awaited report, not a coroutine used as a value', () => {
    expect(first(ignored)).toBe('py/coroutine-never-awaited');
    expect(first(ignored.split('\n').map((l) => `E   ${l}`).join('\n'))).toBe('py/coroutine-never-awaited');
  });
});

describe("a coroutine's repr in the output", () => {
  it('is a coroutine used as a value', () => {
    expect(first('result is <coroutine object main at 0x7f72c1098880> instead of 42')).toBe('py/coroutine-used-as-value');
    // async def main(): return 42 / print(main())
    const printed = "<coroutine object main at 0x7f72c1098880>\n/tmp/p10_printed.py:4: RuntimeWarning: coroutine 'main' was never awaited\n  print(main())";
    expect(first(printed)).toBe('py/coroutine-used-as-value');
  });
});

// loguru's own expected output for a coroutine that raised (tests/exceptions/output/others/
// exception_formatting_coroutine.txt in Delgan/loguru, the `diagnose=True` handler): under each source
// line, loguru shows the values its names held.
const annotated = [
  'Traceback (most recent call last):',
  '',
  '  File "tests/exceptions/source/others/exception_formatting_coroutine.py", line 20, in <module>',
  '    f.send(None)',
  "    │ └ <method 'send' of 'coroutine' objects>",
  '    └ <coroutine object foo at 0xDEADBEEF>',
  '',
  '  File "tests/exceptions/source/others/exception_formatting_coroutine.py", line 14, in foo',
  '    a / b',
  '    │   └ 0',
  '    └ 1',
  '',
  'ZeroDivisionError: division by zero',
].join('\n');

describe("a coroutine's repr that loguru shows as a variable's value", () => {
  it('is context, not output: the traceback is about its own error', () => {
    expect(engine.diagnose(annotated).matches.map((m) => m.rule.id)).not.toContain('py/coroutine-used-as-value');
  });

  it('still counts when the program printed it', () => {
    expect(first(`${annotated}\nresult is <coroutine object foo at 0x7f72c1098880>`)).toBe('py/coroutine-used-as-value');
  });
});

// qasync's QEventLoop.run_until_complete logs `self.__log_debug("Running %s until complete", future)` through
// `logging.getLogger(__name__)` (src/qasync/__init__.py in CabbageDevelopment/qasync), here under basicConfig's
// default format: the loop names the coroutine it was handed, which is right.
describe("a coroutine's repr in a DEBUG record", () => {
  const traced = [
    'DEBUG:asyncio:Using selector: EpollSelector',
    'DEBUG:qasync._QEventLoop:Running <coroutine object main at 0x7f13a79209e0> until complete',
    'DEBUG:qasync._QEventLoop:Starting Qt event loop',
  ].join('\n');

  it('is the loop tracing what it runs, not a coroutine used as a value', () => {
    expect(engine.diagnose(traced).matches.map((m) => m.rule.id)).not.toContain('py/coroutine-used-as-value');
  });

  it('does not hide the same repr the program printed after it', () => {
    expect(first(`${traced}\n<coroutine object main at 0x7f13a79209e0>`)).toBe('py/coroutine-used-as-value');
  });
});
