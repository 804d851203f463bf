/**
 * js.foreach-to-for-of: `arr.forEach(async (x) => { … })` becomes
 * `for (const x of arr) { … }` inside the (now async) function, so each step
 * is awaited in order; `arr.map(async …)` whose promises nobody waited for is
 * wrapped in `await Promise.all(…)`; `arr.filter(…)` whose test returns a promise runs
 * the tests first with `Promise.all` and filters on their results.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import { enclosingFunction, isAsync, isFunctionLike, type SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { functionArgument, unwrap } from '../../evidence/javascript/snippet/where.js';
import { allowAwait, bracedBlock, findingsOf, fixOutput, lineOfPos, nodeAt, parse, spansOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

const DISCORD_COLLECTION = /\.(?:members|channels|roles|guilds|messages|users|bans|emojis)\.fetch\(\s*\)|\.cache\b/;

/** `.cache`, `new Map()`, `new Collection()`: for…of would give [key, value] pairs. */
function isMapLike(model: SnippetModel, receiver: TS.Expression): boolean {
  const { ts } = model;
  if (ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'cache') return true;
  if (!ts.isIdentifier(receiver)) return false;
  for (const id of model.identifiers.get(receiver.text) ?? []) {
    const p = id.parent;
    if (!ts.isVariableDeclaration(p) || p.name !== id || !p.initializer) continue;
    if (ts.isNewExpression(p.initializer)) {
      const cls = p.initializer.expression.getText(model.sourceFile);
      if (cls === 'Map' || cls === 'Collection' || cls === 'WeakMap') return true;
    }
    // discord.js managers hand back Collections (Maps): `await guild.members.fetch()`, `.cache.filter(…)`.
    if (DISCORD_COLLECTION.test(p.initializer.getText(model.sourceFile))) return true;
  }
  return false;
}

/** Rewrites direct `return;` in the callback body to `continue;`; null if a return carries a value or sits in a nested loop. */
function returnsToContinue(model: SnippetModel, body: TS.Block): Edit[] | null {
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  let ok = true;
  const visit = (node: TS.Node, inLoop: boolean): void => {
    if (!ok || isFunctionLike(ts, node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression !== undefined || inLoop) ok = false;
      else edits.push({ start: node.getStart(sourceFile), end: node.end, text: 'continue;' });
      return;
    }
    const loop = ts.isIterationStatement(node, false);
    ts.forEachChild(node, (c) => visit(c, inLoop || loop));
  };
  ts.forEachChild(body, (c) => visit(c, false));
  return ok ? edits : null;
}

