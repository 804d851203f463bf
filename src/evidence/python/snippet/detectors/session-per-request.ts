/** py.session-per-request: an aiohttp session opened per request, or never closed. */
import { child, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData } from './shared.js';
import { words, type Words } from '../../../types.js';

const ROUTE_DECORATOR = /^(app|router|api|bp|blueprint|routes)\.(get|post|put|delete|patch|route|websocket|api_route)\b/;

/**
 * The session is made before the script starts its loop (`asyncio.run(…)` or `run_until_complete(…)`
 * appear in the paste): at module level, or in a class's `__init__` when every `Class(…)` the paste
 * shows is made outside async code. aiohttp (3.x, helpers.get_running_loop) then warns "The object
 * should be created within an async function" and binds the session to `get_event_loop()`'s loop,
 * not the one `asyncio.run` makes, so requests fail with "Timeout context manager should be used
 * inside a task". Where it was made, as words, or null.
 */
function createdBeforeTheLoop(m: SnippetModel, call: PyNode): Words | null {
  const startsLoop = m.calls.some((c) => {
    const f = child(c, 'function');
    return f !== null && (m.resolve(f) === 'asyncio.run' || (f.type === 'attribute' && m.text(child(f, 'attribute') ?? f) === 'run_until_complete'));
  });
  if (!startsLoop) return null;
  const scope = m.scopeOf(call);
  if (scope.kind === 'module') return words('py.where.module-level-before-loop');
  const cls = scope.fn?.className ?? null;
  if (scope.kind !== 'sync' || scope.fn?.name !== '__init__' || cls === null) return null;
  const made = m.calls.filter((c) => {
    const f = child(c, 'function');
    return f !== null && f.type === 'identifier' && m.text(f) === cls;
  });
  if (made.length === 0 || !made.every((c) => { const k = m.scopeOf(c).kind; return k === 'module' || k === 'sync'; })) return null;
  return words('py.where.init-outside-async', { cls });
}

/** `session.get(…)`, `self.session.close()`: the stored session's name, or the attribute that holds it, used after the call that makes it. */
function usedAfterMade(m: SnippetModel, call: PyNode, target: string): boolean {
  const name = target.split('.').pop()!;
  const after = m.code.slice(call.end);
  for (let at = after.indexOf(name); at >= 0; at = after.indexOf(name, at + 1)) {
    const before = after[at - 1];
    if (before !== undefined && /\w/.test(before)) continue;
    if (/^\s*\.\s*[A-Za-z_]/.test(after.slice(at + name.length, at + name.length + 40))) return true;
  }
  return false;
}

export const sessionPerRequest: Detector = (m, report) => {
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (!fnExpr || m.resolve(fnExpr) !== 'aiohttp.ClientSession') continue;
    const scope = m.scopeOf(call);
    const u = m.usage(call);
    const data = callData(m, call);
    if (u.kind === 'with-item') {
      const perRequest = scope.fn?.decorators.some((d) => ROUTE_DECORATOR.test(d) || /\.command\b|\.event\b|app_commands\.command/.test(d));
      let inLoop = false;
      for (let p = call.parent; p && p !== scope.node; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') inLoop = true;
      if (!perRequest && !inLoop) continue;
      report(call, 'py.session-per-request', words('py.session-per-request', { where: inLoop ? words('py.where.every-iteration') : words('py.where.every-call', { name: scope.fn?.name ?? '' }) }), 0.7, data);
      continue;
    }
    if (u.kind === 'stored') {
      const outside = createdBeforeTheLoop(m, call);
      if (outside !== null) {
        report(call, 'py.session-per-request', words('py.session-per-request.outside-loop', { where: outside }), 0.75, data);
        continue;
      }
      if (scope.fn?.name === '__init__' || scope.fn?.name === 'setup_hook' || scope.fn?.name === 'on_startup' || scope.fn?.name === 'startup' || scope.fn?.name === 'lifespan') continue;
      const target = u.target.replace(/\s+/g, '');
      const closed = m.calls.some((c) => {
        const f = child(c, 'function');
        return f?.type === 'attribute' && m.text(child(f, 'attribute')!) === 'close' && m.text(child(f, 'object')!).replace(/\s+/g, '') === target;
      });
      if (closed) continue;
      const returned = m.identifiers.some((id) => m.text(id) === target && m.usage(id).kind === 'returned');
      if (returned) continue;
      // Only its making shown (`session = aiohttp.ClientSession(cookie_jar=jar)`, the way docs show an option):
      // nothing in the paste says how it is used or whether the code after the cut closes it.
      if (!usedAfterMade(m, call, target)) continue;
      report(call, 'py.session-per-request', words('py.session-per-request.unclosed', { target }), 0.75, data);
      continue;
    }
    if (u.kind === 'value') {
      report(call, 'py.session-per-request', words('py.session-per-request.one-request'), 0.8, data);
    }
  }
};
