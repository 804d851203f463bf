/**
 * js.then-on-promise: makes `.then` run on the promise the code meant.
 * - `.then` on an array of promises has nothing to call (`items.map(async
 *   …).then(…)` → "….then is not a function"), and on `forEach`'s `undefined`
 *   even less: `Promise.all(items.map(…)).then(…)`.
 * - `.then` on a function: the error names it (`debounced.then is not a
 *   function`) and the snippet shows it is one, made by a wrapper that returns
 *   functions (`debounce(load, 300)`) or declared there: calling it gives the
 *   promise. Only when the function takes no arguments, so the call is whole.
 * - `.then` on a call to the snippet's own function that builds a promise in
 *   its last statement and returns nothing: it forgot the `return`; it returns it.
 * Other values that are not promises (a sync API's result) need a change only
 * the person can choose, so they are left to the rule's own example.
 */
import type * as TS from 'typescript';
import type { Fixer, FixInput, FixOutput } from '../types.js';
import { unwrap } from '../../evidence/javascript/snippet/where.js';
import type { SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

const ARRAY_OF_RESULTS = new Set(['map', 'flatMap']);
// Wrappers that return a function calling the one they are given, with its arguments (lodash, underscore, p-debounce, …).
const FUNCTION_WRAPPERS = new Set(['debounce', 'throttle', 'memoize', 'once', 'pDebounce', 'pThrottle', 'pMemoize']);
// V8's message for `x.then(…)` on a value without `then`: "x.then is not a function".
const THEN_NOT_A_FUNCTION = /^([A-Za-z_$][\w$]*)\.then is not a function/;

/** Whether `fn` (a function expression or declaration) takes no parameters. */
function noParams(model: SnippetModel, fn: TS.Node | undefined): boolean {
  const { ts } = model;
  return fn !== undefined && (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters.length === 0;
}

/** The snippet's own function named `name`, declared or bound to a function expression. */
function ownFunction(model: SnippetModel, name: string): TS.Node | undefined {
  const { ts } = model;
  for (const id of model.identifiers.get(name) ?? []) {
    const p = id.parent;
    if (ts.isFunctionDeclaration(p) && p.name === id) return p;
    if (ts.isVariableDeclaration(p) && p.name === id && p.initializer && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer))) return p.initializer;
  }
  return undefined;
}

/** `name` holds a function taking no arguments: `debounce(load, 300)` of a no-argument `load`, or the snippet's own function. */
function zeroArgFunction(model: SnippetModel, name: string): boolean {
  const { ts, sourceFile } = model;
  const own = ownFunction(model, name);
  if (own !== undefined) return noParams(model, own);
  for (const id of model.identifiers.get(name) ?? []) {
    const p = id.parent;
    if (!ts.isVariableDeclaration(p) || p.name !== id || !p.initializer || !ts.isCallExpression(p.initializer)) continue;
    const wrapper = p.initializer.expression.getText(sourceFile).split('.').pop() ?? '';
    const wrapped = p.initializer.arguments[0];
    if (!FUNCTION_WRAPPERS.has(wrapper) || wrapped === undefined) return false;
    if (ts.isIdentifier(wrapped)) return noParams(model, ownFunction(model, wrapped.text));
    return noParams(model, wrapped);
  }
  return false;
}

/** No finding, the error alone: `x.then is not a function` where the snippet shows `x` is a function to call. */
function callFunctionValue(input: Parameters<Fixer>[0]): ReturnType<Fixer> {
  const model = parse(input.code);
  const { ts } = model;
  const named = new Set((input.evidence.errors ?? []).map((e) => THEN_NOT_A_FUNCTION.exec(e.message)?.[1]).filter((n): n is string => !!n));
  // The error quoted in prose is not parsed: then the code alone must show one function with `.then` read on it.
  const names = named.size > 0 ? named : new Set([...model.identifiers.keys()].filter((n) => (model.identifiers.get(n) ?? []).some((id) => ts.isPropertyAccessExpression(id.parent) && id.parent.expression === id && id.parent.name.text === 'then')));
  const candidates = [...names].filter((n) => zeroArgFunction(model, n));
  if (candidates.length !== 1 || (named.size > 0 && named.size !== 1)) return null;
  const name = candidates[0] as string;
  const edits: Edit[] = [];
  const lines: number[] = [];
  for (const id of model.identifiers.get(name) ?? []) {
    const p = id.parent;
    if (!ts.isPropertyAccessExpression(p) || p.expression !== id || p.name.text !== 'then') continue;
    edits.push({ start: id.end, end: id.end, text: '()' });
    lines.push(lineOfPos(model, id.end));
  }
  return fixOutput(input.code, model, edits, [words(lines.length > 1 ? 'fix.js.called-for-then-lines' : 'fix.js.called-for-then', { name, lines: lines.join(', ') })]);
}

