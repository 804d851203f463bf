/** py.session-per-request: an aiohttp session opened per request, or never closed. */
import { child } from '../model.js';
import { type Detector, code, callData } from './shared.js';
import { words } from '../../../types.js';

const ROUTE_DECORATOR = /^(app|router|api|bp|blueprint|routes)\.(get|post|put|delete|patch|route|websocket|api_route)\b/;

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
      if (scope.fn?.name === '__init__' || scope.fn?.name === 'setup_hook' || scope.fn?.name === 'on_startup' || scope.fn?.name === 'startup' || scope.fn?.name === 'lifespan') continue;
      const target = u.target.replace(/\s+/g, '');
      const closed = m.calls.some((c) => {
        const f = child(c, 'function');
        return f?.type === 'attribute' && m.text(child(f, 'attribute')!) === 'close' && m.text(child(f, 'object')!).replace(/\s+/g, '') === target;
      });
      if (closed) continue;
      const returned = m.identifiers.some((id) => m.text(id) === target && m.usage(id).kind === 'returned');
      if (returned) continue;
      report(call, 'py.session-per-request', words('py.session-per-request.unclosed', { target }), 0.75, data);
      continue;
    }
    if (u.kind === 'value') {
      report(call, 'py.session-per-request', words('py.session-per-request.one-request'), 0.8, data);
    }
  }
};
