/**
 * Linter and type-checker reports are evidence: ESLint / typescript-eslint, ruff and flake8-async,
 * pyright and mypy name the async mistake in their own words. Each report, pasted alone, gets the
 * rule it describes; the same words in a config file, an ignore comment or a stub-caused union do not.
 * The reports were printed by the real tools (test/fixtures/linters/README.md), except ruff's, whose
 * messages are ruff's own source strings in its output format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const first = (text: string) => engine.diagnose(text).matches[0]?.rule.id ?? null;
const named = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);
const dir = fileURLToPath(new URL('../fixtures/linters/', import.meta.url));
const captured = (name: string) => readFileSync(join(dir, name), 'utf8');

/** One report of a captured output: the line at `line:col` (ESLint) or `file:line` (mypy, pyright), with its continuation lines. */
function report(output: string, at: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.includes(at));
  if (start < 0) throw new Error(`no report at ${at} in the captured output`);
  const out = [lines[start]!];
  // pyright indents a report's detail lines deeper than the report itself.
  const indent = /^\s*/.exec(lines[start]!)![0].length;
  for (let i = start + 1; i < lines.length && /^\s*/.exec(lines[i]!)![0].length > indent && lines[i]!.trim(); i++) out.push(lines[i]!);
  return out.join('\n');
}

describe('ESLint and typescript-eslint reports (captured from a real typed-lint run)', () => {
  const eslint = captured('orders.eslint.txt');
  it.each([
    ['no-floating-promises', '8:3 ', 'js/floating-promise'],
    ['no-floating-promises on an array of promises', '9:3 ', 'js/floating-promise'],
    ['no-misused-promises: a promise-returning callback where void is expected', '10:15 ', 'js/floating-promise'],
    ['no-misused-promises: a promise in a condition', '13:7 ', 'js/promise-used-as-value'],
    ['await-thenable', '14:13 ', 'js/await-non-promise'],
    ['no-await-in-loop', '16:5 ', 'js/await-in-loop'],
    ['no-async-promise-executor', 'should not be async', 'js/async-promise-executor'],
    ['return-await in try', '22:12 ', 'js/return-without-await-in-try'],
  ])('%s', (_, at, rule) => {
    expect(first(report(eslint, at))).toBe(rule);
  });

  it('reads the rule from an editor tooltip and from a report wrapped over lines', () => {
    expect(first('Promises must be awaited, end with a call to .catch, or end with a call to .then with a rejection handler. eslint(@typescript-eslint/no-floating-promises)')).toBe('js/floating-promise');
    expect(first('  13:5   error  Promises must be awaited, end with a call to .catch, end with a\n                call to .then with a rejection handler or be explicitly marked\n                as ignored with the `void` operator\n                @typescript-eslint/no-floating-promises')).toBe('js/floating-promise');
  });

  it('says nothing about a config that only names the rules', () => {
    const config = ["rules: {", "  '@typescript-eslint/no-floating-promises': 'error',", "  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],", "  'no-await-in-loop': 'warn',", '}'].join('\n');
    expect(first(config)).toBeNull();
  });

  it('a void-return report alone is a likely answer, not one to post unasked', () => {
    const match = engine.diagnose(report(eslint, '10:15 ')).matches[0]!;
    expect(match.confidence).toBeLessThan(0.8);
  });
});

