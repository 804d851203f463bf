/**
 * What a TypeScript paste's own types say returns a promise, read without a type checker: an
 * interface, type literal or class member typed `(…) => Promise<T>` (or `async`), reached through a
 * parameter or variable annotated with that type (`function show(api: Api) { api.getUser(id); }`),
 * and a variable whose annotation is a function returning `Promise<T>`
 * (`const fetcher: (u: string) => Promise<Response> = make();`). Calls through them are the
 * paste's own promise calls from then on.
 */
import type * as TS from 'typescript';
import { isAsync, type SnippetModel } from './model.js';

const PROMISE_TYPES = /^(?:Promise|PromiseLike)$/;

/** `Promise<T>` / `PromiseLike<T>` as written (not a union with something else). */
export function isPromiseType(ts: SnippetModel['ts'], type: TS.TypeNode | undefined): boolean {
  if (type === undefined) return false;
  while (ts.isParenthesizedTypeNode(type)) type = type.type;
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && PROMISE_TYPES.test(type.typeName.text);
}

/** `(…) => Promise<T>` as a type. */
function promiseFunctionType(ts: SnippetModel['ts'], type: TS.TypeNode | undefined): boolean {
  if (type === undefined) return false;
  while (ts.isParenthesizedTypeNode(type)) type = type.type;
  return ts.isFunctionTypeNode(type) && isPromiseType(ts, type.type);
}

/** The member names of a type's body that return promises. */
function promiseMembers(ts: SnippetModel['ts'], members: readonly TS.Node[]): Set<string> {
  const out = new Set<string>();
  for (const m of members) {
    const name = (m as { name?: TS.Node }).name;
    if (name === undefined || !ts.isIdentifier(name)) continue;
    if (ts.isMethodSignature(m) && isPromiseType(ts, m.type)) out.add(name.text);
    else if (ts.isPropertySignature(m) && promiseFunctionType(ts, m.type)) out.add(name.text);
    else if (ts.isMethodDeclaration(m) && (isAsync(ts, m) || isPromiseType(ts, m.type))) out.add(name.text);
    else if (ts.isPropertyDeclaration(m) && promiseFunctionType(ts, m.type)) out.add(name.text);
  }
  return out;
}

export function noteTypedPromises(model: SnippetModel): void {
  const { ts, sourceFile } = model;
  // Without the word Promise, only a class's async method makes a type's member return one, and the
  // model's walk has noted every async method of a class already: nothing else to find.
  if (!model.text.includes('Promise') && model.asyncMethods.size === 0) return;
  const types = new Map<string, Set<string>>();
  const typed: { name: string; type: TS.TypeNode }[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isInterfaceDeclaration(n) || ts.isClassDeclaration(n)) {
      const members = promiseMembers(ts, n.members);
      if (n.name !== undefined && members.size > 0) types.set(n.name.text, members);
    } else if (ts.isTypeAliasDeclaration(n) && ts.isTypeLiteralNode(n.type)) {
      const members = promiseMembers(ts, n.type.members);
      if (members.size > 0) types.set(n.name.text, members);
    } else if ((ts.isParameter(n) || ts.isVariableDeclaration(n)) && ts.isIdentifier(n.name) && n.type !== undefined) {
      typed.push({ name: n.name.text, type: n.type });
      if (ts.isVariableDeclaration(n) && promiseFunctionType(ts, n.type) && !model.asyncNames.has(n.name.text)) {
        model.syncNames.delete(n.name.text);
        model.promiseNames.add(n.name.text);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sourceFile);
  for (const { name, type } of typed) {
    if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) continue;
    for (const method of types.get(type.typeName.text) ?? []) model.asyncMembers.add(`${name}.${method}`);
  }
}
