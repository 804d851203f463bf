/**
 * js.await-outside-async: `await` (or `for await`) inside a function that is
 * not `async`, or at the top level of a CommonJS script. Top-level `await` in
 * an ES module (import/export, TypeScript) or a notebook is fine.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction, functionName, isAsync, type FunctionLike } from '../model.js';
import { unterminatedAt } from '../parse.js';
import { endOf, isIterationCallback, position, span, startOf } from '../where.js';
import { words } from '../../../types.js';

/**
 * The class field whose initializer holds `node` (`baz = await bar();`), or a static block, when no
 * function lies between them: that code runs when the class or an instance is made, never inside
 * the async function the class may be written in (TS1308/TS18037; a SyntaxError in JavaScript).
 */
function fieldInitializer(ts: Parameters<Detector['detect']>[0]['ts'], node: TS.Node): TS.PropertyDeclaration | TS.ClassStaticBlockDeclaration | null {
  for (let cur = node.parent; cur !== undefined; cur = cur.parent) {
    if (ts.isFunctionLike(cur)) return null;
    if (ts.isPropertyDeclaration(cur) || ts.isClassStaticBlockDeclaration(cur)) return cur;
    if (ts.isSourceFile(cur)) return null;
  }
  return null;
}

export const awaitOutsideAsync: Detector = {
  id: 'js.await-outside-async',
  detect(model, hints) {
    const { ts } = model;
    const out: RawFinding[] = [];
    const seen = new Set<FunctionLike | null>();
    const nodes: TS.Node[] = [...model.awaits];
    for (const loop of model.loops) if (ts.isForOfStatement(loop) && loop.awaitModifier) nodes.push(loop);
    nodes.sort((a, b) => a.pos - b.pos);
    // Code that can never be async (a class field, a constructor, an accessor): the fix moves the await out of `around`.
    const cannotBeAsync = (node: TS.Node, around: TS.Node, message: RawFinding['message'], confidence: number): RawFinding => ({
      ...position(model, node),
      message,
      confidence,
      data: { ...span(model, node), scope: 'accessor', fnStart: startOf(model, around), fnEnd: endOf(model, around) },
    });
    const unterminated = model.syntaxErrors > 0 ? unterminatedAt(model.sourceFile) : [];
    // The refusal the paste shows is about an `await` in a plain function when the code has one: the
    // top level of a module, where `await` may be fine, is then left alone.
    const inPlainFunction = nodes.some((n) => {
      const f = enclosingFunction(ts, n);
      return f !== null && f !== model.bodyWrapper && !isAsync(ts, f);
    });
    const refusedAtTop = !!hints.jsAwaitRefused && !inPlainFunction;
    for (const node of nodes) {
      const field = fieldInitializer(ts, node);
      if (field !== null) {
        out.push(cannotBeAsync(node, field, words('js.await-outside-async.field'), 0.85));
        continue;
      }
      const found = enclosingFunction(ts, node);
      // Lines read as a body cut from an async function, when the paste shows the engine refusing
      // their `await`: they were the file's top level after all. Not lines that do not parse (the
      // one source line Node quotes under `file.js:5`, with its caret), which may sit in any function.
      const fn = found !== null && found === model.bodyWrapper && refusedAtTop && model.syntaxErrors === 0 ? null : found;
      if (seen.has(fn)) continue;
      if (fn === null) {
        // Top level: only a CommonJS script (require, module.exports) rejects it, or the engine or
        // bundler whose refusal the paste shows (Metro and older Babel setups refuse it in a module too).
        if (hints.notebook || (!refusedAtTop && (model.esModule || !model.commonJs))) continue;
        seen.add(fn);
        out.push({
          ...position(model, node),
          message: words('js.await-outside-async.commonjs'),
          confidence: 0.7,
          data: { ...span(model, node), scope: 'top-level' },
        });
        continue;
      }
      if (isAsync(ts, fn)) continue;
      // A literal left open between the function's start and the await (an unterminated string in a
      // `.then(() => console.log('…))` callback) leaves the function open: the parser then takes the
      // lines after it for its body, so it is not known to enclose the await at all.
      if (unterminated.some((at) => at >= fn.pos && at < node.getStart(model.sourceFile))) continue;
      if (ts.isConstructorDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
        seen.add(fn);
        out.push(cannotBeAsync(node, fn, words('js.await-outside-async.accessor'), 0.9));
        continue;
      }
      seen.add(fn);
      const name = functionName(ts, fn);
      const where = name !== null ? words('fix.code', { code: name }) : words(isIterationCallback(ts, fn) ? 'js.where.this-callback' : 'js.where.enclosing-function');
      out.push({
        ...position(model, node),
        message: words('js.await-outside-async', { where }),
        confidence: 0.95,
        data: {
          ...span(model, node),
          scope: 'function',
          fnStart: startOf(model, fn),
          fnEnd: endOf(model, fn),
          ...(name !== null ? { function: name } : {}),
        },
      });
    }
    return out;
  },
};