describe('other linters naming an await on something that is no promise', () => {
  // Each tool's own message, from its source: eslint-plugin-unicorn rules/no-unnecessary-await.js, SonarJS S4123
  // (no-invalid-await), TSLint src/rules/awaitPromiseRule.ts, Bun's lint (its port of the unicorn rule).
  it.each([
    ['unicorn/no-unnecessary-await', '  3:17  error  Do not `await` non-promise value.  unicorn/no-unnecessary-await'],
    ['SonarLint S4123', "Refactor this redundant 'await' on a non-promise. sonarlint(javascript:S4123)"],
    ['SonarQube, the rule as listed', "| CODE_SMELL | CRITICAL | src/index.js | 108 | Refactor this redundant 'await' on a non-promise. |"],
    ['TSLint await-promise', "ERROR: src/db.ts:12:5 - Invalid 'await' of a non-Promise value."],
    ['Bun lint', 'example.js:2:17 Unexpected await on a non-Promise value'],
  ])('%s', (_, text) => {
    const match = engine.diagnose(text).matches[0];
    expect(match?.rule.id).toBe('js/await-non-promise');
    expect(match?.likely ?? false).toBe(false);
  });

  it('but not a style guide telling people what not to do, nor the for-await wording', () => {
    // The guideline may still be read as a question (a likely answer), never as the linter's report.
    const sure = engine.diagnose('- Do not `await` non-Promise values unnecessarily.').matches.filter((m) => !m.likely);
    expect(sure.map((m) => m.rule.id)).not.toContain('js/await-non-promise');
    expect(named("ERROR: src/db.ts:20:5 - Invalid 'for-await-of' of a non-AsyncIterable value.")).not.toContain('js/await-non-promise');
  });
});

describe('ruff and flake8-async reports', () => {
  it.each([
    ['ASYNC210', 'ASYNC210 Async functions should not call blocking HTTP methods\n  --> src/browser/cdp.py:33:14'],
    ['ASYNC220', 'app/jobs.py:12:9: ASYNC220 Async functions should not create subprocesses with blocking methods'],
    ['ASYNC221', 'app/jobs.py:14:9: ASYNC221 Async functions should not run processes with blocking methods'],
    ['ASYNC222', 'app/jobs.py:15:9: ASYNC222 Async functions should not wait on processes with blocking methods'],
    ['ASYNC230', 'ASYNC230 Async functions should not open files with blocking methods like `open`\n   --> bot/cogs/log.py:278:14'],
    ['ASYNC251', 'bot.py:40:9: ASYNC251 Async functions should not call `time.sleep`'],
    ['ASYNC212', 'api.py:8:16: ASYNC212 Blocking httpx method client.get() in async context, use httpx.AsyncClient'],
    ['ASYNC250', 'cli.py:3:11: ASYNC250 Blocking call to `input()` in async context'],
    ['ruff before 0.5: ASYNC101', 'examples/l2cap_file_client.py:90:14: ASYNC101 Async functions should not call `open`, `time.sleep`, or `subprocess` methods'],
    ['ruff before 0.5: ASYNC102', 'worker.py:7:5: ASYNC102 Async functions should not call synchronous `os` methods'],
    ['flake8-async ASYNC210', 'app.py:9:5: ASYNC210 Sync HTTP call in async function, use `httpx.AsyncClient`.'],
    ['flake8-async ASYNC230', 'app.py:11:10: ASYNC230 Sync IO call in async function, use `trio.open_file(...)`.'],
    ['flake8-async ASYNC240', 'app.py:12:8: ASYNC240 Avoid using `os.path` in async functions, prefer using `trio.Path` objects.'],
  ])('%s', (_, text) => {
    expect(first(text)).toBe('py/blocking-call-in-async');
  });

  it('RUF006 is a task nobody keeps', () => {
    expect(first('tasks.py:55:9: RUF006 Store a reference to the return value of `asyncio.create_task`')).toBe('py/task-destroyed-pending');
  });

  it('says nothing about a noqa comment or a ruff config that only names the codes', () => {
    expect(named('with open(path, "rb") as f:  # noqa: ASYNC230\n    data = f.read()')).not.toContain('py/blocking-call-in-async');
    expect(first('[tool.ruff.lint]\nselect = ["ASYNC", "RUF006"]')).toBeNull();
  });
});