function usesThis(model: SnippetModel, fn: TS.FunctionExpression): boolean {
  const { ts } = model;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (n.kind === ts.SyntaxKind.ThisKeyword) found = true;
    else if (!ts.isFunctionExpression(n) && !ts.isFunctionDeclaration(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}

/**
 * The edits turning the statement `recv.forEach(cb)` into a for…of loop
 * (with `await` allowed around it), or null when it cannot be done safely.
 */
export function forEachToForOf(model: SnippetModel, call: TS.CallExpression): Edit[] | null {
  const { ts, sourceFile, text } = model;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'forEach' || call.arguments.length !== 1) return null;
  const cb = functionArgument(ts, call.arguments[0]);
  if (cb === null) return null;
  if (ts.isFunctionExpression(cb) && usesThis(model, cb)) return null;
  // The statement: `recv.forEach(…);` or `await recv.forEach(…);`.
  let stmt: TS.Node = call;
  while (stmt.parent && (ts.isAwaitExpression(stmt.parent) || ts.isParenthesizedExpression(stmt.parent))) stmt = stmt.parent;
  if (!stmt.parent || !ts.isExpressionStatement(stmt.parent)) return null;
  const statement = stmt.parent;
  const params = cb.parameters;
  if (params.length > 2 || params.some((p) => p.initializer !== undefined || p.dotDotDotToken !== undefined)) return null;
  const names = params.map((p) => p.name.getText(sourceFile));
  const receiver = unwrap(ts, callee.expression);
  const recvText = receiver.getText(sourceFile);
  const mapLike = isMapLike(model, receiver);
  let head: string;
  if (params.length === 2) {
    head = mapLike ? `const [${names[1]}, ${names[0]}] of ${recvText}` : `const [${names[1]}, ${names[0]}] of ${recvText}.entries()`;
  } else if (params.length === 1) {
    head = `const ${names[0]} of ${mapLike ? `${recvText}.values()` : recvText}`;
  } else {
    head = `const _item of ${mapLike ? `${recvText}.values()` : recvText}`;
  }
  // Top-level code that is not a CommonJS script: a module, or (far more often) a piece cut from the
  // handler it runs in; the callback's own awaits say that code is async, so the loop may await there.
  const allowed = allowAwait(model, statement) ?? (enclosingFunction(ts, statement) === null && !model.commonJs ? { edits: [], madeAsync: null } : null);
  if (allowed === null) return null;
  const edits: Edit[] = [...allowed.edits];
  const stmtStart = statement.getStart(sourceFile);
  if (ts.isBlock(cb.body)) {
    const inner = returnsToContinue(model, cb.body);
    if (inner === null) return null;
    edits.push({ start: stmtStart, end: cb.body.getStart(sourceFile), text: `for (${head}) ` });
    edits.push(...inner);
    edits.push({ start: cb.body.end, end: statement.end, text: '' });
  } else {
    edits.push({ start: stmtStart, end: statement.end, text: `for (${head}) ${bracedBlock(text, stmtStart, `${cb.body.getText(sourceFile)};`)}` });
  }
  return edits;
}

/** Edits wrapping `recv.map(async …)` in `await Promise.all(…)`. */
export function wrapMapInPromiseAll(model: SnippetModel, call: TS.CallExpression): Edit[] | null {
  const { ts, sourceFile } = model;
  const start = call.getStart(sourceFile);
  const parent = call.parent;
  // `await arr.map(…)`: the await is there, Promise.all is missing.
  if (parent && ts.isAwaitExpression(parent)) {
    return [{ start, end: start, text: 'Promise.all(' }, { start: call.end, end: call.end, text: ')' }];
  }
  const allowed = allowAwait(model, call);
  if (allowed === null) return null;
  const member = parent !== undefined && (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === call;
  return [
    ...allowed.edits,
    { start, end: start, text: member ? '(await Promise.all(' : 'await Promise.all(' },
    { start: call.end, end: call.end, text: member ? '))' : ')' },
  ];
}

/** The name the fix keeps the tests' results in. */
const RESULTS = 'keep';

/**
 * `const kept = values.filter(isValid)` whose test returns a promise (always truthy, so nothing is
 * filtered out): the tests run first, all at once, in `await Promise.all(values.map(isValid))`, and
 * the filter keeps the items whose result was true, `values.filter((_, i) => keep[i])`. Only for a
 * declaration of one name from a filter of a plain name or property chain (read twice), where the
 * code can await and the results' name is free.
 */
function testsFirst(model: SnippetModel, call: TS.CallExpression): Edit[] | null {
  const { ts, sourceFile, text } = model;
  const callee = call.expression;
  const test = call.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || test === undefined || call.arguments.length !== 1) return null;
  const receiver = callee.expression.getText(sourceFile);
  if (!/^[\w$]+(?:\.[\w$]+)*$/.test(receiver) || model.identifiers.has(RESULTS)) return null;
  const decl = call.parent;
  const list = decl?.parent;
  const statement = list?.parent;
  if (decl === undefined || !ts.isVariableDeclaration(decl) || decl.initializer !== call || list === undefined || !ts.isVariableDeclarationList(list) || list.declarations.length !== 1) return null;
  if (statement === undefined || !ts.isVariableStatement(statement)) return null;
  const allowed = allowAwait(model, statement);
  if (allowed === null) return null;
  const at = statement.getStart(sourceFile);
  const indent = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  const results = `const ${RESULTS} = await Promise.all(${receiver}.map(${test.getText(sourceFile)}));\n${indent}`;
  return [...allowed.edits, { start: at, end: at, text: results }, { start: test.getStart(sourceFile), end: test.end, text: `(_, i) => ${RESULTS}[i]` }];
}

export const foreachToForOf: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.async-foreach']);
  const model = parse(input.code);
  const { ts } = model;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const { finding: f, start, end } of spansOf(targets, model)) {
    const call = nodeAt(model, start, end, ts.isCallExpression);
    if (call === null) continue;
    const line = lineOfPos(model, start);
    const method = f.data?.method;
    const recv = f.data?.receiver ?? 'the array';
    // filter's test answers with a promise (an async callback, or a function the detector knows returns one).
    if (method === 'filter') {
      const e = testsFirst(model, call);
      if (e === null) continue;
      edits.push(...e);
      notes.push(words('fix.js.filter-tests-first', { receiver: recv, line }));
      continue;
    }
    const cb = functionArgument(ts, call.arguments[0]);
    if (cb === null || !isAsync(ts, cb)) continue;
    if (method === 'forEach') {
      const e = forEachToForOf(model, call);
      if (e === null) continue;
      edits.push(...e);
      notes.push(words('fix.js.forEach-to-for-of', { receiver: recv, line }));
    } else if (method === 'map') {
      const e = wrapMapInPromiseAll(model, call);
      if (e === null) continue;
      edits.push(...e);
      notes.push(words('fix.js.map-in-promise-all', { receiver: recv, line }));
    }
  }
  return fixOutput(input.code, model, edits, notes);
};
