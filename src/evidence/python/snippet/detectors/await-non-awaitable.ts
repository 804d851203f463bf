/** py.await-non-awaitable: `await` on a call that returns a plain value. */
import { child, namedChildren } from '../model.js';
import { type Detector, code, callData, hasAwaitInside } from './shared.js';

export const awaitNonAwaitable: Detector = (m, report) => {
  for (const a of m.awaits) {
    const inner = namedChildren(a)[0];
    if (inner?.type !== 'call') continue;
    const info = m.classify(inner);
    const q = info.qname ?? (child(inner, 'function') ? m.resolve(child(inner, 'function')!) : null);
    let why: string | null = null;
    if (info.kind === 'blocking') why = `${code(info.callee + '()')} is a plain blocking function, not a coroutine`;
    else if (info.kind === 'snippet-sync' && info.fn && info.fn.decorators.length === 0) why = `${code(info.callee)} is a plain ${code('def')}, not an ${code('async def')}, so it returns a value, not an awaitable`;
    else if (q && ['print', 'len', 'open', 'str', 'int', 'json.dumps', 'json.loads'].includes(q)) why = `${code(info.callee + '()')} returns a plain value`;
    if (!why) continue;
    const data = callData(m, inner);
    data.awaitStart = m.at(a.start);
    data.awaitEnd = m.at(a.end);
    data.qname = q ?? '';
    if (info.fn) data.fnAwaits = hasAwaitInside(info.fn.node) ? 'true' : 'false';
    if (info.fn) data.targetDef = m.at(info.fn.defOffset);
    report(a, 'py.await-non-awaitable', `${why}; ${code('await')} on it raises TypeError.`, 0.85, data);
  }
};