describe('pyright and mypy reports (captured from real runs)', () => {
  const pyright = captured('bot.pyright.txt');
  const mypy = captured('bot.mypy.txt');
  it.each([
    ['pyright reportUnusedCoroutine', pyright, 'bot.py:14:', 'py/coroutine-never-awaited'],
    ['pyright: a coroutine indexed', pyright, 'bot.py:16:', 'py/coroutine-used-as-value'],
    ['pyright: an attribute of a coroutine', pyright, 'bot.py:17:', 'py/coroutine-used-as-value'],
    ['pyright: await on an int', pyright, 'bot.py:18:', 'py/await-non-awaitable'],
    ['mypy [unused-coroutine]', mypy, 'bot.py:14: error', 'py/coroutine-never-awaited'],
    ['mypy: a coroutine indexed', mypy, 'bot.py:16: error', 'py/coroutine-used-as-value'],
    ['mypy: an attribute of a coroutine', mypy, 'bot.py:17: error', 'py/coroutine-used-as-value'],
    ['mypy: await on an int', mypy, 'bot.py:18: error', 'py/await-non-awaitable'],
  ])('%s', (_, output, at, rule) => {
    expect(first(report(output, at))).toBe(rule);
  });

  it('reads older pyright wording (Coroutine, "member") too', () => {
    expect(first('error: Cannot access member "json" for type "Coroutine[Any, Any, Response]"')).toBe('py/coroutine-used-as-value');
  });

  it('says nothing when the awaited union includes Awaitable (redis-py stubs), or about an ignore comment', () => {
    expect(first('cache.py:40: error: Incompatible types in "await" (actual type "Awaitable[int] | int", expected type "Awaitable[Any]")  [misc]')).toBeNull();
    expect(named('    worker.close()  # type: ignore[unused-coroutine]')).not.toContain('py/coroutine-never-awaited');
  });
});

describe("TypeScript putting a promise where its value's type is wanted", () => {
  it.each([
    ['TS2322', "src/index.ts:12:9 - error TS2322: Type 'Promise<User>' is not assignable to type 'User'."],
    ['TS2345', "src/index.ts(12,9): error TS2345: Argument of type 'Promise<string>' is not assignable to parameter of type 'string'."],
    ['TS2739', "Type 'Promise<Output>' is missing the following properties from type 'Output': total, items"],
    ['TS2741', "Property 'total' is missing in type 'Promise<Output>' but required in type 'Output'."],
  ])('%s is a promise used as a value', (_, text) => {
    expect(engine.diagnose(text).matches[0]?.rule.id).toBe('js/promise-used-as-value');
  });

  it("is an async effect when the place is useEffect's 'void | Destructor'", () => {
    expect(engine.diagnose("Type 'Promise<void>' is not assignable to type 'void | Destructor'.").matches[0]?.rule.id).toBe('js/async-useeffect');
  });

  it.each([
    ["a value where a promise is wanted (Next.js 15's params)", "Type '{ id: string; }' is missing the following properties from type 'Promise<any>': then, catch, finally, [Symbol.toStringTag]"],
    ['a promise where a promise or a value is wanted', "Type 'Promise<number>' is not assignable to type 'string | Promise<string>'."],
    ['a promise a type forbids on purpose', "Type 'Promise<number>' is not assignable to type 'never'"],
  ])('%s is no promise used as a value', (_, text) => {
    expect(engine.diagnose(text).matches.map((m) => m.rule.id)).not.toContain('js/promise-used-as-value');
  });
});

describe('mypy and pyright seeing a coroutine where its result was declared', () => {
  it.each([
    ['mypy, an assignment', 'bot.py:12: error: Incompatible types in assignment (expression has type "Coroutine[Any, Any, int]", variable has type "int")  [assignment]'],
    ['mypy, a return', 'bot.py:20: error: Incompatible return value type (got "Coroutine[Any, Any, dict[str, Any]]", expected "dict[str, Any]")  [return-value]'],
    ['pyright, a declared type', '/app/bot.py:12:9 - error: Type "CoroutineType[Any, Any, int]" is not assignable to declared type "int"'],
  ])('%s is a coroutine used as a value', (_, text) => {
    expect(first(text)).toBe('py/coroutine-used-as-value');
  });

  it('is nothing when the declared type takes the coroutine', () => {
    expect(named('bot.py:12: error: Incompatible types in assignment (expression has type "Coroutine[Any, Any, int]", variable has type "Awaitable[int] | None")')).not.toContain('py/coroutine-used-as-value');
  });
});
