/**
 * js.never-settles: `new Promise((resolve) => { … })` whose executor never
 * uses `resolve` (nor `reject`): nothing can ever settle the promise, so an
 * `await` on it waits forever; at the top level of an ES module Node ends
 * with exit code 13 ("Detected unsettled top-level await").
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { functionArgument, isInside, position, span } from '../where.js';
import type { SnippetModel } from '../model.js';

function used(model: SnippetModel, param: TS.ParameterDeclaration | undefined, body: TS.Node): boolean {
  if (param === undefined) return false;
  if (!model.ts.isIdentifier(param.name)) return true; // destructured: cannot tell
  const name = param.name.text;
  return (model.identifiers.get(name) ?? []).some((id) => id !== param.name && isInside(id, body));
}

export const neverSettles: Detector = {
  id: 'js.never-settles',
  detect(model) {
    const { ts } = model;
    const out: RawFinding[] = [];
    for (const expr of model.newExpressions) {
      if (!ts.isIdentifier(expr.expression) || expr.expression.text !== 'Promise') continue;
      const executor = functionArgument(ts, expr.arguments?.[0]);
      if (executor === null) continue;
      const [resolve, reject] = executor.parameters;
      // `new Promise(() => {})` is written on purpose (a test that must hang); a body that does work and no `resolve` is the mistake.
      if (resolve === undefined) continue;
      if (ts.isBlock(executor.body) && executor.body.statements.length === 0) continue;
      if (resolve.dotDotDotToken || used(model, resolve, executor.body) || used(model, reject, executor.body)) continue;
      // `arguments[0]` or `this` tricks are rare; a body that mentions `arguments` is left alone.
      if ((model.identifiers.get('arguments') ?? []).some((id) => isInside(id, executor.body))) continue;
      const name = ts.isIdentifier(resolve.name) ? resolve.name.text : 'resolve';
      out.push({
        ...position(model, expr),
        message: `This \`new Promise\` never calls \`${name}\`${reject !== undefined ? ' (nor its reject function)' : ''}: nothing can settle it, so whatever awaits it waits forever (an ES module's top-level \`await\` then ends the process with exit code 13). Call \`${name}(value)\` when the work is done, and reject (or let the promise fail) when it goes wrong.`,
        confidence: 0.8,
        data: { ...span(model, expr), resolve: name },
      });
    }
    return out;
  },
};
