/**
 * js.promise-as-value: a promise read as if it were its result:
 * `const r = fetch(u); r.json()`, `if (isReady())` on an async function,
 * a promise in a template string, `console.log`, `JSON.stringify`; and the
 * result a function returns before its promise settles: `var result;
 * load().then((r) => { result = r; }); return result;` (see `returnedBeforeSet`).
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, isFunctionLike, type SnippetModel } from '../model.js';
import { promiseCall, usageOf, VALUE_USES, type Usage } from '../promises.js';
import { callText, isInside, position, span } from '../where.js';
import { isPromiseType } from '../typed-promises.js';
import { functionsReturningNothing } from './then-on-non-promise.js';
import { words, type Words } from '../../../types.js';

const HANDLED: ReadonlySet<Usage> = new Set(['awaited', 'chained', 'combined', 'returned', 'passed', 'voided', 'assigned']);

function describe(usage: Usage, node: TS.Node, model: Parameters<Detector['detect']>[0]): Words {
  const { ts } = model;
  switch (usage) {
    case 'member': {
      const parent = node.parent;
      if (parent && ts.isPropertyAccessExpression(parent)) return words('js.promise-use.reads', { property: parent.name.text });
      return words('js.promise-use.reads-property');
    }
    case 'logged':
      return words('js.promise-use.logged');
    case 'stringified':
      return words('js.promise-use.stringified');
    case 'condition':
      return words('js.promise-use.condition');
    case 'template':
      return words('js.promise-use.template');
    case 'sent': {
      const call = node.parent;
      if (call && ts.isCallExpression(call)) return words('js.promise-use.sent-with', { call: call.expression.getText(model.sourceFile) });
      return words('js.promise-use.sent');
    }
    case 'compared':
      return words('js.promise-use.compared');
    case 'given':
      return ts.isCallExpression(node) ? words('js.promise-use.given-to', { call: node.expression.getText(model.sourceFile) }) : words('js.promise-use.value');
    default:
      return words('js.promise-use.value');
  }
}

/** The `.then`/`.catch`/`.finally` calls down a chain's spine: `a().then(f).catch(g)` → [catch(g), then(f)]. */
function chainLinks(model: SnippetModel, expr: TS.Expression): TS.CallExpression[] {
  const { ts } = model;
  const links: TS.CallExpression[] = [];
  let cur: TS.Expression = expr;
  while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression) && /^(then|catch|finally)$/.test(cur.expression.name.text)) {
    links.push(cur);
    cur = cur.expression.expression;
  }
  return links;
}

/**
 * `var result; client.lookup(q).then((r) => { result = r; }); return result;`: the function returns
 * `result` at once, and the callback that sets it runs later, so every caller gets the value it had
 * before (undefined). Only a variable the function declares without a value from a call, set
 * inside the chain's callbacks and returned by a statement after the chain in the same body.
 */
function returnedBeforeSet(model: SnippetModel): RawFinding[] {
  const { ts, sourceFile } = model;
  const out: RawFinding[] = [];
  for (const fn of model.functions) {
    const body = fn.body;
    if (body === undefined || !ts.isBlock(body)) continue;
    const declared = new Set<string>();
    body.statements.forEach((stmt, i) => {
      // The chain as a statement, or kept in a variable (`const p = load().then(…)`): either way the function goes on at once.
      let chainExpr: TS.Expression | undefined;
      if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && (d.initializer === undefined || ts.isLiteralExpression(d.initializer) || d.initializer.kind === ts.SyntaxKind.NullKeyword)) declared.add(d.name.text);
        }
        const only = stmt.declarationList.declarations.length === 1 ? stmt.declarationList.declarations[0]!.initializer : undefined;
        if (only === undefined || !ts.isCallExpression(only)) return;
        chainExpr = only;
      } else if (ts.isExpressionStatement(stmt)) chainExpr = stmt.expression;
      else return;
      const links = chainLinks(model, chainExpr);
      if (!links.some((l) => (l.expression as TS.PropertyAccessExpression).name.text === 'then')) return;
      const setInside = new Set<string>();
      const visit = (n: TS.Node): void => {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && declared.has(n.left.text)) setInside.add(n.left.text);
        ts.forEachChild(n, visit);
      };
      for (const link of links) for (const arg of link.arguments) if (isFunctionLike(ts, arg)) visit(arg);
      const later = body.statements.slice(i + 1).find((s) => ts.isReturnStatement(s) && s.expression !== undefined && ts.isIdentifier(s.expression) && setInside.has(s.expression.text)) as TS.ReturnStatement | undefined;
      if (later === undefined) return;
      const name = (later.expression as TS.Identifier).text;
      const chain = chainExpr as TS.CallExpression;
      out.push({
        ...position(model, chain),
        message: words('js.promise-as-value.returned-before-set', { name }),
        confidence: 0.8,
        data: { ...span(model, chain), callee: chain.expression.getText(sourceFile).split('\n')[0]!.slice(0, 60), variable: name, use: 'returned-before-set' },
      });
    });
  }
  return out;
}

