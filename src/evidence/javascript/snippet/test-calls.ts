/**
 * Test-runner calls as seen in a snippet (Mocha, Jest, Vitest, Jasmine, node:test):
 * `it('…', fn)`, `test.only('…', fn)`, `beforeEach(fn)`, and the function each one runs.
 */
import type * as TS from 'typescript';
import type { SnippetModel } from './model.js';
import { functionArgument } from './where.js';

const TESTS = new Set(['it', 'test', 'specify', 'xit', 'fit', 'xtest', 'xspecify']);
const HOOKS = new Set(['before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll']);
/** `it.only`, `test.skip`, `test.concurrent`, `it.failing`: same callback, same rules. */
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'failing', 'todo']);

export interface TestCall {
  call: TS.CallExpression;
  /** `it`, `test`, `beforeEach`… (without the modifier). */
  kind: string;
  hook: boolean;
  fn: TS.ArrowFunction | TS.FunctionExpression;
}

function runnerName(ts: SnippetModel['ts'], callee: TS.Expression): string | null {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && MODIFIERS.has(callee.name.text) && ts.isIdentifier(callee.expression)) return callee.expression.text;
  return null;
}

/** Every test or hook call whose body is a function written in place. */
export function testCalls(model: SnippetModel): TestCall[] {
  const { ts } = model;
  const out: TestCall[] = [];
  for (const call of model.calls) {
    const kind = runnerName(ts, call.expression);
    if (kind === null || (!TESTS.has(kind) && !HOOKS.has(kind))) continue;
    const hook = HOOKS.has(kind);
    // it('name', fn[, timeout]); beforeEach(fn) or before('name', fn).
    const first = call.arguments[0];
    if (!hook && (first === undefined || !(ts.isStringLiteralLike(first) || ts.isTemplateExpression(first) || ts.isIdentifier(first) || ts.isBinaryExpression(first)))) continue;
    let fn: TS.ArrowFunction | TS.FunctionExpression | null = null;
    for (const arg of call.arguments) {
      fn = functionArgument(ts, arg);
      if (fn !== null) break;
    }
    if (fn === null) continue;
    out.push({ call, kind, hook, fn });
  }
  return out;
}

/** The callback parameter (`done`) a test function declares, if it declares one. */
export function doneParam(ts: SnippetModel['ts'], fn: TS.ArrowFunction | TS.FunctionExpression | TS.MethodDeclaration): TS.Identifier | null {
  // `function (this: Mocha.Context, done)`: a TypeScript `this` parameter is not a real one.
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  const first = params[0];
  if (first === undefined || params.length > 1 || first.dotDotDotToken || first.initializer || !ts.isIdentifier(first.name)) return null;
  return first.name;
}
