/**
 * The call whose promise a paste shows printed, for js/promise-used-as-value matched on the
 * output alone (`Promise { <pending> }` logged, `[object Promise]` in a string) when no detector
 * knew the call returns a promise (a library the analyser has no table for: `fileType.fromBuffer`).
 * The code logs, interpolates or sends a value; the one such value that comes straight from a call
 * nobody awaited (`console.log(load())`, or `const type = load(); … console.log(type)`) is the
 * promise that was printed. Two or more such values, or none, is a guess: no fix.
 */
import type * as TS from 'typescript';
import type { SnippetFinding } from '../../evidence/types.js';
import type { SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { usageOf, type Usage } from '../../evidence/javascript/snippet/promises.js';

/** Where a promise shows itself as one: a log line, a string, JSON, a response body. */
const SHOWN: ReadonlySet<Usage> = new Set(['logged', 'template', 'stringified', 'sent']);

/** Objects whose methods answer at once (the language's own and Node's synchronous modules). */
const SYNC_OBJECTS = new Set(['JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Date', 'Symbol', 'BigInt', 'Reflect', 'Intl', 'path', 'util', 'os', 'url', 'querystring', 'Buffer', 'process', 'console']);

/** Functions that answer at once. */
const SYNC_FUNCTIONS = new Set(['require', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Date', 'Array', 'Object', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'structuredClone', 'setTimeout', 'setInterval', 'setImmediate']);

/** Methods of strings, arrays, numbers, dates and maps that answer at once. */
const SYNC_METHODS = new Set([
  'toString', 'toFixed', 'toLocaleString', 'join', 'split', 'slice', 'splice', 'map', 'filter', 'reduce', 'find', 'findIndex', 'some', 'every',
  'includes', 'indexOf', 'lastIndexOf', 'replace', 'replaceAll', 'trim', 'toLowerCase', 'toUpperCase', 'substring', 'substr', 'charAt', 'padStart',
  'padEnd', 'concat', 'keys', 'values', 'entries', 'get', 'has', 'format', 'getTime', 'toISOString', 'toJSON', 'parse', 'stringify', 'flat', 'sort',
  'reverse', 'match', 'test', 'exec', 'at', 'push', 'pop', 'shift', 'unshift', 'fill', 'repeat', 'startsWith', 'endsWith', 'localeCompare',
]);

/** Whether a call is one that answers at once by its name alone, or a plain function of the paste's own. */
function answersAtOnce(model: SnippetModel, call: TS.CallExpression): boolean {
  const { ts } = model;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return SYNC_FUNCTIONS.has(callee.text) || model.syncNames.has(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return true;
  if (SYNC_METHODS.has(callee.name.text) || model.syncNames.has(callee.name.text)) return true;
  let root: TS.Expression = callee.expression;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  return ts.isIdentifier(root) && SYNC_OBJECTS.has(root.text);
}

/** A call's value shown where it stands, or through the one variable it is stored in (read after it, in its scope). */
function shownValue(model: SnippetModel, call: TS.CallExpression): { variable?: string } | null {
  const { ts } = model;
  const use = usageOf(ts, call);
  if (SHOWN.has(use.usage)) return {};
  if (use.usage !== 'assigned' || use.variable === undefined) return null;
  const decl = use.node.parent;
  if (decl === undefined || !ts.isVariableDeclaration(decl)) return null;
  const scope = decl.parent?.parent?.parent;
  const reads = (model.identifiers.get(use.variable) ?? []).filter((id) => id !== decl.name && id.pos >= decl.end && (scope === undefined || (id.pos >= scope.pos && id.end <= scope.end)));
  return reads.some((id) => SHOWN.has(usageOf(ts, id).usage)) ? { variable: use.variable } : null;
}

/** The finding `js.promise-as-value` would have made on `call` (its span in the user's code), for the fixer to act on. */
function promiseAsValueFinding(model: SnippetModel, call: TS.CallExpression, use: 'logged' | 'property', variable: string | undefined): SnippetFinding {
  const { sourceFile } = model;
  const line = sourceFile.getLineAndCharacterOfPosition(call.getStart(sourceFile));
  return {
    detector: 'js.promise-as-value',
    language: 'javascript',
    line: line.line + 1,
    column: line.character,
    blockIndex: 0,
    message: { key: 'js.promise-as-value', params: {} },
    confidence: 0.5,
    data: { start: String(call.getStart(sourceFile) - model.offset), end: String(call.end - model.offset), callee: call.expression.getText(sourceFile), use, ...(variable !== undefined && { variable }) },
  };
}

/**
 * The one call the printed promise came from, as the finding the detector would have made
 * (`js.promise-as-value` with its span in the user's code), or none.
 */
export function shownPromiseCall(model: SnippetModel): SnippetFinding[] {
  const found: SnippetFinding[] = [];
  for (const call of model.calls) {
    if (answersAtOnce(model, call)) continue;
    const shown = shownValue(model, call);
    if (shown === null) continue;
    found.push(promiseAsValueFinding(model, call, 'logged', shown.variable));
  }
  return found.length === 1 ? found : [];
}

// TypeScript's TS2339 on a promise, quoted with or without its `error TS2339:` prefix:
// "Property 'name' does not exist on type 'Promise<User | null>'." (src/compiler/diagnosticMessages.json).
export const PROMISE_PROPERTY = /Property '([\w$]{1,100})' does not exist on type 'Promise<[^'\n]{0,300}>'/g;

/** The properties a TypeScript message in the paste says were read off a promise. */
export function promiseProperties(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(PROMISE_PROPERTY)) out.add(m[1]!);
  return out;
}

/**
 * The one call whose promise has a property read that a TypeScript message says a promise lacks
 * (`this.repo.findOne(…).name`, or `const user = this.repo.findOne(…)` then `user.name`), as the
 * finding a detector would have made, when no detector knew the call returns a promise. Two or
 * more such calls, or none: no fix.
 */
export function readPromiseCall(model: SnippetModel, properties: ReadonlySet<string>): SnippetFinding[] {
  if (properties.size === 0) return [];
  const { ts } = model;
  const readHere = (n: TS.Node): boolean => n.parent !== undefined && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && properties.has(n.parent.name.text);
  const found: SnippetFinding[] = [];
  for (const call of model.calls) {
    if (answersAtOnce(model, call)) continue;
    let variable: string | undefined;
    if (!readHere(call)) {
      const use = usageOf(ts, call);
      const decl = use.usage === 'assigned' ? use.node.parent : undefined;
      if (use.variable === undefined || decl === undefined || !ts.isVariableDeclaration(decl)) continue;
      const scope = decl.parent?.parent?.parent;
      const reads = (model.identifiers.get(use.variable) ?? []).filter((id) => id !== decl.name && id.pos >= decl.end && (scope === undefined || (id.pos >= scope.pos && id.end <= scope.end)));
      if (!reads.some(readHere)) continue;
      variable = use.variable;
    }
    found.push(promiseAsValueFinding(model, call, 'property', variable));
  }
  return found.length === 1 ? found : [];
}