/**
 * `const salt = bcrypt.genSalt(10); await bcrypt.hash(pw, salt)`: the name is itself an argument of a
 * call to a library the paste is known to use (bcrypt, axios, fetch, an ORM, knex, fs/promises), and
 * those take values, never a promise (none of them awaits its arguments). Not `Promise.*` (which take
 * promises), nor the paste's own functions (which may await what they get). The call, or null.
 */
function valueTakingLibraryCall(model: SnippetModel, id: TS.Identifier): TS.CallExpression | null {
  const { ts } = model;
  let node: TS.Node = id;
  while (node.parent !== undefined && ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  if (call === undefined || !ts.isCallExpression(call) || call.expression === node || !call.arguments.some((a) => a === node)) return null;
  const known = promiseCall(model, call);
  if (known === null || known.source === 'own' || known.callee.startsWith('Promise.')) return null;
  return call;
}

/**
 * Follow the variable a promise was stored in: its first later use that reads it as a value, or null when
 * some use handles it (awaits, chains, returns, passes it on) before, or none reads it.
 */
/** `node.x`: a member of a builder that is its own (any member, when the builder's methods are not listed). */
function builderMember(model: SnippetModel, node: TS.Node, known: { builder?: true; ownMethods?: ReadonlySet<string> }): boolean {
  if (known.builder !== true) return false;
  if (known.ownMethods === undefined) return true;
  const parent = node.parent;
  return parent !== undefined && model.ts.isPropertyAccessExpression(parent) && parent.expression === node && known.ownMethods.has(parent.name.text);
}

function laterValueUse(model: SnippetModel, made: TS.Node, variable: string, builder: { builder?: true; ownMethods?: ReadonlySet<string> }): { usage: Usage; node: TS.Node; id: TS.Identifier } | null {
  const { ts, sourceFile } = model;
  const scope = enclosingFunction(ts, made) ?? sourceFile;
  const refs = (model.identifiers.get(variable) ?? []).filter(
    (id) => id.pos >= made.end && isInside(id, scope) && !(ts.isVariableDeclaration(id.parent) && id.parent.name === id),
  );
  let valueUse: { usage: Usage; node: TS.Node; id: TS.Identifier } | null = null;
  for (const id of refs) {
    const parent = id.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name === id) continue;
    if (ts.isBinaryExpression(parent) && parent.left === id && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) break;
    const refUse = usageOf(ts, id);
    const library = refUse.usage === 'passed' ? valueTakingLibraryCall(model, id) : null;
    if (library !== null) {
      valueUse ??= { usage: 'given', node: library, id };
      continue;
    }
    if (HANDLED.has(refUse.usage) || (refUse.usage === 'member' && builderMember(model, id, builder))) return null;
    if (VALUE_USES.has(refUse.usage) && valueUse === null) valueUse = { usage: refUse.usage, node: refUse.node, id };
  }
  return valueUse;
}

/** `const p = new Promise(…); console.log(p)`: a promise made in place and then read as its value. */
function newPromiseAsValue(model: SnippetModel): RawFinding[] {
  const { ts } = model;
  const out: RawFinding[] = [];
  for (const expr of model.newExpressions) {
    if (!ts.isIdentifier(expr.expression) || expr.expression.text !== 'Promise') continue;
    const use = usageOf(ts, expr);
    if (use.usage !== 'assigned' || use.variable === undefined) continue;
    const valueUse = laterValueUse(model, expr, use.variable, {});
    if (valueUse === null) continue;
    const useLine = position(model, valueUse.id).line;
    out.push({
      ...position(model, expr),
      message: words('js.promise-as-value.variable', { variable: use.variable, call: 'new Promise(…)', line: useLine, use: describe(valueUse.usage, valueUse.node, model) }),
      confidence: 0.85,
      data: { ...span(model, expr), callee: 'Promise', variable: use.variable, use: valueUse.usage, useLine: String(useLine) },
    });
  }
  return out;
}

