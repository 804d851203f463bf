/** py.blocking-call-in-async: a blocking call (or a busy `while True:`) inside async code. */
import { FILE_OPENS } from '../known.js';
import { child, containsOwn, type SnippetModel, type FunctionInfo } from '../model.js';
import { type Detector, code, callData, hasAwaitInside } from './shared.js';
import { words, type Phrase } from '../../../types.js';

/** The first blocking call a plain def of the snippet makes, directly or through other plain defs. */
function blockingInside(m: SnippetModel, fn: FunctionInfo, depth: number, memo: Map<FunctionInfo, string | null>): string | null {
  if (memo.has(fn)) return memo.get(fn)!;
  memo.set(fn, null);
  let found: string | null = null;
  for (const call of m.calls) {
    if (m.scopeNode(call) !== fn.node) continue;
    const info = m.classify(call);
    if (info.kind === 'blocking') found = info.callee;
    else if (info.kind === 'snippet-sync' && info.fn && depth < 3) {
      const inner = blockingInside(m, info.fn, depth + 1, memo);
      if (inner) found = inner;
    }
    if (found) break;
  }
  memo.set(fn, found);
  return found;
}

export const blockingCallInAsync: Detector = (m, report) => {
  const memo = new Map<FunctionInfo, string | null>();
  for (const call of m.calls) {
    const scope = m.scopeOf(call);
    if (scope.kind !== 'async' && scope.kind !== 'unknown-async') continue;
    const u = m.usage(call);
    if (u.kind === 'awaited') continue; // `await time.sleep()` is await-non-awaitable
    const info = m.classify(call);
    let message: Phrase | null = null;
    // Most calls in async code block nothing: build the position data only for a finding.
    const extra: Record<string, string> = {};
    if (info.kind === 'blocking') {
      // Every way of opening a file is one for the fixer: it leaves opens alone.
      extra.blocking = info.qname && FILE_OPENS.has(info.qname) ? 'open' : info.qname ?? info.callee;
      message = words('py.blocking-call-in-async', { callee: info.callee, where: inAsync(scope.fn?.name), why: info.why });
    } else if (info.kind === 'snippet-sync' && info.fn && !info.fn.isAsync) {
      const via = blockingInside(m, info.fn, 0, memo);
      if (via) {
        extra.blocking = via;
        extra.via = info.fn.name;
        message = words('py.blocking-call-in-async.via', { callee: info.callee, via, where: inAsync(scope.fn?.name) });
      }
    }
    if (message) report(call, 'py.blocking-call-in-async', message, info.kind === 'blocking' ? info.confidence : 0.8, Object.assign(callData(m, call), extra));
  }
  // Busy loops: `while True:` with nothing that yields to the loop.
  for (const w of m.whileStatements) {
    const scope = m.scopeOf(w);
    if (scope.kind !== 'async') continue;
    const cond = child(w, 'condition');
    const body = child(w, 'body');
    if (!cond || !body || !/^(True|1)$/.test(m.text(cond))) continue;
    if (hasAwaitInside(body) || containsOwn(body, (c) => c.type === 'break_statement' || c.type === 'return_statement' || c.type === 'raise_statement')) continue;
    report(w, 'py.blocking-call-in-async', words('py.blocking-call-in-async.busy-loop', { name: scope.fn?.name ?? '' }), 0.75, {
      start: m.at(w.start),
      end: m.at(w.end),
      context: 'async',
      fnName: scope.fn?.name ?? '',
      blocking: 'busy loop',
    });
  }
};

/** Where a blocking call sits: in a named `async def`, or in async code the snippet does not name. */
function inAsync(name: string | undefined) {
  return name ? words('py.where.in-async-def', { name }) : words('py.where.async-code');
}
