/** py.coroutine-function-not-called: an async def passed where its coroutine is needed. */
import { COROUTINE_SINKS } from '../known.js';
import { child, namedChildren } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, positionalArgs, namedCoroutineFunction, methodReference } from './shared.js';
import { words } from '../../../types.js';

export const coroutineFunctionNotCalled: Detector = (m, report) => {
  const flag = (expr: PyNode, sink: string, confidence: number) => {
    const named = namedCoroutineFunction(m, expr);
    let name = named?.name ?? null;
    let conf = named ? Math.min(named.confidence, confidence) : 0;
    if (!named && expr.type === 'identifier' && m.text(expr) === 'main' && !m.functions.has('main') && m.resolveName('main', expr) === 'main') {
      name = 'main';
      conf = 0.7;
    }
    // `asyncio.create_task(self.fetch_readme)`: the method itself, from a part of the class the paste leaves out
    // (a def the snippet shows is judged above: a plain def there is not this mistake).
    const method = !named && sink !== 'await' ? methodReference(m, expr) : null;
    if (method && !m.functions.has(method.slice('self.'.length))) {
      name = method;
      conf = 0.85;
    }
    if (!name) return;
    const data: Record<string, string> = {
      name,
      sink,
      start: m.at(expr.start),
      end: m.at(expr.end),
      context: m.scopeOf(expr).kind,
      requiredParams: String(named?.fn?.requiredParams ?? 0),
    };
    report(expr, 'py.coroutine-function-not-called', words('py.coroutine-function-not-called', { name, sink }), conf, data);
  };
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr) continue;
    const q = m.resolve(fnExpr);
    let sink: string | null = q && COROUTINE_SINKS.has(q) ? q : null;
    if (!sink && fnExpr.type === 'attribute') {
      const method = m.text(child(fnExpr, 'attribute')!);
      if (method === 'run_until_complete' || (method === 'create_task' && !/TaskGroup/.test(m.originOf(child(fnExpr, 'object')!) ?? ''))) sink = m.text(fnExpr);
      if (method === 'create_task' && m.originOf(child(fnExpr, 'object')!)?.includes('TaskGroup')) sink = m.text(fnExpr);
    }
    if (!sink) continue;
    const args = sink === 'asyncio.gather' ? positionalArgs(call) : positionalArgs(call).slice(0, 1);
    for (const a of args) flag(a, sink, 0.9);
  }
  for (const a of m.awaits) {
    const inner = namedChildren(a)[0];
    if (inner && (inner.type === 'identifier' || inner.type === 'attribute')) flag(inner, 'await', 0.85);
  }
};