/**
 * `function show(user: Promise<User>) { console.log(user.name); }`, `const p: Promise<Data> = load(); if (p)`:
 * a name the paste's own annotation says holds a promise, read as its value before anything awaits it.
 */
function typedPromiseAsValue(model: SnippetModel): RawFinding[] {
  const { ts } = model;
  const out: RawFinding[] = [];
  if (!model.text.includes('Promise')) return out;
  const visit = (n: TS.Node): void => {
    if ((ts.isParameter(n) || ts.isVariableDeclaration(n)) && ts.isIdentifier(n.name) && isPromiseType(ts, n.type)) {
      const valueUse = laterValueUse(model, n, n.name.text, {});
      if (valueUse !== null) {
        const useLine = position(model, valueUse.id).line;
        out.push({
          ...position(model, valueUse.id),
          message: words('js.promise-as-value.variable', { variable: n.name.text, call: n.type!.getText(model.sourceFile), line: useLine, use: describe(valueUse.usage, valueUse.node, model) }),
          confidence: 0.8,
          data: { ...span(model, valueUse.id), callee: n.name.text, variable: n.name.text, use: valueUse.usage, useLine: String(useLine) },
        });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(model.sourceFile);
  return out;
}

/**
 * `exports.getdata = () => { fetch(url).then(…); }` and, in this block or another, `var a = getdata(p);
 * console.log(a)`: the function starts a promise and returns nothing, so its caller reads `undefined`
 * where it wanted the data (the question of every "why is my fetch result undefined" thread). Only the
 * paste's own plain functions that certainly return nothing after starting a promise (see
 * `functionsReturningNothing`). No span for the fixers: awaiting the call would still give `undefined`,
 * the fix is to return the promise inside the function.
 */
function returnedNothingAsValue(model: SnippetModel): RawFinding[] {
  const { ts } = model;
  const out: RawFinding[] = [];
  const own = new Set(functionsReturningNothing(model));
  if (own.size === 0 && model.siblingReturnsNothing.size === 0) return out;
  for (const call of model.calls) {
    if (!ts.isIdentifier(call.expression)) continue;
    const name = call.expression.text;
    const sibling = model.siblingReturnsNothing.has(name) && !model.syncNames.has(name) && !model.asyncNames.has(name) && !model.promiseNames.has(name);
    if (!own.has(name) && !sibling) continue;
    const use = usageOf(ts, call);
    let reader: TS.Node | null = VALUE_USES.has(use.usage) ? use.node : null;
    if (use.usage === 'assigned' && use.variable !== undefined) reader = laterValueUse(model, call, use.variable, {})?.id ?? null;
    if (reader === null) continue;
    out.push({
      ...position(model, call),
      message: words('js.promise-as-value.returns-nothing', { call: callText(model, call), name, line: position(model, reader).line }),
      confidence: 0.75,
      data: { callee: name, use: 'returns-nothing' },
    });
  }
  return out;
}

export const promiseAsValue: Detector = {
  id: 'js.promise-as-value',
  detect(model) {
    const { ts, sourceFile } = model;
    const out: RawFinding[] = [];
    for (const call of model.calls) {
      const known = promiseCall(model, call);
      if (known === null) continue;
      const use = usageOf(ts, call);
      const shown = callText(model, call);
      // `User.find(q).sort(…)`: a query builder's own methods are there to be called before it runs.
      if (use.usage === 'member' && builderMember(model, call, known)) continue;
      if (VALUE_USES.has(use.usage)) {
        out.push({
          ...position(model, call),
          message: words('js.promise-as-value', { call: shown, use: describe(use.usage, use.node, model) }),
          confidence: 0.85,
          data: { ...span(model, call), callee: known.callee, use: use.usage },
        });
        continue;
      }
      if (use.usage !== 'assigned' || use.variable === undefined) continue;
      const valueUse = laterValueUse(model, call, use.variable, known);
      if (valueUse === null) continue;
      const useLine = position(model, valueUse.id).line;
      out.push({
        ...position(model, call),
        message: words('js.promise-as-value.variable', { variable: use.variable, call: shown, line: useLine, use: describe(valueUse.usage, valueUse.node, model) }),
        confidence: 0.85,
        data: { ...span(model, call), callee: known.callee, variable: use.variable, use: valueUse.usage, useLine: String(useLine) },
      });
    }
    out.push(...returnedBeforeSet(model));
    out.push(...newPromiseAsValue(model));
    out.push(...typedPromiseAsValue(model));
    out.push(...returnedNothingAsValue(model));
    return out;
  },
};
