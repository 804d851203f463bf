/**
 * js.promise-as-value: a promise read as if it were its result:
 * `const r = fetch(u); r.json()`, `if (isReady())` on an async function,
 * a promise in a template string, `console.log`, `JSON.stringify`.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import { enclosingFunction } from '../model.js';
import { promiseCall, usageOf, VALUE_USES, type Usage } from '../promises.js';
import { callText, isInside, position, span } from '../where.js';

const HANDLED: ReadonlySet<Usage> = new Set(['awaited', 'chained', 'combined', 'returned', 'passed', 'voided', 'assigned']);

function describe(usage: Usage, node: TS.Node, model: Parameters<Detector['detect']>[0]): string {
  const { ts } = model;
  switch (usage) {
    case 'member': {
      const parent = node.parent;
      if (parent && ts.isPropertyAccessExpression(parent)) return `reads \`.${parent.name.text}\` from it`;
      return 'reads a property of it';
    }
    case 'logged':
      return 'logs it (prints `Promise { <pending> }`)';
    case 'stringified':
      return 'serialises it (gives `{}`)';
    case 'condition':
      return 'tests it in a condition (a promise is always truthy)';
    case 'template':
      return 'puts it in a string (gives `[object Promise]`)';
    case 'sent': {
      const call = node.parent;
      if (call && ts.isCallExpression(call)) return `sends it with \`${call.expression.getText(model.sourceFile)}()\` (the promise, not the data)`;
      return 'sends it';
    }
    case 'compared':
      return 'compares it (a promise never equals a value)';
    default:
      return 'uses it as a value';
  }
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
      if (known.builder && use.usage === 'member') continue;
      if (VALUE_USES.has(use.usage)) {
        out.push({
          ...position(model, call),
          message: `\`${shown}\` is a promise, not its result, and the code ${describe(use.usage, use.node, model)}. Add \`await\` to get the value.`,
          confidence: 0.85,
          data: { ...span(model, call), callee: known.callee, use: use.usage },
        });
        continue;
      }
      if (use.usage !== 'assigned' || use.variable === undefined) continue;
      // Follow the variable: flagged only when every later use reads it as a value.
      const scope = enclosingFunction(ts, call) ?? sourceFile;
      const refs = (model.identifiers.get(use.variable) ?? []).filter(
        (id) => id.pos >= call.end && isInside(id, scope) && !(ts.isVariableDeclaration(id.parent) && id.parent.name === id),
      );
      let handled = false;
      let valueUse: { usage: Usage; node: TS.Node; id: TS.Identifier } | null = null;
      for (const id of refs) {
        const parent = id.parent;
        if (ts.isPropertyAccessExpression(parent) && parent.name === id) continue;
        if (ts.isBinaryExpression(parent) && parent.left === id && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) break;
        const refUse = usageOf(ts, id);
        if (HANDLED.has(refUse.usage) || (known.builder && refUse.usage === 'member')) {
          handled = true;
          break;
        }
        if (VALUE_USES.has(refUse.usage) && valueUse === null) valueUse = { usage: refUse.usage, node: refUse.node, id };
      }
      if (handled || valueUse === null) continue;
      const useLine = position(model, valueUse.id).line;
      out.push({
        ...position(model, call),
        message: `\`${use.variable}\` holds the promise from \`${shown}\`, not its result; line ${useLine} ${describe(valueUse.usage, valueUse.node, model)}. Add \`await\` where it is assigned.`,
        confidence: 0.85,
        data: { ...span(model, call), callee: known.callee, variable: use.variable, use: valueUse.usage, useLine: String(useLine) },
      });
    }
    return out;
  },
};