/**
 * `f(…).then(…)` where `f` is the snippet's own plain function that builds a promise in its last
 * statement and never returns anything (`function fetchData() { axios.post(…).then(…).catch(…) }`):
 * it forgot the `return`, so `.then` ran on `undefined`. The promise its last statement makes is
 * returned. Null when `f` returns anywhere, is async, or its last statement is no promise.
 */
function returnForgottenPromise(model: SnippetModel, recv: TS.Expression): Edit | null {
  const { ts } = model;
  if (!ts.isCallExpression(recv) || !ts.isIdentifier(recv.expression)) return null;
  return returnForgottenPromiseOf(model, recv.expression.text);
}

function returnForgottenPromiseOf(model: SnippetModel, name: string): Edit | null {
  const { ts } = model;
  const fn = ownFunction(model, name);
  if (fn === undefined || !(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) || !fn.body || !ts.isBlock(fn.body)) return null;
  if (ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return null;
  let returns = false;
  const visit = (n: TS.Node): void => {
    if (ts.isReturnStatement(n)) returns = true;
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  const last = fn.body.statements[fn.body.statements.length - 1];
  if (returns || last === undefined || !ts.isExpressionStatement(last)) return null;
  const e = last.expression;
  const chain = ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['then', 'catch', 'finally'].includes(e.expression.name.text);
  const promise = ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Promise';
  if (!chain && !promise) return null;
  const at = last.getStart(model.sourceFile);
  return { start: at, end: at, text: 'return ' };
}

/**
 * The same forgotten `return`, in a function the paste declares in another JavaScript block (the
 * helper in one block, its caller's `.then` in the next): that block is the one rewritten. Only
 * when exactly one other block declares the function.
 */
function siblingReturn(input: FixInput, name: string): FixOutput | null {
  const found = (input.evidence.codeBlocks ?? [])
    .filter((b) => b.language === 'javascript' && b.code !== input.code)
    .map((b) => {
      const model = parse(b.code);
      return { b, model, fn: ownFunction(model, name) };
    })
    .filter((x) => x.fn !== undefined);
  if (found.length !== 1) return null;
  const { b, model } = found[0]!;
  const edit = returnForgottenPromiseOf(model, name);
  if (edit === null) return null;
  const out = fixOutput(b.code, model, [edit], [words('fix.js.returned-promise', { name, line: lineOfPos(model, edit.start) })]);
  return out === null ? null : { ...out, blockIndex: b.blockIndex };
}

export const thenOnPromise: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.then-on-non-promise']);
  if (input.findings.length === 0) return callFunctionValue(input);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { start, end } of spansOf(targets, model)) {
    const then = nodeAt(model, start, end, ts.isCallExpression);
    if (then === null || !ts.isPropertyAccessExpression(then.expression)) continue;
    const recv = unwrap(ts, then.expression.expression);
    const forgotten = returnForgottenPromise(model, recv);
    if (forgotten === null && edits.length === 0 && ts.isCallExpression(recv) && ts.isIdentifier(recv.expression) && ownFunction(model, recv.expression.text) === undefined) {
      const sibling = siblingReturn(input, recv.expression.text);
      if (sibling !== null) return sibling;
    }
    if (forgotten !== null) {
      edits.push(forgotten);
      notes.push(words('fix.js.returned-promise', { name: (recv as TS.CallExpression).expression.getText(sourceFile), line: lineOfPos(model, forgotten.start) }));
      continue;
    }
    if (!ts.isCallExpression(recv) || !ts.isPropertyAccessExpression(recv.expression)) continue;
    const method = recv.expression.name;
    if (!ARRAY_OF_RESULTS.has(method.text) && method.text !== 'forEach') continue;
    const from = recv.getStart(sourceFile);
    const line = lineOfPos(model, from);
    if (method.text === 'forEach') {
      // forEach returns undefined; map returns the callbacks' promises, which Promise.all can wait for.
      edits.push({ start: method.getStart(sourceFile), end: method.end, text: 'map' });
      notes.push(words('fix.js.forEach-to-map-all', { line }));
    } else {
      notes.push(words('fix.js.wrapped-in-all', { method: method.text, line }));
    }
    edits.push({ start: from, end: from, text: 'Promise.all(' }, { start: (recv as TS.Node).end, end: recv.end, text: ')' });
  }
  return fixOutput(input.code, model, edits, notes);
};
